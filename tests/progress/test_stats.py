import math
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from mocks.models import Mock, MockQuestion
from progress import stats
from questions.models import Question
from study import planning, scheduling
from study.cards import read_cards
from study.models import Attempt
from study.queue import build_queue
from study.scheduling import AGAIN, EASY, GOOD, HARD, LEARNING, NEW, RELEARNING, REVIEW, CardFields
from tests.progress.conftest import NOW

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def set_time_zone(user, time_zone):
    user.study_settings.time_zone = time_zone
    user.study_settings.save()
    return user.study_settings


# --- The newest review before today ---------------------------------------------------------------


def test_the_newest_review_before_today_by_row_and_by_time(learner, other, questions, add_review):
    before = utc(2026, 3, 10)
    assert stats.past_version(learner, before) == (None, None)
    older = add_review(learner, questions[0], utc(2026, 3, 9, 8))
    add_review(learner, questions[0], utc(2026, 3, 10, 9))  # on the day: not before it
    add_review(other, questions[0], utc(2026, 3, 9, 20))  # another learner's
    (newest_id, newest_at) = stats.past_version(learner, before)
    assert newest_id == older.pk
    imported = add_review(learner, questions[1], utc(2026, 1, 5))  # an import: a new row, an old day
    assert stats.past_version(learner, before) == (imported.pk, newest_at)


# --- Streaks --------------------------------------------------------------------------------------


def test_streaks_are_runs_of_consecutive_days():
    days = [date(2026, 3, d) for d in (1, 2, 3, 5, 6)]
    assert stats.streaks(days, date(2026, 3, 6)) == (2, 3)


def test_a_streak_is_kept_until_the_day_without_a_review_is_over():
    days = [date(2026, 3, d) for d in (4, 5, 6)]
    assert stats.streaks(days, date(2026, 3, 7)) == (3, 3)
    assert stats.streaks(days, date(2026, 3, 8)) == (0, 3)


def test_no_reviews_no_streak():
    assert stats.streaks([], date(2026, 3, 8)) == (0, 0)


@pytest.mark.parametrize(
    ("time_zone", "expected"),
    [
        # 14:30 and 15:30 UTC: either side of midnight in Seoul, the same afternoon in UTC.
        ("Asia/Seoul", {date(2026, 3, 1), date(2026, 3, 2)}),
        ("UTC", {date(2026, 3, 1)}),
        ("America/Los_Angeles", {date(2026, 3, 1)}),
    ],
)
def test_active_days_are_the_learners_local_days(learner, questions, add_review, time_zone, expected):
    add_review(learner, questions[0], utc(2026, 3, 1, 14, 30))
    add_review(learner, questions[1], utc(2026, 3, 1, 15, 30))
    assert stats.active_days(learner, time_zone, date(2026, 3, 2)) == expected


def test_streak_on_the_dashboard_uses_the_learners_time_zone(learner, questions, add_review):
    # 23:30 in Seoul on three evenings in a row: one day apart in UTC too, but 14:30 UTC each time.
    for day in (7, 8, 9):
        add_review(learner, questions[0], utc(2026, 3, day, 14, 30))
    seoul = stats.dashboard(learner, set_time_zone(learner, "Asia/Seoul"), NOW).today
    assert (seoul.current_streak, seoul.longest_streak, seoul.studied_today) == (3, 3, False)
    # Half an hour later in UTC terms, the same reviews fall on the 8th, 9th and 10th in Seoul.
    for day in (7, 8, 9):
        add_review(learner, questions[1], utc(2026, 3, day, 15, 30))
    seoul = stats.dashboard(learner, learner.study_settings, NOW).today
    assert (seoul.current_streak, seoul.longest_streak, seoul.studied_today) == (4, 4, True)
    honolulu = stats.dashboard(learner, set_time_zone(learner, "Pacific/Honolulu"), NOW).today
    assert (honolulu.current_streak, honolulu.longest_streak) == (3, 3)


# --- Daily and weekly series ------------------------------------------------------------------------


