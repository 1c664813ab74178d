"""The learner-data admin (superusers only): hostile input is refused with a message, never a 500."""

import pytest

from questions.models import Question
from tests.conftest import review_log

pytestmark = pytest.mark.django_db


def test_json_nested_too_deep_in_a_review_is_refused_like_malformed_json(admin_client, learner):
    question = Question.objects.published().order_by("position").first()
    log = review_log(learner, question, duration_ms=1000)
    response = admin_client.post(
        f"/admin/study/reviewlog/{log.pk}/change/",
        {
            "user": learner.pk,
            "question": question.pk,
            "rating": 3,
            "reviewed_at_0": "2026-01-05",
            "reviewed_at_1": "10:00:00",
            "duration_ms": 1000,
            "state_before": 0,
            "state_after": 1,
            "card_before": "[" * 5_000,
            "card_after": "{}",
        },
    )
    assert response.status_code == 200 and "Enter a valid JSON." in response.content.decode()
    log.refresh_from_db()
    assert log.card_before == {}
