"""A learner's own data: export as JSON (reviews also as CSV), and import, validated first and atomic.

The document names StudyHub and carries a schema version. Records point at content by natural key
(question "2.13", chapter "2", key point by its position in the question's outline), never by database
id, so a file moves between accounts and servers. Each kind of learner data is one section in
`SECTIONS`, which says how to write it, read it back and merge it: a new model joins the export, the
import and the merge there, in one place (tests/progress/test_export.py checks none is forgotten).

Merging never duplicates: a record whose natural key is already in the account is kept as it is, or
replaced when the section keeps the later one (card states by last review, notes and drafts by last
edit). Nothing is written until the whole document is valid; the write is one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mocks import round_types
from mocks.models import Mock, MockAnswer, MockQuestion
from mocks.selection import count_in
from progress.fields import (
    Boolean,
    ChapterNumber,
    Choice,
    Day,
    Field,
    FsrsParameters,
    Integer,
    Invalid,
    ListOf,
    Moment,
    Number,
    QuestionNumber,
    Record,
    Refs,
    Text,
    TimeZone,
    Uuid,
    joined,
)
from study.forms import MAX_ANSWER_CHARS
from study.models import (
    MAX_DIFFICULTY,
    MAX_STABILITY,
    MIN_DIFFICULTY,
    AnswerDraft,
    Attempt,
    AttemptKeyPoint,
    Bookmark,
    CardState,
    Note,
    ReviewLog,
    StudySettings,
)

FORMAT = "StudyHub learner data"
SCHEMA_VERSION = 1
MAX_IMPORT_BYTES = 20 * 1024 * 1024
# Memory stays bounded whatever is uploaded: a gzip-compressed file may expand to this much JSON and
# no more; the JSON may hold at most MAX_CONTAINERS objects and lists (counted before parsing) and
# MAX_RECORDS records; validation stops at the
# MAX_REPORTED_ERRORS-th problem.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
MAX_CONTAINERS = 1_500_000
MAX_RECORDS = 120_000
MAX_REPORTED_ERRORS = 20
CHUNK = 2000
HEADER_KEYS = ("format", "schema_version", "exported_at", "account")


class ImportRejected(Exception):
    """The document cannot be imported; `errors` name each bad record, and nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


class Problems(list):
    """The problems found so far; the MAX_REPORTED_ERRORS-th ends validation."""

    def append(self, problem: str) -> None:
        super().append(problem)
        if len(self) >= MAX_REPORTED_ERRORS:
            raise ImportRejected([*self, _("…and validation stopped there: correct these first.")])


def card_problem(card: dict) -> str | None:
    """Why the scheduler could not read these card fields, if it could not."""
    if card.get("state", 0) == 0:
        return None
    missing = [name for name in ("stability", "difficulty", "due") if card.get(name) is None]
    if missing:
        return _("a card that has been studied (state %(state)s) needs %(fields)s") % {
            "state": card["state"],
            "fields": " and ".join(missing),
        }
    return None


@dataclass(frozen=True)
class CardSnapshot(Record):
    """A card's fields as a review saw them, consistent with each other (see `card_problem`)."""

    def parse(self, value, refs):
        value = super().parse(value, refs)
        problem = card_problem(value)
        if problem:
            raise Invalid(_("describes %(problem)s") % {"problem": problem})
        return value


# A review's card snapshot, as `CardFields.to_json` writes it.
CARD_SNAPSHOT = CardSnapshot(
    partial=True,
    fields=(
        Field("state", Integer(0, 3)),
        Field("step", Integer(0, 100, null=True)),
        Field("stability", Number(0, MAX_STABILITY, null=True, positive=True)),
        Field("difficulty", Number(MIN_DIFFICULTY, MAX_DIFFICULTY, null=True)),
        Field("due", Moment(null=True)),
        Field("last_review", Moment(null=True)),
        Field("reps", Integer()),
        Field("lapses", Integer()),
        Field("is_leech", Boolean()),
        Field("suspended", Boolean()),
    ),
)
QUESTION = Field("question", QuestionNumber(), source="question__number", attr="question_id")
# One answer given in a mock: to the question (position 0) or to its follow-up at that position.
MOCK_ANSWER = Record(
    fields=(
        Field("position", Integer(0, 32767)),
        Field("allowed_seconds", Integer(1)),
        Field("started_at", Moment(null=True)),
        Field("deadline", Moment(null=True)),
        Field("text", Text(max_length=MAX_ANSWER_CHARS)),
        Field("saved_at", Moment(null=True)),
        Field("ended_at", Moment(null=True)),
        Field("outcome", Choice(choices=tuple(MockAnswer.Outcome.values))),
    )
)


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    kept: int = 0


