import dataclasses
import gzip
import json
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from mocks.models import Mock, MockQuestion
from progress import export, forms, stats
from questions.language import format_date
from questions.models import KeyPoint, Question
from study import planning
from study.models import Attempt, AttemptKeyPoint, CardState, Note, ReviewLog
from study.scheduling import AGAIN, GOOD, REVIEW, CardFields
from tests.conftest import PASSWORD, token_in

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


@pytest.mark.parametrize("url", ["/dashboard/", "/my-data/"])
def test_it_requires_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url", ["/my-data/export/", "/my-data/export/reviews.csv", "/my-data/import/", "/my-data/delete-account/"]
)
def test_data_actions_require_login_and_post(client, learner_client, url):
    assert client.post(url).status_code == 302
    assert learner_client.get(url).status_code == 405


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
    assert 'href="/weak-points/"' in html
    assert "Set its date" in html


def test_the_weak_key_points_over_one_week_read_singular_and_in_korean(learner_client, monkeypatch):
    monkeypatch.setattr("progress.stats.WEEKS", 1)
    html = learner_client.get("/dashboard/").content.decode()
    assert "Key points you miss most (last 1 week)" in html
    korean = learner_client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "가장 자주 놓친 핵심 포인트(최근 1주)" in korean


def test_dashboard_charts_mock_scores_and_links_to_mock_interviews(learner_client, learner):
    question = Question.objects.published().order_by("position").first()
    mock = Mock.objects.create(
        user=learner, interview_type="mixed", seed=1, created_at=timezone.now(), finished_at=timezone.now()
    )
    attempt = Attempt.objects.create(
        user=learner,
        question=question,
        answer="…",
        covered_count=3,
        key_point_count=4,
        suggested_rating=3,
        rating=3,
        submission=uuid.uuid4(),
        created_at=timezone.now(),
    )
    MockQuestion.objects.create(
        mock=mock, position=1, question=question, reason="balance", reason_detail="…", attempt=attempt
    )
    html = learner_client.get("/dashboard/").content.decode()
    assert '<h2 id="mocks-title">Mock interviews</h2>' in html
    assert "Mock interview scores, latest 1" in html and "1 graded mock: the latest covered 75%" in html
    assert 'id="mocks-svg-title"' in html and 'href="/mock/"' in html


def test_dashboard_shows_readiness_prominently_when_an_interview_date_is_set(learner_client, learner):
    with_interview(learner, 30)
    html = learner_client.get("/dashboard/").content.decode()
    assert "Ready for" in html and "predicted recall on the day" in html and "in 30 days" in html
    assert "0% if you stopped studying now" in html  # nothing studied yet
    assert "every card reaches 90% on the day" in html and "reviews a day</strong>" in html
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


@pytest.mark.parametrize(("history", "queries"), [(1, 12), (50, 12), (150, 13)])
def test_dashboard_query_count_is_constant_in_history_size(
    learner_client, learner, django_assert_num_queries, history, queries
):
    seed_history(learner, history)  # a review every 3 days: 150 go back more than a year
    with_interview(learner)
    # Session, user and settings, cards, the newest review before today, reviews by day (364 before
    # today), first review, reviews by day and rating (29 before today), retention by week (until today),
    # today's reviews, answer scores by week, weak key points, mock scores; and the days with a review
    # before the heatmap's year, when there are any.
    with django_assert_num_queries(queries):
        response = learner_client.get("/dashboard/")
    assert response.status_code == 200
    # The streaks count the days before the heatmap's year too: as every day probed.
    today = response.context["data"].today
    zone = learner.study_settings.time_zone
    local_today = stats.local_date(timezone.now(), zone)
    every_day = stats.active_days(learner, zone, last=local_today)
    assert (today.current_streak, today.longest_streak) == stats.streaks(every_day, local_today)
    assert today.longest_streak > (365 if history == 150 else 0)


