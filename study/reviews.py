"""Grading, undoing, suspending and burying cards: the only code that writes learner card state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from study import planning, scheduling
from study.models import CardState, ReviewLog
from study.planning import Limits
from study.queue import next_day_start
from study.scheduling import NEW, CardFields
from studyhub.database import prepared_cursor

TOKEN_SALT = "studyhub.study.card"
# A card left open longer than this counts this long: the learner walked away.
MAX_DURATION_MS = 10 * 60 * 1000


class ReviewRejected(Exception):
    """A grade that cannot be stored; the message is shown to the learner."""


class AlreadyGraded(ReviewRejected):
    pass


@dataclass(frozen=True)
class CardTicket:
    """What a shown card's one-time token carries: whose card, which question, which version, when."""

    user_id: int
    question_id: int
    version: int
    shown_at: float


def issue_ticket(user_id: int, question_id: int, version: int, now: datetime) -> str:
    return signing.dumps([user_id, question_id, version, now.timestamp()], salt=TOKEN_SALT)


def read_ticket(token: str, user_id: int) -> CardTicket:
    try:
        ticket = CardTicket(*signing.loads(token, salt=TOKEN_SALT, max_age=60 * 60 * 24 * 7))
    except (signing.BadSignature, TypeError, ValueError):
        raise ReviewRejected(
            _("This card has expired or was not shown to you. Here is your next card.")
        ) from None
    if ticket.user_id != user_id:
        raise ReviewRejected(_("This card belongs to another account. Here is your next card."))
    return ticket


def _write_fields(card: CardFields) -> dict:
    return {name: getattr(card, name) for name in CardFields.__dataclass_fields__}


def grade(
    *,
    user,
    ticket: CardTicket,
    rating: int,
    now: datetime,
    limits: Limits,
    card_id: int | None,
    before: CardFields,
    early_ok: bool = False,
) -> tuple[scheduling.ReviewOutcome, ReviewLog]:
    """Store one review of the ticket's card, once. `card_id`/`before`: the learner's card row as read;
    `limits`: the learner's (`Limits.of` their settings), so the interval stored is the one the plan
    gives and the grade button showed.

    The card row is updated only if its version still matches the ticket, so a double click, a retry
    or a second tab stores one review; the later submissions raise AlreadyGraded. Answer reviews may
    grade a card before it is due (`early_ok`); FSRS accounts for the shorter interval.
    """
    if rating not in scheduling.RATINGS:
        raise ReviewRejected(_("Choose Again, Hard, Good or Easy."))
    if before.reps != ticket.version:
        raise AlreadyGraded(_("That answer was already recorded."))
    if before.suspended:
        raise ReviewRejected(_("This card is suspended; unsuspend it from its question page first."))
    due = planning.due(before, limits)
    if not early_ok and before.state != NEW and due and due > now + scheduling.LEARN_AHEAD:
        raise ReviewRejected(_("This card is not due yet."))
    outcome = planning.review(before, rating, now, limits)
    duration = min(max(0, int((now.timestamp() - ticket.shown_at) * 1000)), MAX_DURATION_MS)
    log = ReviewLog(
        user=user,
        question_id=ticket.question_id,
        rating=rating,
        reviewed_at=now,
        duration_ms=duration,
        state_before=before.state,
        state_after=outcome.after.state,
        card_before=before.to_json(),
        card_after=outcome.after.to_json(),
    )
    if card_id is not None and connection.vendor == "postgresql":
        if not _update_and_log(card_id, ticket.version, outcome.after, log):
            raise AlreadyGraded(_("That answer was already recorded."))
        return outcome, log
    try:
        # No savepoint: this is the whole transaction in production, and a savepoint would add
        # two statements to the hottest request.
        with transaction.atomic(savepoint=False):
            if card_id is None:
                CardState.objects.create(
                    user=user, question_id=ticket.question_id, **_write_fields(outcome.after)
                )
                stored = True
            else:
                stored = CardState.objects.filter(pk=card_id, reps=ticket.version).update(
                    buried_until=None, **_write_fields(outcome.after)
                )
            if stored:
                log.save(force_insert=True)
    except IntegrityError:
        stored = False  # another request created this card first
    if not stored:
        raise AlreadyGraded(_("That answer was already recorded."))
    return outcome, log


