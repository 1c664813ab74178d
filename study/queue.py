"""What to study next: the queue of due and new cards for one learner, built in two queries.

Order: due learning/relearning cards (earliest first), then due review cards (lowest retrievability
first, within the daily review limit), then new cards (book order, within the daily new limit), then
learning cards due within the learn-ahead window. Suspended and buried cards never appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, FilteredRelation, Q, Sum

from questions.models import Question
from study import scheduling
from study.models import ReviewLog
from study.scheduling import LEARNING, NEW, RELEARNING, REVIEW, CardFields

CARD_COLUMNS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "is_leech",
    "suspended",
    "buried_until",
)


@dataclass(frozen=True)
class Candidate:
    question_id: int
    number: str
    position: int
    card: CardFields
    buried_until: datetime | None = None


@dataclass(frozen=True)
class TodayCounts:
    reviews: int = 0
    new_cards: int = 0
    review_cards: int = 0
    duration_ms: int = 0


@dataclass(frozen=True)
class Queue:
    """The next card (None when done) and the numbers for the progress line."""

    next: Candidate | None
    due_learning: int
    due_review: int
    new_left: int
    today: TodayCounts
    by_id: dict[int, Candidate] = field(default_factory=dict, repr=False)

    @property
    def remaining_due(self) -> int:
        return self.due_learning + self.due_review


def day_start(now: datetime, time_zone: str) -> datetime:
    """Midnight of `now`'s day in the learner's time zone, as an aware datetime."""
    local = now.astimezone(ZoneInfo(time_zone))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def order_queue(
    candidates: list[Candidate],
    now: datetime,
    today: TodayCounts,
    new_per_day: int,
    max_reviews_per_day: int,
    desired_retention: float = 0.9,
) -> Queue:
    """Pure queue ordering over the learner's candidate cards (see the module docstring)."""
    learning, review, new, ahead = [], [], [], []
    for candidate in candidates:
        card = candidate.card
        if card.suspended or (candidate.buried_until and candidate.buried_until > now):
            continue
        if card.state == NEW:
            new.append(candidate)
        elif card.due is None:
            continue
        elif card.due <= now:
            (review if card.state == REVIEW else learning).append(candidate)
        elif card.state in (LEARNING, RELEARNING) and card.due <= now + scheduling.LEARN_AHEAD:
            ahead.append(candidate)
    learning.sort(key=lambda c: c.card.due)
    review.sort(key=lambda c: (scheduling.retrievability(c.card, now, desired_retention), c.position))
    new.sort(key=lambda c: c.position)
    ahead.sort(key=lambda c: c.card.due)
    review = review[: max(0, max_reviews_per_day - today.review_cards)]
    new = new[: max(0, new_per_day - today.new_cards)]
    ordered = learning + review + new + ahead
    return Queue(
        next=ordered[0] if ordered else None,
        due_learning=len(learning),
        due_review=len(review),
        new_left=len(new),
        today=today,
        by_id={c.question_id: c for c in candidates},
    )


def today_counts(user, since: datetime) -> TodayCounts:
    """Reviews since `since`: total, first reviews of new cards, reviews of review cards, time."""
    totals = ReviewLog.objects.filter(user=user, reviewed_at__gte=since).aggregate(
        reviews=Count("id"),
        new_cards=Count("id", filter=Q(state_before=NEW)),
        review_cards=Count("id", filter=Q(state_before=REVIEW)),
        duration_ms=Sum("duration_ms"),
    )
    return TodayCounts(**{key: value or 0 for key, value in totals.items()})


def candidates_for(user, chapter_id: int | None) -> list[Candidate]:
    """Every published question of the deck with this learner's card, in one query."""
    questions = (
        Question.objects.published()
        .annotate(mine=FilteredRelation("card_states", condition=Q(card_states__user=user)))
        .values("id", "number", "position", *(f"mine__{column}" for column in CARD_COLUMNS))
    )
    if chapter_id:
        questions = questions.filter(chapter_id=chapter_id)
    result = []
    for row in questions:
        if row["mine__state"] is None:
            card = CardFields()
        else:
            card = CardFields(**{c: row[f"mine__{c}"] for c in CARD_COLUMNS if c != "buried_until"})
        result.append(Candidate(row["id"], row["number"], row["position"], card, row["mine__buried_until"]))
    return result


def build_queue(user, study_settings, now: datetime) -> Queue:
    """The learner's queue right now, honouring their deck, limits and time zone (two queries)."""
    today = today_counts(user, day_start(now, study_settings.time_zone))
    return order_queue(
        candidates_for(user, study_settings.deck_id),
        now,
        today,
        study_settings.new_cards_per_day,
        study_settings.max_reviews_per_day,
        study_settings.desired_retention,
    )


def next_day_start(now: datetime, time_zone: str) -> datetime:
    """Midnight at the start of tomorrow in the learner's time zone."""
    start = day_start(now, time_zone)
    return (start + timedelta(days=1, hours=3)).replace(hour=0)
