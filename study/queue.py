"""What to study next: the queue of due and new cards for one learner, from one query.

Order: due learning/relearning cards (earliest first), then due review cards (lowest retrievability
first, within the daily review limit), then new cards (book order, within the daily new limit), then
learning cards due within the learn-ahead window. Suspended and buried cards never appear. A card is
due when the plan says (`planning.due`: FSRS's due, capped before an interview), so the queue, the
grade path and the dashboard agree.

The cards come from `study.cards.read_cards` (one query: the deck's published cards with the learner's
state and today's review counts). After a grade, the next queue is derived from that snapshot in memory
(`Queue.after_review`), so grading costs no second read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from study import planning, scheduling
from study.cards import LearnerCard, TodayCounts, read_cards
from study.planning import Limits
from study.scheduling import LEARNING, NEW, RELEARNING, REVIEW, CardFields


@dataclass(frozen=True)
class Queue:
    """The next card (None when done), the numbers for the progress line, and the snapshot behind them."""

    next: LearnerCard | None
    due_learning: int
    due_review: int
    new_left: int
    today: TodayCounts
    now: datetime
    limits: Limits
    candidates: tuple[LearnerCard, ...] = field(default=(), repr=False)
    learning_ahead: int = 0
    overdue_reviews: int = 0  # due review cards, the daily limit's excess included

    @property
    def remaining_due(self) -> int:
        return self.due_learning + self.due_review

    @property
    def learning(self) -> int:
        """Learning cards this queue will still show now: due ones and those within the learn-ahead
        window, as Anki counts them. New + learning + review is the number of cards left to show."""
        return self.due_learning + self.learning_ahead

    @property
    def showing(self) -> str | None:
        """Which count the card shown belongs to: "new", "learning" or "review" (None when done)."""
        if self.next is None:
            return None
        return {NEW: "new", REVIEW: "review"}.get(self.next.card.state, "learning")

    @property
    def over_limit(self) -> int:
        """Due review cards the daily review limit leaves for later days."""
        return self.overdue_reviews - self.due_review

    @property
    def next_due(self) -> datetime | None:
        """When the next card not due yet comes due (suspended cards aside)."""
        coming = (
            planning.due(c.card, self.limits)
            for c in self.candidates
            if c.card.state != NEW and not c.card.suspended and c.card.due is not None
        )
        return min((when for when in coming if when > self.now), default=None)

    def get(self, question_id: int) -> LearnerCard | None:
        return next((c for c in self.candidates if c.question_id == question_id), None)

    def after_review(self, question_id: int, after: CardFields, log) -> Queue:
        """The queue once `question_id` has been graded (as stored in `log`), without a new query."""
        candidates = [
            dataclasses.replace(c, card=after, buried_until=None) if c.question_id == question_id else c
            for c in self.candidates
        ]
        today = self.today.plus(log.state_before, log.duration_ms, log.pk)
        return order_queue(candidates, self.now, today, self.limits)


def day_start(now: datetime, time_zone: str) -> datetime:
    """Midnight of `now`'s day in the learner's time zone, as an aware datetime."""
    local = now.astimezone(ZoneInfo(time_zone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def next_day_start(now: datetime, time_zone: str) -> datetime:
    """Midnight at the start of tomorrow in the learner's time zone."""
    start = day_start(now, time_zone)
    return (start + timedelta(days=1, hours=3)).replace(hour=0)


def order_queue(candidates, now: datetime, today: TodayCounts, limits: Limits | None = None) -> Queue:
    """Pure queue ordering over the learner's candidate cards (see the module docstring)."""
    limits = limits or Limits()
    learning, review, new, ahead = [], [], [], []
    for candidate in candidates:
        card = candidate.card
        if card.suspended or (candidate.buried_until and candidate.buried_until > now):
            continue
        due = planning.due(card, limits)
        if card.state == NEW:
            new.append(candidate)
        elif due is None:
            continue
        elif due <= now:
            (review if card.state == REVIEW else learning).append(candidate)
        elif card.state in (LEARNING, RELEARNING) and due <= now + scheduling.LEARN_AHEAD:
            ahead.append(candidate)
    learning.sort(key=lambda c: c.card.due)
    review.sort(key=planning.most_at_risk_first(now, limits))
    new.sort(key=lambda c: c.position)
    ahead.sort(key=lambda c: c.card.due)
    overdue = len(review)
    review = review[: max(0, limits.max_reviews_per_day - today.review_cards)]
    new = new[: max(0, limits.new_per_day - today.new_cards)]
    ordered = learning + review + new + ahead
    return Queue(
        next=ordered[0] if ordered else None,
        due_learning=len(learning),
        due_review=len(review),
        new_left=len(new),
        today=today,
        now=now,
        limits=limits,
        candidates=tuple(candidates),
        learning_ahead=len(ahead),
        overdue_reviews=overdue,
    )


def card_outside_queue(user, question_id: int, now: datetime) -> LearnerCard | None:
    """A published question's card for this learner when it is not in their queue (another deck)."""
    cards = read_cards(user, since=now, question_id=question_id).cards
    return cards[0] if cards else None


def build_queue(user, study_settings, now: datetime) -> Queue:
    """The learner's queue now, honouring deck, limits and time zone: one query."""
    since = day_start(now, study_settings.time_zone)
    snapshot = read_cards(user, since=since, chapter_id=study_settings.deck_id)
    return order_queue(snapshot.cards, now, snapshot.today, Limits.of(study_settings))
