import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import KeyPoint, Question
from study import answers
from study.models import AnswerDraft, Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.scheduling import EASY, GOOD
from tests.conftest import review_card


def test_korean_hint_ignores_particles_attached_to_words():
    assert answers.hint_matches("경사하강법을 쓰면 손실이 줄어든다", [("경사하강법",)]) == [True]
    assert answers.hint_matches("경사하강법은 잘 안다", [("경사하강법을 쓴다",)]) == [True]
    assert answers.hint_matches("배깅은 분산을 줄인다", [("경사하강법",)]) == [False]


def test_korean_hint_on_a_full_key_point_sentence():
    point = ("학습률이 너무 크면 발산하고 너무 작으면 느리다",)
    assert answers.hint_matches(
        "학습률을 너무 크게 잡으면 발산하고, 너무 작으면 학습이 느립니다.", [point]
    ) == [True]
    assert answers.hint_matches("배치 크기를 키우면 노이즈가 줄어든다.", [point]) == [False]


def test_english_hint_matches_word_stems_case_insensitively():
    point = ("Regularization shrinks weights",)
    assert answers.hint_matches("We regularised the Weights, which shrinks them.", [point]) == [True]
    assert answers.hint_matches("We used dropout and early stopping.", [point]) == [False]


def test_hint_needs_most_of_a_key_points_terms():
    point = ("Momentum averages recent gradients to damp oscillation",)
    assert answers.hint_matches("momentum averages gradients and damps oscillation", [point]) == [True]
    assert answers.hint_matches("momentum helps", [point]) == [False]


def test_hint_matches_a_key_point_in_either_language():
    point = ("학습률이 너무 크면 발산한다", "A learning rate that is too high diverges")
    assert answers.hint_matches("If the learning rate is too high, training diverges.", [point]) == [True]
    assert answers.hint_matches("학습률이 너무 크면 손실이 발산합니다", [point]) == [True]
    assert answers.hint_matches("Use a bigger batch.", [point]) == [False]


def test_word_diff_marks_added_and_removed_words():
    runs = answers.word_diff("L2 shrinks weights", "L1 shrinks weights to exactly zero")
    assert ("delete", "L2") in runs and ("insert", "L1") in runs
    assert ("equal", " shrinks weights") in runs
    assert ("insert", " to exactly zero") in runs
    assert "".join(text for op, text in runs if op != "delete") == "L1 shrinks weights to exactly zero"


@pytest.fixture
def question(db):
    return Question.objects.published().order_by("position").first()


def record(user, question, covered_positions, rating=GOOD, submission=None, now=None):
    key_points = list(KeyPoint.objects.filter(outline__question=question).order_by("position"))
    now = now or timezone.now()
    return answers.record_attempt(
        user,
        question,
        key_points,
        "My answer about the model.",
        {kp.pk for kp in key_points if kp.position in covered_positions},
        rating,
        submission or uuid.uuid4(),
        now - timedelta(minutes=3),
        now,
        0.9,
    )


def test_record_attempt_stores_marks_a_review_and_clears_the_draft(learner, question):
    answers.save_draft(learner, question, "draft text", timezone.now())
    recorded = record(learner, question, {1, 2})
    attempt = recorded.attempt
    assert recorded.created
    assert (attempt.covered_count, attempt.key_point_count) == (2, question.outline.key_points.count())
    assert attempt.duration_seconds == 180
    assert attempt.review_log.rating == GOOD
    assert CardState.objects.get(user=learner, question=question).reps == 1
    assert AttemptKeyPoint.objects.filter(attempt=attempt, covered=True).count() == 2
    assert not AnswerDraft.objects.filter(user=learner).exists()


def test_the_same_submission_twice_is_recorded_once(learner, question):
    submission = uuid.uuid4()
    first = record(learner, question, {1}, submission=submission)
    second = record(learner, question, {1, 2, 3}, submission=submission)
    assert not second.created and second.attempt == first.attempt
    assert Attempt.objects.count() == 1 and ReviewLog.objects.count() == 1


def test_an_answer_review_may_grade_a_card_before_it_is_due(learner, question):
    review_card(learner, question, timedelta(days=20), stability=30, difficulty=5, reps=4)
    recorded = record(learner, question, {1, 2, 3, 4}, rating=EASY)
    assert recorded.attempt.review_log is not None
    assert CardState.objects.get(user=learner, question=question).reps == 5


def test_a_suspended_card_keeps_the_attempt_without_rescheduling(learner, question):
    CardState.objects.create(user=learner, question=question, suspended=True)
    recorded = record(learner, question, {1})
    assert recorded.attempt.review_log is None
    assert "suspended" in recorded.notice
    assert not ReviewLog.objects.exists()


def test_points_missed_in_two_of_the_last_three_attempts(learner, question):
    now = timezone.now()
    record(learner, question, {1, 2, 3}, now=now - timedelta(days=9))  # old: outside the window
    record(learner, question, {2, 3}, now=now - timedelta(days=3))
    record(learner, question, {1, 3}, now=now - timedelta(days=2))
    record(learner, question, {3}, now=now - timedelta(days=1))
    missed = answers.repeatedly_missed(learner, question)
    positions = set(KeyPoint.objects.filter(pk__in=missed).values_list("position", flat=True))
    total = question.outline.key_points.count()
    assert positions == {1, 2} | set(range(4, total + 1))


def test_weak_key_points_rank_the_most_missed_and_ignore_other_learners(learner, other, question):
    now = timezone.now()
    record(learner, question, {2, 3, 4}, now=now - timedelta(days=2))
    record(learner, question, {3, 4}, now=now - timedelta(days=1))
    record(other, question, {3, 4})
    weakest = answers.weak_key_points(learner, limit=3)
    assert [(w.missed, w.attempts) for w in weakest[:1]] == [(2, 2)]
    first = KeyPoint.objects.get(pk=weakest[0].key_point_id)
    assert first.position == 1 and weakest[0].question_number == question.number
    assert all(w.attempts == 2 for w in weakest)
    assert answers.weak_key_points(learner, since=now + timedelta(days=1)) == []
