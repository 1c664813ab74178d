"""Seed one learner with a long synthetic review history: every published card reviewed, due now."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from questions.models import Question
from study.models import CardState, ReviewLog
from study.scheduling import LEARNING, NEW, REVIEW

BATCH = 5000


def seed(username: str, reviews: int, seed: int = 7) -> object:
    rng = random.Random(seed)
    User = get_user_model()
    User.objects.filter(username=username).delete()
    user = User.objects.create_user(username, password="bench-password-123")
    questions = list(Question.objects.published())
    now = timezone.now()
    span = 730 * 24 * 3600
    for question in questions:
        CardState.objects.create(
            user=user,
            question=question,
            state=REVIEW,
            stability=rng.uniform(2, 60),
            difficulty=rng.uniform(3, 8),
            reps=reviews // len(questions),
            due=now - timedelta(hours=rng.uniform(1, 48)),
            last_review=now - timedelta(days=rng.uniform(3, 30)),
        )
    logs = []
    for index in range(reviews):
        question = questions[index % len(questions)]
        first = index < len(questions)
        logs.append(
            ReviewLog(
                user=user,
                question=question,
                rating=rng.choices((1, 2, 3, 4), (10, 15, 60, 15))[0],
                reviewed_at=now - timedelta(seconds=rng.uniform(3600 * 3, span)),
                duration_ms=rng.randint(4000, 90000),
                state_before=NEW if first else REVIEW,
                state_after=LEARNING if first else REVIEW,
                card_before={},
                card_after={},
            )
        )
        if len(logs) == BATCH:
            ReviewLog.objects.bulk_create(logs)
            logs = []
    ReviewLog.objects.bulk_create(logs)
    settle()
    return user


def settle() -> None:
    """What autovacuum does to the tables soon after a bulk load, on PostgreSQL: planner statistics and the
    visibility map (which lets the covering indexes answer without visiting the rows). Without it every
    plan is made for empty tables, and a test server may run with autovacuum off."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
