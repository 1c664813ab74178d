"""The key points a learner keeps missing in answer reviews: across questions, and on one question."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Subquery

from questions.models import AnswerOutline, KeyPoint, Question
from study.models import Attempt, AttemptKeyPoint
from studyhub.database import prepared_cursor


@dataclass(frozen=True)
class WeakPoint:
    key_point_id: int
    question_number: str
    text_ko: str
    text_en: str
    missed: int
    attempts: int


# Marks are counted per key point first, on integers alone, and only the weakest are joined to their
# texts: grouping every mark by its key point's texts as well cost most of the dashboard's database time.
_WEAK_SQL = """
SELECT w.key_point_id, q.number, kp.text_ko, kp.text_en, w.missed, w.attempts
FROM (
    SELECT m.key_point_id AS key_point_id,
           SUM(CASE WHEN m.covered THEN 0 ELSE 1 END) AS missed,
           COUNT(*) AS attempts
    FROM {mark} m JOIN {attempt} a ON a.id = m.attempt_id
    WHERE a.user_id = %s {since}
    GROUP BY m.key_point_id
    HAVING SUM(CASE WHEN m.covered THEN 0 ELSE 1 END) > 0
    ORDER BY missed DESC, attempts DESC, key_point_id {limit}
) w
JOIN {key_point} kp ON kp.id = w.key_point_id
JOIN {outline} o ON o.id = kp.outline_id
JOIN {question} q ON q.id = o.question_id
ORDER BY w.missed DESC, w.attempts DESC, w.key_point_id
"""


def _weak_sql(since: bool, limit: bool) -> str:
    return _WEAK_SQL.format(
        mark=AttemptKeyPoint._meta.db_table,
        attempt=Attempt._meta.db_table,
        key_point=KeyPoint._meta.db_table,
        outline=AnswerOutline._meta.db_table,
        question=Question._meta.db_table,
        since="AND a.created_at >= %s" if since else "",
        limit="LIMIT %s" if limit else "",
    )


_WEAK_STATEMENTS = {
    (since, limit): _weak_sql(since, limit) for since in (False, True) for limit in (False, True)
}


def weak_key_points(user, since: datetime | None = None, limit: int | None = 20) -> list[WeakPoint]:
    """The key points this learner missed most often in answer reviews (since `since`; all of them
    when `limit` is None), one query."""
    params = [user.pk]
    if since is not None:
        params.append(connection.ops.adapt_datetimefield_value(since))
    if limit is not None:
        params.append(limit)
    with prepared_cursor(connection) as cursor:
        cursor.execute(_WEAK_STATEMENTS[since is not None, limit is not None], params)
        return [WeakPoint(*row) for row in cursor.fetchall()]


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
