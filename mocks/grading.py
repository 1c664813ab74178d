"""Grading a mock's question: the same path as an answer review, once per question."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from mocks.models import MockAnswer, MockQuestion
from questions.models import KeyPoint
from study.attempts import RecordedAttempt, record_attempt
from study.planning import Limits


def key_points_of(item: MockQuestion) -> list[KeyPoint]:
    return list(KeyPoint.objects.filter(outline__question_id=item.question_id).order_by("position"))


def grade_question(
    *, user, item: MockQuestion, covered_ids: set[int], rating: int, now: datetime, limits: Limits
) -> RecordedAttempt:
    """Record the learner's grade of one mock question: an answer attempt and a review of its card.

    The attempt is stored under the question's own submission id, so a second grade of the same
    question — a double click, another tab — stores nothing and returns the first.
    """
    answer = MockAnswer.objects.get(mock_question=item, position=0)
    with transaction.atomic():
        recorded = record_attempt(
            user=user,
            question=item.question,
            key_points=key_points_of(item),
            answer=answer.text,
            covered_ids=covered_ids,
            rating=rating,
            submission=item.submission,
            # The attempt lasts as long as the answer took in the round, not until it was graded.
            started_at=now - timedelta(seconds=answer.seconds_used),
            now=now,
            limits=limits,
            clear_draft=False,
        )
        MockQuestion.objects.filter(pk=item.pk, attempt=None).update(attempt=recorded.attempt)
    item.attempt = recorded.attempt
    return recorded