# --- Sections -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A list of one model's rows owned by the learner, keyed by `key` (field names) within the account.

    On import, a record whose key is already there is kept as it is, unless `newer` names a field and
    the record's value is later: then the record replaces it.
    """

    name: str
    model: type
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    order: tuple[str, ...]
    newer: str = ""
    many = True

    def export(self, user) -> Iterator[dict]:
        rows = (
            self.model.objects.filter(user=user)
            .order_by(*self.order)
            .values_list(*(f.lookup for f in self.fields))
            .iterator(chunk_size=CHUNK)
        )
        for row in rows:
            yield {f.name: f.kind.dump(value) for f, value in zip(self.fields, row, strict=True)}

    def validate(self, value, refs: Refs, errors: list[str]) -> list[dict]:
        if not isinstance(value, list):
            errors.append(_("%(name)s: must be a list") % {"name": self.name})
            return []
        records, seen = [], {}
        for index, item in enumerate(value):
            where = f"{self.name}[{index}]"
            record = _load_record(item, self.fields, where, refs, errors)
            if record is None:
                continue
            problem = self.check(record, refs)
            if problem:
                errors.append(f"{where}: {problem}")
                continue
            key = tuple(record[name] for name in self.key)
            if key in seen:
                names = " and ".join(
                    [", ".join(self.key[:-1]), self.key[-1]] if len(self.key) > 1 else self.key
                )
                errors.append(
                    _("%(where)s: same %(names)s as %(other)s")
                    % {"where": where, "names": names, "other": f"{self.name}[{seen[key]}]"}
                )
                continue
            seen[key] = index
            record["@"] = where
            records.append(record)
        return records

    def check(self, record: dict, refs: Refs) -> str | None:
        """A problem across the record's fields, if any."""
        return None

    def merge(self, user, records: list[dict], refs: Refs, options: dict) -> Counts:
        key_attributes = [self._attribute(name) for name in self.key]
        newer_attribute = self._attribute(self.newer) if self.newer else None
        existing = {
            tuple(row[1 : 1 + len(self.key)]): row
            for row in self.model.objects.filter(user=user)
            .values_list("pk", *key_attributes, *([newer_attribute] if newer_attribute else []))
            .iterator(chunk_size=CHUNK)
        }
        added, replaced = [], []
        for record in records:
            found = existing.get(tuple(record[name] for name in self.key))
            if found is None:
                added.append(record)
            elif newer_attribute and _later(record[self.newer], found[-1]):
                replaced.append((found[0], record))
        created = self.model.objects.bulk_create(
            [self.model(user=user, **self.attributes(record)) for record in added], batch_size=CHUNK
        )
        self._restore_automatic_times(created, added)
        if replaced:
            objects = [self.model(pk=pk, user=user, **self.attributes(record)) for pk, record in replaced]
            self.model.objects.bulk_update(objects, list(self.attributes(replaced[0][1])), batch_size=CHUNK)
        self.after_create(created, added, refs)
        return Counts(len(added), len(replaced), len(records) - len(added) - len(replaced))

    def attributes(self, record: dict) -> dict:
        return {f.attribute: record[f.name] for f in self.fields if f.attribute}

    def after_create(self, created: list, records: list[dict], refs: Refs) -> None:
        """Write what hangs off the new rows (nothing, for most sections)."""

    def _attribute(self, name: str) -> str:
        return next(f.attribute for f in self.fields if f.name == name)

    def _restore_automatic_times(self, created, records) -> None:
        # auto_now/auto_now_add stamp the time of the import; the file's times are the true ones.
        stamped = [
            f.attname
            for f in self.model._meta.concrete_fields
            if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
            and any(field.attribute == f.attname for field in self.fields)
        ]
        if not stamped or not created:
            return
        by_attribute = {f.attribute: f.name for f in self.fields}
        for obj, record in zip(created, records, strict=True):
            for attname in stamped:
                setattr(obj, attname, record[by_attribute[attname]])
        self.model.objects.bulk_update(created, stamped, batch_size=CHUNK)


