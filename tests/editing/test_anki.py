"""The Anki deck: a real .apkg whose notes, fields, tags and ids Anki reads."""

import io
import sqlite3
import zipfile

import genanki
import pytest
from django.core.management import call_command

from editing.anki import DECK_ID, MODEL_ID, anki_math, build_deck
from questions.models import Chapter, Question, Status

pytestmark = pytest.mark.django_db


def _collection(apkg: bytes, tmp_path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        assert "collection.anki2" in archive.namelist()
        path = tmp_path / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(path)


def _notes(db: sqlite3.Connection) -> dict[str, tuple]:
    rows = db.execute("SELECT guid, mid, flds, tags FROM notes").fetchall()
    return {
        fields.split("\x1f")[0]: (guid, mid, fields.split("\x1f"), tags) for guid, mid, fields, tags in rows
    }


def test_a_chapter_deck_holds_its_published_questions_with_stable_ids(tmp_path):
    chapter = Chapter.objects.get(number="2")
    Question.objects.filter(number="2.5").update(status=Status.DRAFT)
    out = tmp_path / "out.apkg"
    call_command("export_anki", str(out), "--chapter", "2", "--lang", "en", verbosity=0)

    db = _collection(out.read_bytes(), tmp_path)
    notes = _notes(db)
    published = set(chapter.questions.filter(status=Status.PUBLISHED).values_list("number", flat=True))
    assert set(notes) == published and "2.5" not in notes
    guid, model_id, fields, tags = notes["2.1"]
    question = Question.objects.get(number="2.1")
    assert model_id == MODEL_ID
    assert guid == genanki.guid_for("studyhub-question", "2.1", "en")
    assert fields[1] == question.title_en
    assert "How" in fields[2] or question.prompt_en[:20] in fields[2]
    assert "<h3" in fields[3]  # the outline, rendered
    assert fields[4].count("<li>") == question.outline.key_points.count()
    assert fields[5].count("<li>") == question.follow_ups.count()
    assert {"studyhub", "chapter-2", *question.tags} == set(tags.split())
    # The math is written for Anki's MathJax, not as KaTeX's dollar spans.
    assert r"\[" in fields[3] and "math-display" not in fields[3]
    decks = db.execute("SELECT decks FROM col").fetchone()[0]
    assert "StudyHub::2." in decks


def test_a_newer_deck_has_the_same_ids_so_anki_updates_the_notes(tmp_path):
    first = _notes(_collection(build_deck(lang="ko"), tmp_path))
    Question.objects.filter(number="2.1").update(title_en="A title edited since the first deck")
    second = _notes(_collection(build_deck(lang="ko"), tmp_path))
    assert {n: (g, m) for n, (g, m, _, _) in first.items()} == {
        n: (g, m) for n, (g, m, _, _) in second.items()
    }
    assert (
        str(DECK_ID)
        in _collection(build_deck(lang="ko"), tmp_path).execute("SELECT decks FROM col").fetchone()[0]
    )


def test_math_spans_become_mathjax_delimiters():
    html = (
        '<p>Loss <span class="math math-inline">$a &lt; b$</span></p>'
        '<span class="math math-display">$$x^2$$</span>'
    )
    assert anki_math(html) == r"<p>Loss \(a &lt; b\)</p>\[x^2\]"


def test_a_learner_downloads_a_chapter_deck_from_the_chapter_page(learner_client, tmp_path):
    page = learner_client.get("/chapters/2/").content.decode()
    assert "/anki/?chapter=2&amp;lang=ko" in page
    response = learner_client.get("/anki/", {"chapter": "2", "lang": "ko"})
    assert response.status_code == 200
    assert 'filename="studyhub-chapter-2-ko.apkg"' in response["Content-Disposition"]
    assert "2.1" in _notes(_collection(response.content, tmp_path))


def test_the_deck_download_refuses_unknown_chapters_and_languages_and_visitors(learner_client, client):
    assert learner_client.get("/anki/", {"chapter": "99"}).status_code == 404
    assert learner_client.get("/anki/", {"chapter": "1"}).status_code == 404  # the guide has no questions
    assert learner_client.get("/anki/", {"lang": "fr"}).status_code == 404
    assert client.get("/anki/").status_code == 302
