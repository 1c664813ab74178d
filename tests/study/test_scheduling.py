from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from django.utils import translation

from study import scheduling
from study.scheduling import AGAIN, EASY, GOOD, HARD, NEW, RELEARNING, REVIEW, CardFields

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def reviewed(card, ratings, start=NOW, retention=0.9):
    """Apply ratings one after another, each at the moment the card comes due."""
    now = start
    for rating in ratings:
        card = scheduling.review(card, rating, now, retention).after
        now = max(now, card.due)
    return card, now


def test_new_card_intervals_match_the_fsrs_package():
    scheduler = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    for rating in scheduling.RATINGS:
        expected, _ = scheduler.review_card(fsrs.Card(due=NOW), fsrs.Rating(rating), NOW)
        ours = scheduling.review(CardFields(), rating, NOW, 0.9).after
        assert ours.due == expected.due
        assert ours.stability == pytest.approx(expected.stability)
        assert ours.state == int(expected.state)


def test_review_card_intervals_match_the_fsrs_package_after_a_history():
    scheduler = fsrs.Scheduler(desired_retention=0.85, enable_fuzzing=False)
    theirs, now = fsrs.Card(due=NOW), NOW
    ours = CardFields()
    for rating in (GOOD, GOOD, HARD, GOOD, AGAIN, GOOD, EASY):
        theirs, _ = scheduler.review_card(theirs, fsrs.Rating(rating), now)
        ours = scheduling.review(ours, rating, now, 0.85).after
        assert ours.due == theirs.due
        assert ours.difficulty == pytest.approx(theirs.difficulty)
        now = theirs.due


def test_preview_labels_are_the_intervals_grading_gives():
    card, now = reviewed(CardFields(), [GOOD, GOOD])
    preview = scheduling.preview_intervals(card, now, 0.9)
    for rating in scheduling.RATINGS:
        assert scheduling.review(card, rating, now, 0.9).after.due - now == preview[rating]
    assert preview[AGAIN] < preview[HARD] < preview[GOOD] < preview[EASY]


def test_higher_desired_retention_gives_shorter_intervals():
    card, now = reviewed(CardFields(), [GOOD, GOOD, GOOD])
    relaxed = scheduling.preview_intervals(card, now, 0.8)[GOOD]
    strict = scheduling.preview_intervals(card, now, 0.95)[GOOD]
    assert strict < relaxed


def test_again_on_a_review_card_is_a_lapse_and_moves_it_to_relearning():
    card, now = reviewed(CardFields(), [GOOD, GOOD])
    assert card.state == REVIEW
    after = scheduling.review(card, AGAIN, now, 0.9).after
    assert after.state == RELEARNING
    assert after.lapses == 1
    assert after.reps == card.reps + 1


def test_again_on_a_learning_card_is_not_a_lapse():
    after = scheduling.review(CardFields(), AGAIN, NOW, 0.9).after
    assert after.lapses == 0


@pytest.mark.parametrize(("lapses_before", "leech"), [(6, False), (7, True)])
def test_the_eighth_lapse_makes_a_suspended_leech(lapses_before, leech):
    card = CardFields(
        state=REVIEW,
        stability=5.0,
        difficulty=5.0,
        due=NOW,
        last_review=NOW - timedelta(days=5),
        lapses=lapses_before,
    )
    outcome = scheduling.review(card, AGAIN, NOW, 0.9)
    assert outcome.became_leech is leech
    assert outcome.after.is_leech is leech and outcome.after.suspended is leech


def test_card_fields_survive_a_json_round_trip():
    card, _ = reviewed(CardFields(), [GOOD, HARD, GOOD])
    assert CardFields.from_json(card.to_json()) == card
    assert CardFields.from_json(CardFields().to_json()) == CardFields()


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "30s"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=800), "2.2y"),
    ],
)
def test_format_interval(interval, label):
    assert scheduling.format_interval(interval) == label


@pytest.mark.parametrize(
    ("covered", "total", "rating"),
    [
        (0, 4, AGAIN),
        (1, 4, AGAIN),
        (2, 4, HARD),
        (2, 3, HARD),
        (3, 4, GOOD),
        (4, 5, GOOD),
        (5, 5, EASY),
    ],
)
def test_suggested_rating_follows_the_share_of_key_points(covered, total, rating):
    assert scheduling.suggest_rating(covered, total) == rating


def test_retrievability_is_zero_for_new_cards_and_falls_with_time():
    assert scheduling.retrievability(CardFields(), NOW) == 0
    card, now = reviewed(CardFields(), [GOOD, GOOD])
    soon = scheduling.retrievability(card, now + timedelta(days=1))
    later = scheduling.retrievability(card, now + timedelta(days=30))
    assert 0 < later < soon <= 1


SCALED_PARAMETERS = tuple(round(w * 1.1, 4) for w in scheduling.DEFAULT_PARAMETERS)


@pytest.mark.parametrize("parameters", [None, SCALED_PARAMETERS])
def test_retrievability_is_the_fsrs_packages_own(parameters):
    scheduler = fsrs.Scheduler(parameters=parameters or scheduling.DEFAULT_PARAMETERS, enable_fuzzing=False)
    card, now = reviewed(CardFields(), [GOOD, HARD, GOOD, AGAIN, EASY])
    as_fsrs = scheduling._to_fsrs(card, now)
    for later in (timedelta(hours=5), timedelta(days=1, hours=1), timedelta(days=40), timedelta(days=900)):
        expected = scheduler.get_card_retrievability(as_fsrs, now + later)
        ours = scheduling.retrievability(card, now + later, parameters)
        assert ours == pytest.approx(expected, rel=1e-12)


def test_new_state_constant_is_distinct_from_fsrs_states():
    assert NEW not in {int(state) for state in fsrs.State}


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=30), "30초"),
        (timedelta(minutes=10), "10분"),
        (timedelta(hours=5), "5시간"),
        (timedelta(days=3), "3일"),
        (timedelta(days=45), "1.5개월"),
        (timedelta(days=60), "2개월"),
        (timedelta(days=800), "2.2년"),
    ],
)
def test_format_interval_in_korean(interval, label):
    with translation.override("ko"):
        assert scheduling.format_interval(interval) == label


def test_grade_buttons_speak_the_interface_language():
    intervals = {
        1: timedelta(minutes=1),
        2: timedelta(minutes=6),
        3: timedelta(minutes=10),
        4: timedelta(days=3),
    }
    with translation.override("ko"):
        labels = [(str(label), interval) for _, label, interval in scheduling.grade_buttons(intervals)]
    assert labels == [("다시", "1분"), ("어려움", "6분"), ("알맞음", "10분"), ("쉬움", "3일")]
