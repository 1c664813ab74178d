"""The fields of StudyHub's export: how each JSON value is checked and converted, and how a wrong one
is reported ("rating must be 1-4", "card_after.state must be 0-3").

A kind turns a JSON value into the Python value stored (a question number into the question's id)
and back; references resolve through `Refs`, the content loaded once per import.
"""

from __future__ import annotations

import math
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import available_timezones

from django.utils.translation import gettext as _

from questions.models import Chapter, FollowUp, KeyPoint, Question
from study import scheduling


@dataclass
class Refs:
    """Content the document may refer to, by natural key, loaded once per import."""

    questions: dict[str, int]
    chapters: dict[str, int]
    key_points: dict[int, dict[int, int]]  # question id → key point position → key point id
    follow_ups: dict[int, dict[int, int]] = field(default_factory=dict)  # … → follow-up position → id

    @classmethod
    def load(cls) -> Refs:
        return cls(
            questions=dict(Question.objects.values_list("number", "id")),
            chapters=dict(Chapter.objects.exclude(kind=Chapter.Kind.GUIDE).values_list("number", "id")),
            key_points=_by_position(KeyPoint.objects.values_list("outline__question_id", "position", "id")),
            follow_ups=_by_position(FollowUp.objects.values_list("question_id", "position", "id")),
        )


def _by_position(rows) -> dict[int, dict[int, int]]:
    grouped = defaultdict(dict)
    for question_id, position, pk in rows:
        grouped[question_id][position] = pk
    return grouped


# Dates outside these years are refused: every date stored must convert to UTC and leave room for the
# scheduler's intervals, or a page reading it fails.
FIRST_YEAR, LAST_YEAR = 1970, 2200
# NUL cannot be stored by PostgreSQL, and a lone surrogate cannot be encoded into any page.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class Invalid(ValueError):
    """A value that does not fit its field; the message follows the field's name."""


class Kind:
    null = False

    def load(self, value, refs: Refs):
        if value is None:
            if self.null:
                return None
            raise Invalid(_("is required"))
        return self.parse(value, refs)

    def parse(self, value, refs: Refs):
        return value

    def dump(self, value):
        return value


@dataclass(frozen=True)
class Integer(Kind):
    low: int = 0
    high: int = 2**31 - 1
    null: bool = False

    def parse(self, value, refs):
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(_("must be a whole number"))
        if not self.low <= value <= self.high:
            raise Invalid(
                _("must be %(low)s-%(high)s") % {"low": self.low, "high": self.high}
                if self.high < 2**31 - 1
                else _("must be at least %(low)s") % {"low": self.low}
            )
        return value


@dataclass(frozen=True)
class Number(Kind):
    low: float | None = None
    high: float | None = None
    null: bool = False
    positive: bool = False  # above `low`, not equal to it

    def parse(self, value, refs):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise Invalid(_("must be a number"))
        if self.positive and value <= (self.low or 0):
            raise Invalid(_("must be more than %(low)s") % {"low": self.low or 0})
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise Invalid(
                _("must be %(low)s-%(high)s") % {"low": self.low, "high": self.high}
                if self.high is not None
                else _("must be at least %(low)s") % {"low": self.low}
            )
        return float(value)


class Boolean(Kind):
    def parse(self, value, refs):
        if not isinstance(value, bool):
            raise Invalid(_("must be true or false"))
        return value


