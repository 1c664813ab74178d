import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import KeyPoint, Question
from study.attempts import record_attempt
from study.planning import Limits
from study.scheduling import GOOD


@pytest.fixture
def question(db):
    return Question.objects.published().order_by("position").first()


def record(user, question, covered_positions, rating=GOOD, submission=None, now=None):
    key_points = list(KeyPoint.objects.filter(outline__question=question).order_by("position"))
    now = now or timezone.now()
    return record_attempt(
        user=user,
        question=question,
        key_points=key_points,
        answer="My answer about the model.",
        covered_ids={kp.pk for kp in key_points if kp.position in covered_positions},
        rating=rating,
        submission=submission or uuid.uuid4(),
        started_at=now - timedelta(minutes=3),
        now=now,
        limits=Limits(),
    )