class CardSection(Section):
    """The learner's cards, each one the scheduler can read."""

    def check(self, record, refs):
        return card_problem(record)


class AttemptSection(Section):
    """Written answers, keyed by their submission UUID, with the key points each covered.

    An answer graded as a review points at that review by its time and rating.
    """

    def export(self, user) -> Iterator[dict]:
        marks = defaultdict(list)
        for attempt_id, position, covered, hinted in (
            AttemptKeyPoint.objects.filter(attempt__user=user)
            .order_by("attempt_id", "key_point__position")
            .values_list("attempt_id", "key_point__position", "covered", "hinted")
            .iterator(chunk_size=CHUNK)
        ):
            marks[attempt_id].append({"position": position, "covered": covered, "hinted": hinted})
        stored = [f for f in self.fields if f.attribute]
        rows = (
            Attempt.objects.filter(user=user)
            .order_by(*self.order)
            .values_list("id", "review_log__reviewed_at", "review_log__rating", *(f.lookup for f in stored))
            .iterator(chunk_size=CHUNK)
        )
        for attempt_id, reviewed_at, rating, *values in rows:
            record = {f.name: f.kind.dump(value) for f, value in zip(stored, values, strict=True)}
            record["review"] = {"reviewed_at": reviewed_at.isoformat(), "rating": rating} if rating else None
            record["key_points"] = marks.get(attempt_id, [])
            yield record

    def check(self, record, refs):
        if record["covered_count"] > record["key_point_count"]:
            return _("covered_count is more than key_point_count")
        positions = refs.key_points.get(record["question"], {})
        seen = set()
        for index, mark in enumerate(record["key_points"]):
            if mark["position"] not in positions:
                return _("%(where)s: the question has no key point %(position)s") % {
                    "where": f"key_points[{index}]",
                    "position": mark["position"],
                }
            if mark["position"] in seen:
                return _("%(where)s: key point %(position)s is listed twice") % {
                    "where": f"key_points[{index}]",
                    "position": mark["position"],
                }
            seen.add(mark["position"])
        return None

    def merge(self, user, records, refs, options):
        # Link each new answer to its review, which the reviews section has just merged.
        wanted = {_review_key(record) for record in records if record["review"]}
        reviews = {}
        if wanted:
            for question_id, reviewed_at, rating, pk in (
                ReviewLog.objects.filter(user=user)
                .values_list("question_id", "reviewed_at", "rating", "id")
                .iterator(chunk_size=CHUNK)
            ):
                if (question_id, reviewed_at, rating) in wanted:
                    reviews[question_id, reviewed_at, rating] = pk
        present = set(Attempt.objects.filter(user=user).values_list("submission", flat=True))
        linked = set(
            Attempt.objects.filter(user=user).exclude(review_log=None).values_list("review_log_id", flat=True)
        )
        problems = []
        for record in records:
            record["review_log_id"] = None
            if not record["review"] or record["submission"] in present:
                continue
            review_id = reviews.get(_review_key(record))
            if review_id is None:
                problems.append(
                    _("%(where)s: review is neither in the file nor in your account") % {"where": record["@"]}
                )
            elif review_id in linked:
                problems.append(
                    _("%(where)s: review is already graded by another answer") % {"where": record["@"]}
                )
            linked.add(review_id)
            record["review_log_id"] = review_id
        if problems:
            raise ImportRejected(problems[:MAX_REPORTED_ERRORS])
        return super().merge(user, records, refs, options)

    def attributes(self, record):
        return super().attributes(record) | {"review_log_id": record["review_log_id"]}

    def after_create(self, created, records, refs):
        AttemptKeyPoint.objects.bulk_create(
            [
                AttemptKeyPoint(
                    attempt=attempt,
                    key_point_id=refs.key_points[record["question"]][mark["position"]],
                    covered=mark["covered"],
                    hinted=mark.get("hinted", False),
                )
                for attempt, record in zip(created, records, strict=True)
                for mark in record["key_points"]
            ],
            batch_size=CHUNK,
        )


