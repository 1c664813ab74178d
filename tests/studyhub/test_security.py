"""Request-wide safety (studyhub/security.py): local redirects, ids in range, NUL, 503, headers."""

import pytest
from django.db import OperationalError
from django.test import Client

from questions.models import Question
from study.models import CardState
from studyhub.security import MAX_ID


@pytest.fixture
def question(db):
    return Question.objects.published().first()


@pytest.mark.parametrize(
    "next_url",
    ["x", "nan", "-1", "study:session", "//evil.example/", "/\\evil.example", "https://evil.example/"],
)
def test_a_card_action_goes_back_only_to_a_path_of_this_site(learner_client, question, next_url):
    response = learner_client.post(f"/study/cards/{question.number}/bury/", {"next": next_url})
    assert response.status_code == 302 and response.url == "/study/"


def test_a_card_action_goes_back_to_the_page_it_came_from(learner_client, question):
    response = learner_client.post(f"/study/cards/{question.number}/suspend/", {"next": "/questions/?q=1"})
    assert response.url == "/questions/?q=1"
    assert CardState.objects.get(question=question).suspended


def test_the_theme_switch_goes_back_only_to_this_site(client):
    response = client.post("/theme/", {"theme": "dark", "next": "//evil.example/"})
    assert response.url == "/"


@pytest.mark.parametrize("path", [f"/attempts/{MAX_ID + 1}/", f"/attempts/{'9' * 19}/", "/attempts/1/"])
def test_an_id_beyond_the_database_range_is_not_found(learner_client, path):
    assert learner_client.get(path).status_code == 404


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "1e9", "-1", "x"])
def test_undo_with_an_impossible_review_id_is_not_found(learner_client, value):
    assert learner_client.post("/study/undo/", {"review": value}).status_code == 404


def test_comparing_attempts_with_ids_out_of_range_asks_for_two_attempts(learner_client, question):
    response = learner_client.get(
        f"/questions/{question.number}/attempts/diff/", {"a": str(10**30), "b": "1"}, follow=True
    )
    assert response.status_code == 200 and b"Choose two attempts" in response.content


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/search/", {"q": "a\x00b"}),
        ("get", "/questions/", {"tag\x00": "x"}),
        ("post", "/study/settings/", {"time_zone": "Asia/Seoul\x00"}),
    ],
)
def test_nul_in_a_query_or_form_is_a_400_page(learner_client, method, path, data):
    response = getattr(learner_client, method)(path, data)
    assert response.status_code == 400
    assert b"could not be read" in response.content


def test_a_database_that_does_not_answer_gives_the_503_page(learner_client, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("study.views.build_queue", fail)
    response = learner_client.get("/study/")
    assert response.status_code == 503
    assert b"back in a moment" in response.content and response["Retry-After"]


@pytest.mark.parametrize(
    "fails",
    ["studyhub.interface_language.learner_choice", "accounts.sessions.SessionStore._get_session_from_db"],
)
def test_a_database_that_stops_answering_before_any_view_runs_gives_the_503_page(
    learner_client, monkeypatch, fails
):
    """The session, the user and the learner's language are loaded by middleware, outside any view."""

    def fail(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(fails, fail)
    learner_client.raise_request_exception = False
    response = learner_client.get("/study/")
    assert response.status_code == 503
    assert b"back in a moment" in response.content and response["Retry-After"]


def test_any_other_error_before_a_view_is_still_the_500_page(learner_client, monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("studyhub.interface_language.learner_choice", fail)
    learner_client.raise_request_exception = False
    response = learner_client.get("/study/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_learner_pages_are_never_cached_and_no_page_gets_device_features(learner_client, client):
    learner_page = learner_client.get("/study/")
    assert learner_page["Cache-Control"] == "private, no-store"
    public = client.get("/accounts/login/")
    assert "camera=()" in public["Permissions-Policy"]
    assert "camera=()" in learner_page["Permissions-Policy"]


def test_an_unexpected_error_gives_the_friendly_500_page(learner, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("study.views.build_queue", fail)
    client = Client(raise_request_exception=False)
    client.force_login(learner)
    response = client.get("/study/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_form_too_large_to_read_gets_a_page_that_says_so(learner_client, settings, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    response = learner_client.post(
        "/study/settings/", {"time_zone": "Asia/Seoul", "notes": "x" * 3000}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "2.0 KB" in page or "2.0 KB" in page.replace("\xa0", " ")
    if language == "en":
        assert "too much to send" in page and "nothing was saved" in page
    else:
        assert "too much to send" not in page


def test_other_unreadable_requests_keep_the_400_page(learner_client):
    response = learner_client.get("/search/", {"q": "a\x00b"})
    assert response.status_code == 400 and b"too much" not in response.content
