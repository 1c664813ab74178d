"""Korean analysis, answer hints and search: prints one JSON line.

- the analyser's load time and memory, measured in a fresh interpreter;
- the hint figures on the hand-labelled answers (tests/study/hint_set.yaml);
- GET /search/ server time (in-process) over the published questions plus 1,000 learner notes,
  for Korean (with particles), English, mixed and no-result queries.
"""

import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from questions.models import KeyPoint, Question  # noqa: E402
from search.index import rebuild  # noqa: E402
from study.hint_quality import read_cases, score  # noqa: E402
from study.models import Note  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTES = 1000
ROUNDS = 30
QUERIES = [
    "경사하강법",
    "경사하강법을",
    "gradient descent",
    "기울기 하강",
    "learning rate가 크면",
    "과적합을 막는 방법",
    "dropout",
    "배치 정규화",
    "L2 regularization",
    "클래스 불균형",
    "random forest",
    "없는단어 zzqq",
]
LOAD = """
import time
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
before = rss()
started = time.perf_counter()
import mecab
tagger = mecab.MeCab()
tagger.parse("경사하강법을 쓴다")
loaded = time.perf_counter() - started
sentence = "학습률이 너무 크면 발산하고, 작으면 느립니다. 기울기를 따라 파라미터를 갱신합니다."
started = time.perf_counter()
for _ in range(2000):
    tagger.parse(sentence)
print(loaded, rss() - before, (time.perf_counter() - started) / 2000)
"""


def analyser_cost() -> dict:
    out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout
    load, memory, per_sentence = (float(x) for x in out.split())
    return {
        "load_s": round(load, 3),
        "memory_mb": round(memory, 1),
        "sentence_ms": round(per_sentence * 1000, 3),
    }


def seed_notes() -> object:
    """1,000 notes over nine learners, written from the key points' own words in both languages."""
    user_model = get_user_model()
    Note.objects.filter(user__username__startswith="bench-search-").delete()
    questions = list(Question.objects.published().values_list("pk", flat=True))
    texts = list(KeyPoint.objects.values_list("text_ko", "text_en"))
    rng = random.Random(7)
    notes = []
    for n in range(NOTES):
        owner = n // len(questions)
        user, _ = user_model.objects.get_or_create(username=f"bench-search-{owner}")
        ko, en = rng.choice(texts)
        other_ko, _ = rng.choice(texts)
        body = f"{ko}\n\n{other_ko} — {en}\n\n- 복습할 것: 면접에서 예시와 함께 설명하기"
        notes.append(Note(user=user, question_id=questions[n % len(questions)], body=body))
    Note.objects.bulk_create(notes)
    rebuild()  # a bulk write skips save; index them all as the import's next search would
    return user_model.objects.get(username="bench-search-0")


def search_timings(user) -> dict:
    client = Client()
    client.force_login(user)
    for query in QUERIES:  # warm up: the glossary's concepts and MeCab load once per process
        client.get("/search/", {"q": query})
    times, queries = [], set()
    for _ in range(ROUNDS):
        for query in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/search/", {"q": query})
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
            queries.add(len(captured))
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(ordered[int(0.95 * len(ordered)) - 1], 2),
        "queries": f"{min(queries)}–{max(queries)}",
        "documents": Question.objects.published().count() + Note.objects.count(),
    }


def main() -> None:
    hints = score(read_cases(ROOT / "tests" / "study" / "hint_set.yaml"))
    result = {
        "analyser": analyser_cost(),
        "hints": {
            "answers": len(read_cases(ROOT / "tests" / "study" / "hint_set.yaml")),
            "recall": round(hints.recall, 3),
            "false_share": round(hints.false_share, 3),
            "stated": hints.stated,
            "hints": hints.hints,
            "off_topic_max": hints.off_topic_max,
        },
        "search": search_timings(seed_notes()),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
