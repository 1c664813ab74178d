"""The question list: every chapter's questions, filtered by chapter, kind, difficulty, tag and the
learner's card state, each published question with the learner's state and recall.

A fixed number of queries whatever the filters: the chapters, the questions, and the learner's cards
from `study.cards.read_cards` (one query); filtering happens on those rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from questions.models import Chapter, Question
from study import scheduling
from study.cards import read_cards
from study.models import StudySettings
from study.queue import day_start

STATES = {
    "new": pgettext_lazy("card state", "New"),
    "learning": pgettext_lazy("card state", "Learning"),
    "review": pgettext_lazy("card state", "Review"),
    "relearning": pgettext_lazy("card state", "Relearning"),
    "due": _("Due now"),
    "suspended": _("Suspended"),
}
_STATE_NAMES = {scheduling.NEW: "new", 1: "learning", scheduling.REVIEW: "review", 3: "relearning"}


class BrowseForm(forms.Form):
    """The list's filters, read from the URL. An unknown value is reported and left out."""

    chapter = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", _("Any kind")), *Question.Kind.choices])
    difficulty = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any difficulty")),
            ("1", _("1 · basic")),
            ("2", _("2 · core")),
            ("3", _("3 · advanced")),
        ],
    )
    tag = forms.ChoiceField(required=False)
    state = forms.ChoiceField(required=False, choices=[("", _("Any state")), *STATES.items()])

    def __init__(self, data, chapters: list[Chapter], tags: list[str]):
        super().__init__(data)
        self.fields["chapter"].choices = [("", _("All chapters"))] + [
            (c.number, f"{c.number}. {c.title_ko}") for c in chapters
        ]
        self.fields["tag"].choices = [("", _("Any tag"))] + [(t, t) for t in tags]

    def filters(self) -> dict:
        """The valid filters that are set (invalid ones are dropped, their errors stay on the form)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


@dataclass(frozen=True)
class Row:
    question: Question
    state: str | None  # "new", "learning", …; None for a draft
    recall: float | None  # today's predicted recall; None for a card never reviewed
    due: bool
    suspended: bool


@dataclass(frozen=True)
class Listing:
    form: BrowseForm
    chapters: list[tuple[Chapter, list[Row]]]
    shown: int
    filtered: bool


def browse(user, params, now: datetime) -> Listing:
    """The filtered list for this learner; `params` is the request's query dict."""
    study_settings = StudySettings.for_user(user)
    since = day_start(now, study_settings.time_zone)
    chapters = list(Chapter.objects.exclude(kind=Chapter.Kind.GUIDE))
    questions = list(
        Question.objects.filter(chapter__in=chapters).only(
            "number", "title_ko", "title_en", "status", "chapter_id", "position", "kind", "difficulty", "tags"
        )
    )
    tags = sorted({tag for q in questions if q.is_published for tag in q.tags})
    form = BrowseForm(params, chapters, tags)
    wanted = form.filters()
    cards = {c.question_id: c for c in read_cards(user, since=since).cards}
    by_chapter: dict[int, list[Row]] = {c.pk: [] for c in chapters}
    chapter_numbers = {c.pk: c.number for c in chapters}
    for question in questions:
        if not _content_matches(question, chapter_numbers[question.chapter_id], wanted):
            continue
        row = _row(question, cards.get(question.pk), now, study_settings.personal_parameters)
        if "state" in wanted and not _state_matches(row, wanted["state"]):
            continue
        by_chapter[question.chapter_id].append(row)
    filtered = bool(wanted)
    listed = [(c, by_chapter[c.pk]) for c in chapters if by_chapter[c.pk] or not filtered]
    return Listing(form, listed, sum(len(rows) for _, rows in listed), filtered)


def _content_matches(question: Question, chapter_number: str, wanted: dict) -> bool:
    return (
        wanted.get("chapter", chapter_number) == chapter_number
        and wanted.get("kind", question.kind) == question.kind
        and wanted.get("difficulty", question.difficulty) == question.difficulty
        and ("tag" not in wanted or wanted["tag"] in question.tags)
    )


def _row(question: Question, card, now: datetime, parameters: tuple[float, ...] | None) -> Row:
    if card is None:  # a draft: no card yet
        return Row(question, None, None, False, False)
    fields = card.card
    seen = fields.state != scheduling.NEW
    return Row(
        question,
        _STATE_NAMES.get(fields.state, "new"),
        scheduling.retrievability(fields, now, parameters) if seen and fields.last_review else None,
        seen and fields.due is not None and fields.due <= now and not fields.suspended,
        fields.suspended,
    )


def _state_matches(row: Row, state: str) -> bool:
    if row.state is None:
        return False
    if state == "due":
        return row.due
    if state == "suspended":
        return row.suspended
    return row.state == state