class MockSection(Section):
    """Mock interviews, keyed by their UUID, each with its questions (by number) and the answers given.

    A graded question names its grade's answer attempt by submission UUID (the attempts section
    carries the attempt and its review); a follow-up answer names the follow-up by its position.
    """

    def export(self, user) -> Iterator[dict]:
        answers = defaultdict(list)
        for question_id, *values in (
            MockAnswer.objects.filter(mock_question__mock__user=user)
            .order_by("mock_question_id", "position")
            .values_list("mock_question_id", *(f.name for f in MOCK_ANSWER.fields))
            .iterator(chunk_size=CHUNK)
        ):
            answers[question_id].append(
                {f.name: f.kind.dump(value) for f, value in zip(MOCK_ANSWER.fields, values, strict=True)}
            )
        questions = defaultdict(list)
        for pk, mock_id, position, number, reason, detail, submission, attempt_id in (
            MockQuestion.objects.filter(mock__user=user)
            .order_by("mock_id", "position")
            .values_list(
                "id",
                "mock_id",
                "position",
                "question__number",
                "reason",
                "reason_detail",
                "submission",
                "attempt",
            )
            .iterator(chunk_size=CHUNK)
        ):
            questions[mock_id].append(
                {
                    "position": position,
                    "question": number,
                    "reason": reason,
                    "reason_detail": detail,
                    "submission": str(submission),
                    "graded": attempt_id is not None,
                    "answers": answers.get(pk, []),
                }
            )
        stored = [f for f in self.fields if f.attribute]
        rows = (
            Mock.objects.filter(user=user)
            .order_by(*self.order)
            .values_list("id", *(f.lookup for f in stored))
            .iterator(chunk_size=CHUNK)
        )
        for mock_id, *values in rows:
            record = {f.name: f.kind.dump(value) for f, value in zip(stored, values, strict=True)}
            record["questions"] = questions.get(mock_id, [])
            yield record

    def check(self, record, refs):
        if not record["questions"]:
            return _("questions must not be empty")
        positions, numbers = set(), set()
        for index, question in enumerate(record["questions"]):
            where = f"questions[{index}]"
            if question["position"] in positions:
                return _("%(where)s: position %(position)s is listed twice") % {
                    "where": where,
                    "position": question["position"],
                }
            if question["question"] in numbers:
                return _("%(where)s: question %(number)s is listed twice") % {
                    "where": where,
                    "number": question["question"],
                }
            positions.add(question["position"])
            numbers.add(question["question"])
            answered = [answer["position"] for answer in question["answers"]]
            if 0 not in answered:
                return _("%(where)s: answers must include the answer to the question (position 0)") % {
                    "where": where
                }
            if len(set(answered)) != len(answered):
                return _("%(where)s: answers list a position twice") % {"where": where}
            for number, answer in enumerate(question["answers"]):
                if (answer["started_at"] is None) != (answer["deadline"] is None):
                    return _("%(where)s: started_at and deadline go together") % {
                        "where": f"{where}.answers[{number}]"
                    }
                if (answer["ended_at"] is None) != (answer["outcome"] == ""):
                    return _("%(where)s: an answer has an outcome once it has ended") % {
                        "where": f"{where}.answers[{number}]"
                    }
        return None

    def merge(self, user, records, refs, options):
        # Link each graded question to its attempt, which the attempts section has just merged.
        present = set(Mock.objects.filter(user=user).values_list("key", flat=True))
        graded = [
            (record, index, uuid.UUID(question["submission"]))
            for record in records
            if record["key"] not in present
            for index, question in enumerate(record["questions"])
            if question["graded"]
        ]
        attempts = dict(
            Attempt.objects.filter(user=user, submission__in=[s for _, _, s in graded]).values_list(
                "submission", "id"
            )
        )
        linked = set(
            MockQuestion.objects.filter(attempt__in=attempts.values()).values_list("attempt_id", flat=True)
        )
        problems = []
        for record, index, submission in graded:
            attempt_id = attempts.get(submission)
            where = f"{record['@']}: questions[{index}]"
            if attempt_id is None:
                problems.append(
                    _("%(where)s: its graded answer is neither in the file nor in your account")
                    % {"where": where}
                )
            elif attempt_id in linked:
                problems.append(
                    _("%(where)s: its graded answer already grades another mock question") % {"where": where}
                )
            linked.add(attempt_id)
            record["questions"][index]["attempt_id"] = attempt_id
        if problems:
            raise ImportRejected(problems[:MAX_REPORTED_ERRORS])
        return super().merge(user, records, refs, options)

    def after_create(self, created, records, refs):
        pairs = [
            (mock, question)
            for mock, record in zip(created, records, strict=True)
            for question in record["questions"]
        ]
        items = MockQuestion.objects.bulk_create(
            [
                MockQuestion(
                    mock=mock,
                    position=question["position"],
                    question_id=refs.questions[question["question"]],
                    reason=question["reason"],
                    reason_detail=question["reason_detail"],
                    reason_count=count_in(question["reason_detail"]),
                    submission=uuid.UUID(question["submission"]),
                    attempt_id=question.get("attempt_id"),
                )
                for mock, question in pairs
            ],
            batch_size=CHUNK,
        )
        MockAnswer.objects.bulk_create(
            [
                MockAnswer(
                    mock_question=item,
                    follow_up_id=refs.follow_ups.get(item.question_id, {}).get(answer["position"])
                    if answer["position"]
                    else None,
                    **{
                        f.name: f.kind.parse(answer[f.name], refs) if answer[f.name] is not None else None
                        for f in MOCK_ANSWER.fields
                    },
                )
                for item, (_, question) in zip(items, pairs, strict=True)
                for answer in question["answers"]
            ],
            batch_size=CHUNK,
        )


