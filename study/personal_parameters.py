"""Personal FSRS parameters, fitted from a learner's own reviews with the fsrs optimizer.

FSRS's default parameters describe an average learner. The optimizer fits the 21 parameters to one
learner's history: it replays each card's reviews and adjusts the parameters so that the predicted
recall matches what the learner actually recalled. It learns only from reviews made a day or more
after the card's previous one (same-day learning steps say nothing about forgetting over days), at
most each card's first 64, in mini-batches of 512; with fewer than one batch it returns the default
parameters unchanged. So a fit needs `MIN_REVIEWS` such reviews: fewer would be mostly noise.

The optimizer needs torch, pandas and numpy (StudyHub's `optimizer` extra). They are imported only when
a fit runs, from the `optimize_fsrs` management command: never in a web request.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery

from study import reviews, scheduling
from study.models import CardState, ReviewLog, StudySettings
from study.scheduling import CardFields

# One mini-batch of the fsrs optimizer: below it, the optimizer keeps FSRS's defaults.
MIN_REVIEWS = 512
# The optimizer reads at most this many reviews of each card (its `max_seq_len`).
REVIEWS_PER_CARD = 64
PARAMETER_FIELDS = ("fsrs_parameters", "parameters_fitted_at", "parameters_review_count")


class OptimizerMissing(Exception):
    """The fsrs optimizer's dependencies are not installed."""


class NotEnoughReviews(Exception):
    def __init__(self, countable: int):
        super().__init__(
            f"{countable:,} of the {MIN_REVIEWS:,} reviews needed (reviews made a day or more after the "
            "card's previous one): keeping FSRS's default parameters."
        )
        self.countable = countable


@dataclass(frozen=True)
class Review:
    at: datetime
    rating: int
    duration_ms: int


@dataclass(frozen=True)
class Fit:
    parameters: tuple[float, ...]
    reviews: int  # the reviews the optimizer learned from
    rescheduled: int  # cards whose state was replayed with the new parameters


def histories(user) -> dict[int, list[Review]]:
    """The learner's reviews per question, oldest first: one query."""
    by_question: dict[int, list[Review]] = defaultdict(list)
    rows = (
        ReviewLog.objects.filter(user=user)
        .order_by("question_id", "reviewed_at", "id")
        .values_list("question_id", "reviewed_at", "rating", "duration_ms")
        .iterator(chunk_size=5000)
    )
    for question_id, at, rating, duration in rows:
        by_question[question_id].append(Review(at.astimezone(UTC), rating, duration))
    return dict(by_question)


def countable(history: dict[int, list[Review]]) -> int:
    """Reviews the optimizer learns from: among each card's first 64, those a day or more after the
    card's previous review (whole days, as FSRS counts them)."""
    return sum(
        1
        for reviews_of_card in history.values()
        for before, review in itertools.pairwise(reviews_of_card[:REVIEWS_PER_CARD])
        if (review.at - before.at).days > 0
    )


def _optimizer():
    try:
        import pandas  # noqa: F401  (fsrs.optimizer needs it, and says nothing when it is missing)
        import torch  # noqa: F401
        from fsrs.optimizer import Optimizer
    except ImportError as missing:
        raise OptimizerMissing(
            f"The fsrs optimizer needs StudyHub's `optimizer` extra ({missing.name} is not installed): "
            "pip install '.[optimizer]'"
        ) from None
    return Optimizer


def fit_parameters(history: dict[int, list[Review]]) -> tuple[float, ...]:
    """The FSRS parameters that best predict this history (NotEnoughReviews below `MIN_REVIEWS`)."""
    found = countable(history)
    if found < MIN_REVIEWS:
        raise NotEnoughReviews(found)
    optimizer = _optimizer()
    import fsrs

    logs = [
        fsrs.ReviewLog(
            card_id=question_id,
            rating=fsrs.Rating(review.rating),
            review_datetime=review.at,
            review_duration=review.duration_ms,
        )
        for question_id, reviews_of_card in history.items()
        for review in reviews_of_card[:REVIEWS_PER_CARD]
    ]
    parameters = optimizer(logs).compute_optimal_parameters()
    if parameters is None:
        raise ValueError("The optimizer found no parameters for this history.")
    return scheduling.checked_parameters(parameters)


def replay(start: CardFields, reviews_of_card: list[Review], retention: float, parameters) -> CardFields:
    """The card its reviews make under these parameters, from `start` (the card before the first)."""
    card = start
    for review in reviews_of_card:
        card = scheduling.review(card, review.rating, review.at, retention, parameters).after
    return card


def optimize(user, now: datetime) -> Fit:
    """Fit the learner's parameters from their history, store them with the time and the number of
    reviews, and reschedule each reviewed card as if it had always been scheduled with them."""
    history = histories(user)
    parameters = fit_parameters(history)
    study_settings = StudySettings.for_user(user)
    firsts = _first_snapshots(user)
    replayed = {}
    for card in CardState.objects.filter(user=user, question_id__in=history.keys()):
        stored = CardFields.from_model(card)
        start = firsts.get(card.question_id, CardFields())
        after = replay(start, history[card.question_id], study_settings.desired_retention, parameters)
        replayed[card.pk] = (
            stored.reps,
            CardFields(
                state=after.state,
                step=after.step,
                stability=after.stability,
                difficulty=after.difficulty,
                due=after.due,
                last_review=after.last_review,
                reps=stored.reps,
                lapses=stored.lapses,
                is_leech=stored.is_leech,
                suspended=stored.suspended,
            ),
        )
    with transaction.atomic():
        study_settings.fsrs_parameters = list(parameters)
        study_settings.parameters_fitted_at = now
        study_settings.parameters_review_count = countable(history)
        study_settings.save(update_fields=[*PARAMETER_FIELDS])
        rescheduled = reviews.reschedule(user, replayed)
    return Fit(parameters, study_settings.parameters_review_count, rescheduled)


def _first_snapshots(user) -> dict[int, CardFields]:
    """Each card as it was before its first logged review (new, unless the history was imported)."""
    first = (
        ReviewLog.objects.filter(user=user, question_id=OuterRef("question_id"))
        .order_by("reviewed_at", "id")
        .values("id")[:1]
    )
    first_ids = CardState.objects.filter(user=user).annotate(first=Subquery(first)).values("first")
    return {
        question_id: CardFields.from_json(snapshot)
        for question_id, snapshot in ReviewLog.objects.filter(id__in=first_ids).values_list(
            "question_id", "card_before"
        )
    }
