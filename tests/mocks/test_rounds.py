import uuid
from datetime import timedelta

import pytest
from django.utils import translation

from mocks import rounds, selection
from mocks.models import Mock, MockAnswer, MockQuestion
from questions.models import KeyPoint, Question
from study import scheduling
from study.models import Attempt, AttemptKeyPoint, CardState, ReviewLog, StudySettings
from study.scheduling import AGAIN, REVIEW, CardFields
from tests.mocks.conftest import NOW, answers_of, run_through, start

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


def lapse(user, question, at):
    ReviewLog.objects.create(
        user=user,
        question=question,
        rating=AGAIN,
        reviewed_at=at,
        state_before=REVIEW,
        state_after=3,
        card_before=CardFields(state=REVIEW).to_json(),
        card_after=CardFields(state=3).to_json(),
    )


def review_card(user, question, stability, last_review, due, **fields):
    return CardState.objects.create(
        user=user,
        question=question,
        state=REVIEW,
        stability=stability,
        difficulty=fields.pop("difficulty", 5.0),
        last_review=last_review,
        due=due,
        reps=fields.pop("reps", 6),
        **fields,
    )


def well_known(user, question):
    return review_card(user, question, 300.0, NOW - timedelta(days=1), NOW + timedelta(days=200))


def missed_twice(user, question):
    points = list(KeyPoint.objects.filter(outline__question=question))
    for days in (3, 5):
        attempt = Attempt.objects.create(
            user=user,
            question=question,
            answer="…",
            covered_count=0,
            key_point_count=len(points),
            suggested_rating=1,
            rating=1,
            submission=uuid.uuid4(),
            created_at=NOW - timedelta(days=days),
        )
        AttemptKeyPoint.objects.bulk_create(
            AttemptKeyPoint(attempt=attempt, key_point=p, covered=False) for p in points
        )
    return 2 * len(points)


# --- Starting ---------------------------------------------------------------------------------------


def test_a_mock_asks_published_questions_of_its_type_each_with_its_follow_ups(learner, fundamentals):
    mock = start(learner, count=5)
    items = list(mock.questions.select_related("question__chapter").order_by("position"))
    assert [item.position for item in items] == [1, 2, 3, 4, 5]
    assert all(item.question.chapter.number == "2" and item.question.is_published for item in items)
    for item in items:
        answers = list(item.answers.order_by("position"))
        follow_ups = list(item.question.follow_ups.order_by("position"))
        assert [a.position for a in answers] == [0, *[f.position for f in follow_ups]]
        assert [a.follow_up_id for a in answers[1:]] == [f.pk for f in follow_ups]
        assert answers[0].allowed_seconds == 5 * 60  # a concept question
        assert all(a.allowed_seconds == 2 * 60 for a in answers[1:])
        assert all(a.started_at is None and a.deadline is None for a in answers)


def test_the_same_seed_and_history_give_the_same_mock(learner, other, fundamentals):
    mine = start(learner, count=4, seed=99)
    theirs = start(other, count=4, seed=99)
    assert list(mine.questions.values_list("question_id", "reason")) == list(
        theirs.questions.values_list("question_id", "reason")
    )
    assert mine.seed == 99


def test_the_learners_weak_spots_are_read_from_cards_lapses_and_missed_points(learner, fundamentals):
    forgotten, missed, known, new = fundamentals[:4]
    review_card(learner, forgotten, 2.0, NOW - timedelta(days=25), NOW - timedelta(days=20))
    lapse(learner, forgotten, NOW - timedelta(days=3))
    lapse(learner, forgotten, NOW - timedelta(days=40))  # too long ago to count
    missed_count = missed_twice(learner, missed)
    well_known(learner, known)
    CardState.objects.create(user=learner, question=fundamentals[4], suspended=True)
    candidates = {c.question_id: c for c in rounds.weak_spots(learner, ("2",), NOW)}
    assert fundamentals[4].pk not in candidates  # suspended
    assert candidates[forgotten.pk].recall < 0.8 and candidates[forgotten.pk].recent_lapses == 1
    assert candidates[missed.pk].missed_points == missed_count
    assert candidates[known.pk].recall > 0.95
    assert candidates[new.pk].recall is None
    assert set(candidates) == {q.pk for q in fundamentals} - {fundamentals[4].pk}


def test_weak_spots_read_recall_under_the_learners_own_fsrs_parameters(learner, fundamentals):
    question = fundamentals[0]
    card = review_card(learner, question, 10.0, NOW - timedelta(days=60), NOW - timedelta(days=50))
    personal = (*scheduling.DEFAULT_PARAMETERS[:20], 0.5)  # a steeper forgetting curve
    StudySettings.objects.filter(user=learner).update(fsrs_parameters=list(personal))
    learner.refresh_from_db()
    fields = scheduling.CardFields.from_model(card)
    (candidate,) = [c for c in rounds.weak_spots(learner, ("2",), NOW) if c.question_id == question.pk]
    assert candidate.recall == pytest.approx(scheduling.retrievability(fields, NOW, personal))
    assert candidate.recall < scheduling.retrievability(fields, NOW) - 0.05


