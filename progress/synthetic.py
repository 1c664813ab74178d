"""A realistic synthetic study history, made with the real scheduler, for demos and benchmarks.

The simulated learner studies most days (with the odd break of a few days), in an evening session in
their own time zone. Each session takes its cards in the study page's own order (`queue.order_queue`:
due learning cards, due review cards lowest recall first, new cards within the daily limit), and then
reviews ahead, lowest recall first, until the day's planned number of reviews. Whether a card is
recalled is drawn from its FSRS retrievability at that moment; some reviews are written answers,
graded by the share of key points covered.
Every review is `scheduling.review` applied to the card as the previous review left it, so each log's
`card_before` is the previous log's `card_after` (but for a leech the learner unsuspended since), and
each card's final state is its last review's `card_after`.

Reviewing ahead is what lets a few dozen questions carry 100,000 reviews: the study page itself only
offers cards that are due, so the synthetic learner is keener than the app allows.
"""

from __future__ import annotations

import dataclasses
import math
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from study import scheduling
from study.cards import TodayCounts
from study.models import Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.queue import Limits, order_queue
from study.scheduling import AGAIN, EASY, GOOD, HARD, NEW, REVIEW, CardFields

BATCH = 5000
# Chance of studying today after a day studied / after a day off: breaks of a few days now and then.
STUDY_AFTER_STUDY = 0.9
STUDY_AFTER_BREAK = 0.55
# Ratings of a recalled card, and of a new card's first showing.
RECALLED_WEIGHTS = {HARD: 0.15, GOOD: 0.7, EASY: 0.15}
FIRST_SHOWING_WEIGHTS = {AGAIN: 0.2, HARD: 0.15, GOOD: 0.55, EASY: 0.1}
# A card in learning steps is recalled this often (FSRS counts whole days, so it predicts 100%).
LEARNING_RECALL = 0.88
# Even a card just seen is sometimes fumbled; more so a hard one.
SLIP = 0.03
ANSWER_SHARE = 0.03
SYNTHETIC_ANSWER = "A synthetic answer written by `seed_history`."


@dataclass(frozen=True)
class SimulatedReview:
    question: int  # index into the questions given to `simulate`
    rating: int
    at: datetime
    duration_ms: int
    before: CardFields
    after: CardFields
    covered: tuple[bool, ...] | None = None  # a written answer: which key points it covered


@dataclass
class _Card:
    index: int
    hardness: float  # 1 is average; recall chances are raised to this power
    point_ease: tuple[float, ...]  # per key point: how often a recalled answer mentions it
    fields: CardFields = field(default_factory=CardFields)
    buried_until = None  # never buried: the queue reads it like a learner's card

    @property
    def card(self) -> CardFields:
        return self.fields

    @property
    def position(self) -> int:
        return self.index


def study_days(rng: random.Random, first: date, last: date) -> list[date]:
    """The days the learner studies: most days, with occasional breaks."""
    days, studied = [], True
    day = first
    while day <= last:
        studied = rng.random() < (STUDY_AFTER_STUDY if studied else STUDY_AFTER_BREAK)
        if studied or day == first:
            days.append(day)
            studied = True
        day += timedelta(days=1)
    return days


def daily_quotas(rng: random.Random, days: int, reviews: int) -> list[int]:
    """`reviews` spread over `days` study days, some days heavy and some light; sums exactly."""
    weights = [rng.gammavariate(2.0, 1.0) for _ in range(days)]
    total = sum(weights)
    quotas = [math.floor(reviews * weight / total) for weight in weights]
    for index in rng.sample(range(days), reviews - sum(quotas)) if reviews > sum(quotas) else ():
        quotas[index] += 1
    return quotas


def simulate(
    key_point_counts: Sequence[int],
    *,
    reviews: int,
    days: int,
    now: datetime,
    time_zone: str,
    desired_retention: float = 0.9,
    new_per_day: int = 10,
    seed: int = 7,
) -> Iterator[SimulatedReview]:
    """Yield exactly `reviews` reviews over the `days` days before today, oldest first.

    `key_point_counts[i]` is how many key points question i has (0: no written answers for it).
    """
    if not key_point_counts or reviews <= 0:
        return
    rng = random.Random(seed)
    zone = ZoneInfo(time_zone)
    today = now.astimezone(zone).date()
    calendar = study_days(rng, today - timedelta(days=max(1, days)), today - timedelta(days=1))
    quotas = daily_quotas(rng, len(calendar), reviews)
    cards = [
        _Card(
            index,
            hardness=min(2.5, max(0.5, rng.lognormvariate(0, 0.35))),
            point_ease=tuple(rng.uniform(0.55, 1.0) for _ in range(points)),
        )
        for index, points in enumerate(key_point_counts)
    ]
    for day, quota in zip(calendar, quotas, strict=True):
        start = datetime.combine(day, time(19), tzinfo=zone) + timedelta(minutes=rng.gauss(0, 75))
        start = max(start, datetime.combine(day, time(6), tzinfo=zone))
        session = _Session(rng, cards, start.astimezone(UTC), desired_retention, new_per_day)
        yield from session.run(quota)


