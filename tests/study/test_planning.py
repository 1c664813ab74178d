"""The plan toward the interview, on hand-made card states: caps, recall on the day, labels, backlog."""

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from study import planning, scheduling
from study.cards import TodayCounts
from study.planning import Deadline, Limits
from study.queue import order_queue
from study.scheduling import AGAIN, EASY, GOOD, HARD, LEARNING, NEW, REVIEW, CardFields
from tests.conftest import learner_card

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ZONE = "UTC"
INTERVIEW = date(2026, 3, 31)
MORNING = datetime(2026, 3, 31, planning.INTERVIEW_HOUR, tzinfo=UTC)


def limits(target=0.9, day=INTERVIEW, new_per_day=10, max_reviews=200, **changes):
    deadline = Deadline.of(day, ZONE, target) if day else None
    return Limits(new_per_day, max_reviews, 0.9, deadline=deadline, **changes)


def review_card(stability, days_ago, difficulty=5.0, interval=None):
    """A card in review, last answered `days_ago` days before NOW, due when FSRS (at 90%) had it due."""
    last = NOW - timedelta(days=days_ago)
    interval = interval if interval is not None else max(1, round(stability))
    return CardFields(
        state=REVIEW,
        stability=stability,
        difficulty=difficulty,
        last_review=last,
        due=last + timedelta(days=interval),
        reps=5,
    )


def deck(*cards):
    return [learner_card(index, card) for index, card in enumerate(cards, start=1)]


# A card FSRS next shows five days after the interview: 91% recall on the morning if left alone.
CROSSING = review_card(stability=40, days_ago=5)


# --- Caps -------------------------------------------------------------------------------------------


def test_a_card_fsrs_reviews_after_the_interview_below_the_target_is_capped_into_the_final_days():
    plan_limits = limits(target=0.95)
    assert CROSSING.due > MORNING and planning.recall(CROSSING, MORNING, plan_limits) < 0.95
    capped = planning.due(CROSSING, plan_limits)
    assert MORNING - timedelta(days=planning.FINAL_DAYS) <= capped < MORNING
    assert capped >= CROSSING.last_review + timedelta(days=1)


def test_a_good_answer_on_the_capped_day_is_the_last_review_and_reaches_the_target():
    plan_limits = limits(target=0.95)
    capped = planning.due(CROSSING, plan_limits)
    after = planning.review(CROSSING, GOOD, capped, plan_limits).after
    assert planning.recall(after, MORNING, plan_limits) >= 0.95
    assert after.due >= MORNING  # the last review before the interview
    # The earliest such day: a day sooner would not reach the target.
    if capped - timedelta(days=1) >= MORNING - timedelta(days=planning.FINAL_DAYS):
        sooner = planning.review(CROSSING, GOOD, capped - timedelta(days=1), plan_limits).after
        assert planning.recall(sooner, MORNING, plan_limits) < 0.95


def test_a_card_that_reaches_the_target_unreviewed_keeps_its_fsrs_due():
    plan_limits = limits(target=0.9)
    assert planning.recall(CROSSING, MORNING, plan_limits) >= 0.9
    assert planning.due(CROSSING, plan_limits) == CROSSING.due


def test_a_card_fsrs_shows_before_the_interview_day_keeps_its_fsrs_due():
    card = review_card(stability=10, days_ago=2)  # due in 8 days
    assert planning.due(card, limits(target=0.99)) == card.due


def test_learning_steps_are_never_capped():
    card = scheduling.review(CardFields(), GOOD, MORNING - timedelta(hours=2), 0.9).after
    assert card.state == LEARNING
    assert planning.due(card, limits(target=0.99)) == card.due


@pytest.mark.parametrize("rating", [AGAIN, HARD, GOOD, EASY])
def test_without_a_date_grading_is_plain_fsrs(rating):
    card = review_card(stability=8, days_ago=9)
    assert planning.review(card, rating, NOW, limits(day=None)) == scheduling.review(card, rating, NOW, 0.9)


@pytest.mark.parametrize("rating", [AGAIN, HARD, GOOD, EASY])
def test_after_the_interview_grading_is_plain_fsrs(rating):
    card = review_card(stability=8, days_ago=9)
    after_interview = MORNING + timedelta(hours=3)
    assert planning.review(card, rating, after_interview, limits(target=0.99)) == scheduling.review(
        card, rating, after_interview, 0.9
    )


