"""Writing the search index: what a question's or a note's document holds, analysed once at write time.

A document keeps its text in parts (title, prompt, outline, key points, follow-ups, or the note) with
the place of every analysed term, so a search only looks terms up and cuts snippets; it never
analyses stored text again. Saves schedule re-indexing for when their transaction commits
(`schedule`), so a content load that touches a question twelve times indexes it once.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Q

from questions.analysis import analyse
from questions.glossary import concept_index
from questions.models import Question
from search.models import SearchDocument
from study.models import Note

_FENCED = re.compile(r"```.*?```", re.S)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
LONG_LINE = 280


def plain_lines(markdown: str) -> list[str]:
    """Markdown as readable plain lines (inline LaTeX kept as written, display math and code left out)."""
    text = _DISPLAY_MATH.sub(" ", _FENCED.sub(" ", markdown or ""))
    lines = []
    for raw in text.splitlines():
        if _TABLE_RULE.match(raw):
            continue
        line = _EMPHASIS.sub("", _LINK.sub(r"\1", _LINE_MARKUP.sub("", raw)))
        line = " · ".join(cell.strip() for cell in line.strip().strip("|").split("|")).strip()
        if not line:
            continue
        lines.extend(_SENTENCE_END.split(line) if len(line) > LONG_LINE else [line])
    return lines


def _masked(text: str) -> str:
    # Formulas are shown in snippets but say nothing to search: blank them, keeping every offset.
    return _INLINE_MATH.sub(lambda m: " " * len(m.group(0)), text)


@dataclass
class _Builder:
    """Collects a document's parts and terms."""

    concepts: object
    terms: list[str] = field(default_factory=list)
    title_terms: list[str] = field(default_factory=list)
    body_terms: list[str] = field(default_factory=list)
    parts: list[list] = field(default_factory=list)

    def add(self, kind: str, lang: str, markdown: str, plain: bool = False) -> None:
        for line in [markdown.strip()] if plain else plain_lines(markdown):
            if not line:
                continue
            found = analyse(_masked(line), self.concepts)
            (self.title_terms if kind == "title" else self.body_terms).extend(t.text for t in found)
            # Terms and their places as two aligned strings: a search scans them without decoding
            # thousands of small JSON numbers.
            terms = " ".join(t.text for t in found)
            places = " ".join(f"{t.start}:{t.end}" for t in found)
            self.parts.append([kind, lang, line, terms, places])

    def save(self, lookup: dict, defaults: dict) -> None:
        SearchDocument.objects.update_or_create(
            **lookup,
            defaults={
                **defaults,
                "title_terms": " ".join(self.title_terms),
                "body_terms": " ".join(self.body_terms),
                "parts": self.parts,
            },
        )


def _lang(text: str) -> str:
    return "ko" if re.search(r"[가-힣]", text) else "en"


def index_question(question_id: int) -> None:
    """(Re)write a question's document from its title, prompt, outline, key points and follow-ups."""
    question = (
        Question.objects.filter(pk=question_id)
        .select_related("outline")
        .prefetch_related("outline__key_points", "follow_ups")
        .first()
    )
    if question is None:
        return
    doc = _Builder(concept_index())
    for lang in ("ko", "en"):
        doc.add("title", lang, getattr(question, f"title_{lang}"), plain=True)
    for lang in ("ko", "en"):
        doc.add("prompt", lang, getattr(question, f"prompt_{lang}"))
    outline = getattr(question, "outline", None)
    if outline is not None:
        for point in outline.key_points.all():
            for lang in ("ko", "en"):
                doc.add("key_point", lang, getattr(point, f"text_{lang}"), plain=True)
        for lang in ("ko", "en"):
            doc.add("outline", lang, getattr(outline, f"body_{lang}"))
    for follow_up in question.follow_ups.all():
        for lang in ("ko", "en"):
            doc.add("follow_up", lang, getattr(follow_up, f"text_{lang}"))
            doc.add("follow_up", lang, getattr(follow_up, f"answer_{lang}"))
    doc.save(
        {"kind": SearchDocument.Kind.QUESTION, "question": question},
        {"version": question.updated_at, "note": None},
    )


def index_note(note: Note) -> None:
    """(Re)write a learner's note's document; only its owner's searches can find it."""
    doc = _Builder(concept_index())
    for line in plain_lines(note.body):
        doc.add("note", _lang(line), line, plain=True)
    doc.save(
        {"note": note},
        {
            "kind": SearchDocument.Kind.NOTE,
            "question_id": note.question_id,
            "version": note.updated_at,
        },
    )


def index_stale_notes(user) -> int:
    """Index this learner's notes whose document is missing or older than the note (a bulk write such
    as an import skips `save`). One query when all is current."""
    stale = Note.objects.filter(user=user).exclude(
        pk__in=SearchDocument.objects.filter(note__user=user, note__updated_at=F("version")).values("note_id")
    )
    count = 0
    for note in stale:
        index_note(note)
        count += 1
    return count


@transaction.atomic
def rebuild() -> tuple[int, int]:
    """Re-index every question and every note (after a glossary change); remove orphans."""
    question_ids = list(Question.objects.values_list("pk", flat=True))
    for question_id in question_ids:
        index_question(question_id)
    notes = 0
    for note in Note.objects.iterator(chunk_size=500):
        index_note(note)
        notes += 1
    SearchDocument.objects.filter(
        Q(kind=SearchDocument.Kind.QUESTION) & ~Q(question_id__in=question_ids)
    ).delete()
    return len(question_ids), notes


# --- keeping current ---------------------------------------------------------------------------

_pending = threading.local()


def _state():
    if not hasattr(_pending, "questions"):
        _pending.questions, _pending.notes, _pending.everything = set(), set(), False
    return _pending


def schedule(*, question_id: int | None = None, note_id: int | None = None, everything: bool = False):
    """Re-index when the current transaction commits (at once outside one). Repeats are merged."""
    state = _state()
    if question_id is not None:
        state.questions.add(question_id)
    if note_id is not None:
        state.notes.add(note_id)
    state.everything |= everything
    # One callback per call; the first to run takes everything pending, the rest find nothing.
    transaction.on_commit(flush)


def flush() -> None:
    state = _state()
    questions, notes, everything = state.questions, state.notes, state.everything
    state.questions, state.notes, state.everything = set(), set(), False
    if everything:
        rebuild()
        return
    for question_id in sorted(questions):
        index_question(question_id)
    for note in Note.objects.filter(pk__in=notes):
        index_note(note)
