from datetime import timedelta

import pytest

from mocks import rounds
from mocks.grading import grade_question, key_points_of
from mocks.models import MockAnswer
from mocks.report import build_report
from study.planning import Limits
from study.scheduling import AGAIN, GOOD
from tests.mocks.conftest import NOW, design_question, start

pytestmark = pytest.mark.django_db


def grade(user, item, positions, rating):
    points = key_points_of(item)
    covered = {p.pk for p in points if p.position in positions}
    return grade_question(
        user=user,
        item=item,
        covered_ids=covered,
        rating=rating,
        now=NOW + timedelta(hours=1),
        limits=Limits(),
    )


@pytest.fixture
def played(learner, fundamentals, only):
    """Three questions: the first answered with its follow-ups, the second skipped, the third timed out."""
    only(*fundamentals[:3])
    mock = start(learner, count=3)
    first = rounds.current_answer(mock, NOW)
    point = key_points_of(first.mock_question)[0]
    rounds.submit(first, f"To begin: {point.text_en}", NOW + timedelta(seconds=60))
    now = NOW + timedelta(seconds=60)
    while (answer := rounds.current_answer(mock, now)).mock_question.position == 1:
        now += timedelta(seconds=30)
        rounds.submit(answer, "A follow-up answer", now)
    now += timedelta(seconds=20)
    rounds.skip(answer, "", now)
    third = rounds.current_answer(mock, now)
    rounds.save_text(third, "x", now + timedelta(seconds=10))
    rounds.end_round(mock, now + timedelta(minutes=6))
    mock.refresh_from_db()
    return mock


def test_the_report_adds_up_key_points_and_time_per_question(learner, played):
    items = {item.position: item for item in played.questions.select_related("question")}
    follow_ups = items[1].question.follow_ups.count()
    graded_first = grade(learner, items[1], positions=(1, 2), rating=GOOD).attempt
    graded_second = grade(learner, items[2], positions=(), rating=AGAIN).attempt
    report = build_report(played)
    first, second, third = report.questions
    assert (first.seconds_used, first.seconds_allowed) == (60 + 30 * follow_ups, 300 + 120 * follow_ups)
    assert (second.seconds_used, second.seconds_allowed) == (20, 300)  # its follow-ups were never asked
    assert (third.seconds_used, third.seconds_allowed) == (300, 300)
    assert report.seconds_used == 60 + 30 * follow_ups + 20 + 300
    assert third.answer.answer.outcome == MockAnswer.Outcome.TIMED_OUT
    assert second.answer.answer.outcome == MockAnswer.Outcome.SKIPPED
    assert len(report.graded) == 2 and not report.all_graded
    assert report.covered == 2
    assert report.key_points == graded_first.key_point_count + graded_second.key_point_count
    assert report.score == pytest.approx(2 / report.key_points)
    assert [q.item.position for q in report.weakest] == [2, 3, 1]


def test_an_ungraded_answer_shows_the_hints_and_a_suggested_rating(learner, played):
    first = build_report(played).questions[0]
    assert not first.graded
    assert first.checklist[0].hinted and first.checklist[0].ticked
    assert not any(check.ticked for check in first.checklist[1:])
    assert first.suggested == AGAIN  # one key point of several
    assert first.answer.html.startswith("<p>To begin:")
    assert [g.answer.text for g in first.follow_ups] == ["A follow-up answer"] * len(first.follow_ups)


def test_a_graded_answer_shows_its_grade_not_the_hints(learner, played):
    item = played.questions.get(position=1)
    grade(learner, item, positions=(2, 3), rating=GOOD)
    first = build_report(played).questions[0]
    assert first.graded and [c.ticked for c in first.checklist][:3] == [False, True, True]
    assert first.share == pytest.approx(2 / len(first.checklist))


def test_a_design_answer_is_scored_stage_by_stage(learner, only):
    only(design_question("4.1", follow_ups=1))
    mock = start(learner, interview_type="recsys_design")
    answer = rounds.current_answer(mock, NOW)
    assert answer.allowed_seconds == 35 * 60
    rounds.submit(
        answer,
        "Requirements first: the metric is watch time. Candidate generation with a two-tower model.",
        NOW + timedelta(minutes=20),
    )
    follow_up = rounds.current_answer(mock, NOW + timedelta(minutes=20))
    assert follow_up.allowed_seconds == 5 * 60
    rounds.submit(follow_up, "Serving: a cache for low latency.", NOW + timedelta(minutes=22))
    rounds.current_answer(mock, NOW + timedelta(minutes=22))
    report = build_report(mock)
    stages = {score.stage.slug: score.status for score in report.questions[0].stages}
    assert stages == {
        "requirements": "covered",
        "data": "skipped",
        "candidates": "covered",
        "ranking": "skipped",
        "serving": "covered",  # said in the follow-up answer
        "evaluation": "skipped",
    }
    assert report.questions[0].stages_covered == 3
    assert [(score.stage.slug, count) for score, count in report.skipped_stages] == [
        ("data", 1),
        ("ranking", 1),
        ("evaluation", 1),
    ]


def test_concept_questions_are_not_scored_by_stage(learner, played):
    report = build_report(played)
    assert all(q.stages is None for q in report.questions) and not report.skipped_stages
