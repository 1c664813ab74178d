"""What to study next: the queue of due and new cards for one learner, from one query.

Order: due learning/relearning cards (earliest first), then due review cards (lowest retrievability
first, within the daily review limit), then new cards (book order, within the daily new limit), then
learning cards due within the learn-ahead window. Suspended and buried cards never appear.

The query reads every published card of the deck with the learner's state, joined to one row of
today's review counts. After a grade, the next queue is derived from that snapshot
in memory (`Queue.after_review`), so grading costs no second read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count, FilteredRelation, Max, Q, Sum
from django.utils.dateparse import parse_datetime

from questions.models import Question, Status
from study import scheduling
from study.models import CardState, ReviewLog
from study.scheduling import LEARNING, NEW, RELEARNING, REVIEW, CardFields

CARD_COLUMNS = tuple(f.name for f in dataclasses.fields(CardFields))


@dataclass(frozen=True)
class Candidate:
    question_id: int
    number: str
    position: int
    content_version: datetime
    card: CardFields
    card_id: int | None = None
    buried_until: datetime | None = None


@dataclass(frozen=True)
class TodayCounts:
    reviews: int = 0
    new_cards: int = 0
    review_cards: int = 0
    duration_ms: int = 0
    latest_review_id: int | None = None

    def plus(self, state_before: int, duration_ms: int, review_id: int) -> TodayCounts:
        return TodayCounts(
            reviews=self.reviews + 1,
            new_cards=self.new_cards + (state_before == NEW),
            review_cards=self.review_cards + (state_before == REVIEW),
            duration_ms=self.duration_ms + duration_ms,
            latest_review_id=review_id,
        )


@dataclass(frozen=True)
class Limits:
    new_per_day: int = 10
    max_reviews_per_day: int = 200
    desired_retention: float = 0.9


@dataclass(frozen=True)
class Queue:
    """The next card (None when done), the numbers for the progress line, and the snapshot behind them."""

    next: Candidate | None
    due_learning: int
    due_review: int
    new_left: int
    today: TodayCounts
    now: datetime
    limits: Limits
    candidates: tuple[Candidate, ...] = field(default=(), repr=False)

    @property
    def remaining_due(self) -> int:
        return self.due_learning + self.due_review

    def get(self, question_id: int) -> Candidate | None:
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


def order_queue(candidates, now: datetime, today: TodayCounts, limits: Limits = Limits()) -> Queue:
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
    review.sort(key=lambda c: (scheduling.retrievability(c.card, now, limits.desired_retention), c.position))
    new.sort(key=lambda c: c.position)
    ahead.sort(key=lambda c: c.card.due)
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
    )


def today_counts(user, since: datetime) -> TodayCounts:
    """Reviews since `since`: total, first reviews of new cards, reviews of review cards, time, latest."""
    totals = ReviewLog.objects.filter(user=user, reviewed_at__gte=since).aggregate(
        reviews=Count("id"),
        new_cards=Count("id", filter=Q(state_before=NEW)),
        review_cards=Count("id", filter=Q(state_before=REVIEW)),
        duration_ms=Sum("duration_ms"),
        latest_review_id=Max("id"),
    )
    return TodayCounts(**{k: v or (None if k == "latest_review_id" else 0) for k, v in totals.items()})


# The study loop's hottest read, written once in portable SQL: building the equivalent queryset
# (a filtered join plus five aggregate subqueries) cost more than running it.
_SNAPSHOT_SQL = """
SELECT q.id, q.number, q.position, q.updated_at, c.id, c.buried_until, {card_columns},
       t.reviews, t.new_cards, t.review_cards, t.duration_ms, t.latest_review_id
FROM {question} q
LEFT JOIN {card} c ON c.question_id = q.id AND c.user_id = %s
CROSS JOIN (
    SELECT COUNT(*) AS reviews,
           SUM(CASE WHEN state_before = {new} THEN 1 ELSE 0 END) AS new_cards,
           SUM(CASE WHEN state_before = {review} THEN 1 ELSE 0 END) AS review_cards,
           SUM(duration_ms) AS duration_ms,
           MAX(id) AS latest_review_id
    FROM {log} WHERE user_id = %s AND reviewed_at >= %s
) t
WHERE q.status = %s {deck}
ORDER BY q.position
"""


def _snapshot_sql(with_deck: bool) -> str:
    return _SNAPSHOT_SQL.format(
        card_columns=", ".join(f"c.{column}" for column in CARD_COLUMNS),
        question=Question._meta.db_table,
        card=CardState._meta.db_table,
        log=ReviewLog._meta.db_table,
        new=NEW,
        review=REVIEW,
        deck="AND q.chapter_id = %s" if with_deck else "",
    )


_SQL = {with_deck: _snapshot_sql(with_deck) for with_deck in (False, True)}
_DATETIMES = {"due", "last_review"}
_BOOLEANS = {"is_leech", "suspended"}


def _datetime(value):
    """A datetime column as an aware datetime (SQLite gives naive UTC values or text)."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _snapshot(user, chapter_id: int | None, since: datetime) -> tuple[list[Candidate], TodayCounts | None]:
    params = [user.pk, user.pk, connection.ops.adapt_datetimefield_value(since), Status.PUBLISHED]
    if chapter_id:
        params.append(chapter_id)
    with connection.cursor() as cursor:
        cursor.execute(_SQL[bool(chapter_id)], params)
        rows = cursor.fetchall()
    candidates, today = [], None
    width = len(CARD_COLUMNS)
    for row in rows:
        question_id, number, position, updated_at, card_id, buried_until = row[:6]
        card_values, totals = row[6 : 6 + width], row[6 + width :]
        if today is None:
            reviews, new_cards, review_cards, duration_ms, latest = totals
            today = TodayCounts(reviews or 0, new_cards or 0, review_cards or 0, duration_ms or 0, latest)
        if card_id is None:
            card = CardFields()
        else:
            values = dict(zip(CARD_COLUMNS, card_values, strict=True))
            for name in _DATETIMES:
                values[name] = _datetime(values[name])
            for name in _BOOLEANS:
                values[name] = bool(values[name])
            card = CardFields(**values)
        candidates.append(
            Candidate(
                question_id, number, position, _datetime(updated_at), card, card_id, _datetime(buried_until)
            )
        )
    return candidates, today


def card_outside_queue(user, question_id: int) -> Candidate | None:
    """A published question's card for this learner when it is not in their queue (another deck)."""
    row = (
        Question.objects.published()
        .filter(pk=question_id)
        .annotate(mine=FilteredRelation("card_states", condition=Q(card_states__user=user)))
        .values(
            "number", "position", "updated_at", "mine__id", *(f"mine__{column}" for column in CARD_COLUMNS)
        )
        .first()
    )
    if row is None:
        return None
    card = (
        CardFields()
        if row["mine__id"] is None
        else CardFields(**{c: row[f"mine__{c}"] for c in CARD_COLUMNS})
    )
    return Candidate(question_id, row["number"], row["position"], row["updated_at"], card, row["mine__id"])


def build_queue(user, study_settings, now: datetime) -> Queue:
    """The learner's queue now, honouring deck, limits and time zone: one query (two if the deck is empty)."""
    since = day_start(now, study_settings.time_zone)
    candidates, today = _snapshot(user, study_settings.deck_id, since)
    limits = Limits(
        study_settings.new_cards_per_day, study_settings.max_reviews_per_day, study_settings.desired_retention
    )
    return order_queue(candidates, now, today or today_counts(user, since), limits)