def test_a_weak_question_is_chosen_and_the_report_keeps_why(learner, fundamentals, only):
    weak, *rest = only(*fundamentals[:4])
    for question in rest:
        well_known(learner, question)
    for days in (2, 4, 6):
        lapse(learner, weak, NOW - timedelta(days=days))
    review_card(
        learner, weak, 1.0, NOW - timedelta(days=2), NOW - timedelta(days=1), difficulty=9.0, lapses=3
    )
    mock = start(learner, count=3, seed=5)
    item = mock.questions.get(question=weak)
    assert item.reason == selection.LAPSES
    assert item.reason_detail == "Forgotten 3 times in recent reviews"
    assert (item.reason_count, item.why) == (3, "Forgotten 3 times in recent reviews")
    with translation.override("ko"):
        assert item.why == "최근 복습에서 3번 잊음"


def test_questions_of_the_last_mocks_are_avoided(learner, fundamentals, only):
    only(*fundamentals[:6])
    first = set(start(learner, count=3, seed=1).questions.values_list("question_id", flat=True))
    second = set(
        start(learner, count=3, seed=2, now=NOW + SECOND).questions.values_list("question_id", flat=True)
    )
    assert first.isdisjoint(second)
    third = start(learner, count=3, seed=3, now=NOW + 2 * SECOND)
    assert set(third.questions.values_list("reason", flat=True)) == {selection.REPEAT}


def test_only_published_questions_are_asked(learner, fundamentals, draft_question):
    Question.objects.filter(pk__in=[q.pk for q in fundamentals[::2]]).update(status="draft")
    asked = set(
        start(learner, count=8, interview_type="mixed").questions.values_list("question_id", flat=True)
    )
    assert asked.isdisjoint({q.pk for q in fundamentals[::2]} | {draft_question.pk})
    assert Question.objects.filter(pk__in=asked, status="published").count() == 8


def test_a_type_without_published_questions_is_refused(learner):
    Question.objects.filter(chapter__number="4").update(status="draft")
    with pytest.raises(rounds.NoQuestions, match="Recommendation-system design has no published questions"):
        start(learner, interview_type="recsys_design")
    assert not Mock.objects.exists()


def test_fewer_published_questions_than_asked_make_a_shorter_mock(learner, fundamentals, only):
    only(*fundamentals[:2])
    started = rounds.start_mock(
        learner, interview_type="fundamentals", count=5, minutes=None, now=NOW, seed=1
    )
    assert started.short and started.questions == 2 and started.mock.questions.count() == 2


def test_chosen_minutes_replace_each_questions_time_but_not_the_follow_ups(learner, fundamentals):
    mock = start(learner, minutes=12)
    assert mock.minutes_per_question == 12
    assert {a.allowed_seconds for a in answers_of(mock) if a.is_question} == {12 * 60}
    assert {a.allowed_seconds for a in answers_of(mock) if not a.is_question} == {2 * 60}


# --- The clock ----------------------------------------------------------------------------------


def test_the_clock_starts_when_an_answer_is_first_shown_and_a_reload_keeps_it(learner, fundamentals):
    mock = start(learner)
    shown = rounds.current_answer(mock, NOW + timedelta(minutes=3))
    assert shown.mock_question.position == 1 and shown.is_question
    assert shown.deadline == NOW + timedelta(minutes=8)
    again = rounds.current_answer(mock, NOW + timedelta(minutes=5))  # a reload, or a second tab
    assert again.pk == shown.pk and again.deadline == shown.deadline
    assert again.remaining_seconds(NOW + timedelta(minutes=5)) == 180


def test_follow_ups_are_asked_one_at_a_time_after_the_answer(learner, fundamentals):
    mock = start(learner, count=3)
    answer = rounds.current_answer(mock, NOW)
    rounds.submit(answer, "Bias and variance", NOW + timedelta(minutes=2))
    follow_up = rounds.current_answer(mock, NOW + timedelta(minutes=2, seconds=5))
    assert follow_up.mock_question_id == answer.mock_question_id and follow_up.position == 1
    assert follow_up.deadline == NOW + timedelta(minutes=4, seconds=5)
    progress = rounds.progress(follow_up)
    assert (progress.question, progress.questions, progress.follow_up, progress.done) == (1, 3, 1, 1)
    assert progress.follow_ups == answer.mock_question.question.follow_ups.count()