def test_daily_counts_follow_daylight_saving_time(learner, questions, add_review):
    # New York moves from UTC-5 to UTC-4 at 02:00 on Sunday 8 March 2026.
    for at in (
        utc(2026, 3, 8, 4, 30),  # Sat 7th, 23:30 EST
        utc(2026, 3, 8, 5, 30),  # Sun 8th, 00:30 EST
        utc(2026, 3, 9, 3, 30),  # Sun 8th, 23:30 EDT
        utc(2026, 3, 9, 4, 10),  # Mon 9th, 00:10 EDT (still the 8th at a fixed UTC-5)
    ):
        add_review(learner, questions[0], at)
    days = stats.daily_reviews(learner, "America/New_York", date(2026, 3, 6), date(2026, 3, 9))
    assert [(d.day.day, d.count) for d in days] == [(6, 0), (7, 1), (8, 2), (9, 1)]


def test_daily_ratings_split_each_day_by_rating(learner, questions, add_review):
    add_review(learner, questions[0], utc(2026, 3, 9, 1), rating=AGAIN, state_before=NEW, duration_ms=4000)
    add_review(
        learner, questions[0], utc(2026, 3, 9, 2), rating=GOOD, state_before=LEARNING, duration_ms=6000
    )
    add_review(learner, questions[1], utc(2026, 3, 10, 1), rating=EASY, duration_ms=1000)
    add_review(learner, questions[2], utc(2026, 3, 10, 2), rating=HARD, duration_ms=2000)
    first, second = stats.daily_ratings(learner, "UTC", date(2026, 3, 9), date(2026, 3, 10))
    assert (first.again, first.hard, first.good, first.easy, first.total) == (1, 0, 1, 0, 2)
    assert (second.again, second.hard, second.good, second.easy) == (0, 1, 0, 1)


def test_true_retention_counts_review_state_reviews_not_rated_again(learner, questions, add_review):
    monday = date(2026, 3, 2)
    for rating in (AGAIN, GOOD, GOOD, EASY):
        add_review(learner, questions[0], utc(2026, 3, 3, 10), rating=rating)
    add_review(learner, questions[1], utc(2026, 3, 3, 11), rating=AGAIN, state_before=LEARNING)
    add_review(learner, questions[1], utc(2026, 3, 4, 11), rating=HARD, state_before=RELEARNING)
    weeks = stats.weekly_retention(learner, "UTC", monday - timedelta(weeks=1), 2)
    assert [(w.week, w.reviews, w.passed) for w in weeks] == [(date(2026, 2, 23), 0, 0), (monday, 4, 3)]
    assert weeks[0].retention is None and weeks[1].retention == 0.75


def test_weeks_start_on_the_learners_monday(learner, questions, add_review):
    # Sunday 23:30 and Monday 00:30 in Seoul.
    add_review(learner, questions[0], utc(2026, 3, 8, 14, 30))
    add_review(learner, questions[0], utc(2026, 3, 8, 15, 30), rating=AGAIN)
    weeks = stats.weekly_retention(learner, "Asia/Seoul", date(2026, 3, 2), 2)
    assert [(w.reviews, w.passed) for w in weeks] == [(1, 1), (1, 0)]


def test_answer_scores_per_week_are_the_mean_share_of_key_points(learner, questions):
    for covered, total, at in ((3, 4, utc(2026, 3, 3)), (1, 4, utc(2026, 3, 4)), (2, 2, utc(2026, 3, 10))):
        Attempt.objects.create(
            user=learner,
            question=questions[0],
            answer="…",
            answer_html="<p>…</p>",
            covered_count=covered,
            key_point_count=total,
            suggested_rating=GOOD,
            rating=GOOD,
            submission=uuid.uuid4(),
            created_at=at,
        )
    weeks = stats.weekly_scores(learner, "UTC", date(2026, 2, 23), 3)
    assert [(w.attempts, w.mean_score) for w in weeks] == [(0, None), (2, 0.5), (1, 1.0)]


# --- Cards: today, mastery, forecast, weakest ------------------------------------------------------