def _review_key(record) -> tuple:
    review = record["review"]
    return (record["question"], datetime.fromisoformat(review["reviewed_at"]), review["rating"])


@dataclass(frozen=True)
class SettingsSection:
    """The learner's study settings: one object, applied on import only when asked to."""

    name: str
    model: type
    fields: tuple[Field, ...]
    many = False

    def export(self, user) -> dict:
        row = self.model.objects.filter(user=user).values_list(*(f.lookup for f in self.fields)).first()
        if row is None:  # never saved: the defaults (a deck is never a default)
            defaults = self.model(user=user)
            row = [getattr(defaults, f.attribute) for f in self.fields]
        return {f.name: f.kind.dump(value) for f, value in zip(self.fields, row, strict=True)}

    def validate(self, value, refs, errors) -> dict | None:
        return _load_record(value, self.fields, self.name, refs, errors)

    def merge(self, user, record, refs, options) -> Counts:
        if record is None or not options.get("replace_settings", True):
            return Counts(kept=1 if record else 0)
        self.model.objects.update_or_create(
            user=user, defaults={f.attribute: record[f.name] for f in self.fields}
        )
        return Counts(updated=1)


def _load_record(item, fields, where, refs, errors) -> dict | None:
    if not isinstance(item, dict):
        errors.append(_("%(where)s: must be an object") % {"where": where})
        return None
    record, problems = {}, []
    unknown = set(item) - {f.name for f in fields}
    if unknown:
        problems.append(_("unknown field %(name)s") % {"name": repr(sorted(unknown)[0][:100])})
    for item_field in fields:
        try:
            record[item_field.name] = item_field.kind.load(item_field.raw(item), refs)
        except Invalid as error:
            problems.append(f"{item_field.name}{joined(error)}")
    if problems:
        errors.append(f"{where}: {'; '.join(problems)}")
        return None
    return record


def _later(candidate, current) -> bool:
    return candidate is not None and (current is None or candidate > current)


