from datetime import timedelta

from django.utils import timezone

from questions.models import KeyPoint
from study.weak_points import repeatedly_missed, weak_key_points
from tests.study.conftest import record


def test_points_missed_in_two_of_the_last_three_attempts(learner, question):
    now = timezone.now()
    record(learner, question, {1, 2, 3}, now=now - timedelta(days=9))  # old: outside the window
    record(learner, question, {2, 3}, now=now - timedelta(days=3))
    record(learner, question, {1, 3}, now=now - timedelta(days=2))
    record(learner, question, {3}, now=now - timedelta(days=1))
    missed = repeatedly_missed(learner, question)
    positions = set(KeyPoint.objects.filter(pk__in=missed).values_list("position", flat=True))
    total = question.outline.key_points.count()
    assert positions == {1, 2} | set(range(4, total + 1))


def test_weak_key_points_rank_the_most_missed_and_ignore_other_learners(learner, other, question):
    now = timezone.now()
    record(learner, question, {2, 3, 4}, now=now - timedelta(days=2))
    record(learner, question, {3, 4}, now=now - timedelta(days=1))
    record(other, question, {3, 4})
    weakest = weak_key_points(learner, limit=3)
    assert [(w.missed, w.attempts) for w in weakest[:1]] == [(2, 2)]
    first = KeyPoint.objects.get(pk=weakest[0].key_point_id)
    assert first.position == 1 and weakest[0].question_number == question.number
    assert all(w.attempts == 2 for w in weakest)
    assert weak_key_points(learner, since=now + timedelta(days=1)) == []