@pytest.mark.parametrize("target", [0.9, 0.95, 0.97])
def test_the_labels_are_the_intervals_grading_gives(target):
    plan_limits = limits(target=target)
    for card in (CROSSING, review_card(stability=3, days_ago=4), CardFields()):
        labels = planning.intervals(card, NOW, plan_limits)
        for rating in scheduling.RATINGS:
            assert planning.review(card, rating, NOW, plan_limits).after.due - NOW == labels[rating]


def test_a_good_answer_today_is_capped_to_the_final_days_when_fsrs_would_skip_the_interview():
    card = review_card(stability=25, days_ago=26)  # due now; Good gives a long interval
    plain = scheduling.review(card, GOOD, NOW, 0.9).after
    planned = planning.review(card, GOOD, NOW, limits(target=0.95)).after
    assert plain.due > MORNING
    assert MORNING - timedelta(days=planning.FINAL_DAYS) <= planned.due < MORNING
    assert dataclasses.replace(planned, due=plain.due) == plain  # only the due differs


# --- The plan, day by day ---------------------------------------------------------------------------


def hand_made_deck():
    return deck(
        CardFields(),  # never seen
        CardFields(),
        CROSSING,  # strong, past the interview
        review_card(stability=3, days_ago=6),  # weak and overdue
        review_card(stability=60, days_ago=50, difficulty=8),  # hard, overdue
        review_card(stability=12, days_ago=2),  # due in ten days
        dataclasses.replace(review_card(stability=5, days_ago=1), suspended=True),
    )


@pytest.mark.parametrize("target", [0.85, 0.9, 0.95])
def test_the_plan_brings_every_planned_card_of_the_deck_to_the_target(target):
    plan = planning.plan(hand_made_deck(), NOW, TodayCounts(), limits(target=target), ZONE)
    assert len(plan.days) == 30  # today to the day before the interview
    assert plan.planned == {1, 2, 3, 4, 5, 6}  # the suspended card is left out
    assert plan.reaches_target
    assert min(plan.recall[q] for q in plan.planned) >= target


def test_the_plan_answers_a_card_again_when_its_label_says():
    card = review_card(stability=3, days_ago=4)  # due now
    plan_limits = limits(target=0.95)
    label = planning.intervals(card, NOW, plan_limits)[GOOD]
    plan = planning.plan(deck(card), NOW, TodayCounts(), plan_limits, ZONE)
    answered = [day.day for day in plan.days if day.answers]
    assert answered[:2] == [NOW.date(), (NOW + label).date()]


def test_new_cards_are_introduced_in_book_order_within_the_daily_limit():
    cards = deck(*[CardFields() for _ in range(25)])
    plan = planning.plan(cards, NOW, TodayCounts(new_cards=4), limits(new_per_day=10), ZONE)
    assert [day.new_cards for day in plan.days[:4]] == [6, 10, 9, 0]
    assert all(day.new_answers == 2 * day.new_cards for day in plan.days)  # Good, Good: learned


def test_new_cards_the_limit_cannot_introduce_in_time_make_the_target_out_of_reach():
    cards = deck(*[CardFields() for _ in range(12)])
    short = limits(day=date(2026, 3, 3), new_per_day=4)  # two study days: 8 of 12 cards
    plan = planning.plan(cards, NOW, TodayCounts(), short, ZONE)
    assert plan.not_introduced == 4 and len(plan.below_target) == 4
    reach = planning.reach(cards, NOW, TodayCounts(), short, ZONE)
    assert reach.new_per_day == 6 and reach.max_reviews_per_day is None
    assert reach.interview_date == date(2026, 3, 4)


def test_a_review_limit_too_low_for_the_final_days_says_which_limit_would_do():
    cards = deck(*[review_card(stability=40, days_ago=5) for _ in range(30)])
    tight = limits(target=0.97, max_reviews=2)
    plan = planning.plan(cards, NOW, TodayCounts(), tight, ZONE)
    assert not plan.reaches_target
    assert all(day.reviews <= 2 for day in plan.days)
    reach = planning.reach(cards, NOW, TodayCounts(), tight, ZONE)
    assert reach.new_per_day is None and reach.max_reviews_per_day > 2
    raised = dataclasses.replace(tight, max_reviews_per_day=reach.max_reviews_per_day)
    lower = dataclasses.replace(tight, max_reviews_per_day=reach.max_reviews_per_day - 1)
    assert planning.plan(cards, NOW, TodayCounts(), raised, ZONE).reaches_target
    assert not planning.plan(cards, NOW, TodayCounts(), lower, ZONE).reaches_target


