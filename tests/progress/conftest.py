from datetime import UTC, datetime

import pytest

from questions.models import Question
from study.models import CardState, ReviewLog
from study.scheduling import REVIEW, CardFields

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def questions(db):
    """A one-chapter syllabus: chapter 2's questions (cards) in book order; every other chapter is taken
    back to draft so that totals per chapter and per interview type are easy to state."""
    Question.objects.exclude(chapter__number="2").update(status="draft")
    return list(Question.objects.published().select_related("chapter").order_by("position"))


@pytest.fixture
def add_review():
    """Store one review, as the study loop would (card snapshots included)."""

    def add(user, question, at, rating=3, state_before=REVIEW, state_after=REVIEW, duration_ms=10_000):
        snapshot = CardFields(state=state_before).to_json()
        return ReviewLog.objects.create(
            user=user,
            question=question,
            rating=rating,
            reviewed_at=at,
            duration_ms=duration_ms,
            state_before=state_before,
            state_after=state_after,
            card_before=snapshot,
            card_after=CardFields(state=state_after).to_json(),
        )

    return add


@pytest.fixture
def add_card():
    """Store a learner's card for a question with the given FSRS fields."""

    def add(user, question, **fields):
        return CardState.objects.create(user=user, question=question, **fields)

    return add
