import uuid
from datetime import timedelta

from django.utils import timezone

from study.attempts import word_diff
from study.drafts import save_draft
from study.models import AnswerDraft, Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.scheduling import EASY, GOOD
from tests.conftest import review_card
from tests.study.conftest import record


def test_word_diff_marks_added_and_removed_words():
    runs = word_diff("L2 shrinks weights", "L1 shrinks weights to exactly zero")
    assert ("delete", "L2") in runs and ("insert", "L1") in runs
    assert ("equal", " shrinks weights") in runs
    assert ("insert", " to exactly zero") in runs
    assert "".join(text for op, text in runs if op != "delete") == "L1 shrinks weights to exactly zero"


def test_record_attempt_stores_marks_a_review_and_clears_the_draft(learner, question):
    save_draft(learner, question, "draft text", timezone.now())
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


def test_word_diff_of_long_unlike_answers_is_complete_and_bounded():
    old, new = "a b " * 5_000, "b a " * 5_000
    runs = word_diff(old, new)
    assert "".join(text for op, text in runs if op != "insert") == old
    assert "".join(text for op, text in runs if op != "delete") == new


def test_word_diff_finds_one_changed_word_in_a_long_answer():
    words = [f"w{i % 300}" for i in range(3_000)]
    changed = [*words[:1_500], "CHANGED", *words[1_501:]]
    runs = word_diff(" ".join(words), " ".join(changed))
    assert ("insert", "CHANGED") in runs and ("delete", "w0") in runs
    assert runs == [
        ("equal", " ".join(words[:1_500]) + " "),
        ("delete", "w0"),
        ("insert", "CHANGED"),
        ("equal", " " + " ".join(words[1_501:])),
    ]
