"""Every URL pattern of the URLconf, requested anonymously and as another learner with the first
learner's ids (GET and POST): none shows or changes the first learner's data, none answers 500.

New routes are covered without editing this file: the patterns are read from the resolver, and each
converter is filled from the first learner's objects by the parameter's name.
"""

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from mocks import rounds
from mocks.models import Mock, MockAnswer
from questions.models import GuideSection, Question
from study.models import AnswerDraft, Attempt, Bookmark, CardState, Note, ReviewLog
from tests.conftest import review_card

MARKER = "Zqx7LeakMarker"


def patterns(resolvers=None, prefix=""):
    """(route, name) of every pattern, nested includes flattened."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


@pytest.fixture
def first(make_user):
    """A learner with one of everything, each text carrying MARKER."""
    user = make_user("first-learner-zq")
    question = Question.objects.published().order_by("position").first()
    now = timezone.now()
    review_card(user, question)
    log = ReviewLog.objects.create(
        user=user,
        question=question,
        rating=3,
        reviewed_at=now,
        state_before=2,
        state_after=2,
        card_before={"state": 2},
        card_after={"state": 2},
    )
    attempts = [
        Attempt.objects.create(
            user=user,
            question=question,
            answer=f"{MARKER} answer {index}",
            suggested_rating=3,
            rating=3,
            submission=uuid.uuid4(),
            created_at=now - timedelta(minutes=index),
            review_log=log if index == 0 else None,
        )
        for index in range(2)
    ]
    Note.objects.create(user=user, question=question, body=f"{MARKER} note")
    AnswerDraft.objects.create(user=user, question=question, text=f"{MARKER} draft", started_at=now)
    Bookmark.objects.create(user=user, question=question)
    mock = rounds.start_mock(user, interview_type="fundamentals", count=3, minutes=None, now=now, seed=1).mock
    MockAnswer.objects.filter(mock_question__mock=mock).update(text=f"{MARKER} mock answer")
    answer = MockAnswer.objects.filter(mock_question__mock=mock).first()
    return {
        "user": user,
        "question": question,
        "attempts": attempts,
        "mock": mock,
        "answer": answer,
        "log": log,
    }


def snapshot(user) -> list:
    """Everything of the learner's a request could change."""
    return [
        list(model.objects.filter(user=user).order_by("pk").values())
        for model in (CardState, ReviewLog, Attempt, Note, AnswerDraft, Bookmark, Mock)
    ] + [list(MockAnswer.objects.filter(mock_question__mock__user=user).order_by("pk").values())]


def fill(route: str, first) -> str:
    guide = GuideSection.objects.order_by("pk").first()
    values = {
        "number": first["question"].number,
        "pk": first["attempts"][0].pk,
        "key": first["mock"].key,
        "position": 1,
        "action": "bury",
        "slug": guide.slug if guide else "x",
        "object_id": first["attempts"][0].pk,
        "app_label": "study",
        "uidb64": "MQ",
        "token": "set-password",
        "content_type_id": 1,
    }
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), 1)), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), 1)), path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


def test_no_route_shows_or_changes_another_learners_data(first, make_user):
    before = snapshot(first["user"])
    other = Client(raise_request_exception=False)
    other.force_login(make_user("second-learner"))
    anonymous = Client(raise_request_exception=False)
    ids = {"a": first["attempts"][0].pk, "b": first["attempts"][1].pk}
    post = {
        "answer": first["answer"].pk,
        "review": first["log"].pk,
        "text": "overwritten",
        "body": "overwritten",
        "next": "/",
    }
    routes = sorted(patterns(), key=lambda item: item[1] in {"logout", "delete_account"})
    checked = []
    for route, _name in routes:
        path = fill(route, first)
        for client in (anonymous, other):
            for response in (client.get(path, ids), client.post(path, post)):
                assert response.status_code != 500, (path, response.status_code)
                content = b"".join(response) if response.streaming else response.content
                assert MARKER.encode() not in content, path
                assert b"first-learner-zq" not in content, path
        checked.append(path)
    assert snapshot(first["user"]) == before
    assert len(checked) >= 40 and "/attempts/{}/".format(first["attempts"][0].pk) in checked


def test_the_first_learner_does_see_their_own_data(first):
    """The check above would pass on pages that show nothing: here the same ids show the owner's data."""
    client = Client()
    client.force_login(first["user"])
    question = first["question"].number
    for path in (f"/attempts/{first['attempts'][0].pk}/", f"/questions/{question}/", "/notes/"):
        assert MARKER.encode() in client.get(path).content, path
