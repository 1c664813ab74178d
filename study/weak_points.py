"""The key points a learner keeps missing in answer reviews: across questions, and on one question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, Subquery

from study.models import Attempt, AttemptKeyPoint


@dataclass(frozen=True)
class WeakPoint:
    key_point_id: int
    question_number: str
    text_ko: str
    text_en: str
    missed: int
    attempts: int


def weak_key_points(user, since: datetime | None = None, limit: int | None = 20) -> list[WeakPoint]:
    """The key points this learner missed most often in answer reviews (since `since`; all of them
    when `limit` is None), one query."""
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


def repeatedly_missed(user, question, window: int = 3, threshold: int = 2) -> set[int]:
    """Key point ids missed in at least `threshold` of the learner's last `window` attempts here."""
    recent = Attempt.objects.filter(user=user, question=question).order_by("-created_at", "-id")
    rows = (
        AttemptKeyPoint.objects.filter(attempt__in=Subquery(recent.values("id")[:window]), covered=False)
        .values("key_point_id")
        .annotate(missed=Count("id"))
        .filter(missed__gte=threshold)
    )
    return {row["key_point_id"] for row in rows}