def review_card(
    user, question, add_card, *, stability, days_ago, due_in_days, lapses=0, state=REVIEW, **extra
):
    return add_card(
        user,
        question,
        state=state,
        stability=stability,
        difficulty=5.0,
        last_review=NOW - timedelta(days=days_ago),
        due=NOW + timedelta(days=due_in_days),
        reps=3 + lapses,
        lapses=lapses,
        **extra,
    )


def test_today_agrees_with_the_study_queue(learner, questions, add_card, add_review):
    settings = set_time_zone(learner, "UTC")
    settings.new_cards_per_day = 5
    settings.save()
    review_card(learner, questions[0], add_card, stability=3, days_ago=5, due_in_days=-1)
    review_card(learner, questions[1], add_card, stability=3, days_ago=5, due_in_days=-2)
    review_card(learner, questions[2], add_card, stability=30, days_ago=5, due_in_days=20)
    add_card(
        learner, questions[3], state=LEARNING, step=1, stability=1, difficulty=5, due=NOW, last_review=NOW
    )
    add_review(learner, questions[3], NOW - timedelta(hours=2), state_before=NEW, duration_ms=90_000)
    add_review(learner, questions[3], NOW - timedelta(hours=1), state_before=LEARNING, duration_ms=30_000)
    add_review(learner, questions[4], NOW - timedelta(days=1), state_before=NEW)  # yesterday

    today = stats.dashboard(learner, settings, NOW).today
    queue = build_queue(learner, settings, NOW)
    assert (today.due, today.new_left) == (queue.remaining_due, queue.new_left) == (3, 4)
    assert (today.reviewed, today.duration_ms, today.minutes) == (2, 120_000, 2)


def test_mastery_per_chapter_and_interview_type(learner, questions, add_card):
    first = review_card(learner, questions[0], add_card, stability=10, days_ago=10, due_in_days=1)
    second = review_card(learner, questions[1], add_card, stability=2, days_ago=8, due_in_days=-5)
    add_card(
        learner, questions[2], state=LEARNING, step=0, stability=1, difficulty=5, due=NOW, last_review=NOW
    )
    add_card(learner, questions[3], suspended=True)  # suspended before ever being studied: still unseen
    (chapter,) = stats.dashboard(learner, learner.study_settings, NOW).chapters
    expected_recall = sum(
        scheduling.retrievability(CardFields.from_model(card), NOW) for card in (first, second)
    ) + scheduling.retrievability(CardFields(state=LEARNING, stability=1, last_review=NOW), NOW)
    assert (chapter.number, chapter.cards, chapter.seen, chapter.in_review) == ("2", len(questions), 3, 2)
    assert chapter.never_seen == len(questions) - 3
    assert chapter.mean_recall == pytest.approx(expected_recall / 3)
    assert chapter.review_share == pytest.approx(2 / len(questions))
    (kind,) = stats.dashboard(learner, learner.study_settings, NOW).kinds
    assert (kind.title_en, kind.cards, kind.seen) == ("ML fundamentals", len(questions), 3)


def test_mastery_of_a_learner_who_never_studied(learner, questions):
    (chapter,) = stats.dashboard(learner, learner.study_settings, NOW).chapters
    assert (chapter.seen, chapter.never_seen, chapter.mean_recall) == (0, len(questions), None)


def test_forecast_counts_cards_by_local_due_day_with_overdue_today(learner, questions, add_card):
    for question, due in zip(
        questions,
        (
            NOW - timedelta(days=3),  # overdue: today
            NOW + timedelta(hours=11),  # 23:00 UTC: tomorrow 08:00 in Seoul
            NOW + timedelta(days=29),  # the last day shown
            NOW + timedelta(days=30),  # beyond
        ),
        strict=False,
    ):
        add_card(learner, question, state=REVIEW, stability=5, difficulty=5, due=due, last_review=NOW)
    add_card(learner, questions[4], state=REVIEW, stability=5, difficulty=5, due=NOW, suspended=True)
    add_card(learner, questions[5])  # new
    rows = read_cards(learner, since=NOW).cards
    seoul = stats.forecast(rows, date(2026, 3, 10), "Asia/Seoul")
    assert len(seoul) == 30 and seoul[0].day == date(2026, 3, 10)
    assert {d.day: d.count for d in seoul if d.count} == {
        date(2026, 3, 10): 1,
        date(2026, 3, 11): 1,
        date(2026, 4, 8): 1,
    }
    utc_days = {d.day: d.count for d in stats.forecast(rows, date(2026, 3, 10), "UTC") if d.count}
    assert utc_days == {date(2026, 3, 10): 2, date(2026, 4, 8): 1}