class _Session:
    """One evening of study: due cards, new cards within the limit, then reviewing ahead."""

    def __init__(self, rng, cards, start, desired_retention, new_per_day):
        self.rng = rng
        self.cards = cards
        self.moment = start
        self.retention = desired_retention
        self.new_per_day = new_per_day
        self.new_left = new_per_day
        self.ahead: list[_Card] = []
        for card in cards:  # yesterday's leeches: notes rewritten, the learner unsuspended them
            if card.fields.suspended:
                card.fields = replace(card.fields, suspended=False)

    def run(self, quota: int) -> Iterator[SimulatedReview]:
        for _ in range(quota):
            card = self._next_card()
            yield self._review(card)

    def _next_card(self) -> _Card:
        now = self.moment
        taken_new = self.new_per_day - self.new_left
        limits = Limits(self.new_per_day, len(self.cards), self.retention)
        chosen = order_queue(self.cards, now, TodayCounts(new_cards=taken_new), limits).next
        if chosen is not None:
            if chosen.fields.state == NEW:
                self.new_left -= 1
            return chosen
        active = [c for c in self.cards if not c.fields.suspended]
        # Review ahead: one round over the learned cards, lowest recall first, then another.
        while self.ahead and self.ahead[-1].fields.suspended:
            self.ahead.pop()
        if not self.ahead:
            learned = [c for c in active if c.fields.state != NEW] or active or self.cards
            self.ahead = sorted(learned, key=lambda c: scheduling.retrievability(c.fields, now), reverse=True)
        return self.ahead.pop()

    def _review(self, card: _Card) -> SimulatedReview:
        rng, before = self.rng, card.fields
        covered = None
        if before.state == NEW:
            rating = _draw(rng, FIRST_SHOWING_WEIGHTS)
        else:
            predicted = (
                scheduling.retrievability(before, self.moment) if before.state == REVIEW else LEARNING_RECALL
            )
            chance = predicted**card.hardness * (1 - SLIP * card.hardness)
            if card.point_ease and rng.random() < ANSWER_SHARE:
                covered = tuple(rng.random() < chance * ease for ease in card.point_ease)
                rating = scheduling.suggest_rating(sum(covered), len(covered))
            else:
                rating = _draw(rng, RECALLED_WEIGHTS) if rng.random() < chance else AGAIN
        after = scheduling.review(before, rating, self.moment, self.retention).after
        seconds = rng.lognormvariate(math.log(150 if covered else 14), 0.5)
        duration_ms = int(min(seconds, 600) * 1000)
        review = SimulatedReview(card.index, rating, self.moment, duration_ms, before, after, covered)
        card.fields = after
        self.moment += timedelta(milliseconds=duration_ms + rng.randint(500, 4000))
        return review


def _draw(rng: random.Random, weights: dict[int, float]) -> int:
    return rng.choices(list(weights), list(weights.values()))[0]


def save_history(
    user,
    questions: Sequence,
    key_points: Sequence[Sequence],
    reviews: Iterator[SimulatedReview],
    progress: Callable[[int], None] = lambda written: None,
) -> int:
    """Store simulated reviews (with their answers) and the resulting card states, in one transaction.

    `key_points[i]` are question i's KeyPoint rows in order. Returns the number of reviews written.
    """
    written = 0
    finals: dict[int, CardFields] = {}
    with transaction.atomic():
        batch: list[SimulatedReview] = []
        for review in reviews:
            batch.append(review)
            finals[review.question] = review.after
            if len(batch) == BATCH:
                written += _save_batch(user, questions, key_points, batch)
                progress(written)
                batch = []
        if batch:
            written += _save_batch(user, questions, key_points, batch)
            progress(written)
        CardState.objects.bulk_create(
            CardState(user=user, question=questions[index], **dataclasses.asdict(card))
            for index, card in finals.items()
        )
    return written


def _save_batch(user, questions, key_points, batch) -> int:
    logs = ReviewLog.objects.bulk_create(
        ReviewLog(
            user=user,
            question=questions[review.question],
            rating=review.rating,
            reviewed_at=review.at,
            duration_ms=review.duration_ms,
            state_before=review.before.state,
            state_after=review.after.state,
            card_before=review.before.to_json(),
            card_after=review.after.to_json(),
        )
        for review in batch
    )
    answered = [(review, log) for review, log in zip(batch, logs, strict=True) if review.covered is not None]
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=user,
            question=questions[review.question],
            answer=SYNTHETIC_ANSWER,
            duration_seconds=review.duration_ms // 1000,
            covered_count=sum(review.covered),
            key_point_count=len(review.covered),
            suggested_rating=review.rating,
            rating=review.rating,
            review_log=log,
            submission=uuid.uuid5(uuid.NAMESPACE_URL, f"studyhub:synthetic:{user.pk}:{log.pk}"),
            created_at=review.at,
        )
        for review, log in answered
    )
    AttemptKeyPoint.objects.bulk_create(
        AttemptKeyPoint(attempt=attempt, key_point=point, covered=covered)
        for (review, _), attempt in zip(answered, attempts, strict=True)
        for point, covered in zip(key_points[review.question], review.covered, strict=True)
    )
    return len(logs)
