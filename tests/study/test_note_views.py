import re

import pytest
from django.test import Client

from questions.models import Question
from study.models import Bookmark, Note

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return Question.objects.published().order_by("position").first()


def note_url(question):
    return f"/questions/{question.number}/note/"


def test_htmx_note_edit_then_save_swaps_the_panel(htmx_client, learner, question):
    form = htmx_client.get(note_url(question) + "?edit=1").content.decode()
    assert '<textarea name="body"' in form and "<html" not in form
    saved = htmx_client.post(note_url(question), {"body": "**Remember** the bias term"}).content.decode()
    assert "<strong>Remember</strong> the bias term" in saved and "Edit note" in saved
    assert Note.objects.get(user=learner, question=question).body == "**Remember** the bias term"


def test_the_note_editor_takes_the_focus_and_saving_gives_it_back(htmx_client, learner_client, question):
    # htmx focuses the swapped panel's [autofocus]: a keyboard user types at once, then carries on.
    editor = htmx_client.get(note_url(question) + "?edit=1").content.decode()
    assert re.search(r'<textarea name="body" id="id_body" [^>]*autofocus', editor)
    saved = htmx_client.post(note_url(question), {"body": "a note"}).content.decode()
    assert re.search(r"<a class=\"button small\"[^>]* autofocus>Edit note</a>", saved)
    cancelled = htmx_client.get(note_url(question)).content.decode()
    assert re.search(r"<a class=\"button small\"[^>]* autofocus>Edit note</a>", cancelled)
    page = learner_client.get(f"/questions/{question.number}/").content.decode()
    assert "Edit note" in page and "autofocus" not in page


def test_note_without_javascript_posts_and_redirects(learner_client, learner, question):
    page = learner_client.get(f"/questions/{question.number}/?edit_note=1").content.decode()
    assert '<textarea name="body"' in page
    response = learner_client.post(note_url(question), {"body": "plain note"})
    assert response["Location"] == f"/questions/{question.number}/"
    assert "plain note" in learner_client.get(response["Location"]).content.decode()


def test_an_empty_note_deletes_it(htmx_client, learner, question):
    htmx_client.post(note_url(question), {"body": "temporary"})
    htmx_client.post(note_url(question), {"body": "  "})
    assert not Note.objects.filter(user=learner).exists()


def test_a_too_long_note_is_refused_and_kept(htmx_client, learner_client, question):
    text = "가" * 20_001
    response = htmx_client.post(note_url(question), {"body": text})
    assert response.status_code == 422
    assert "at most 20,000 characters" in response.content.decode()
    assert text in response.content.decode()
    page = learner_client.post(note_url(question), {"body": text})
    assert page.status_code == 422 and text in page.content.decode()
    assert not Note.objects.exists()


def test_notes_are_private(learner_client, other, question):
    Note.objects.create(user=other, question=question, body="secret", body_html="<p>secret</p>")
    assert "secret" not in learner_client.get(f"/questions/{question.number}/").content.decode()
    assert "secret" not in learner_client.get("/notes/").content.decode()


def test_bookmark_toggles_with_htmx_and_without(htmx_client, learner_client, learner, question):
    on = htmx_client.post(f"/questions/{question.number}/bookmark/").content.decode()
    assert "★ Bookmarked" in on and 'aria-pressed="true"' in on
    assert Bookmark.objects.filter(user=learner, question=question).exists()
    response = learner_client.post(f"/questions/{question.number}/bookmark/")
    assert response.status_code == 302
    assert not Bookmark.objects.filter(user=learner).exists()


def test_bookmark_needs_post_and_a_published_question(learner_client, draft_question):
    draft = draft_question
    assert learner_client.get("/questions/2.1/bookmark/").status_code == 405
    assert learner_client.post(f"/questions/{draft.number}/bookmark/").status_code == 404


def test_library_lists_and_searches_notes_and_bookmarks(learner_client, learner):
    first, second = Question.objects.published().order_by("position")[:2]
    Note.objects.create(
        user=learner, question=first, body="kappa agreement", body_html="<p>kappa agreement</p>"
    )
    Note.objects.create(
        user=learner, question=second, body="shapley values", body_html="<p>shapley values</p>"
    )
    Bookmark.objects.create(user=learner, question=second)
    everything = learner_client.get("/notes/").content.decode()
    assert "kappa agreement" in everything and "shapley values" in everything
    assert f'href="/questions/{second.number}/"' in everything
    found = learner_client.get("/notes/?q=KAPPA").content.decode()
    assert "kappa agreement" in found and "shapley values" not in found
    assert "No bookmark matches" in found
    by_title = learner_client.get("/notes/", {"q": second.title_ko}).content.decode()
    assert "shapley values" in by_title and "kappa agreement" not in by_title


def test_library_requires_login():
    assert Client().get("/notes/")["Location"].startswith("/accounts/login/")
