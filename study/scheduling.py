"""The FSRS wrapper: plain values in, plain values out. No database, no requests.

Intervals are not fuzzed, so the label on a grade button ("3d") is exactly the interval that grade gives.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import fsrs
from django.utils.translation import gettext, pgettext, pgettext_lazy

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)
RATING_LABELS = {
    AGAIN: pgettext_lazy("grade", "Again"),
    HARD: pgettext_lazy("grade", "Hard"),
    GOOD: pgettext_lazy("grade", "Good"),
    EASY: pgettext_lazy("grade", "Easy"),
}
LEECH_LAPSES = 8
# A card still in learning steps may be shown this early when nothing else is due.
LEARN_AHEAD = timedelta(minutes=20)
# Share of key points covered needed for each suggested rating, checked from the top.
SUGGESTION_THRESHOLDS = ((1.0, EASY), (0.75, GOOD), (0.5, HARD), (0.0, AGAIN))


@dataclass(frozen=True)
class CardFields:
    """The scheduling-relevant fields of a card, as stored in CardState and in review logs."""

    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    is_leech: bool = False
    suspended: bool = False

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        for key in ("due", "last_review"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> CardFields:
        values = {field.name: data.get(field.name) for field in dataclasses.fields(cls)}
        for key in ("due", "last_review"):
            values[key] = datetime.fromisoformat(values[key]) if values[key] else None
        return cls(**{k: v for k, v in values.items() if v is not None or k in _NULLABLE})

    @classmethod
    def from_model(cls, card) -> CardFields:
        return cls(**{field.name: getattr(card, field.name) for field in dataclasses.fields(cls)})


_NULLABLE = {"step", "stability", "difficulty", "due", "last_review"}


@dataclass(frozen=True)
class ReviewOutcome:
    after: CardFields
    became_leech: bool


DEFAULT_PARAMETERS = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)


def checked_parameters(values) -> tuple[float, ...]:
    """FSRS parameters as a tuple of floats, or ValueError saying which are not 21 numbers within FSRS's
    bounds (the scheduler would refuse them)."""
    if (
        not isinstance(values, list | tuple)
        or len(values) != len(DEFAULT_PARAMETERS)
        or any(isinstance(value, bool) or not isinstance(value, int | float) for value in values)
    ):
        raise ValueError(gettext("must be a list of %(count)s numbers") % {"count": len(DEFAULT_PARAMETERS)})
    bounds = zip(fsrs.scheduler.LOWER_BOUNDS_PARAMETERS, fsrs.scheduler.UPPER_BOUNDS_PARAMETERS, strict=True)
    for index, (value, (low, high)) in enumerate(zip(values, bounds, strict=True)):
        if not low <= value <= high:
            # The index is a path into the list, like an import's field names: not translated.
            raise ValueError(f"[{index}] " + gettext("must be %(low)s-%(high)s") % {"low": low, "high": high})
    return tuple(float(value) for value in values)


@lru_cache(maxsize=64)
def scheduler_for(desired_retention: float, parameters: tuple[float, ...] | None = None) -> fsrs.Scheduler:
    """One FSRS scheduler per desired retention and parameters (None: FSRS's defaults). Schedulers are
    immutable, so they are shared."""
    return fsrs.Scheduler(
        parameters=parameters or DEFAULT_PARAMETERS, desired_retention=desired_retention, enable_fuzzing=False
    )


def _to_fsrs(card: CardFields, now: datetime) -> fsrs.Card:
    if card.state == NEW:
        return fsrs.Card(card_id=1, state=fsrs.State.Learning, step=0, due=now)
    return fsrs.Card(
        card_id=1,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due or now,
        last_review=card.last_review,
    )


def review(
    card: CardFields,
    rating: int,
    now: datetime,
    desired_retention: float,
    parameters: tuple[float, ...] | None = None,
) -> ReviewOutcome:
    """Apply one grade at `now`. A review card rated Again is a lapse; the eighth lapse makes a leech.

    `parameters`: the learner's own FSRS parameters, or None for FSRS's defaults."""
    scheduled, _ = scheduler_for(desired_retention, parameters).review_card(
        _to_fsrs(card, now), fsrs.Rating(rating), review_datetime=now
    )
    lapsed = card.state == REVIEW and rating == AGAIN
    lapses = card.lapses + lapsed
    became_leech = lapsed and lapses >= LEECH_LAPSES and not card.is_leech
    after = CardFields(
        state=int(scheduled.state),
        step=scheduled.step,
        stability=scheduled.stability,
        difficulty=scheduled.difficulty,
        due=scheduled.due,
        last_review=scheduled.last_review,
        reps=card.reps + 1,
        lapses=lapses,
        is_leech=card.is_leech or became_leech,
        suspended=card.suspended or became_leech,
    )
    return ReviewOutcome(after=after, became_leech=became_leech)


def preview_intervals(
    card: CardFields, now: datetime, desired_retention: float, parameters: tuple[float, ...] | None = None
) -> dict[int, timedelta]:
    """The interval each rating would give right now, from the real scheduler."""
    return {
        rating: review(card, rating, now, desired_retention, parameters).after.due - now for rating in RATINGS
    }


def grade_buttons(intervals: dict[int, timedelta]) -> tuple[tuple[int, str, str], ...]:
    """(rating, label, next interval) for the four grade buttons, as the flashcard and the answer review
    show them, from the intervals each rating gives (`planning.intervals`), in the interface language."""
    return tuple(
        (rating, str(RATING_LABELS[rating]), format_interval(intervals[rating])) for rating in RATINGS
    )


def format_interval(interval: timedelta) -> str:
    """Short label for an interval in the interface language: 45s, 10m, 3h, 4d, 2.5mo, 1.2y in
    English; 45초, 10분, 3시간, 4일, 2.5개월, 1.2년 in Korean."""
    seconds = max(0, interval.total_seconds())
    if seconds < 60:
        return pgettext("interval", "%(n)ss") % {"n": round(seconds)}
    if seconds < 3600:
        return pgettext("interval", "%(n)sm") % {"n": round(seconds / 60)}
    if seconds < 86400:
        return pgettext("interval", "%(n)sh") % {"n": round(seconds / 3600)}
    days = seconds / 86400
    if days < 30:
        return pgettext("interval", "%(n)sd") % {"n": round(days)}
    if days < 365:
        return pgettext("interval", "%(n)smo") % {"n": _one_decimal(days / 30)}
    return pgettext("interval", "%(n)sy") % {"n": _one_decimal(days / 365)}


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def retrievability(card: CardFields, now: datetime, parameters: tuple[float, ...] | None = None) -> float:
    """Predicted probability of recall at `now` (0 for a card never reviewed), under the learner's FSRS
    parameters (None: the defaults); the desired retention does not enter it. FSRS counts whole days
    since the last review, as the scheduler does when it computes intervals."""
    if card.state == NEW or card.last_review is None or card.stability is None:
        return 0.0
    factor, decay = _forgetting_curve(parameters)
    elapsed_days = max(0, (now - card.last_review).days)
    return (1 + factor * elapsed_days / card.stability) ** decay


@lru_cache(maxsize=64)
def _forgetting_curve(parameters: tuple[float, ...] | None) -> tuple[float, float]:
    """FSRS's power forgetting curve R(t) = (1 + factor·t/S)^decay, as `fsrs.Scheduler` defines it, so
    that `retrievability` need not build an fsrs.Card: the queue orders every due card by it on each page."""
    decay = -(parameters or DEFAULT_PARAMETERS)[20]
    return 0.9 ** (1 / decay) - 1, decay


def suggest_rating(covered: int, total: int) -> int:
    """The rating a share of key points suggests: all → Easy, ≥75% → Good, ≥50% → Hard, else Again."""
    if total <= 0:
        return GOOD
    share = covered / total
    return next(rating for threshold, rating in SUGGESTION_THRESHOLDS if share >= threshold)
