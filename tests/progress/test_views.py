import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from questions.models import KeyPoint, Question
from study.models import Attempt, AttemptKeyPoint, CardState, ReviewLog
from study.scheduling import AGAIN, GOOD, REVIEW

pytestmark = pytest.mark.django_db


def seed_history(user, reviews_per_card):
    """Every published card in review with a long history, and an answer review per card."""
    now = timezone.now()
    logs = []
    for index, question in enumerate(Question.objects.published()):
        CardState.objects.create(
            user=user,
            question=question,
            state=REVIEW,
            stability=5 + index,
            difficulty=5,
            reps=reviews_per_card,
            lapses=index % 4,
            due=now + timedelta(days=index % 10 - 2),
            last_review=now - timedelta(days=3),
        )
        logs += [
            ReviewLog(
                user=user,
                question=question,
                rating=AGAIN if i % 7 == 0 else GOOD,
                reviewed_at=now - timedelta(days=i * 3, hours=index),
                duration_ms=20_000,
                state_before=REVIEW,
                state_after=REVIEW,
                card_before={},
                card_after={},
            )
            for i in range(reviews_per_card)
        ]
        attempt = Attempt.objects.create(
            user=user,
            question=question,
            answer="…",
            answer_html="<p>…</p>",
            covered_count=1,
            key_point_count=2,
            suggested_rating=GOOD,
            rating=GOOD,
            submission=uuid.uuid4(),
            created_at=now - timedelta(days=index),
        )
        AttemptKeyPoint.objects.bulk_create(
            AttemptKeyPoint(attempt=attempt, key_point=point, covered=position == 0)
            for position, point in enumerate(KeyPoint.objects.filter(outline__question=question)[:2])
        )
    ReviewLog.objects.bulk_create(logs)


def with_interview(user, days=30):
    user.study_settings.interview_date = timezone.localdate() + timedelta(days=days)
    user.study_settings.save()


def test_it_requires_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_dashboard_shows_today_mastery_charts_and_weak_spots(learner_client, learner):
    seed_history(learner, 5)
    html = learner_client.get("/dashboard/").content.decode()
    for text in (
        "<h1>Dashboard</h1>",
        "Due now",
        "New cards left",
        "Reviewed today",
        "Time spent",
        "Current streak",
        "Longest streak",
        "By chapter",
        "By interview type",
        "ML fundamentals",
        "Reviews per day, last 12 months",
        "Reviews per day by rating, last 30 days",
        "Cards due, next 30 days",
        "True retention per week, last 26 weeks",
        "Answer-review scores per week, last 26 weeks",
        "Lowest recall now",
        "Most lapses",
        "Key points you miss most",
    ):
        assert text in html, text
    assert html.count('role="img"') == 5 and html.count("<table") == 7  # 5 charts' numbers, 2 mastery
    assert 'href="/questions/2.4/"' in html  # the card with the most lapses is linked
    assert "#kp-title" in html  # weak key points link to the question's key points
    assert "Set its date" in html


def test_dashboard_shows_readiness_prominently_when_an_interview_date_is_set(learner_client, learner):
    with_interview(learner, 30)
    html = learner_client.get("/dashboard/").content.decode()
    assert "Ready for" in html and "predicted recall on the day" in html and "in 30 days" in html
    assert "0%</strong>" in html  # nothing studied yet
    assert "reviews a day</strong>" in html
    assert "Readiness by chapter" in html
    assert html.index("Ready for") < html.index("Today</h2>")


def test_dashboard_content_follows_the_card_language(learner_client, learner):
    seed_history(learner, 1)
    assert "2. ML 기본 지식" in learner_client.get("/dashboard/").content.decode()
    learner.study_settings.language = "en"
    learner.study_settings.save()
    assert "2. ML fundamentals" in learner_client.get("/dashboard/").content.decode()


def test_dashboard_counts_only_the_learners_own_reviews(learner_client, other):
    seed_history(other, 3)
    html = learner_client.get("/dashboard/").content.decode()
    assert "No reviews in the last 365 days." in html
    assert "Nothing yet: review some cards first." in html


@pytest.mark.parametrize("history", [1, 50])
def test_dashboard_query_count_is_constant_in_history_size(
    learner_client, learner, django_assert_num_queries, history
):
    seed_history(learner, history)
    with_interview(learner)
    # Session, user and settings, cards, reviews by day and rating (30 days), reviews by day (365),
    # first review, days with a review, retention by week, answer scores by week, weak key points.
    with django_assert_num_queries(10):
        response = learner_client.get("/dashboard/")
    assert response.status_code == 200


def test_dashboard_of_a_learner_with_no_reviews_skips_the_streak_probe(
    learner_client, django_assert_num_queries
):
    with django_assert_num_queries(9):
        assert learner_client.get("/dashboard/").status_code == 200


def test_dashboard_works_without_javascript_or_external_assets(learner_client, learner):
    seed_history(learner, 2)
    html = learner_client.get("/dashboard/").content.decode()
    main = html[html.index('<main id="main">') :]
    assert "<script" not in main and "//cdn" not in html and "https://" not in main


def test_the_navigation_links_to_the_dashboard(learner_client):
    assert '<a href="/dashboard/">Dashboard</a>' in learner_client.get("/").content.decode()
