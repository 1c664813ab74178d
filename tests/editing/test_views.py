"""The editor's preview, and the admin's content export and validated import."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from questions.models import GlossaryTerm, Question
from tests.editing.test_admin import QUESTIONS, _form_data

pytestmark = pytest.mark.django_db


def test_the_preview_renders_both_languages_as_learners_see_them_with_the_checks(editor_client):
    question = Question.objects.get(number="2.1")
    data = _form_data(question, prompt_en="", title_en="Preview title")
    data["outline-0-body_en"] = "A **bold** claim with $x^2$ and code:\n\n```python\nprint(1)\n```"
    response = editor_client.post(f"{QUESTIONS}preview/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "한국어" in page and "English: Q2.1 Preview title" in page
    assert "<strong>bold</strong>" in page and 'class="math math-inline"' in page
    assert "highlight" in page or "<pre" in page
    assert "outline_en: has" in page and "prompt_en: is required" in page
    assert "<script" not in page  # the admin's strict CSP allows no inline script


def test_the_preview_says_when_a_question_is_ready_to_publish(editor_client):
    question = Question.objects.get(number="2.1")
    page = editor_client.post(f"{QUESTIONS}preview/", _form_data(question)).content.decode()
    assert "ready to publish" in page


def test_the_change_page_loads_the_preview_with_htmx_and_no_inline_script(editor_client):
    question = Question.objects.get(number="2.1")
    page = editor_client.get(f"{QUESTIONS}{question.pk}/change/").content.decode()
    assert 'hx-post="/admin/questions/question/preview/"' in page
    assert 'hx-include="#question_form"' in page
    assert "<script>" not in page.replace("<script src", "")


def _zip(files: dict[str, bytes | str]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = "content.zip"
    return buffer


def _exported(editor_client) -> dict[str, bytes]:
    response = editor_client.get(f"{QUESTIONS}export/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_imports_back_and_an_edited_file_updates_the_database(editor_client):
    files = _exported(editor_client)
    assert {"chapter-2.yaml", "glossary.yaml", "book-toc.yaml"} <= set(files)
    question = Question.objects.get(number="2.3")
    files["chapter-2.yaml"] = files["chapter-2.yaml"].replace(
        f"title_en: {question.title_en}".encode(), b"title_en: Imported title"
    )
    response = editor_client.post(f"{QUESTIONS}import/", {"content": _zip(files)}, follow=True)
    assert "Content imported" in response.content.decode()
    assert Question.objects.get(number="2.3").title_en == "Imported title"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (io.BytesIO(b"not a zip at all"), "not a zip"),
        ("wrong-name", "notes.txt: not a content file"),
        ("broken-yaml", "chapter-2.yaml: not valid YAML"),
        ("bad-field", "chapter-2.yaml: Q2.1: difficulty: must be 1, 2 or 3"),
        ("no-glossary", "must hold every chapter file and glossary.yaml"),
        ("not-utf8", "cannot be read as UTF-8"),
    ],
)
def test_a_bad_import_is_refused_with_a_message_and_nothing_changes(editor_client, upload, message):
    # The shipped files are exactly what the export writes (tests/editing/test_content_files.py).
    files = {p.name: p.read_bytes() for p in Path(settings.STUDYHUB_FIXTURES_DIR).glob("*.yaml")}
    if upload == "wrong-name":
        upload = _zip({**files, "notes.txt": "hello"})
    elif upload == "broken-yaml":
        upload = _zip({**files, "chapter-2.yaml": "chapter: [unclosed"})
    elif upload == "bad-field":
        text = files["chapter-2.yaml"].decode().replace("difficulty: 1", "difficulty: 9", 1)
        text = text.replace("title_en: ", "title_en: Changed ", 1)
        upload = _zip({**files, "chapter-2.yaml": text})
    elif upload == "no-glossary":
        upload = _zip({k: v for k, v in files.items() if k != "glossary.yaml"})
    elif upload == "not-utf8":
        upload = _zip({**files, "chapter-3.yaml": "제목".encode("euc-kr")})
    else:
        upload.name = "content.zip"
    before = (
        Question.objects.order_by("pk").values_list("title_en", flat=True)[:5],
        GlossaryTerm.objects.count(),
    )
    before = (list(before[0]), before[1])

    response = editor_client.post(f"{QUESTIONS}import/", {"content": upload})

    assert response.status_code == 422
    assert message in response.content.decode()
    assert "Nothing was imported" in response.content.decode()
    after = (
        list(Question.objects.order_by("pk").values_list("title_en", flat=True)[:5]),
        GlossaryTerm.objects.count(),
    )
    assert after == before


def test_a_korean_editor_reads_the_problems_of_a_bad_import_in_korean(editor_client):
    files = {p.name: p.read_bytes() for p in Path(settings.STUDYHUB_FIXTURES_DIR).glob("*.yaml")}
    files["chapter-2.yaml"] = b"chapter: [unclosed"
    del files["chapter-5.yaml"]
    response = editor_client.post(f"{QUESTIONS}import/", {"content": _zip(files)}, HTTP_ACCEPT_LANGUAGE="ko")
    page = response.content.decode()
    assert response.status_code == 422 and "아무것도 가져오지 않았습니다" in page
    assert "chapter-2.yaml: 올바른 YAML이 아닙니다: " in page
    assert "chapter-5.yaml: chapter 5: 파일이 없습니다" in page


def test_a_huge_upload_is_refused_before_it_is_read(editor_client, monkeypatch):
    monkeypatch.setattr("editing.transfer.MAX_UPLOAD_BYTES", 1000)
    response = editor_client.post(f"{QUESTIONS}import/", {"content": _zip({"chapter-2.yaml": "x" * 5000})})
    assert response.status_code == 422 and "at most" in response.content.decode()


def test_an_import_without_a_file_asks_for_one(editor_client):
    response = editor_client.post(f"{QUESTIONS}import/", {})
    assert response.status_code == 422 and "Choose a zip file" in response.content.decode()
    assert editor_client.get(f"{QUESTIONS}import/").status_code == 200


def test_json_nested_too_deep_in_the_preview_is_answered_not_an_error(editor_client):
    deep = "[" * 100_000
    response = editor_client.post(
        "/admin/questions/question/preview/", {"solution_tests": deep, "tags": deep, "title_en": "x"}
    )
    assert response.status_code < 500