SECTIONS = (
    SettingsSection(
        "settings",
        StudySettings,
        (
            Field("desired_retention", Number(0.7, 0.97)),
            Field("new_cards_per_day", Integer(0, 500)),
            Field("max_reviews_per_day", Integer(0, 9999)),
            Field("deck", ChapterNumber(null=True), source="deck__number", attr="deck_id"),
            Field("language", Choice(choices=("", *StudySettings.Language.values))),
            Field(
                "interface_language",
                Choice(choices=("", *StudySettings.Language.values)),
                missing="",
            ),
            Field("time_zone", TimeZone()),
            Field("interview_date", Day(null=True)),
            Field("interview_target", Number(0.7, 0.99), missing=0.9),
            Field("fsrs_parameters", FsrsParameters(), missing=None),
            Field("parameters_fitted_at", Moment(null=True), missing=None),
            Field("parameters_review_count", Integer(), missing=0),
        ),
    ),
    CardSection(
        "cards",
        CardState,
        (
            QUESTION,
            *(Field(f.name, f.kind) for f in CARD_SNAPSHOT.fields),
            Field("buried_until", Moment(null=True)),
        ),
        key=("question",),
        order=("question__position",),
        newer="last_review",
    ),
    Section(
        "reviews",
        ReviewLog,
        (
            QUESTION,
            Field("rating", Integer(1, 4)),
            Field("reviewed_at", Moment()),
            Field("duration_ms", Integer()),
            Field("state_before", Integer(0, 3)),
            Field("state_after", Integer(0, 3)),
            Field("card_before", CARD_SNAPSHOT),
            Field("card_after", CARD_SNAPSHOT),
        ),
        key=("question", "reviewed_at", "rating"),
        order=("reviewed_at", "id"),
    ),
    AttemptSection(
        "attempts",
        Attempt,
        (
            Field("submission", Uuid()),
            QUESTION,
            Field("answer", Text(max_length=MAX_ANSWER_CHARS)),
            Field("duration_seconds", Integer()),
            Field("covered_count", Integer(0, 32767)),
            Field("key_point_count", Integer(0, 32767)),
            Field("suggested_rating", Integer(1, 4)),
            Field("rating", Integer(1, 4)),
            Field("created_at", Moment()),
            Field(
                "review",
                Record(fields=(Field("reviewed_at", Moment()), Field("rating", Integer(1, 4))), null=True),
                attr=None,
            ),
            Field(
                "key_points",
                ListOf(
                    Record(
                        fields=(
                            Field("position", Integer(1, 32767)),
                            Field("covered", Boolean()),
                            Field("hinted", Boolean()),
                        )
                    )
                ),
                attr=None,
            ),
        ),
        key=("submission",),
        order=("created_at", "id"),
    ),
    Section(
        "drafts",
        AnswerDraft,
        (
            QUESTION,
            Field("text", Text(max_length=MAX_ANSWER_CHARS)),
            Field("started_at", Moment()),
            Field("updated_at", Moment()),
        ),
        key=("question",),
        order=("question__position",),
        newer="updated_at",
    ),
    Section(
        "notes",
        Note,
        (
            QUESTION,
            Field("body", Text(max_length=MAX_ANSWER_CHARS, blank=False)),
            Field("updated_at", Moment()),
        ),
        key=("question",),
        order=("question__position",),
        newer="updated_at",
    ),
    Section(
        "bookmarks",
        Bookmark,
        (QUESTION, Field("created_at", Moment())),
        key=("question",),
        order=("created_at", "id"),
    ),
    MockSection(
        "mocks",
        Mock,
        (
            Field("key", Uuid()),
            Field("interview_type", Choice(choices=tuple(round_types.BY_VALUE))),
            Field(
                "minutes_per_question", Integer(round_types.MIN_MINUTES, round_types.MAX_MINUTES, null=True)
            ),
            Field("seed", Integer()),
            Field("created_at", Moment()),
            Field("finished_at", Moment(null=True)),
            Field(
                "questions",
                ListOf(
                    Record(
                        fields=(
                            Field("position", Integer(1, 32767)),
                            Field("question", QuestionNumber()),
                            Field("reason", Choice(choices=tuple(MockQuestion.Reason.values))),
                            Field("reason_detail", Text(max_length=200)),
                            Field("submission", Uuid()),
                            Field("graded", Boolean()),
                            Field("answers", ListOf(MOCK_ANSWER)),
                        )
                    )
                ),
                attr=None,
            ),
        ),
        key=("key",),
        order=("created_at", "id"),
    ),
)