def test_weakest_questions_by_recall_and_by_lapses(learner, questions, add_card):
    review_card(learner, questions[0], add_card, stability=1, days_ago=20, due_in_days=-19, lapses=1)
    review_card(learner, questions[1], add_card, stability=50, days_ago=2, due_in_days=40, lapses=6)
    review_card(learner, questions[2], add_card, stability=5, days_ago=10, due_in_days=-5, lapses=2)
    data = stats.dashboard(learner, learner.study_settings, NOW)
    assert [q.number for q in data.lowest_recall] == [questions[i].number for i in (0, 2, 1)]
    assert [(q.number, q.lapses) for q in data.most_lapses] == [
        (questions[1].number, 6),
        (questions[2].number, 2),
        (questions[0].number, 1),
    ]


# --- Readiness -----------------------------------------------------------------------------------------


def test_readiness_without_any_study_plans_every_card_to_the_target(learner, questions):
    settings = set_time_zone(learner, "Asia/Seoul")
    settings.interview_date = date(2026, 4, 9)  # 30 days after NOW's day in Seoul
    data = stats.dashboard(learner, settings, NOW)
    readiness = data.readiness
    assert (readiness.recall_if_stopped, readiness.days_left, readiness.passed) == (0.0, 30, False)
    assert readiness.on_track and readiness.recall >= readiness.target == 0.9
    assert readiness.reviews_needed == data.plan.total == sum(day.answers for day in data.plan.days)
    assert readiness.per_day == math.ceil(readiness.reviews_needed / 30)
    assert sum(day.new_cards for day in data.plan.days) == len(questions)  # every card introduced
    (chapter,) = readiness.chapters
    assert (chapter.cards, chapter.recall_if_stopped, chapter.reviews_needed) == (
        len(questions),
        0.0,
        readiness.reviews_needed,
    )


def test_readiness_if_stopped_is_the_mean_predicted_recall_on_the_interview_morning(
    learner, questions, add_card
):
    settings = set_time_zone(learner, "UTC")
    settings.interview_date = date(2026, 3, 20)
    strong = review_card(learner, questions[0], add_card, stability=200, days_ago=1, due_in_days=150)
    weak = review_card(learner, questions[1], add_card, stability=3, days_ago=4, due_in_days=-1)
    data = stats.dashboard(learner, settings, NOW)
    morning = utc(2026, 3, 20, planning.INTERVIEW_HOUR)
    recall = [scheduling.retrievability(CardFields.from_model(card), morning) for card in (strong, weak)]
    assert data.readiness.recall_if_stopped == pytest.approx(sum(recall) / len(questions))
    assert data.plan.answers.get(strong.question_id, 0) == 0  # already ready: nothing to do
    assert data.plan.answers[weak.question_id] >= 1
    assert data.plan.recall[weak.question_id] >= 0.9


def test_readiness_says_what_would_reach_the_target_when_the_limits_cannot(learner, questions):
    settings = set_time_zone(learner, "UTC")
    settings.interview_date = date(2026, 3, 13)  # three study days for every card of chapter 2
    settings.new_cards_per_day = 2
    readiness = stats.dashboard(learner, settings, NOW).readiness
    assert not readiness.on_track
    assert readiness.not_introduced == len(questions) - 3 * 2
    assert readiness.reach.new_per_day == math.ceil(len(questions) / 3)
    assert readiness.reach.interview_date == date(2026, 3, 10) + timedelta(days=math.ceil(len(questions) / 2))


