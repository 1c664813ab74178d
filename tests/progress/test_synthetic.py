import random
from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from progress.synthetic import daily_quotas, simulate, study_days
from study import scheduling
from study.models import Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.scheduling import NEW, CardFields
from tests.progress.conftest import NOW


def simulated(reviews=600, days=40, points=(4, 0, 5, 3, 6)):
    return list(simulate(list(points), reviews=reviews, days=days, now=NOW, time_zone="Asia/Seoul", seed=3))


def test_quotas_add_up_exactly():
    quotas = daily_quotas(random.Random(1), 17, 1000)
    assert sum(quotas) == 1000 and len(quotas) == 17 and min(quotas) >= 0


def test_the_learner_studies_most_days_with_some_breaks():
    first = NOW.date() - timedelta(days=365)
    days = study_days(random.Random(5), first, NOW.date())
    assert days[0] == first and 0.7 < len(days) / 366 < 0.95


def test_simulation_yields_exactly_the_reviews_asked_for_in_order_over_past_days():
    reviews = simulated()
    assert len(reviews) == 600
    moments = [review.at for review in reviews]
    assert moments == sorted(moments)
    today = NOW.astimezone(ZoneInfo("Asia/Seoul")).date()
    local_days = {moment.astimezone(ZoneInfo("Asia/Seoul")).date() for moment in moments}
    assert min(local_days) >= today - timedelta(days=40) and max(local_days) < today


def test_each_review_is_the_real_scheduler_applied_to_the_card_as_last_left():
    last: dict[int, CardFields] = {}
    for review in simulated():
        expected_before = last.get(review.question, CardFields())
        # A leech suspended by its previous review is unsuspended before it is studied again.
        assert review.before in (
            expected_before,
            CardFields(**{**expected_before.__dict__, "suspended": False}),
        )
        assert review.after == scheduling.review(review.before, review.rating, review.at, 0.9).after
        last[review.question] = review.after


def test_written_answers_grade_the_review_by_the_key_points_covered():
    answers = [review for review in simulated(2000) if review.covered is not None]
    assert answers, "some reviews are written answers"
    for review in answers:
        assert review.rating == scheduling.suggest_rating(sum(review.covered), len(review.covered))
    assert {review.question for review in answers} <= {0, 2, 3, 4}  # question 1 has no key points


def test_the_same_seed_gives_the_same_history():
    assert simulated(300) == simulated(300)


@pytest.mark.django_db
def test_seed_history_creates_the_learner_and_a_consistent_history(questions):
    out = StringIO()
    call_command("seed_history", "--user", "demo", "--reviews", "1500", "--days", "60", stdout=out)
    output = out.getvalue()
    assert "Created demo / studyhub-demo." in output
    assert "Seeding [##############################] 1,500/1,500 reviews" in output
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("studyhub-demo")
    assert ReviewLog.objects.filter(user=user).count() == 1500
    for card in CardState.objects.filter(user=user):
        last = ReviewLog.objects.filter(user=user, question=card.question).order_by("-reviewed_at").first()
        assert CardFields.from_json(last.card_after) == CardFields.from_model(card)
    for attempt in Attempt.objects.filter(user=user).select_related("review_log")[:20]:
        assert (
            attempt.review_log.rating == attempt.rating
            and attempt.created_at == attempt.review_log.reviewed_at
        )
        marks = AttemptKeyPoint.objects.filter(attempt=attempt)
        assert (
            marks.count() == attempt.key_point_count
            and marks.filter(covered=True).count() == attempt.covered_count
        )
    assert ReviewLog.objects.filter(user=user, state_before=NEW).count() == len(questions)


@pytest.mark.django_db
def test_seed_history_refuses_a_learner_with_history_unless_told_to_replace_it(learner, questions):
    call_command("seed_history", "--user", "learner", "--reviews", "100", "--days", "10", stdout=StringIO())
    with pytest.raises(CommandError, match="already has 100 reviews; pass --replace"):
        call_command("seed_history", "--user", "learner", "--reviews", "50", stdout=StringIO())
    out = StringIO()
    call_command(
        "seed_history", "--user", "learner", "--reviews", "50", "--days", "5", "--replace", stdout=out
    )
    assert "Deleted learner's 100 reviews" in out.getvalue()
    assert ReviewLog.objects.filter(user=learner).count() == 50
    assert learner.check_password("correct-horse-battery-9")


@pytest.mark.django_db
def test_seed_history_rejects_nonsense_counts(questions):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_history", "--user", "demo", "--reviews", "0", stdout=StringIO())