# --- Export -------------------------------------------------------------------------------------


def export_chunks(user, now: datetime | None = None) -> Iterator[str]:
    """The learner's whole export as JSON text, streamed section by section, one record per line."""
    header = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": (now or timezone.now()).isoformat(),
        "account": {"username": user.get_username(), "date_joined": user.date_joined.isoformat()},
    }
    yield json.dumps(header, ensure_ascii=False)[:-1]
    for section in SECTIONS:
        yield f',\n"{section.name}": '
        if not section.many:
            yield json.dumps(section.export(user), ensure_ascii=False)
            continue
        buffer, first = ["["], True
        for record in section.export(user):
            buffer.append(("\n" if first else ",\n") + json.dumps(record, ensure_ascii=False))
            first = False
            if len(buffer) >= CHUNK:
                yield "".join(buffer)
                buffer = []
        buffer.append("\n]" if not first else "]")
        yield "".join(buffer)
    yield "\n}\n"


def export_document(user) -> dict:
    """The export as a Python object (what `export_chunks` streams)."""
    return json.loads("".join(export_chunks(user)))


def gzipped(chunks: Iterator[str]) -> Iterator[bytes]:
    """Chunks of text compressed on the fly as one gzip stream."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    for chunk in chunks:
        data = compressor.compress(chunk.encode())
        if data:
            yield data
    yield compressor.flush()


REVIEW_CSV_COLUMNS = (
    "question",
    "reviewed_at",
    "rating",
    "rating_label",
    "duration_ms",
    "state_before",
    "state_after",
)


def reviews_csv(user) -> Iterator[str]:
    """Every review as a CSV row (question number, time in UTC, rating…), streamed."""
    # The file's rating names are English whatever the interface language: a format, not a page.
    labels = {rating.value: rating.name.capitalize() for rating in ReviewLog.Rating}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(REVIEW_CSV_COLUMNS)
    rows = (
        ReviewLog.objects.filter(user=user)
        .order_by("reviewed_at", "id")
        .values_list(
            "question__number", "reviewed_at", "rating", "duration_ms", "state_before", "state_after"
        )
        .iterator(chunk_size=CHUNK)
    )
    for count, (number, reviewed_at, rating, duration, before, after) in enumerate(rows, 1):
        writer.writerow((number, reviewed_at.isoformat(), rating, labels[rating], duration, before, after))
        if count % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# --- Import -------------------------------------------------------------------------------------


def read_document(raw: bytes):
    """The JSON in an uploaded file (gzip-compressed or not), or ImportRejected saying why not."""
    if raw[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(47)
        try:
            raw = inflater.decompress(raw, MAX_DOCUMENT_BYTES + 1)
        except zlib.error:
            raise ImportRejected([_("The file looks gzip-compressed but is damaged.")]) from None
        if len(raw) > MAX_DOCUMENT_BYTES or inflater.unconsumed_tail:
            raise ImportRejected(
                [_("Uncompressed, the file is over %(size)s MB.") % {"size": MAX_DOCUMENT_BYTES // 2**20}]
            )
        if not inflater.eof:
            raise ImportRejected([_("The file looks gzip-compressed but is damaged.")])
    if _containers(raw) > MAX_CONTAINERS and _containers(_JSON_STRING.sub(b"", raw)) > MAX_CONTAINERS:
        raise ImportRejected(
            [_("The file holds more than %(count)s objects and lists.") % {"count": f"{MAX_CONTAINERS:,}"}]
        )
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant, parse_float=_finite)
    except UnicodeDecodeError:
        raise ImportRejected(
            [_("The file is not UTF-8 text: choose the .json file StudyHub exported.")]
        ) from None
    except json.JSONDecodeError as error:
        raise ImportRejected(
            [
                _("The file is not valid JSON: %(error)s at line %(line)s, column %(column)s.")
                % {"error": error.msg, "line": error.lineno, "column": error.colno}
            ]
        ) from None
    except RecursionError:
        raise ImportRejected(
            [_("The file nests objects or lists far deeper than a StudyHub export.")]
        ) from None
    except ValueError as error:  # NaN, Infinity, or a whole number too long for Python to read
        reason = (
            error
            if isinstance(error, UnstorableNumber)
            else _("a number has more than %(digits)s digits")
            % {"digits": f"{sys.get_int_max_str_digits():,}"}
        )
        raise ImportRejected(
            [_("The file holds a value StudyHub cannot store: %(error)s.") % {"error": reason}]
        ) from None


def _containers(raw: bytes) -> int:
    return raw.count(b"{") + raw.count(b"[")


# Brackets inside strings (a formula's braces) are not objects: when the quick count is over the limit,
# the strings are taken out and the brackets counted again.
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)


class UnstorableNumber(ValueError):
    """A number in the file that JSON allows and StudyHub cannot store; the message is the learner's."""


