"""The published questions as an Anki deck (.apkg, built with genanki).

Ids are stable, so importing a newer deck into Anki updates its notes instead of adding copies: the
note type's and the deck's ids are constants (a chapter's deck derives its id from the chapter), and a
note's guid comes from the question number and the language.
"""

import hashlib
import io
import re

import genanki

from questions.content_files import content_questions
from questions.models import Chapter, Question
from questions.rendering import render_markdown

MODEL_ID = 1_735_402_117
DECK_ID = 1_735_402_118
LANGUAGES = ("ko", "en")
FIELDS = ["Number", "Title", "Prompt", "Outline", "Key points", "Follow-ups"]
_MATH_SPAN = re.compile(r'<span class="math math-(inline|display)">\$\$?(.*?)\$?\$</span>', re.S)

CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; line-height: 1.5; }
.number { color: #666; font-size: 0.8em; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.5em; }
.follow-up-answer { color: #333; margin: 0.25em 0 0.75em 1em; }"""

QUESTION_TEMPLATE = '<p class="number">Q{{Number}}</p><h3>{{Title}}</h3><p>{{Prompt}}</p>'
ANSWER_TEMPLATE = (
    '{{FrontSide}}<hr id="answer">{{Outline}}<h4>Key points</h4>{{Key points}}'
    "{{#Follow-ups}}<h4>Follow-ups</h4>{{Follow-ups}}{{/Follow-ups}}"
)

NOTE_TYPE = genanki.Model(
    MODEL_ID,
    "StudyHub question",
    fields=[{"name": name} for name in FIELDS],
    templates=[{"name": "Question → outline", "qfmt": QUESTION_TEMPLATE, "afmt": ANSWER_TEMPLATE}],
    css=CSS,
    sort_field_index=0,
)


def anki_math(html: str) -> str:
    """StudyHub's math spans (typeset by KaTeX on the site) as the delimiters Anki's MathJax reads."""

    def replace(match: re.Match) -> str:
        source = match.group(2).strip("$")
        return rf"\[{source}\]" if match.group(1) == "display" else rf"\({source}\)"

    return _MATH_SPAN.sub(replace, html)


def _escape(text: str) -> str:
    return anki_math(render_markdown(text)).removeprefix("<p>").removesuffix("</p>").strip()


def note_guid(number: str, lang: str) -> str:
    return genanki.guid_for("studyhub-question", number, lang)


def deck_id(chapter: Chapter | None, lang: str) -> int:
    """DECK_ID for the whole deck in Korean; a fixed offset per chapter and language otherwise."""
    if chapter is None and lang == "ko":
        return DECK_ID
    key = f"{chapter.number if chapter else 'all'} {lang}"
    return DECK_ID + 1 + int(hashlib.sha256(key.encode()).hexdigest()[:6], 16)


def question_note(question: Question, lang: str) -> genanki.Note:
    outline = getattr(question, "outline", None)
    points = list(outline.key_points.all()) if outline else []
    follow_ups = list(question.follow_ups.all())

    def pick(obj, field: str, suffix: str = "") -> str:
        other = "en" if lang == "ko" else "ko"
        return getattr(obj, f"{field}_{lang}{suffix}") or getattr(obj, f"{field}_{other}{suffix}")

    fields = [
        question.number,
        pick(question, "title"),
        _escape(pick(question, "prompt")),
        anki_math(pick(outline, "body", "_html")) if outline else "",
        "<ol>" + "".join(f"<li>{_escape(pick(p, 'text'))}</li>" for p in points) + "</ol>" if points else "",
        "<ol>"
        + "".join(
            f"<li>{_escape(pick(f, 'text'))}"
            f'<div class="follow-up-answer">{anki_math(pick(f, "answer", "_html"))}</div></li>'
            for f in follow_ups
        )
        + "</ol>"
        if follow_ups
        else "",
    ]
    tags = ["studyhub", f"chapter-{question.chapter.number}", *question.tags]
    return genanki.Note(model=NOTE_TYPE, fields=fields, tags=tags, guid=note_guid(question.number, lang))


def build_deck(chapter: Chapter | None = None, lang: str = "ko") -> bytes:
    """The published questions (of one chapter, or all) as an .apkg file's bytes."""
    questions = content_questions().filter(status="published").order_by("position")
    if chapter is not None:
        questions = questions.filter(chapter=chapter)
        name = f"StudyHub::{chapter.number}. {chapter.title_ko if lang == 'ko' else chapter.title_en}"
    else:
        name = "StudyHub"
    deck = genanki.Deck(deck_id(chapter, lang), f"{name} ({lang})")
    for question in questions:
        deck.add_note(question_note(question, lang))
    buffer = io.BytesIO()
    genanki.Package(deck).write_to_file(buffer)
    return buffer.getvalue()
