from datetime import timedelta

import pytest

from mocks import rounds
from mocks.grading import grade_question, key_points_of
from mocks.models import MockQuestion
from study.drafts import save_draft
from study.models import AnswerDraft, Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.planning import Limits
from study.scheduling import EASY, GOOD
from tests.mocks.conftest import NOW, run_through, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(learner, fundamentals):
    mock = start(learner)
    first = rounds.current_answer(mock, NOW)
    rounds.submit(first, "Bias is systematic error; variance is sensitivity.", NOW + timedelta(seconds=90))
    run_through(mock, NOW + timedelta(minutes=2))
    return mock


def grade(user, item, positions=(1, 2), rating=GOOD, now=NOW + timedelta(hours=1)):
    points = key_points_of(item)
    return grade_question(
        user=user,
        item=item,
        covered_ids={p.pk for p in points if p.position in positions},
        rating=rating,
        now=now,
        limits=Limits(),
    )


def test_a_grade_records_an_answer_attempt_and_a_review_of_the_card(learner, finished):
    item = finished.questions.get(position=1)
    recorded = grade(learner, item)
    attempt = recorded.attempt
    assert recorded.created and attempt.submission == item.submission
    assert attempt.answer == "Bias is systematic error; variance is sensitivity."
    assert attempt.duration_seconds == 90  # the time the answer took in the mock, not until grading
    assert (attempt.covered_count, attempt.key_point_count) == (2, len(key_points_of(item)))
    assert attempt.review_log.rating == GOOD
    assert CardState.objects.get(user=learner, question=item.question).reps == 1
    assert MockQuestion.objects.get(pk=item.pk).attempt == attempt
    assert AttemptKeyPoint.objects.filter(attempt=attempt, covered=True).count() == 2


def test_grading_twice_from_two_tabs_stores_one_attempt_and_one_review(learner, finished):
    tab_one = finished.questions.get(position=1)
    tab_two = MockQuestion.objects.get(pk=tab_one.pk)
    first = grade(learner, tab_one, rating=GOOD)
    second = grade(
        learner, tab_two, positions=(1, 2, 3, 4), rating=EASY, now=NOW + timedelta(hours=1, seconds=2)
    )
    assert not second.created and second.attempt == first.attempt
    assert second.notice == "That answer was already recorded."
    assert Attempt.objects.count() == 1 and ReviewLog.objects.count() == 1
    assert ReviewLog.objects.get().rating == GOOD
    assert CardState.objects.get(user=learner, question=tab_one.question).reps == 1


def test_a_mock_grade_leaves_the_answer_review_draft_alone(learner, finished):
    item = finished.questions.get(position=2)
    save_draft(learner, item.question, "Written on the question page", NOW)
    grade(learner, item)
    assert (
        AnswerDraft.objects.get(user=learner, question=item.question).text == "Written on the question page"
    )


def test_a_skipped_question_is_graded_with_an_empty_answer(learner, fundamentals):
    mock = start(learner)
    rounds.skip(rounds.current_answer(mock, NOW), "", NOW + timedelta(seconds=5))
    item = mock.questions.get(position=1)
    recorded = grade(learner, item, positions=(), rating=1)
    assert recorded.attempt.answer == "" and recorded.attempt.covered_count == 0
    assert recorded.attempt.duration_seconds == 5