def _refuse_constant(name: str):
    raise UnstorableNumber(_("%(value)s is not a number") % {"value": name})


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnstorableNumber(_("%(value)s is too large a number") % {"value": text[:20]})
    return value


def validate_document(document, refs: Refs) -> dict:
    """Every section of the document checked and loaded, or ImportRejected naming each bad record."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportRejected(
            [_('This is not a StudyHub export (its "format" should be "%(format)s").') % {"format": FORMAT}]
        )
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ImportRejected(
            [
                _("This export has schema version %(version)s; this StudyHub reads version %(current)s.")
                % {"version": repr(version), "current": SCHEMA_VERSION}
            ]
        )
    sections = {section.name: section for section in SECTIONS}
    records = sum(
        len(document[name])
        for name, section in sections.items()
        if section.many and isinstance(document.get(name), list)
    )
    if records > MAX_RECORDS:
        raise ImportRejected(
            [
                _("The file holds %(count)s records; StudyHub imports at most %(limit)s.")
                % {"count": f"{records:,}", "limit": f"{MAX_RECORDS:,}"}
            ]
        )
    errors = Problems()
    for name in document:
        if name not in sections and name not in HEADER_KEYS:
            errors.append(_("unknown section %(name)s") % {"name": repr(name[:100])})
    loaded = {}
    for name, section in sections.items():
        if name in document:
            loaded[name] = section.validate(document[name], refs, errors)
    if errors:
        raise ImportRejected(list(errors))
    return loaded


def import_document(user, raw: bytes, replace_settings: bool = True) -> dict[str, Counts]:
    """Merge an export into the learner's account: all of it or, on any problem, none of it."""
    refs = Refs.load()
    loaded = validate_document(read_document(raw), refs)
    options = {"replace_settings": replace_settings}
    with transaction.atomic():
        return {
            section.name: section.merge(user, loaded[section.name], refs, options)
            for section in SECTIONS
            if section.name in loaded
        }


# How the import's message names each section, in the interface language.
SECTION_NAMES = {
    "cards": gettext_lazy("cards"),
    "reviews": gettext_lazy("reviews"),
    "attempts": gettext_lazy("answers"),
    "drafts": gettext_lazy("drafts"),
    "notes": gettext_lazy("notes"),
    "bookmarks": gettext_lazy("bookmarks"),
    "mocks": gettext_lazy("mock interviews"),
}


def import_summary(counts: dict[str, Counts]) -> str:
    """One sentence for the learner: what was added, replaced and already there."""
    parts = []
    for name, count in counts.items():
        if name == "settings":
            if count.updated:
                parts.append(_("your settings"))
            continue
        if not (count.added or count.updated or count.kept):
            continue
        detail = [_("%(count)s added") % {"count": f"{count.added:,}"}]
        if count.updated:
            detail.append(_("%(count)s replaced by newer ones") % {"count": f"{count.updated:,}"})
        if count.kept:
            detail.append(_("%(count)s already here") % {"count": f"{count.kept:,}"})
        parts.append(f"{SECTION_NAMES.get(name, name)} ({', '.join(detail)})")
    if not parts:
        return _("The file held nothing to import.")
    return _("Imported %(parts)s.") % {"parts": "; ".join(parts)}


def delete_account(user) -> None:
    """Delete the learner and everything they own (cascading from the user), in one transaction."""
    with transaction.atomic():
        user.delete()
