from datetime import UTC, date, datetime, timedelta

import pytest

from questions.models import Question
from study.cards import TodayCounts
from study.models import CardState, ReviewLog
from study.planning import Deadline
from study.queue import Limits, build_queue, day_start, next_day_start, order_queue
from study.scheduling import LEARNING, NEW, RELEARNING, REVIEW, CardFields
from tests.conftest import learner_card

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def candidate(qid, state=NEW, due=None, stability=None, last_review=None, **kwargs):
    buried_until = kwargs.pop("buried_until", None)
    card = CardFields(
        state=state,
        due=due,
        stability=stability,
        last_review=last_review,
        difficulty=5.0 if stability else None,
        **kwargs,
    )
    return learner_card(qid, card, buried_until)


def ordered(candidates, today=None, new_per_day=10, max_reviews=200):
    today = today or TodayCounts()
    queue = order_queue(candidates, NOW, today, Limits(new_per_day, max_reviews))
    result, remaining = [], list(candidates)
    # Replay the queue by taking the next card out until it is empty.
    while queue.next:
        result.append(queue.next.question_id)
        remaining = [c for c in remaining if c.question_id != queue.next.question_id]
        queue = order_queue(remaining, NOW, today, Limits(new_per_day, max_reviews))
    return result


def test_learning_cards_come_first_then_reviews_by_lowest_retrievability_then_new():
    cards = [
        candidate(1),  # new
        candidate(2, REVIEW, NOW - timedelta(days=1), stability=10, last_review=NOW - timedelta(days=11)),
        candidate(
            3,
            LEARNING,
            NOW - timedelta(minutes=5),
            stability=1,
            last_review=NOW - timedelta(minutes=15),
        ),
        candidate(4, REVIEW, NOW - timedelta(days=1), stability=2, last_review=NOW - timedelta(days=20)),
        candidate(
            5,
            RELEARNING,
            NOW - timedelta(minutes=1),
            stability=1,
            last_review=NOW - timedelta(minutes=11),
        ),
    ]
    assert ordered(cards) == [3, 5, 4, 2, 1]


def test_cards_not_yet_due_are_not_shown():
    cards = [candidate(1, REVIEW, NOW + timedelta(days=2), stability=5, last_review=NOW - timedelta(days=3))]
    assert order_queue(cards, NOW, TodayCounts(), Limits(10, 200)).next is None


def test_new_cards_respect_the_daily_limit_minus_those_started_today():
    cards = [candidate(i) for i in range(1, 8)]
    queue = order_queue(cards, NOW, TodayCounts(new_cards=3), Limits(5, 200))
    assert queue.new_left == 2
    assert queue.next.question_id == 1
    assert order_queue(cards, NOW, TodayCounts(new_cards=5), Limits(5, 200)).next is None


def test_review_limit_caps_review_cards_but_not_learning_cards():
    reviews = [
        candidate(i, REVIEW, NOW - timedelta(hours=1), stability=3, last_review=NOW - timedelta(days=4))
        for i in range(1, 5)
    ]
    learning = [candidate(9, LEARNING, NOW - timedelta(minutes=1), stability=1, last_review=NOW)]
    queue = order_queue(reviews + learning, NOW, TodayCounts(review_cards=198), Limits(10, 200))
    assert queue.due_review == 2
    assert queue.due_learning == 1
    assert queue.remaining_due == 3


def test_suspended_and_buried_cards_never_appear():
    cards = [
        candidate(1, suspended=True),
        candidate(2, buried_until=NOW + timedelta(hours=3)),
        candidate(3, buried_until=NOW - timedelta(hours=1)),
    ]
    assert ordered(cards) == [3]


def test_learning_cards_due_within_twenty_minutes_are_shown_when_nothing_else_is_due():
    cards = [
        candidate(1, LEARNING, NOW + timedelta(minutes=8), stability=1, last_review=NOW),
        candidate(2, LEARNING, NOW + timedelta(minutes=50), stability=1, last_review=NOW),
    ]
    queue = order_queue(cards, NOW, TodayCounts(), Limits(10, 200))
    assert queue.next.question_id == 1
    assert queue.remaining_due == 0


def test_learning_count_includes_the_cards_shown_ahead_so_the_counts_match_what_comes():
    cards = [
        candidate(1, LEARNING, NOW - timedelta(minutes=1), stability=1, last_review=NOW),
        candidate(2, LEARNING, NOW + timedelta(minutes=8), stability=1, last_review=NOW),
        candidate(3, LEARNING, NOW + timedelta(minutes=50), stability=1, last_review=NOW),
        candidate(4, REVIEW, NOW - timedelta(hours=1), stability=3, last_review=NOW - timedelta(days=4)),
        candidate(5),
    ]
    queue = order_queue(cards, NOW, TodayCounts(), Limits(10, 200))
    assert (queue.new_left, queue.learning, queue.due_review) == (1, 2, 1)
    assert queue.new_left + queue.learning + queue.due_review == len(ordered(cards))
    assert queue.showing == "learning"
    assert order_queue([candidate(5)], NOW, TodayCounts(), Limits(10, 200)).showing == "new"
    assert order_queue([], NOW, TodayCounts(), Limits(10, 200)).showing is None


