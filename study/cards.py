"""The one way to read a learner's cards: published questions joined to this learner's card states,
with today's review counts, in one query.

The study queue, the dashboard, the question list and mock interviews all read cards here, so they
agree by construction: the same questions, the same card fields, the same "today".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import connection
from django.utils.dateparse import parse_datetime

from questions.models import Chapter, Question, Status
from study.models import Attempt, CardState, ReviewLog
from study.scheduling import NEW, REVIEW, CardFields
from studyhub.database import prepared_cursor

CARD_COLUMNS = tuple(f.name for f in dataclasses.fields(CardFields))
END_OF_TIME = datetime(9999, 12, 31, tzinfo=UTC)


@dataclass(frozen=True)
class LearnerCard:
    """One published question with its chapter and this learner's card (a new card if never seen)."""

    question_id: int
    number: str
    position: int
    title_ko: str
    title_en: str
    content_version: datetime
    chapter_id: int
    chapter_number: str
    chapter_title_ko: str
    chapter_title_en: str
    chapter_kind: str
    card: CardFields
    card_id: int | None = None
    buried_until: datetime | None = None

    @property
    def seen(self) -> bool:
        return self.card.state != NEW


@dataclass(frozen=True)
class TodayCounts:
    """The learner's reviews since the start of their day: the one definition of "today"."""

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
class CardSnapshot:
    cards: tuple[LearnerCard, ...]
    today: TodayCounts
    last_reviewed_at: datetime | None = None  # the learner's latest review ever (None: none yet)
    newest_review_id: int | None = None  # the learner's last review row written
    newest_attempt_id: int | None = None  # the learner's last written answer

    @property
    def history_version(self) -> tuple:
        """Changes whenever the learner's history does: a grade or an undo changes a card and the latest
        review; a written answer is a new attempt (even on a suspended card, which writes no review); an
        import or a replaced history writes new rows (higher ids: neither database reuses them); an edit
        of a question's key points changes its content version. Keys caches of aggregates over it."""
        return (self.newest_review_id, self.newest_attempt_id, self.last_reviewed_at, self.today, self.cards)


# The hottest read of the site, written once in portable SQL: today's counts are the driving row, so a
# deck with no published question still yields them, and every card column is named, never positional.
# Today's reviews are a range whose two ends the planner cannot see into (`(SELECT %s)`; it ends at the
# end of time): PostgreSQL estimates such a range narrow whatever its values, so the prepared statement
# keeps one plan, through the (user, reviewed_at) index, instead of planning again on every request (told
# the day, it judged a new plan always cheaper; told only `>=` an unknown, it would read a third of the
# table).
_SQL = """
SELECT t.reviews AS today_reviews, t.new_cards AS today_new_cards, t.review_cards AS today_review_cards,
       t.duration_ms AS today_duration_ms, t.latest_review_id AS today_latest_review_id,
       (SELECT MAX(reviewed_at) FROM {log} WHERE user_id = %s) AS last_reviewed_at,
       (SELECT MAX(id) FROM {log} WHERE user_id = %s) AS newest_review_id,
       (SELECT MAX(id) FROM {attempt} WHERE user_id = %s) AS newest_attempt_id,
       q.id AS question_id, q.number AS number, q.position AS position, q.title_ko AS title_ko,
       q.title_en AS title_en, {text}q.updated_at AS content_version, q.chapter_id AS chapter_id,
       ch.number AS chapter_number, ch.title_ko AS chapter_title_ko, ch.title_en AS chapter_title_en,
       ch.kind AS chapter_kind, c.id AS card_id, {text}c.buried_until AS buried_until, {card_columns}
FROM (
    SELECT COUNT(*) AS reviews,
           SUM(CASE WHEN state_before = {new} THEN 1 ELSE 0 END) AS new_cards,
           SUM(CASE WHEN state_before = {review} THEN 1 ELSE 0 END) AS review_cards,
           SUM(duration_ms) AS duration_ms,
           MAX(id) AS latest_review_id
    FROM {log} WHERE user_id = %s AND reviewed_at >= (SELECT %s) AND reviewed_at < (SELECT %s)
) t
LEFT JOIN (
    {question} q
    JOIN {chapter} ch ON ch.id = q.chapter_id
    LEFT JOIN {card} c ON c.question_id = q.id AND c.user_id = %s
) ON q.status = %s {filters}
ORDER BY q.position
"""
_QUESTION_COLUMNS = (
    "question_id",
    "number",
    "position",
    "title_ko",
    "title_en",
    "chapter_id",
    "chapter_number",
    "chapter_title_ko",
    "chapter_title_en",
    "chapter_kind",
)
_FILTERS = {"chapter_id": "AND q.chapter_id = %s", "question_id": "AND q.id = %s"}
_DATETIMES = ("due", "last_review")
_BOOLEANS = ("is_leech", "suspended")