def test_the_dashboard_shown_again_reads_the_history_once_and_sees_each_grade_and_undo(
    learner_client, learner, django_assert_num_queries
):
    seed_history(learner, 3)
    with_interview(learner)

    def reviewed_today():
        data = learner_client.get("/dashboard/").context["data"]
        return data.heatmap[-1].count, data.ratings[-1].total, data.today.current_streak

    before = reviewed_today()
    # Session, user and settings, cards, mock scores: the series over the history are kept.
    with django_assert_num_queries(4):
        assert learner_client.get("/dashboard/").status_code == 200
    page = learner_client.get("/study/").content.decode()
    learner_client.post("/study/grade/", {"token": token_in(page), "rating": GOOD})
    assert reviewed_today()[:2] == (before[0] + 1, before[1] + 1)
    latest = ReviewLog.objects.filter(user=learner).latest("reviewed_at", "id")
    learner_client.post("/study/undo/", {"review": latest.pk})
    assert reviewed_today() == before
    # An import of older reviews adds rows and changes no card: the series count them too.
    oldest = ReviewLog.objects.filter(user=learner).earliest("reviewed_at", "id")
    in_a_year = sum(day.count for day in learner_client.get("/dashboard/").context["data"].heatmap)
    oldest.pk = None
    oldest.save()
    assert (
        sum(day.count for day in learner_client.get("/dashboard/").context["data"].heatmap) == in_a_year + 1
    )


def test_after_studying_the_dashboard_counts_today_alone_and_agrees_with_a_full_count(
    learner_client, learner, django_assert_num_queries
):
    seed_history(learner, 150)  # more than a year: the streak probe reaches before the heatmap
    before = learner_client.get("/dashboard/").context["data"]
    for rating in (AGAIN, GOOD, GOOD):
        page = learner_client.get("/study/").content.decode()
        assert (
            learner_client.post("/study/grade/", {"token": token_in(page), "rating": rating}).status_code
            == 302
        )
    # Session, user and settings, cards, the newest review before today, today's reviews, mock scores.
    with django_assert_num_queries(6):
        after_studying = learner_client.get("/dashboard/").context["data"]
    assert after_studying.heatmap[-1].count == before.heatmap[-1].count + 3
    assert after_studying.ratings[-1].again == before.ratings[-1].again + 1
    assert after_studying.today.reviewed == before.today.reviewed + 3
    # As counted over every day and week, today included.
    zone = learner.study_settings.time_zone
    today = stats.local_date(timezone.now(), zone)
    weeks_from = stats.week_start(today) - timedelta(weeks=stats.WEEKS - 1)
    assert after_studying.heatmap == tuple(
        stats.daily_reviews(learner, zone, today - timedelta(days=stats.HEATMAP_DAYS - 1), today)
    )
    assert after_studying.ratings == tuple(
        stats.daily_ratings(learner, zone, today - timedelta(days=stats.RECENT_DAYS - 1), today)
    )
    assert after_studying.retention == tuple(stats.weekly_retention(learner, zone, weeks_from, stats.WEEKS))
    every_day = stats.active_days(learner, zone, last=today)
    streaks = (after_studying.today.current_streak, after_studying.today.longest_streak)
    assert streaks == stats.streaks(every_day, today)


def test_the_dashboard_sees_the_undo_of_yesterdays_last_review(learner_client, learner):
    question = Question.objects.published().first()
    now = timezone.now()
    card = CardFields(state=REVIEW, stability=5, difficulty=5, due=now, last_review=now, reps=3)
    for days in (3, 2, 1):  # a three-day streak, ending yesterday
        ReviewLog.objects.create(
            user=learner,
            question=question,
            rating=GOOD,
            reviewed_at=now - timedelta(days=days),
            duration_ms=10_000,
            state_before=REVIEW,
            state_after=REVIEW,
            card_before=card.to_json(),
            card_after=card.to_json(),
        )
    CardState.objects.create(user=learner, question=question, **dataclasses.asdict(card))
    first = learner_client.get("/dashboard/").context["data"]
    assert (first.heatmap[-2].count, first.today.current_streak) == (1, 3)
    latest = ReviewLog.objects.filter(user=learner).latest("reviewed_at", "id")
    assert learner_client.post("/study/undo/", {"review": latest.pk}).status_code == 302
    again = learner_client.get("/dashboard/").context["data"]
    assert (again.heatmap[-2].count, again.today.current_streak, again.today.longest_streak) == (0, 0, 2)


