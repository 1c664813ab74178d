import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import Chapter, Question
from study.cards import read_cards
from study.models import Attempt, ReviewLog
from study.scheduling import NEW, REVIEW
from tests.conftest import review_card

pytestmark = pytest.mark.django_db


def log(user, question, at, state_before=REVIEW, duration_ms=5000):
    return ReviewLog.objects.create(
        user=user,
        question=question,
        rating=3,
        reviewed_at=at,
        duration_ms=duration_ms,
        state_before=state_before,
        state_after=REVIEW,
        card_before={},
        card_after={},
    )


def test_every_published_question_in_book_order_with_only_this_learners_cards(learner, other):
    questions = list(Question.objects.published().order_by("position"))
    mine = review_card(learner, questions[1], stability=12.5)
    review_card(other, questions[2], stability=3.0)
    cards = read_cards(learner, since=timezone.now()).cards
    assert [c.number for c in cards] == [q.number for q in questions]
    assert (cards[1].card_id, cards[1].card.stability, cards[1].seen) == (mine.pk, 12.5, True)
    assert (cards[2].card_id, cards[2].card.state, cards[2].seen) == (None, NEW, False)
    assert cards[0].chapter_number == questions[0].chapter.number
    assert cards[0].content_version == questions[0].updated_at


def test_timestamps_are_read_exactly_and_an_unchanged_card_is_not_rebuilt(learner):
    question = Question.objects.published().order_by("position").first()
    due = timezone.now().replace(microsecond=123456) + timedelta(days=3)
    stored = review_card(learner, question, due=due, buried_until=due + timedelta(days=1))
    stored.refresh_from_db()
    log(learner, question, stored.last_review)
    first, again = (read_cards(learner, since=timezone.now()) for _ in range(2))
    card = first.cards[0]
    assert (card.card.due, card.card.last_review, card.buried_until) == (
        stored.due,
        stored.last_review,
        stored.buried_until,
    )
    assert card.card.due.microsecond == 123456 and card.card.due.utcoffset() == timedelta(0)
    assert first.last_reviewed_at == stored.last_review
    # The second read finds the card already built: the study page does not parse it again.
    assert again.cards[0] is card


def test_a_chapter_or_a_single_question(learner):
    chapter = Chapter.objects.get(number="2")
    cards = read_cards(learner, since=timezone.now(), chapter_id=chapter.pk).cards
    assert {c.chapter_id for c in cards} == {chapter.pk}
    assert len(cards) == chapter.questions.filter(status="published").count()
    question = Question.objects.get(number="2.13")
    (only,) = read_cards(learner, since=timezone.now(), question_id=question.pk).cards
    assert only.question_id == question.pk


def test_drafts_are_never_read(learner, draft_question):
    cards = read_cards(learner, since=timezone.now()).cards
    assert draft_question.number not in [c.number for c in cards]
    assert read_cards(learner, since=timezone.now(), question_id=draft_question.pk).cards == ()


def test_today_counts_reviews_since_the_day_start_and_only_this_learners(learner, other):
    now = timezone.now()
    question = Question.objects.published().first()
    log(learner, question, now - timedelta(hours=30))  # yesterday
    log(learner, question, now - timedelta(hours=1), state_before=NEW, duration_ms=4000)
    latest = log(learner, question, now - timedelta(minutes=5), duration_ms=6000)
    log(other, question, now - timedelta(minutes=1))
    today = read_cards(learner, since=now - timedelta(hours=2)).today
    assert (today.reviews, today.new_cards, today.review_cards) == (2, 1, 1)
    assert (today.duration_ms, today.latest_review_id) == (10_000, latest.pk)


def test_a_deck_without_published_questions_still_has_todays_counts(learner):
    now = timezone.now()
    question = Question.objects.get(number="2.1")
    log(learner, question, now - timedelta(minutes=5))
    chapter = Chapter.objects.get(number="2")
    Question.objects.filter(chapter=chapter).update(status="draft")
    snapshot = read_cards(learner, since=now - timedelta(hours=1), chapter_id=chapter.pk)
    assert snapshot.cards == ()
    assert snapshot.today.reviews == 1


def attempt(user, question, at):
    return Attempt.objects.create(
        user=user,
        question=question,
        answer="…",
        rating=3,
        suggested_rating=3,
        submission=uuid.uuid4(),
        created_at=at,
    )


def test_the_history_version_follows_this_learners_newest_review_and_answer(learner, other):
    now = timezone.now()
    question = Question.objects.published().first()
    empty = read_cards(learner, since=now)
    assert (empty.newest_review_id, empty.newest_attempt_id) == (None, None)
    newest_log = log(learner, question, now - timedelta(days=3))
    attempt(learner, question, now - timedelta(days=2))
    imported = attempt(learner, question, now - timedelta(days=9))  # older, written later: a higher id
    log(other, question, now)
    attempt(other, question, now)
    before = read_cards(learner, since=now)
    assert (before.newest_review_id, before.newest_attempt_id) == (newest_log.pk, imported.pk)
    # An answer on a suspended card writes an attempt and no review: the version changes all the same.
    attempt(learner, question, now)
    assert read_cards(learner, since=now).history_version != before.history_version


def test_it_is_one_query_whatever_the_history(learner, django_assert_num_queries):
    question = Question.objects.published().first()
    for minutes in range(30):
        log(learner, question, timezone.now() - timedelta(minutes=minutes))
    with django_assert_num_queries(1):
        read_cards(learner, since=timezone.now() - timedelta(days=1))
