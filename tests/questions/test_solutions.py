"""Every coding question's reference solution passes every one of its cases (a wrong solution fails CI)."""

from pathlib import Path

import pytest
from django.conf import settings

from questions.content import SOLUTION_TESTS, read_yaml

FIXTURES = Path(settings.STUDYHUB_FIXTURES_DIR)


def coding_items():
    for path in sorted(FIXTURES.glob("chapter-*.yaml")):
        data = read_yaml(path)
        for item in data.get("items") or []:
            if item.get("kind") == "coding" and item.get("status") == "published":
                yield item


CODING = list(coding_items())
CASES = [
    pytest.param(item, case, id=f"Q{item['number']}-{index}")
    for item in CODING
    for index, case in enumerate(item.get("tests") or [], 1)
]


def test_every_chapter_three_question_is_a_published_coding_question_with_cases():
    numbers = [item["number"] for item in CODING]
    assert numbers == [f"3.{n}" for n in range(1, 12)]
    for item in CODING:
        assert SOLUTION_TESTS[0] <= len(item["tests"]) <= SOLUTION_TESTS[1], item["number"]


@pytest.mark.parametrize(("item", "case"), CASES)
def test_the_reference_solution_passes_its_case(item, case):
    namespace: dict = {"__name__": f"solution_{item['number'].replace('.', '_')}"}
    exec(compile(item["solution"], f"Q{item['number']} solution", "exec"), namespace)
    exec(compile(case["code"], f"Q{item['number']} case {case['name']!r}", "exec"), dict(namespace))


def test_a_wrong_solution_fails_its_cases():
    item = CODING[0]
    namespace: dict = {}
    exec(compile(item["solution"], "solution", "exec"), namespace)
    # Break every function the solution defines: at least one case must notice.
    for name, value in list(namespace.items()):
        if callable(value) and getattr(value, "__module__", None) is None and not name.startswith("_"):
            namespace[name] = lambda *args, **kwargs: None
    failures = 0
    for case in item["tests"]:
        try:
            exec(compile(case["code"], "case", "exec"), dict(namespace))
        except Exception:
            failures += 1
    assert failures > 0