def test_an_interview_today_is_planned_until_the_interview_hour():
    early = datetime(2026, 3, 31, 5, 0, tzinfo=UTC)
    plan = planning.plan(deck(CardFields()), early, TodayCounts(), limits(), ZONE)
    assert [(day.day, day.new_cards) for day in plan.days] == [(INTERVIEW, 1)]
    assert plan.reaches_target  # answered within a day of the interview


def test_without_a_date_the_plan_looks_thirty_days_ahead_and_predicts_no_recall():
    plan = planning.plan(hand_made_deck(), NOW, TodayCounts(), limits(day=None), ZONE)
    assert len(plan.days) == planning.FORECAST_DAYS and plan.recall == {}
    assert not plan.reaches_target and plan.below_target == ()


def test_personal_parameters_change_the_plan():
    card = review_card(stability=3, days_ago=4)
    personal = list(scheduling.DEFAULT_PARAMETERS)
    personal[20] = 0.5  # memories fade faster at first, then slower
    mine = limits(parameters=tuple(personal))
    assert planning.recall(card, NOW, mine) != planning.recall(card, NOW, limits())
    assert planning.review(card, GOOD, NOW, mine) == scheduling.review(card, GOOD, NOW, 0.9, tuple(personal))


# --- Backlog ----------------------------------------------------------------------------------------


def overdue_deck(count):
    # Overdue by 1 to `count` days: the longer overdue, the lower the recall.
    return deck(*[review_card(stability=10, days_ago=10 + days) for days in range(1, count + 1)])


def test_a_backlog_is_spread_over_days_within_the_daily_limit():
    cards = overdue_deck(10)
    backlog = planning.backlog(cards, NOW, TodayCounts(), limits(day=None, max_reviews=3), ZONE)
    assert (backlog.overdue, backlog.days) == (10, 4)
    plan = planning.plan(cards, NOW, TodayCounts(), limits(day=None, max_reviews=3), ZONE)
    assert [day.reviews for day in plan.days[:5]] == [3, 3, 3, 1, 0]


def test_a_backlog_is_taken_most_at_risk_first():
    cards, today, shown = overdue_deck(10), TodayCounts(), []
    queue = order_queue(cards, NOW, today, limits(day=None, max_reviews=3))
    assert (queue.due_review, queue.overdue_reviews, queue.over_limit) == (3, 10, 7)
    while queue.next:  # answer what the study page shows until today's limit is reached
        shown.append(queue.next.question_id)
        cards = [c for c in cards if c.question_id != queue.next.question_id]
        today = today.plus(REVIEW, 0, len(shown))
        queue = order_queue(cards, NOW, today, limits(day=None, max_reviews=3))
    recall = {c.question_id: planning.recall(c.card, NOW, limits()) for c in overdue_deck(10)}
    assert shown == sorted(recall, key=recall.get)[:3] == [10, 9, 8]


def test_todays_reviews_count_against_the_backlog_limit():
    cards, three_a_day = overdue_deck(9), limits(day=None, max_reviews=3)
    assert planning.backlog(cards, NOW, TodayCounts(), three_a_day, ZONE).days == 3
    assert planning.backlog(cards, NOW, TodayCounts(review_cards=2), three_a_day, ZONE).days == 4


def test_a_backlog_at_a_zero_review_limit_never_clears():
    backlog = planning.backlog(overdue_deck(3), NOW, TodayCounts(), limits(day=None, max_reviews=0), ZONE)
    assert (backlog.overdue, backlog.days) == (3, None)


def test_no_overdue_cards_no_backlog():
    assert planning.backlog(deck(CardFields()), NOW, TodayCounts(), limits(), ZONE) == planning.Backlog(0, 0)


def test_a_new_card_is_never_part_of_the_backlog():
    cards = deck(CardFields(state=NEW))
    assert planning.backlog(cards, NOW, TodayCounts(), limits(max_reviews=0), ZONE).overdue == 0
