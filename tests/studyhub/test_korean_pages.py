"""A learner who reads Korean sees no English interface string on the main pages."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone

from questions.models import Question
from study.models import AnswerDraft, StudySettings
from tests.editing.test_admin import _form_data
from tests.studyhub.test_catalogue import PO, read_po

pytestmark = pytest.mark.django_db

PAGES = (
    "/",
    "/study/",
    "/questions/",
    "/questions/2.1/",
    "/questions/2.1/answer/",
    "/questions/2.1/answer/compare/",
    "/chapters/2/",
    "/glossary/",
    "/guide/",
    "/dashboard/",
    "/mock/",
    "/search/?q=경사하강법",
    "/study/settings/",
    "/notes/",
    "/weak-points/",
    "/my-data/",
    "/accounts/password/",
    "/accounts/email/",
    "/search/?q=dropout",
    "/no-such-page/",
)
VISITOR_PAGES = (
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/sent/",
    "/accounts/password/reset/MQ/no-such-token/",
    "/accounts/password/reset/complete/",
)
# Where the learner's content is shown (in the content language); the interface is everywhere else.
CONTENT = {
    "prose",
    "prompt",
    "card-title",
    "snippet",
    "code-block",
    "question-list",
    "card-chapter",
    "diff",
    "glossary",
    "term-list",
}
ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z][a-z]+(?: [a-z]{2,}){2,}")


class VisibleText(HTMLParser):
    """The interface's visible text: text nodes and labelling attributes, minus scripts and content."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # Content marked with a language of its own (an English preview on a Korean page) is not interface.
        skipped = (
            tag in ("script", "style", "svg", "code", "pre")
            or bool(CONTENT & set((attributes.get("class") or "").split()))
            or (tag != "html" and attributes.get("lang", "ko") != "ko")
        )
        if not self.skipping:
            self.texts += [attributes[name] for name in ATTRIBUTES if attributes.get(name)]
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    @property
    def skipping(self):
        return any(self.stack)

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping:
            self.texts.append(text)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def english_msgids() -> set[str]:
    """The catalogue's English strings whose Korean differs, cut at their first placeholder or tag."""
    pieces = set()
    for (_, msgid, _), entry in read_po(PO).items():
        if entry["strings"][0] == msgid:
            continue
        for piece in re.split(r"%\(\w+\)s|\{\}|<[^>]+>", msgid):
            piece = piece.strip(" .,:;—()“”")
            if len(piece) >= 4 and re.search(r"[a-z]{3}", piece):
                pieces.add(piece)
    return pieces


def english_in(response) -> list[str]:
    """The page's interface texts that are still English."""
    english = english_msgids()
    texts = visible_texts(response.content.decode())
    return [t for t in texts if t.strip(" .,:;—()·›") in english or ENGLISH_PHRASE.search(t)]


def leaks(client: Client, paths) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="ko")
        assert response.status_code == (404 if path == "/no-such-page/" else 200), path
        if bad := english_in(response):
            found[path] = bad
    return found


def test_a_korean_learner_sees_no_english_interface_string(learner, learner_client):
    StudySettings.objects.filter(user=learner).update(interface_language="ko")
    question = Question.objects.get(number="2.1")
    AnswerDraft.objects.create(user=learner, question=question, text="답안입니다.", started_at=timezone.now())
    assert leaks(learner_client, PAGES) == {}


def test_a_korean_visitor_sees_no_english_interface_string(client):
    assert leaks(client, VISITOR_PAGES) == {}


def test_the_check_catches_an_english_string():
    html = (
        '<main><h2>Key points</h2><p class="prose">learning rate is small</p>'
        "<button>Save the note now</button>"
    )
    texts = visible_texts(html)
    assert "Key points" in texts and "learning rate is small" not in texts
    assert "Key points" in english_msgids()
    assert ENGLISH_PHRASE.search("Save the note now")


def test_a_korean_learner_sees_no_english_in_a_mock_and_a_recorded_answer(learner, learner_client):
    StudySettings.objects.filter(user=learner).update(interface_language="ko")
    mock = learner_client.post("/mock/", {"interview_type": "fundamentals", "question_count": "3"})[
        "Location"
    ]
    question = Question.objects.get(number="2.1")
    AnswerDraft.objects.create(user=learner, question=question, text="데이터 수집", started_at=timezone.now())
    page = learner_client.get("/questions/2.1/answer/compare/").content.decode()
    submission = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    data = {"submission": submission, "answer": "데이터 수집", "rating": "3"}
    attempt = learner_client.post("/questions/2.1/answer/compare/", data)["Location"]
    assert leaks(learner_client, [mock]) == {}
    learner_client.post(f"{mock}end/")
    assert leaks(learner_client, [f"{mock}report/", attempt]) == {}


def test_a_korean_visitor_sees_no_english_when_locked_out_or_on_the_error_pages(client, learner, monkeypatch):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": learner.username, "password": "wrong"})
    locked = client.post(
        "/accounts/login/", {"username": learner.username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    bad_request = client.get("/search/", {"q": "a\x00"}, HTTP_ACCEPT_LANGUAGE="ko")

    def fail(*args, **kwargs):
        raise OperationalError("connection refused")

    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        too_large = client.post("/accounts/signup/", {"username": "x" * 200}, HTTP_ACCEPT_LANGUAGE="ko")
    monkeypatch.setattr("questions.views.render", fail)
    unavailable = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="ko")
    statuses = [locked.status_code, bad_request.status_code, too_large.status_code, unavailable.status_code]
    assert statuses == [429, 400, 413, 503]
    assert "15분 뒤에 다시 시도하십시오" in locked.content.decode()
    pages = {"locked": locked, "400": bad_request, "413": too_large, "503": unavailable}
    assert {name: english_in(page) for name, page in pages.items() if english_in(page)} == {}


def test_the_password_reset_e_mail_is_in_korean_for_a_korean_visitor(client, learner, mailoutbox):
    learner.email = "learner@example.com"
    learner.save()
    client.post("/accounts/password/reset/", {"email": learner.email}, HTTP_ACCEPT_LANGUAGE="ko")
    [message] = mailoutbox
    assert message.subject == "StudyHub 새 비밀번호 설정"
    assert "아래 링크를 열어 새 비밀번호를 설정하십시오" in message.body and "Someone" not in message.body


def test_a_korean_editor_sees_no_english_in_the_preview_and_the_import_page(editor_client):
    question = Question.objects.get(number="2.1")
    data = _form_data(question, prompt_en="")
    preview = editor_client.post("/admin/questions/question/preview/", data, HTTP_ACCEPT_LANGUAGE="ko")
    page = editor_client.get("/admin/questions/question/import/", HTTP_ACCEPT_LANGUAGE="ko")
    refused = editor_client.post("/admin/questions/question/import/", {}, HTTP_ACCEPT_LANGUAGE="ko")
    assert [preview.status_code, page.status_code, refused.status_code] == [200, 200, 422]
    assert "게시하기 전에 고칠 점" in preview.content.decode()
    assert "prompt_en: 값이 있어야 합니다" in preview.content.decode()
    assert "StudyHub에서 내보낸 zip 파일을 선택하십시오" in refused.content.decode()
    assert {"preview": english_in(preview), "import": english_in(page), "refused": english_in(refused)} == {
        "preview": [],
        "import": [],
        "refused": [],
    }