@lru_cache(maxsize=8)
def _sql(vendor: str, filters: tuple[str, ...]) -> str:
    # Timestamps are read as the text the database keeps, so that the rows of unchanged cards are equal
    # from one request to the next and `_row_reader` finds them made without parsing a timestamp (several
    # hundred a page). SQLite's driver would parse every column declared a timestamp in Python on every
    # read; an expression (`+column`, the same value) has no declared type, so it comes as text. On
    # PostgreSQL the cursor reads them as text instead (`_timestamps_as_text`).
    text = "+" if vendor == "sqlite" else ""
    return _SQL.format(
        card_columns=", ".join(
            f"{text if column in _DATETIMES else ''}c.{column} AS card_{column}" for column in CARD_COLUMNS
        ),
        text=text,
        question=Question._meta.db_table,
        chapter=Chapter._meta.db_table,
        card=CardState._meta.db_table,
        log=ReviewLog._meta.db_table,
        attempt=Attempt._meta.db_table,
        new=NEW,
        review=REVIEW,
        filters=" ".join(_FILTERS[name] for name in filters),
    )


def _datetime(value):
    """A datetime column as an aware datetime (SQLite gives naive UTC values or text)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(value)  # what SQLite stores, parsed in C
        except ValueError:
            value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _timestamps_as_text(cursor) -> None:
    """On PostgreSQL, this cursor reads timestamps as their ISO text, as `_sql` has SQLite give them."""
    if connection.vendor == "postgresql":
        # Imported here: on SQLite, importing psycopg would add about 7 MB to every worker.
        from psycopg.types.string import TextLoader

        cursor.cursor.adapters.register_loader("timestamptz", TextLoader)


_NEW_CARD = CardFields()
_CARD_CONVERTERS = tuple(
    _datetime if column in _DATETIMES else bool if column in _BOOLEANS else None for column in CARD_COLUMNS
)


def _card(values) -> CardFields:
    """The card columns of a row (in `CARD_COLUMNS` order) as CardFields."""
    return CardFields(
        *(
            value if convert is None else convert(value)
            for convert, value in zip(_CARD_CONVERTERS, values, strict=True)
        )
    )


@lru_cache(maxsize=8)
def _row_reader(layout: tuple[str, ...]):
    """The LearnerCard of a row's columns from `question_id` on (named by `layout`), built once per distinct
    row: a card's row only changes when the card or its question does, so the study page and the dashboard
    mostly find it already made (it is immutable, so shared). Keyed by the values alone: hashing the
    layout with every row would double the cost of finding it."""
    at = {name: index for index, name in enumerate(layout)}
    card_start = at[f"card_{CARD_COLUMNS[0]}"]
    card_stop = card_start + len(CARD_COLUMNS)  # the card columns come last, in `CARD_COLUMNS` order
    card_at, version_at, buried_at = at["card_id"], at["content_version"], at["buried_until"]
    question_at = tuple((name, at[name]) for name in _QUESTION_COLUMNS)

    @lru_cache(maxsize=8192)
    def learner_card(values: tuple) -> LearnerCard:
        card_id = values[card_at]
        return LearnerCard(
            **{name: values[index] for name, index in question_at},
            content_version=_datetime(values[version_at]),
            card=_NEW_CARD if card_id is None else _card(values[card_start:card_stop]),
            card_id=card_id,
            buried_until=_datetime(values[buried_at]),
        )

    return learner_card


def read_cards(
    user, *, since: datetime, chapter_id: int | None = None, question_id: int | None = None
) -> CardSnapshot:
    """Every published question (of one chapter, or just one question) in book order with this learner's
    card, and their review counts since `since`: one query."""
    filters = tuple(
        name for name, value in (("chapter_id", chapter_id), ("question_id", question_id)) if value
    )
    adapt = connection.ops.adapt_datetimefield_value
    params = [user.pk, user.pk, user.pk, user.pk, adapt(since), adapt(END_OF_TIME), user.pk, Status.PUBLISHED]
    params += [value for value in (chapter_id, question_id) if value]
    with prepared_cursor(connection) as cursor:
        _timestamps_as_text(cursor)
        cursor.execute(_sql(connection.vendor, filters), params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    # Columns are looked up by name once per query, then read by their index in each row.
    at = {name: index for index, name in enumerate(names)}
    first = rows[0]
    today = TodayCounts(
        reviews=first[at["today_reviews"]] or 0,
        new_cards=first[at["today_new_cards"]] or 0,
        review_cards=first[at["today_review_cards"]] or 0,
        duration_ms=first[at["today_duration_ms"]] or 0,
        latest_review_id=first[at["today_latest_review_id"]],
    )
    start = at["question_id"]
    learner_card = _row_reader(tuple(names[start:]))
    cards = tuple(learner_card(row[start:]) for row in rows if row[start] is not None)
    return CardSnapshot(
        cards,
        today,
        last_reviewed_at=_datetime(first[at["last_reviewed_at"]]),
        newest_review_id=first[at["newest_review_id"]],
        newest_attempt_id=first[at["newest_attempt_id"]],
    )