def test_the_dashboard_shown_again_sees_an_answer_on_a_suspended_card_and_a_key_point_edit(
    learner_client, learner, django_assert_num_queries
):
    seed_history(learner, 3)
    question = Question.objects.published().order_by("position").first()
    CardState.objects.filter(user=learner, question=question).update(suspended=True)
    answered = learner_client.get("/dashboard/").context["data"].scores[-1].attempts
    with django_assert_num_queries(4):
        learner_client.get("/dashboard/")
    reviews = ReviewLog.objects.filter(user=learner).count()
    # Every key point missed: the suspended card keeps the answer and writes no review.
    answer = {"answer": "Only a guess.", "submission": str(uuid.uuid4()), "rating": AGAIN}
    assert learner_client.post(f"/questions/{question.number}/answer/compare/", answer).status_code == 302
    assert ReviewLog.objects.filter(user=learner).count() == reviews
    data = learner_client.get("/dashboard/").context["data"]
    assert data.scores[-1].attempts == answered + 1
    second = question.outline.key_points.order_by("position")[1]
    assert (data.weak_points[0].key_point_id, data.weak_points[0].missed) == (second.pk, 2)
    # An edit of the key point (here, on another replica) shows on the next dashboard.
    second.text_en = "State the label's definition and when it becomes final."
    second.save()
    weakest = learner_client.get("/dashboard/").context["data"].weak_points[0]
    assert weakest.text_en == "State the label's definition and when it becomes final."


def test_dashboard_of_a_learner_with_no_reviews_skips_the_streak_probe(
    learner_client, django_assert_num_queries
):
    with django_assert_num_queries(12):
        assert learner_client.get("/dashboard/").status_code == 200


def test_dashboard_works_without_javascript_or_external_assets(learner_client, learner):
    seed_history(learner, 2)
    html = learner_client.get("/dashboard/").content.decode()
    main = html[html.index('<main id="main">') :]
    assert "<script" not in main and "//cdn" not in html and "https://" not in main


def test_my_data_page_offers_export_import_and_deletion(learner_client):
    html = learner_client.get("/my-data/").content.decode()
    assert 'action="/my-data/export/"' in html and 'action="/my-data/export/reviews.csv"' in html
    assert 'enctype="multipart/form-data"' in html and 'name="file"' in html
    assert 'action="/my-data/delete-account/"' in html and 'type="password"' in html
    # the four forms, the log-out button, the theme switch and the language switch
    assert html.count("csrfmiddlewaretoken") == 7


