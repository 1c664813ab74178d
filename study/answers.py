"""Self-graded answer reviews: hint matching, suggested ratings, and the key points a learner misses.

Plain functions: no requests. The hint is a transparent word match shown as a suggestion, never as
the grade. Korean attaches particles to words (경사하강법을, 경사하강법은), so Korean is compared by
character bigrams; English by lower-cased word stems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from study.models import AttemptKeyPoint

HANGUL = re.compile(r"[가-힣]+")
LATIN_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Share of a key point's terms that must appear in the answer for the hint to tick it.
HINT_THRESHOLD = 0.6
STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        """a an and are as at be by for from in into is it its of on or that the their then this to with
        when which while than each per via not no can use uses used using""",
    )
)


def stem(word: str) -> str:
    """A light English stemmer: enough to match 'regularised' with 'regularization'."""
    for suffix in (
        "ization",
        "isation",
        "ations",
        "ation",
        "izing",
        "ising",
        "ized",
        "ised",
        "izes",
        "ises",
        "ize",
        "ise",
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def korean_bigrams(text: str) -> set[str]:
    grams = set()
    for run in HANGUL.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def english_stems(text: str) -> set[str]:
    return {stem(w) for w in LATIN_WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1}


def terms(text: str) -> set[str]:
    """The comparable terms of a text: Korean bigrams plus English stems."""
    return korean_bigrams(text) | english_stems(text)


def hint_matches(answer: str, key_point_texts: list[str]) -> list[bool]:
    """For each key point (all its languages joined), whether the answer seems to cover it."""
    answer_terms = terms(answer)
    result = []
    for text in key_point_texts:
        point_terms = terms(text)
        share = len(point_terms & answer_terms) / len(point_terms) if point_terms else 0.0
        result.append(share >= HINT_THRESHOLD)
    return result


@dataclass(frozen=True)
class WeakPoint:
    key_point_id: int
    question_number: str
    text_ko: str
    text_en: str
    missed: int
    attempts: int


def weak_key_points(user, since: datetime | None = None, limit: int = 20) -> list[WeakPoint]:
    """The key points this learner missed most often in answer reviews (since `since`), one query."""
    marks = AttemptKeyPoint.objects.filter(attempt__user=user)
    if since is not None:
        marks = marks.filter(attempt__created_at__gte=since)
    rows = (
        marks.values(
            "key_point_id", "key_point__outline__question__number", "key_point__text_ko", "key_point__text_en"
        )
        .annotate(missed=Count("id", filter=Q(covered=False)), attempts=Count("id"))
        .filter(missed__gt=0)
        .order_by("-missed", "-attempts", "key_point_id")[:limit]
    )
    return [
        WeakPoint(
            row["key_point_id"],
            row["key_point__outline__question__number"],
            row["key_point__text_ko"],
            row["key_point__text_en"],
            row["missed"],
            row["attempts"],
        )
        for row in rows
    ]