@dataclass(frozen=True)
class Moment(Kind):
    """An aware date and time in ISO 8601, e.g. 2026-03-01T09:30:00+09:00."""

    null: bool = False

    def parse(self, value, refs):
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            raise Invalid(_("must be a date and time with its UTC offset, like 2026-03-01T09:30:00+09:00"))
        try:
            year = moment.astimezone(UTC).year
        except (OverflowError, ValueError):
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Invalid(
                _("must be between the years %(first)s and %(last)s")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return moment

    def dump(self, value):
        return value.isoformat() if value else None


@dataclass(frozen=True)
class Day(Kind):
    null: bool = False

    def parse(self, value, refs):
        try:
            day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise Invalid(_("must be a date like 2026-03-01"))
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise Invalid(
                _("must be between the years %(first)s and %(last)s")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return day

    def dump(self, value):
        return value.isoformat() if value else None


@dataclass(frozen=True)
class Text(Kind):
    max_length: int | None = None
    blank: bool = True

    def parse(self, value, refs):
        if not isinstance(value, str):
            raise Invalid(_("must be text"))
        if _UNSTORABLE.search(value):
            raise Invalid(_("must not hold NUL or unpaired surrogate characters"))
        if not self.blank and not value.strip():
            raise Invalid(_("must not be blank"))
        if self.max_length is not None and len(value) > self.max_length:
            raise Invalid(_("must be at most %(count)s characters") % {"count": self.max_length})
        return value


@dataclass(frozen=True)
class Choice(Kind):
    choices: tuple[str, ...] = ()

    def parse(self, value, refs):
        if value not in self.choices:
            raise Invalid(_("must be one of %(choices)s") % {"choices": ", ".join(self.choices)})
        return value


class TimeZone(Kind):
    def parse(self, value, refs):
        if not isinstance(value, str) or value not in _time_zones():
            raise Invalid(_("must be a time zone name like Asia/Seoul"))
        return value


class Uuid(Kind):
    def parse(self, value, refs):
        try:
            if isinstance(value, str):
                return uuid.UUID(value)
        except ValueError:
            pass
        raise Invalid(_("must be a UUID"))

    def dump(self, value):
        return str(value)


class QuestionNumber(Kind):
    """A question by its number ("2.13"); loads as the question's id."""

    def parse(self, value, refs):
        if not isinstance(value, str) or value not in refs.questions:
            raise Invalid(_("%(value)s is not a StudyHub question") % {"value": repr(str(value)[:50])})
        return refs.questions[value]


@dataclass(frozen=True)
class ChapterNumber(Kind):
    """A chapter by its number ("2"); loads as the chapter's id."""

    null: bool = False

    def parse(self, value, refs):
        if not isinstance(value, str) or value not in refs.chapters:
            raise Invalid(
                _("%(value)s is not a StudyHub chapter with questions") % {"value": repr(str(value)[:50])}
            )
        return refs.chapters[value]


class FsrsParameters(Kind):
    """A learner's FSRS parameters: 21 numbers within FSRS's bounds, or null for FSRS's defaults."""

    null = True

    def parse(self, value, refs):
        try:
            return list(scheduling.checked_parameters(value))
        except ValueError as error:
            raise Invalid(str(error)) from None


@dataclass(frozen=True)
class Record(Kind):
    """A nested JSON object with known fields, checked and then kept as the JSON it is."""

    fields: tuple[Field, ...] = ()
    null: bool = False
    partial: bool = False  # fields may be missing

    def parse(self, value, refs):
        if not isinstance(value, dict):
            raise Invalid(_("must be an object"))
        unknown = set(value) - {f.name for f in self.fields}
        if unknown:
            raise Invalid(_("has unknown field %(name)s") % {"name": repr(sorted(unknown)[0][:100])})
        for item in self.fields:
            if item.name in value or not self.partial:
                try:
                    item.kind.load(value.get(item.name), refs)
                except Invalid as error:
                    raise Invalid(f".{item.name}{joined(error)}") from None
        return value


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Kind)
    max_items: int = 1000

    def parse(self, value, refs):
        if not isinstance(value, list):
            raise Invalid(_("must be a list"))
        if len(value) > self.max_items:
            raise Invalid(_("must hold at most %(count)s items") % {"count": self.max_items})
        for index, element in enumerate(value):
            try:
                self.item.load(element, refs)
            except Invalid as error:
                raise Invalid(f"[{index}]{joined(error)}") from None
        return value


def joined(error: Invalid) -> str:
    """A nested field's message, after its parent's name: ".state must…" or " must…"."""
    message = str(error)
    return message if message.startswith((".", "[")) else f" {message}"


_REQUIRED = object()


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    source: str = ""  # the export's `values()` lookup; the name by default
    attr: str | None = ""  # the model attribute set on import; the name by default, None for none
    missing: object = _REQUIRED  # the value read when a file from before this field lacks it

    def raw(self, item: dict):
        """The field's JSON value in `item` (or its `missing` value, for an older file)."""
        if self.name not in item and self.missing is not _REQUIRED:
            return self.missing
        return item.get(self.name)

    @property
    def lookup(self) -> str:
        return self.source or self.name

    @property
    def attribute(self) -> str | None:
        return self.name if self.attr == "" else self.attr


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())
