"""The hot statements' cursor: prepared once per PostgreSQL connection, and otherwise like any cursor
(counted in query budgets, errors translated, no harm after a rollback)."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from questions.models import Question
from study.cards import read_cards
from studyhub.database import prepared_cursor
from tests.conftest import review_card

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")


def prepared_card_reads() -> int:
    """The card reader's statements prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%today_reviews%%'")
        return cursor.fetchone()[0]


@pytest.fixture
def reviewed(learner):
    review_card(learner, Question.objects.published().order_by("position").first())
    return learner


@postgresql
def test_the_card_reader_is_prepared_on_first_use_and_then_only_executed(reviewed):
    first = read_cards(reviewed, since=timezone.now())
    assert prepared_card_reads() == 1
    again = read_cards(reviewed, since=timezone.now())
    assert prepared_card_reads() == 1
    assert again.cards == first.cards and any(card.card_id for card in again.cards)


@postgresql
def test_with_prepared_statements_turned_off_nothing_is_prepared_and_reads_still_work(reviewed):
    """What DATABASE_PREPARE=0 gives: a connection whose `prepare_threshold` is None."""
    other = connection.copy()
    other.settings_dict = {**other.settings_dict, "OPTIONS": {"prepare_threshold": None}}
    try:
        with prepared_cursor(other) as cursor:
            cursor.execute("SELECT count(*) FROM questions_question WHERE status = %s", ["published"])
            published = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            prepared = cursor.fetchone()[0]
    finally:
        other.close()
    assert published == Question.objects.published().count() > 0
    assert prepared == 0


def test_a_rolled_back_transaction_leaves_the_next_read_correct(reviewed):
    before = read_cards(reviewed, since=timezone.now())
    with pytest.raises(RuntimeError), transaction.atomic():
        read_cards(reviewed, since=timezone.now())
        raise RuntimeError("rolled back")
    assert read_cards(reviewed, since=timezone.now()) == before


def test_its_statements_count_towards_query_budgets(reviewed, django_assert_num_queries):
    with django_assert_num_queries(1):
        read_cards(reviewed, since=timezone.now())


def test_a_failing_statement_raises_djangos_error(db):
    with pytest.raises(DatabaseError), transaction.atomic(), prepared_cursor(connection) as cursor:
        cursor.execute("SELECT missing FROM study_reviewlog WHERE user_id = %s", [1])


def test_its_statements_are_logged_with_their_values(reviewed):
    with CaptureQueriesContext(connection) as queries:
        read_cards(reviewed, since=timezone.now())
    assert "today_reviews" in queries[0]["sql"]
    assert f"user_id = {reviewed.pk}" in queries[0]["sql"]
