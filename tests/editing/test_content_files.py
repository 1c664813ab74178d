"""export_content writes what load_content reads; load_content never silently overwrites an admin edit."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from questions.content import load_content
from questions.content_files import content_files, field_hash, write_content
from questions.models import AnswerOutline, GlossaryTerm, KeyPoint, LoadedItem, Question
from study.models import CardState

FIXTURES = Path(settings.STUDYHUB_FIXTURES_DIR)
pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path) -> Path:
    """A copy of the shipped content to edit."""
    directory = tmp_path / "content"
    shutil.copytree(FIXTURES, directory)
    return directory


def _edit_file(directory: Path, name: str, number: str, field: str, value) -> None:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(item for item in data["items"] if item["number"] == number)[field] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_the_shipped_fixtures_are_exactly_the_export_of_what_they_load():
    exported = content_files(FIXTURES)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in FIXTURES.glob("*.yaml")}
    assert set(exported) == set(shipped)
    for name, text in shipped.items():
        assert exported[name] == text, f"{name} is not in the canonical format (manage.py export_content)"


def test_export_then_load_then_export_gives_identical_files(tmp_path):
    first = tmp_path / "first"
    write_content(first, FIXTURES)
    report = load_content(first)
    assert not report.changed and not report.conflicts
    second = tmp_path / "second"
    call_command("export_content", str(second), verbosity=0)
    assert {p.name: p.read_bytes() for p in first.iterdir()} == {
        p.name: p.read_bytes() for p in second.iterdir()
    }


def test_an_admin_edit_is_reported_and_kept_when_the_files_differ(files, capsys):
    outline = AnswerOutline.objects.get(question__number="2.1")
    outline.body_en = outline.body_en + "\n\nAn editor's addition."
    outline.save()
    _edit_file(files, "chapter-2.yaml", "2.3", "title_en", "A new title from the files")

    report = load_content(files)

    assert report.conflicts == ["Q2.1: outline_en"]
    outline.refresh_from_db()
    assert outline.body_en.endswith("An editor's addition.")
    # Nothing else was written either: the load is all or nothing.
    assert Question.objects.get(number="2.3").title_en != "A new title from the files"


def test_the_command_reports_a_conflict_and_succeeds_so_the_server_still_starts(files, capsys):
    question = Question.objects.get(number="2.2")
    question.prompt_ko = "편집자가 고친 질문입니다."
    question.save()
    call_command("load_content", "--dir", str(files))
    err = capsys.readouterr().err
    assert "Q2.2: prompt_ko" in err and "--force" in err
    assert Question.objects.get(number="2.2").prompt_ko == "편집자가 고친 질문입니다."


def test_force_overwrites_the_admin_edit_with_the_files(files):
    question = Question.objects.get(number="2.2")
    original = question.prompt_ko
    question.prompt_ko = "편집자가 고친 질문입니다."
    question.save()
    report = load_content(files, force=True)
    assert not report.conflicts
    assert Question.objects.get(number="2.2").prompt_ko == original
    # The next plain load has nothing to complain about.
    assert not load_content(files).conflicts


def test_an_admin_edit_is_not_a_conflict_when_the_files_say_the_same(files):
    question = Question.objects.get(number="2.2")
    question.title_en = "Edited in the admin"
    question.save()
    _edit_file(files, "chapter-2.yaml", "2.2", "title_en", "Edited in the admin")
    report = load_content(files)
    assert not report.conflicts
    assert LoadedItem.objects.get(key="Q2.2").hashes["title_en"] == field_hash("Edited in the admin")


def test_a_glossary_edit_in_the_admin_is_kept_even_when_the_files_change_another_field(files):
    term = GlossaryTerm.objects.get(slug="gradient")
    term.aliases_en = ["slope of the loss"]
    term.save()
    glossary = files / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("  en: gradient\n", "  en: gradients\n", 1), encoding="utf-8")

    # Loading would put the files' aliases back over the admin's: reported, and nothing is written.
    assert load_content(files).conflicts == ["term gradient: aliases_en"]
    term.refresh_from_db()
    assert (term.term_en, term.aliases_en) == ("gradient", ["slope of the loss"])


def test_a_file_change_loads_when_nobody_edited_the_database(files):
    _edit_file(files, "chapter-2.yaml", "2.3", "title_en", "A new title from the files")
    report = load_content(files)
    assert not report.conflicts
    assert "Q2.3 (title_en)" in report.updated
    assert Question.objects.get(number="2.3").title_en == "A new title from the files"


def test_an_outline_edit_keeps_the_learners_card(files, learner):
    question = Question.objects.get(number="2.1")
    card = CardState.objects.create(user=learner, question=question, state=CardState.State.REVIEW, reps=5)
    key_point = KeyPoint.objects.filter(outline__question=question).order_by("position").first()
    key_point.text_en = "A sharper key point."
    key_point.save()
    load_content(files, force=True)
    card.refresh_from_db()
    assert (card.state, card.reps, card.question_id) == (CardState.State.REVIEW, 5, question.pk)