def test_export_downloads_the_learners_data_as_json(learner_client, learner):
    seed_history(learner, 2)
    response = learner_client.post("/my-data/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="studyhub-learner-')
    assert response["Cache-Control"] == "private, no-store"
    document = json.loads(b"".join(response.streaming_content))
    assert document["format"] == "StudyHub learner data"
    assert len(document["reviews"]) == 2 * Question.objects.published().count()


def test_export_compressed(learner_client, learner):
    seed_history(learner, 1)
    response = learner_client.post("/my-data/export/", {"compress": "1"})
    assert response["Content-Type"] == "application/gzip" and ".json.gz" in response["Content-Disposition"]
    assert json.loads(gzip.decompress(b"".join(response.streaming_content)))["schema_version"] == 1


def test_export_reviews_as_csv(learner_client, learner):
    seed_history(learner, 1)
    response = learner_client.post("/my-data/export/reviews.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "question,reviewed_at,rating,rating_label,duration_ms,state_before,state_after"
    assert len(lines) == 1 + Question.objects.published().count()


@pytest.mark.parametrize(
    "url", ["/my-data/export/", "/my-data/export/reviews.csv", "/my-data/import/", "/my-data/delete-account/"]
)
def test_data_actions_refuse_a_post_without_the_csrf_token(learner, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(url, {"confirmation": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def upload(document, name="studyhub.json"):
    raw = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


def test_import_merges_a_file_and_says_what_it_added(learner_client, learner, other):
    seed_history(other, 2)
    document = export.export_document(other)
    response = learner_client.post(
        "/my-data/import/", {"file": upload(document), "replace_settings": "on"}, follow=True
    )
    assert response.redirect_chain == [("/my-data/", 302)]
    cards = Question.objects.published().count()
    assert f"cards ({cards} added); reviews ({2 * cards} added)" in response.content.decode()
    assert ReviewLog.objects.filter(user=learner).count() == 2 * cards


@pytest.mark.parametrize(("language", "notice"), [("en", "Wait 30 seconds"), ("ko", "30초 기다린 뒤")])
def test_a_second_import_within_the_interval_waits(
    learner_client, learner, other, settings, language, notice
):
    settings.IMPORT_INTERVAL_SECONDS = 30
    cache.clear()
    seed_history(other, 1)
    document = export.export_document(other)
    first = learner_client.post("/my-data/import/", {"file": upload(document)})
    second = learner_client.post(
        "/my-data/import/", {"file": upload(document)}, headers={"Accept-Language": language}
    )
    assert first.status_code == 302
    assert second.status_code == 429 and notice in second.content.decode()
    cache.clear()


def test_a_rejected_import_lists_the_problems_and_changes_nothing(learner_client, learner, other):
    seed_history(other, 1)
    document = export.export_document(other)
    document["reviews"][3]["rating"] = 9
    Note.objects.create(
        user=learner, question=Question.objects.published().first(), body="mine", body_html=""
    )
    response = learner_client.post("/my-data/import/", {"file": upload(document)})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nothing was imported." in html and "reviews[3]: rating must be 1-4" in html
    assert not ReviewLog.objects.filter(user=learner).exists()
    assert Note.objects.filter(user=learner).count() == 1


def test_an_import_over_the_size_limit_is_refused_before_reading_it(learner_client, learner, monkeypatch):
    monkeypatch.setattr(forms, "MAX_IMPORT_BYTES", 1000)
    response = learner_client.post("/my-data/import/", {"file": upload(b"x" * 2000)})
    assert response.status_code == 422
    assert "This file is 2.0\xa0KB; the limit is 1000\xa0bytes." in response.content.decode()
    assert not ReviewLog.objects.filter(user=learner).exists()


def test_an_import_without_a_file_is_a_form_error(learner_client):
    response = learner_client.post("/my-data/import/", {})
    assert response.status_code == 422 and "This field is required." in response.content.decode()


def test_delete_account_needs_the_password(learner_client, learner):
    response = learner_client.post("/my-data/delete-account/", {"confirmation": "wrong"})
    assert response.status_code == 422
    assert "That is not your password; nothing was deleted." in response.content.decode()
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_delete_account_deletes_everything_and_logs_out(learner_client, learner, other):
    seed_history(learner, 2)
    seed_history(other, 1)
    response = learner_client.post("/my-data/delete-account/", {"confirmation": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "The account learner and all its study data are deleted." in response.content.decode()
    assert not get_user_model().objects.filter(username="learner").exists()
    assert not ReviewLog.objects.filter(user_id=learner.pk).exists()
    assert ReviewLog.objects.filter(user=other).exists()
    assert learner_client.get("/dashboard/").status_code == 302


def test_an_account_without_a_password_confirms_deletion_with_its_username(client):
    user = get_user_model().objects.create_user("seeded")
    client.force_login(user)
    html = client.get("/my-data/").content.decode()
    assert "Type your username, seeded, to confirm" in html
    assert client.post("/my-data/delete-account/", {"confirmation": "nope"}).status_code == 422
    assert client.post("/my-data/delete-account/", {"confirmation": "seeded"}).status_code == 302
    assert not get_user_model().objects.filter(username="seeded").exists()


def test_the_navigation_links_to_the_dashboard(learner_client):
    assert '<a href="/dashboard/">Dashboard</a>' in learner_client.get("/").content.decode()


# --- The plan and its simulator -------------------------------------------------------------------


def simulate(**changes):
    """The simulator's fields (the learner's defaults with an interview in 30 days), with `changes`."""
    return {
        "interview_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "interview_target": "0.9",
        "new_cards_per_day": "10",
        "max_reviews_per_day": "200",
        **changes,
    }


def test_the_dashboard_charts_the_reviews_planned_until_the_interview(learner_client, learner):
    with_interview(learner, 30)
    html = learner_client.get("/dashboard/").content.decode()
    date = learner.study_settings.interview_date
    assert f"Reviews planned per day until {format_date(date, 'en')}" in html
    assert "New cards</li>" in html and "Reviews of new cards" in html
    korean = learner_client.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert f"{format_date(date, 'ko')}까지 계획된 일일 복습 수" in korean and "새 카드 복습" in korean


def test_the_simulator_shows_the_plan_under_other_values_without_saving_them(learner_client, learner):
    response = learner_client.get("/dashboard/", simulate(interview_target="0.95", new_cards_per_day="20"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Simulated plan" in html and "(not saved)" in html and "the target is 95% for every card" in html
    assert 'name="new_cards_per_day" value="20"' in html  # the input is kept, and offered for saving
    learner.study_settings.refresh_from_db()
    assert (learner.study_settings.interview_date, learner.study_settings.new_cards_per_day) == (None, 10)


def test_the_simulator_answers_htmx_with_its_own_section(htmx_client):
    response = htmx_client.get("/dashboard/", simulate())
    html = response.content.decode()
    assert response.status_code == 200 and response["Vary"] == "HX-Request, Cookie, Accept-Language"
    assert html.lstrip().startswith('<section class="dashboard-section simulator" id="simulator"')
    assert "Simulated plan" in html and "<html" not in html


def test_the_simulator_without_a_date_shows_the_next_thirty_days(learner_client):
    html = learner_client.get("/dashboard/", simulate(interview_date="")).content.decode()
    assert "Reviews planned per day, next 30 days" in html and "Simulated plan" in html


def test_the_simulator_says_what_would_reach_an_out_of_reach_target(learner_client):
    soon = (timezone.localdate() + timedelta(days=3)).isoformat()
    html = learner_client.get(
        "/dashboard/", simulate(interview_date=soon, new_cards_per_day="5")
    ).content.decode()
    published = Question.objects.published().count()
    assert "The target is out of reach with 5 new cards and 200 reviews a day" in html
    assert f"{published - 15} of them are never introduced in time" in html
    assert f"<strong>{-(-published // 3)} new cards a day</strong>" in html


def test_one_new_card_and_one_review_a_day_read_singular_and_in_korean(learner_client, monkeypatch):
    monkeypatch.setattr("study.planning.reach", lambda *args: planning.Reach(1, 1, None))
    soon = (timezone.localdate() + timedelta(days=3)).isoformat()
    values = simulate(interview_date=soon, new_cards_per_day="1", max_reviews_per_day="1")
    html = learner_client.get("/dashboard/", values).content.decode()
    assert "The target is out of reach with 1 new card and 1 review a day:" in html
    assert "<strong>1 new card a day</strong>" in html
    assert "a limit of <strong>1 review a day</strong>" in html
    korean = learner_client.get("/dashboard/", values, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "하루 새 카드 1장, 복습 1회로는 목표에 도달할 수 없습니다:" in korean
    assert "<strong>하루 새 카드 1장</strong>" in korean and "<strong>하루 복습 1회</strong> 한도" in korean


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"interview_target": "1.5"}, "Ensure this value is less than or equal to 0.99."),
        ({"new_cards_per_day": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"interview_date": "2020-01-01"}, "Pick today or a later day"),
        ({"interview_date": "2099-01-01"}, "Pick a day within two years from today."),
        ({"max_reviews_per_day": "lots"}, "Enter a whole number."),
    ],
)
def test_bad_simulator_values_rerender_with_the_error_and_the_input_kept(
    learner_client, htmx_client, changes, message
):
    for client in (learner_client, htmx_client):
        response = client.get("/dashboard/", simulate(**changes))
        html = response.content.decode()
        assert response.status_code == 422 and message in html
        assert f'value="{next(iter(changes.values()))}"' in html and "Simulated plan" not in html


def test_the_simulator_costs_no_query(learner_client, learner, django_assert_num_queries):
    seed_history(learner, 3)
    with_interview(learner)
    # The dashboard's own queries (mock scores included), and none more for the simulation.
    with django_assert_num_queries(12):
        assert learner_client.get("/dashboard/", simulate(interview_target="0.95")).status_code == 200


def test_saving_the_simulated_plan_saves_those_settings(learner_client, learner):
    values = simulate(interview_target="0.95", new_cards_per_day="15", max_reviews_per_day="120")
    response = learner_client.post("/dashboard/plan/", values, follow=True)
    assert response.redirect_chain == [("/dashboard/", 302)]
    assert "Saved: your study page and dashboard now follow this plan." in response.content.decode()
    settings = learner.study_settings
    settings.refresh_from_db()
    assert (settings.interview_target, settings.new_cards_per_day, settings.max_reviews_per_day) == (
        0.95,
        15,
        120,
    )
    assert settings.interview_date.isoformat() == values["interview_date"]


def test_saving_bad_simulator_values_saves_nothing_and_says_why(learner_client, learner):
    response = learner_client.post("/dashboard/plan/", simulate(new_cards_per_day="900"))
    assert response.status_code == 422
    assert "Ensure this value is less than or equal to 500." in response.content.decode()
    learner.study_settings.refresh_from_db()
    assert learner.study_settings.new_cards_per_day == 10


def test_saving_the_plan_needs_post(learner_client):
    assert learner_client.get("/dashboard/plan/").status_code == 405
