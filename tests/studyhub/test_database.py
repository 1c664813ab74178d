"""The hot statements' cursor: prepared once per PostgreSQL connection, and otherwise like any cursor
(counted in query budgets, errors translated, no harm after a rollback)."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from questions.models import Question
from study.cards import read_cards
from study.models import ReviewLog
from study.scheduling import REVIEW
from studyhub.database import prepared_cursor
from tests.conftest import review_card

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")


def prepared_card_reads() -> int:
    """The card reader's statements prepared on this connection."""
    return len(card_read_plans())


def card_read_plans() -> list[tuple[int, int]]:
    """(generic plans, custom plans) of each card reader statement prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE '%%today_reviews%%'"
        )
        return cursor.fetchall()


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
def test_the_card_reader_is_planned_once_not_on_every_request(reviewed):
    """PostgreSQL plans a prepared statement again for its values while that looks cheaper than one plan
    for all values; with a long history it would, every time, unless the plan cannot depend on the day."""
    question = Question.objects.published().first()
    now = timezone.now()
    ReviewLog.objects.bulk_create(
        ReviewLog(
            user=reviewed,
            question=question,
            rating=3,
            reviewed_at=now - timedelta(hours=3 * index),
            duration_ms=5000,
            state_before=REVIEW,
            state_after=REVIEW,
            card_before={},
            card_after={},
        )
        for index in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE study_reviewlog")
    for hours in range(12):  # learners' days start at different instants
        read_cards(reviewed, since=now - timedelta(hours=hours))
    ((generic, custom),) = card_read_plans()
    assert custom <= 5 and generic >= 7
    # …and that plan reads today's reviews through the index, not the whole table.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE statement LIKE '%%today_reviews%%'")
        cursor.execute(f"EXPLAIN EXECUTE {cursor.fetchone()[0]}({', '.join(['NULL'] * 8)})")
        plan = "\n".join(line for (line,) in cursor.fetchall())
    assert "Seq Scan on study_reviewlog" not in plan and "review_user_time_stats" in plan


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