# The card row's compare-and-set and its review row in one PostgreSQL statement: atomic on its own, so
# the grade needs no BEGIN and COMMIT around it (three round trips fewer on the hottest write).
_CARD_WRITES = ("buried_until", *CardFields.__dataclass_fields__)
_LOG_WRITES = (
    "user",
    "question",
    "rating",
    "reviewed_at",
    "duration_ms",
    "state_before",
    "state_after",
    "card_before",
    "card_after",
)


@cache
def _update_and_log_sql() -> str:
    quote = connection.ops.quote_name
    card_columns = [CardState._meta.get_field(name).column for name in _CARD_WRITES]
    log_columns = [ReviewLog._meta.get_field(name).column for name in _LOG_WRITES]
    return (
        f"WITH card AS (UPDATE {quote(CardState._meta.db_table)} "
        f"SET {', '.join(f'{quote(column)} = %s' for column in card_columns)} "
        "WHERE id = %s AND reps = %s RETURNING id) "
        f"INSERT INTO {quote(ReviewLog._meta.db_table)} ({', '.join(map(quote, log_columns))}) "
        f"SELECT {', '.join(['%s'] * len(log_columns))} FROM card RETURNING id"
    )


def _update_and_log(card_id: int, version: int, after: CardFields, log: ReviewLog) -> bool:
    """Write the graded card if it is still at `version`, and `log` with it; False when another request
    graded it first (nothing written). `log` gets its id, as if saved."""
    card_values = {"buried_until": None, **_write_fields(after)}
    params = [
        CardState._meta.get_field(name).get_db_prep_save(card_values[name], connection)
        for name in _CARD_WRITES
    ]
    params += [card_id, version]
    params += [
        field.get_db_prep_save(getattr(log, field.attname), connection)
        for field in (ReviewLog._meta.get_field(name) for name in _LOG_WRITES)
    ]
    with prepared_cursor(connection) as cursor:
        cursor.execute(_update_and_log_sql(), params)
        row = cursor.fetchone()
    if row is None:
        return False
    log.pk = row[0]
    log._state.adding = False
    log._state.db = connection.alias
    return True


def reschedule(user, cards: dict[int, tuple[int, CardFields]]) -> int:
    """Store recomputed card states (card id → (version read, new fields)), e.g. after the learner's FSRS
    parameters were fitted. A card reviewed since it was read keeps its review: the number written."""
    written = 0
    with transaction.atomic():
        for card_id, (version, card) in cards.items():
            written += CardState.objects.filter(pk=card_id, user=user, reps=version).update(
                **_write_fields(card)
            )
    return written


def undo(user, review_id: int) -> ReviewLog:
    """Revert the learner's latest review exactly: the card as it was, and the log row removed.

    Only the latest review can be undone; `review_id` names it so a repeated undo undoes once.
    """
    latest = (
        ReviewLog.objects.filter(user=user).select_related("question").order_by("-reviewed_at", "-id").first()
    )
    if latest is None or latest.pk != review_id:
        raise ReviewRejected(_("Only your latest review can be undone, and it already was."))
    with transaction.atomic():
        before = CardFields.from_json(latest.card_before)
        CardState.objects.filter(user=user, question_id=latest.question_id).update(**_write_fields(before))
        latest.delete()
    return latest


def set_suspended(user, question, suspended: bool) -> CardState:
    card, _created = CardState.objects.get_or_create(user=user, question=question)
    card.suspended = suspended
    if not suspended:
        card.buried_until = None
    card.save(update_fields=["suspended", "buried_until"])
    return card


def bury(user, question, now: datetime, time_zone: str) -> CardState:
    """Hide a card until the learner's next local midnight."""
    card, _created = CardState.objects.get_or_create(user=user, question=question)
    card.buried_until = next_day_start(now, time_zone)
    card.save(update_fields=["buried_until"])
    return card