def test_an_answer_handed_in_after_its_deadline_is_refused_and_the_saved_text_kept(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.save_text(answer, "What I had by then", NOW + timedelta(minutes=4))
    with pytest.raises(rounds.TimeUp) as late:
        rounds.submit(answer, "A better answer written too late", NOW + timedelta(minutes=5, seconds=3))
    assert late.value.deadline == NOW + timedelta(minutes=5)
    answer.refresh_from_db()
    assert answer.text == "What I had by then"
    assert answer.outcome == MockAnswer.Outcome.TIMED_OUT and answer.ended_at == answer.deadline
    assert answer.seconds_used == 300
    follow_up = rounds.current_answer(mock, NOW + timedelta(minutes=5, seconds=3))
    assert follow_up.position == 1  # something was written, so the interviewer follows up


def test_a_request_sent_as_the_clock_ran_out_still_counts(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.submit(answer, "Just in time", NOW + timedelta(minutes=5) + rounds.GRACE)
    answer.refresh_from_db()
    assert answer.outcome == MockAnswer.Outcome.ANSWERED and answer.text == "Just in time"


def test_an_answer_is_locked_as_saved_only_once_its_deadline_has_passed(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.save_text(answer, "Kept", NOW + timedelta(minutes=1))
    with pytest.raises(rounds.AnswerClosed):
        rounds.lock(answer, NOW + timedelta(minutes=4))  # still on the clock
    rounds.lock(answer, NOW + timedelta(minutes=5, seconds=1))
    answer.refresh_from_db()
    assert answer.outcome == MockAnswer.Outcome.TIMED_OUT and answer.text == "Kept"
    with pytest.raises(rounds.AnswerClosed):
        rounds.lock(answer, NOW + timedelta(minutes=6))


def test_autosave_stops_at_the_deadline(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.save_text(answer, "draft", NOW + timedelta(minutes=1))
    with pytest.raises(rounds.TimeUp):
        rounds.save_text(answer, "draft and more", NOW + timedelta(minutes=6))
    answer.refresh_from_db()
    assert answer.text == "draft" and answer.saved_at == NOW + timedelta(minutes=1)


def test_a_double_submit_counts_once(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.submit(answer, "First click", NOW + timedelta(minutes=1))
    with pytest.raises(rounds.AnswerClosed):
        rounds.submit(answer, "Second click", NOW + timedelta(minutes=1, seconds=1))
    with pytest.raises(rounds.AnswerClosed):
        rounds.skip(answer, "", NOW + timedelta(minutes=1, seconds=2))
    answer.refresh_from_db()
    assert answer.text == "First click" and answer.outcome == MockAnswer.Outcome.ANSWERED
    assert answer.seconds_used == 60


def test_an_answer_not_shown_yet_cannot_be_handed_in(learner, fundamentals):
    mock = start(learner)
    later = MockAnswer.objects.filter(mock_question__mock=mock, mock_question__position=2, position=0).get()
    with pytest.raises(rounds.AnswerClosed):
        rounds.submit(later, "Peeking ahead", NOW)


def test_skipping_a_question_skips_its_follow_ups(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.skip(answer, "", NOW + timedelta(seconds=20))
    nxt = rounds.current_answer(mock, NOW + timedelta(seconds=21))
    assert nxt.mock_question.position == 2 and nxt.is_question
    first = answers_of(mock)[: 1 + answer.mock_question.question.follow_ups.count()]
    assert {a.outcome for a in first} == {MockAnswer.Outcome.SKIPPED}
    assert all(a.started_at is None for a in first[1:])


def test_a_question_left_blank_until_its_deadline_moves_on_to_the_next_question(learner, fundamentals):
    mock = start(learner)
    rounds.current_answer(mock, NOW)
    nxt = rounds.current_answer(mock, NOW + timedelta(minutes=7))
    assert nxt.mock_question.position == 2 and nxt.started_at == NOW + timedelta(minutes=7)


def test_an_abandoned_mock_resumes_where_it_stood(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.save_text(answer, "Half an answer", NOW + timedelta(minutes=2))
    back = NOW + timedelta(days=2)  # the tab was closed; the learner comes back
    resumed = rounds.current_answer(Mock.objects.get(pk=mock.pk), back)
    answer.refresh_from_db()
    assert answer.outcome == MockAnswer.Outcome.TIMED_OUT and answer.text == "Half an answer"
    assert answer.ended_at == NOW + timedelta(minutes=5)
    assert resumed.mock_question_id == answer.mock_question_id and resumed.position == 1
    assert resumed.started_at == back and resumed.remaining_seconds(back) == 120


def test_the_mock_finishes_after_its_last_answer(learner, fundamentals):
    mock = start(learner)
    finished = run_through(mock)
    mock.refresh_from_db()
    assert mock.finished_at == finished
    assert rounds.current_answer(mock, finished) is None
    assert {a.outcome for a in answers_of(mock)} == {MockAnswer.Outcome.ANSWERED}


def test_ending_early_skips_the_rest_and_keeps_what_was_written(learner, fundamentals):
    mock = start(learner)
    answer = rounds.current_answer(mock, NOW)
    rounds.save_text(answer, "Something", NOW + timedelta(minutes=1))
    rounds.end_round(mock, NOW + timedelta(minutes=2))
    mock.refresh_from_db()
    assert mock.finished_at == NOW + timedelta(minutes=2)
    answers = answers_of(mock)
    assert answers[0].text == "Something" and answers[0].outcome == MockAnswer.Outcome.SKIPPED
    assert answers[0].seconds_used == 120
    assert all(a.outcome == MockAnswer.Outcome.SKIPPED and a.started_at is None for a in answers[1:])
    assert MockQuestion.objects.filter(mock=mock).count() == 3