def test_readiness_covers_the_deck_the_learner_studies(learner, questions, add_card):
    settings = set_time_zone(learner, "UTC")
    settings.interview_date = date(2026, 4, 9)
    settings.deck = questions[0].chapter
    Question.objects.filter(chapter__number="3").update(status="published")
    readiness = stats.dashboard(learner, settings, NOW).readiness
    assert [chapter.number for chapter in readiness.chapters] == ["2"]


def test_an_interview_today_needs_all_its_reviews_today(learner, questions):
    settings = set_time_zone(learner, "America/Los_Angeles")  # 05:00 there; the interview is at 09:00
    settings.interview_date = date(2026, 3, 10)
    readiness = stats.dashboard(learner, settings, NOW).readiness
    assert readiness.days_left == 0 and readiness.per_day == readiness.reviews_needed > 0


def test_a_past_interview_date_is_reported_as_passed(learner, questions):
    settings = set_time_zone(learner, "UTC")
    settings.interview_date = date(2026, 3, 1)
    readiness = stats.dashboard(learner, settings, NOW).readiness
    assert readiness.passed and readiness.reviews_needed == 0


def test_no_interview_date_no_readiness(learner, questions):
    assert stats.dashboard(learner, learner.study_settings, NOW).readiness is None


def test_local_midnights_are_utc_instants_of_each_local_midnight():
    berlin = stats.local_midnights("Europe/Berlin", date(2026, 3, 28), 2)
    # Summer time starts on 29 March 2026: midnight is 23:00 UTC, then 22:00 UTC.
    assert berlin == (utc(2026, 3, 27, 23), utc(2026, 3, 28, 23), utc(2026, 3, 29, 22))
    weekly = stats.local_midnights("UTC", date(2026, 3, 2), 2, 7)
    assert weekly == (utc(2026, 3, 2), utc(2026, 3, 9), utc(2026, 3, 16))


# --- Mock interviews --------------------------------------------------------------------------------


def graded_mock(user, questions, finished_at, scores, interview_type="fundamentals"):
    """A finished mock whose questions were graded with (covered, key points) each; None: not graded."""
    mock = Mock.objects.create(
        user=user, interview_type=interview_type, seed=1, created_at=finished_at, finished_at=finished_at
    )
    for position, (question, score) in enumerate(zip(questions, scores, strict=False), 1):
        attempt = None
        if score is not None:
            attempt = Attempt.objects.create(
                user=user,
                question=question,
                answer="…",
                covered_count=score[0],
                key_point_count=score[1],
                suggested_rating=GOOD,
                rating=GOOD,
                submission=uuid.uuid4(),
                created_at=finished_at,
            )
        MockQuestion.objects.create(
            mock=mock,
            position=position,
            question=question,
            reason="balance",
            reason_detail="…",
            attempt=attempt,
        )
    return mock


def test_mock_scores_are_the_graded_mocks_oldest_first_on_the_learners_days(learner, other, questions):
    graded_mock(learner, questions, utc(2026, 3, 1, 23, 30), [(2, 4), (4, 4), None])  # Mar 2 in Seoul
    graded_mock(learner, questions, utc(2026, 3, 5, 3), [(1, 5), None], interview_type="mixed")
    graded_mock(learner, questions, utc(2026, 3, 6, 3), [None, None])  # nothing graded: no score yet
    Mock.objects.create(
        user=learner, interview_type="coding", seed=1, created_at=utc(2026, 3, 7)
    )  # unfinished
    graded_mock(other, questions, utc(2026, 3, 4, 3), [(4, 4)])
    scores = stats.mock_scores(learner, "Asia/Seoul")
    assert scores == [
        stats.MockScore(date(2026, 3, 2), "ML fundamentals", 2, 3, 0.75),
        stats.MockScore(date(2026, 3, 5), "Mixed", 1, 2, 0.2),
    ]
    assert stats.dashboard(learner, learner.study_settings, NOW).mocks == tuple(scores)


def test_mock_scores_keep_the_latest(learner, questions):
    for day in range(1, 6):
        graded_mock(learner, questions, utc(2026, 3, day, 3), [(day, 5)])
    assert [m.score for m in stats.mock_scores(learner, "UTC", limit=3)] == [0.6, 0.8, 1.0]