def test_day_start_uses_the_learners_time_zone():
    # 23:30 UTC on 1 March is already 08:30 on 2 March in Seoul.
    late = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert day_start(late, "Asia/Seoul").isoformat() == "2026-03-02T00:00:00+09:00"
    assert day_start(late, "America/Los_Angeles").isoformat() == "2026-03-01T00:00:00-08:00"
    assert next_day_start(late, "Asia/Seoul").isoformat() == "2026-03-03T00:00:00+09:00"


def test_next_day_start_across_a_daylight_saving_change():
    # Clocks go forward in Los Angeles on 8 March 2026.
    evening = datetime(2026, 3, 8, 6, 0, tzinfo=UTC)  # 22:00 on 7 March, local
    assert next_day_start(evening, "America/Los_Angeles").isoformat() == "2026-03-08T00:00:00-08:00"


@pytest.mark.django_db
def test_build_queue_counts_todays_reviews_in_the_learners_day(learner):
    question = Question.objects.published().first()
    settings = learner.study_settings
    # Early afternoon in the learner's time zone: both reviews fall in one learner day, whenever this runs.
    now = datetime(2026, 11, 27, 5, 0, tzinfo=UTC)
    for minutes in (5, 10):
        ReviewLog.objects.create(
            user=learner,
            question=question,
            rating=3,
            reviewed_at=now - timedelta(minutes=minutes),
            state_before=NEW,
            state_after=LEARNING,
            card_before={},
            card_after={},
        )
    queue = build_queue(learner, settings, now)
    assert queue.today.reviews == 2
    assert queue.today.new_cards == 2


@pytest.mark.django_db
def test_build_queue_only_offers_published_questions_of_the_chosen_deck(learner):
    published = Question.objects.published()
    settings = learner.study_settings
    settings.deck = published.first().chapter
    queue = build_queue(learner, settings, datetime.now(UTC))
    offered = {c.question_id for c in queue.candidates}
    assert offered == set(published.filter(chapter=settings.deck).values_list("id", flat=True))


@pytest.mark.django_db
def test_build_queue_ignores_other_learners_cards(learner, other):
    question = Question.objects.published().first()
    CardState.objects.create(user=other, question=question, suspended=True)
    queue = build_queue(learner, learner.study_settings, datetime.now(UTC))
    assert queue.get(question.pk).card.suspended is False
    assert queue.get(question.pk).card_id is None


@pytest.mark.django_db
def test_after_review_moves_on_and_counts_the_review_without_a_query(django_assert_num_queries):
    cards = [candidate(1), candidate(2)]
    queue = order_queue(cards, NOW, TodayCounts(), Limits(10, 200))
    graded = CardFields(
        state=LEARNING,
        step=1,
        stability=2,
        difficulty=5,
        due=NOW + timedelta(minutes=10),
        last_review=NOW,
        reps=1,
    )

    class Log:
        pk, state_before, duration_ms = 41, NEW, 9000

    with django_assert_num_queries(0):
        after = queue.after_review(1, graded, Log)
    assert after.next.question_id == 2
    assert (after.today.reviews, after.today.new_cards, after.today.latest_review_id) == (1, 1, 41)
    assert after.new_left == 1


@pytest.mark.django_db
def test_build_queue_reads_everything_in_one_query(learner, django_assert_num_queries):
    with django_assert_num_queries(1):
        queue = build_queue(learner, learner.study_settings, datetime.now(UTC))
    assert queue.next is not None


def test_a_card_the_plan_caps_before_the_interview_is_due_though_fsrs_waits():
    last = NOW - timedelta(days=30)
    cards = [candidate(1, REVIEW, last + timedelta(days=40), stability=40, last_review=last)]
    interview = Deadline.of(date(2026, 3, 4), "UTC", 0.95)  # three days away; 91% on the day if left alone
    assert order_queue(cards, NOW, TodayCounts(), Limits(10, 200)).next is None
    queue = order_queue(cards, NOW, TodayCounts(), Limits(10, 200, deadline=interview))
    assert queue.next.question_id == 1 and queue.due_review == 1


def test_next_due_is_when_the_plan_has_the_next_card_due():
    last = NOW - timedelta(days=10)
    cards = [
        candidate(1, REVIEW, last + timedelta(days=40), stability=40, last_review=last),
        candidate(2, REVIEW, NOW + timedelta(days=9), stability=12, last_review=NOW - timedelta(days=3)),
    ]
    assert order_queue(cards, NOW, TodayCounts(), Limits()).next_due == NOW + timedelta(days=9)
    interview = Deadline.of(date(2026, 3, 10), "UTC", 0.97)
    planned = order_queue(cards, NOW, TodayCounts(), Limits(deadline=interview)).next_due
    assert NOW < planned < NOW + timedelta(days=9)
