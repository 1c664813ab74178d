from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import Question
from study import planning, reviews, scheduling
from study.models import CardState, ReviewLog
from study.planning import Deadline, Limits
from study.scheduling import AGAIN, GOOD, LEARNING, NEW, CardFields
from tests.conftest import review_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return Question.objects.published().order_by("position").first()


def card_of(user, question):
    current = CardState.objects.filter(user=user, question=question).first()
    return (current.pk, CardFields.from_model(current)) if current else (None, CardFields())


def grade(user, ticket, rating, now, card_id, before, limits=None):
    return reviews.grade(
        user=user,
        ticket=ticket,
        rating=rating,
        now=now,
        limits=limits or Limits(),
        card_id=card_id,
        before=before,
    )


def grade_now(user, question, rating=GOOD, now=None, limits=None):
    now = now or timezone.now()
    card_id, before = card_of(user, question)
    ticket = reviews.CardTicket(user.pk, question.pk, before.reps, (now - timedelta(seconds=12)).timestamp())
    return grade(user, ticket, rating, now, card_id, before, limits)


def test_grading_a_new_card_creates_its_state_and_one_log(learner, question):
    outcome, log = grade_now(learner, question)
    card = CardState.objects.get(user=learner, question=question)
    assert card.state == outcome.after.state == LEARNING
    assert card.reps == 1
    assert log.state_before == NEW and log.state_after == LEARNING
    assert log.duration_ms == 12000
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_the_same_ticket_twice_stores_one_review(learner, question):
    now = timezone.now()
    ticket = reviews.issue_ticket(learner.pk, question.pk, 0, now)
    parsed = reviews.read_ticket(ticket, learner.pk)
    grade(learner, parsed, GOOD, now, None, CardFields())
    with pytest.raises(reviews.AlreadyGraded):
        grade(learner, parsed, GOOD, now, *card_of(learner, question))
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_a_grade_racing_another_tab_is_refused_by_the_version_check(learner, question):
    grade_now(learner, question)
    card_id, read_before_the_race = card_of(learner, question)
    CardState.objects.filter(pk=card_id).update(reps=2)  # another tab graded it meanwhile
    ticket = reviews.CardTicket(learner.pk, question.pk, 1, timezone.now().timestamp())
    with pytest.raises(reviews.AlreadyGraded):
        grade(learner, ticket, GOOD, timezone.now(), card_id, read_before_the_race)
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_a_ticket_for_another_learner_is_refused(learner, other, question):
    token = reviews.issue_ticket(other.pk, question.pk, 0, timezone.now())
    with pytest.raises(reviews.ReviewRejected, match="another account"):
        reviews.read_ticket(token, learner.pk)


def test_a_tampered_ticket_is_refused(learner, question):
    token = reviews.issue_ticket(learner.pk, question.pk, 0, timezone.now())
    with pytest.raises(reviews.ReviewRejected, match="expired"):
        reviews.read_ticket(token[:-2] + "xx", learner.pk)


def test_a_card_not_due_cannot_be_graded(learner, question):
    review_card(learner, question, timedelta(days=10), stability=20, difficulty=5, reps=3)
    with pytest.raises(reviews.ReviewRejected, match="not due"):
        grade_now(learner, question)


def test_undo_restores_the_card_exactly_and_removes_the_log(learner, question):
    grade_now(learner, question)
    before = CardFields.from_model(CardState.objects.get(user=learner, question=question))
    later = timezone.now() + timedelta(minutes=15)
    _, log = grade_now(learner, question, AGAIN, now=later)
    reviews.undo(learner, log.pk)
    restored = CardFields.from_model(CardState.objects.get(user=learner, question=question))
    assert restored == before
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_undo_of_a_first_review_makes_the_card_new_again(learner, question):
    _, log = grade_now(learner, question)
    reviews.undo(learner, log.pk)
    card = CardState.objects.get(user=learner, question=question)
    assert CardFields.from_model(card) == CardFields()
    assert not ReviewLog.objects.exists()


def test_undo_twice_undoes_once(learner, question):
    _, first = grade_now(learner, question)
    _, second = grade_now(learner, question, now=timezone.now() + timedelta(minutes=2))
    reviews.undo(learner, second.pk)
    with pytest.raises(reviews.ReviewRejected):
        reviews.undo(learner, second.pk)
    assert list(ReviewLog.objects.values_list("pk", flat=True)) == [first.pk]


def test_undo_cannot_touch_another_learners_review(learner, other, question):
    _, log = grade_now(other, question)
    with pytest.raises(reviews.ReviewRejected):
        reviews.undo(learner, log.pk)
    assert ReviewLog.objects.filter(pk=log.pk).exists()


def test_undo_of_the_leech_making_review_unsuspends_the_card(learner, question):
    review_card(learner, question, stability=3, difficulty=8, reps=20, lapses=7)
    outcome, log = grade_now(learner, question, AGAIN)
    assert outcome.became_leech
    reviews.undo(learner, log.pk)
    card = CardState.objects.get(user=learner, question=question)
    assert (card.is_leech, card.suspended, card.lapses) == (False, False, 7)


def test_bury_hides_the_card_until_the_learners_next_midnight(learner, question):
    card = reviews.bury(learner, question, timezone.now(), "Asia/Seoul")
    local = card.buried_until.astimezone(timezone.get_default_timezone())
    assert (local.hour, local.minute) == (0, 0)
    assert card.buried_until > timezone.now()


def interview_in(days, target):
    return Limits(deadline=Deadline.of(timezone.localdate() + timedelta(days=days), "UTC", target))


def test_grading_before_an_interview_stores_the_due_the_plan_gives(learner, question):
    now = timezone.now()
    review_card(learner, question, stability=10, last_review=now - timedelta(days=10))
    limits = interview_in(10, 0.97)
    _, before = card_of(learner, question)
    outcome, log = grade_now(learner, question, GOOD, now, limits)
    stored = CardState.objects.get(user=learner, question=question)
    plain = scheduling.review(before, GOOD, now, 0.9).after
    assert stored.due == outcome.after.due == planning.review(before, GOOD, now, limits).after.due
    assert stored.due < limits.deadline.at < plain.due
    assert CardFields.from_json(log.card_after) == outcome.after


def test_a_card_only_the_plan_has_due_can_be_graded(learner, question):
    now = timezone.now()
    review_card(
        learner, question, stability=40, last_review=now - timedelta(days=30), due_in=timedelta(days=10)
    )
    with pytest.raises(reviews.ReviewRejected, match="not due yet"):
        grade_now(learner, question, GOOD, now)
    outcome, _ = grade_now(learner, question, GOOD, now, interview_in(3, 0.95))
    assert outcome.after.reps == 6
