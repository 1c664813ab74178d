import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone, translation

from questions.content import load_content
from questions.models import Question
from study.cards import LearnerCard
from study.models import CardState, ReviewLog, StudySettings
from study.scheduling import CardFields

PASSWORD = "correct-horse-battery-9"
# What a studied card needs besides its state (CardState's constraints refuse one without it).
SCHEDULED = {"stability": 10.0, "difficulty": 5.0, "due": datetime(2026, 3, 1, 9, 0, tzinfo=UTC)}


def pytest_collection_modifyitems(items):
    # Browser tests flush the database after each test, so they run last.
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Korean leaves its thread's language
    active, which would turn the messages of the next test's direct calls Korean."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def ensure_content():
    if not Question.objects.exists():
        load_content(settings.STUDYHUB_FIXTURES_DIR)


# The content as serialized once per run, by database alias (see django_db_setup and tests/e2e/conftest.py).
CONTENT_SNAPSHOTS: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped content is loaded once per test database; tests roll back around it.

    Browser tests commit, so the database is flushed after each of them: the content is serialized
    here, once, and restored from that snapshot after a flush (much faster than loading the files)."""
    from django.db import connections

    with django_db_blocker.unblock():
        ensure_content()
        for connection in connections.all(initialized_only=True):
            snapshot = serialize_for_browser_tests(connection)
            CONTENT_SNAPSHOTS[connection.alias] = connection._test_serialized_contents = snapshot


def serialize_for_browser_tests(connection) -> str:
    """Django's `serialize_db_to_string`, without what no browser test reads: the content's edit history
    and the loader's record of what it wrote (together more rows than the content itself)."""
    from io import StringIO

    from django.apps import apps
    from django.core import serializers
    from django.db import router

    def skipped(model) -> bool:
        return model._meta.label == "questions.LoadedItem" or model.__name__.startswith("Historical")

    def objects():
        for model in apps.get_models():
            if skipped(model) or not model._meta.can_migrate(connection):
                continue
            if router.allow_migrate_model(connection.alias, model):
                yield from (
                    model._base_manager.using(connection.alias).order_by(model._meta.pk.name).iterator()
                )

    out = StringIO()
    serializers.serialize("json", objects(), indent=None, stream=out)
    return out.getvalue()


@pytest.fixture
def make_user(db):
    def make(username="learner", **kwargs):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **kwargs)
        # Like most StudyHub learners, these read the content in Korean; the interface stays the
        # browser's (English for the test client, which sends no Accept-Language).
        study_settings = StudySettings.for_user(user)
        study_settings.language = "ko"
        study_settings.save(update_fields=["language"])
        return user

    return make


@pytest.fixture
def learner(make_user):
    return make_user("learner")


@pytest.fixture
def other(make_user):
    return make_user("someone-else")


@pytest.fixture
def editor(make_user):
    user = make_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def learner_client(learner):
    client = Client()
    client.force_login(learner)
    return client


@pytest.fixture
def htmx_client(learner):
    client = Client(headers={"HX-Request": "true"})
    client.force_login(learner)
    return client


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def shown_question(html: str) -> str | None:
    match = re.search(r'<span class="badge">Q([^<]+)</span>', html)
    return match.group(1) if match else None


def learner_card(question_id: int, card: CardFields, buried_until=None) -> LearnerCard:
    """A card as the card reader returns it, for pure tests: question `question_id` of chapter 2."""
    return LearnerCard(
        question_id=question_id,
        number=f"2.{question_id}",
        position=question_id,
        title_ko="",
        title_en="",
        content_version=timezone.now(),
        chapter_id=1,
        chapter_number="2",
        chapter_title_ko="",
        chapter_title_en="",
        chapter_kind="fundamentals",
        card=card,
        card_id=question_id,
        buried_until=buried_until,
    )


def review_log(user, question, **fields):
    """A stored review of `question` by `user`: Good on a new card, now, unless `fields` say otherwise."""
    values = {
        "rating": 3,
        "reviewed_at": timezone.now(),
        "state_before": 0,
        "state_after": 1,
        "card_before": {},
        "card_after": {},
        **fields,
    }
    return ReviewLog.objects.create(user=user, question=question, **values)


def review_card(user, question, due_in=timedelta(0), **fields):
    """A card in review state, last reviewed five days ago, due `due_in` from now (negative: overdue)."""
    now = timezone.now()
    values = {
        "state": CardState.State.REVIEW,
        "stability": 10.0,
        "difficulty": 5.0,
        "reps": 5,
        "due": now + due_in,
        "last_review": now - timedelta(days=5),
        **fields,
    }
    return CardState.objects.create(user=user, question=question, **values)


@pytest.fixture
def draft_question(db):
    """A question taken back to draft (every shipped question is published)."""
    question = Question.objects.get(number="7.3")
    question.status = "draft"
    question.save()
    return question
