import pytest

from mocks.round_types import BY_VALUE, ROUND_TYPES, allowance
from questions.models import GuideSection


@pytest.mark.parametrize(
    ("question_kind", "chapter_kind", "minutes", "expected"),
    [
        ("concept", "fundamentals", None, (300, 120)),
        ("concept", "coding", None, (1200, 180)),
        ("coding", "advanced", None, (1200, 180)),
        ("concept", "system_design", None, (2100, 300)),
        ("design", "infrastructure", None, (2100, 300)),
        ("design", "advanced", 10, (600, 300)),
    ],
)
def test_each_kind_of_question_has_its_time(question_kind, chapter_kind, minutes, expected):
    time = allowance(question_kind, chapter_kind, minutes)
    assert (time.question_seconds, time.follow_up_seconds) == expected


def test_types_map_to_their_chapters():
    assert {t.value: t.chapters for t in ROUND_TYPES} == {
        "fundamentals": ("2",),
        "coding": ("3",),
        "recsys_design": ("4",),
        "app_design": ("5",),
        "infrastructure": ("6",),
        "mixed": (),
    }


@pytest.mark.django_db
def test_every_type_links_a_published_chapter_1_guide():
    slugs = set(
        GuideSection.objects.filter(status="published", chapter__number="1").values_list("slug", flat=True)
    )
    assert {t.guide for t in ROUND_TYPES} <= slugs
    assert BY_VALUE["coding"].guide == "ml-coding-interview"
