import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from questions.models import Question, card_content
from study import planning, scheduling
from study.models import CardState, ReviewLog
from study.scheduling import REVIEW
from tests.conftest import review_card, review_log, shown_question, token_in


def count(html: str, name: str) -> int:
    return int(re.search(rf'data-count="{name}">(\d+)<', html).group(1))


pytestmark = pytest.mark.django_db


def settings_form(**changes):
    """A valid settings form submission (the defaults), with `changes` applied."""
    return {
        "desired_retention": "0.9",
        "new_cards_per_day": "10",
        "max_reviews_per_day": "200",
        "language": "ko",
        "time_zone": "Asia/Seoul",
        "interview_target": "0.9",
        **changes,
    }


def seed_history(user, reviews_per_card):
    """Every published card reviewed in the past and due now, with a long review history."""
    now = timezone.now()
    logs = []
    for question in Question.objects.published():
        review_card(user, question, -timedelta(hours=1), stability=10, difficulty=5, reps=reviews_per_card)
        logs += [
            ReviewLog(
                user=user,
                question=question,
                rating=3,
                reviewed_at=now - timedelta(days=400 - i),
                state_before=REVIEW,
                state_after=REVIEW,
                card_before={},
                card_after={},
            )
            for i in range(reviews_per_card)
        ]
    ReviewLog.objects.bulk_create(logs)


@pytest.mark.parametrize("url", ["/study/", "/study/settings/"])
def test_it_requires_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_first_new_card_with_interval_labels(learner_client):
    response = learner_client.get("/study/")
    html = response.content.decode()
    first = Question.objects.published().order_by("position").first()
    assert shown_question(html) == first.number
    assert "Show answer" in html
    for label in ("Again", "Hard", "Good", "Easy"):
        assert label in html
    assert ">1m<" in html and ">10m<" in html
    assert "0</strong> reviewed today" in html


def test_it_shows_key_points_as_a_checklist(learner_client):
    html = learner_client.get("/study/").content.decode()
    first = Question.objects.published().order_by("position").first()
    assert html.count('type="checkbox" name="covered"') == first.outline.key_points.count()


def test_htmx_grade_swaps_in_the_next_card(htmx_client, learner):
    html = htmx_client.get("/study/").content.decode()
    assert "<html" not in html
    first = shown_question(html)
    response = htmx_client.post("/study/grade/", {"token": token_in(html), "rating": 3})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="study"' in body
    assert shown_question(body) != first
    assert "1</strong> reviewed today" in body
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_the_card_swapped_in_takes_the_focus_from_the_grade_buttons_it_replaces(htmx_client, learner_client):
    # htmx focuses the swapped-in [autofocus]: a screen reader reads the next card, Space still reveals.
    html = htmx_client.get("/study/").content.decode()
    body = htmx_client.post("/study/grade/", {"token": token_in(html), "rating": 3}).content.decode()
    assert re.search(r'<h1 id="study-title" class="card-title" lang="ko" tabindex="-1" autofocus>', body)
    assert "autofocus" not in learner_client.get("/study/").content.decode()


def test_grade_without_javascript_redirects_to_the_next_card(learner_client, learner):
    html = learner_client.get("/study/").content.decode()
    response = learner_client.post("/study/grade/", {"token": token_in(html), "rating": 4})
    assert response.status_code == 302 and response["Location"] == "/study/"
    assert ReviewLog.objects.get(user=learner).rating == 4


def test_double_submit_counts_once_and_says_so(htmx_client, learner):
    token = token_in(htmx_client.get("/study/").content.decode())
    htmx_client.post("/study/grade/", {"token": token, "rating": 3})
    response = htmx_client.post("/study/grade/", {"token": token, "rating": 3})
    assert response.status_code == 200
    assert "already recorded" in response.content.decode()
    assert ReviewLog.objects.filter(user=learner).count() == 1


def test_a_bad_rating_is_refused_with_a_message(htmx_client, learner):
    token = token_in(htmx_client.get("/study/").content.decode())
    response = htmx_client.post("/study/grade/", {"token": token, "rating": 7})
    assert "Choose Again, Hard, Good or Easy" in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_a_forged_token_is_refused_with_a_message(learner_client):
    response = learner_client.post("/study/grade/", {"token": "forged", "rating": 3}, follow=True)
    assert response.status_code == 200
    assert "expired or was not shown to you" in response.content.decode()


def test_another_learners_card_token_is_refused(learner_client, other, learner):
    other_client = type(learner_client)()
    other_client.force_login(other)
    token = token_in(other_client.get("/study/").content.decode())
    response = learner_client.post("/study/grade/", {"token": token, "rating": 3}, follow=True)
    assert "belongs to another account" in response.content.decode()
    assert not ReviewLog.objects.exists()


def test_grade_then_next_card_takes_at_most_eight_queries(
    htmx_client, learner, django_assert_max_num_queries
):
    token = token_in(htmx_client.get("/study/").content.decode())
    with django_assert_max_num_queries(8):
        htmx_client.post("/study/grade/", {"token": token, "rating": 3})


@pytest.mark.parametrize("history", [1, 40])
def test_grade_query_count_is_constant_in_history_size(
    htmx_client, learner, django_assert_num_queries, history
):
    seed_history(learner, history)
    token = token_in(htmx_client.get("/study/").content.decode())
    card_content.cache_clear()
    # Session, user, queue snapshot, card update, review insert, next card's content. On PostgreSQL the
    # card update and the review insert are one statement.
    with django_assert_num_queries(5 if connection.vendor == "postgresql" else 6):
        response = htmx_client.post("/study/grade/", {"token": token, "rating": 3})
    assert response.status_code == 200


@pytest.mark.parametrize("history", [1, 40])
def test_study_page_query_count_is_constant_in_history_size(
    learner_client, learner, django_assert_num_queries, history
):
    seed_history(learner, history)
    card_content.cache_clear()
    # Session, user, queue snapshot, the card's content, the deck menu's chapters.
    with django_assert_num_queries(5):
        response = learner_client.get("/study/")
    assert response.status_code == 200


def test_undo_reverts_the_last_review(learner_client, learner):
    token = token_in(learner_client.get("/study/").content.decode())
    learner_client.post("/study/grade/", {"token": token, "rating": 3})
    page = learner_client.get("/study/").content.decode()
    review = ReviewLog.objects.get(user=learner)
    assert f'name="review" value="{review.pk}"' in page
    response = learner_client.post("/study/undo/", {"review": review.pk}, follow=True)
    assert "Undid your Good" in response.content.decode()
    assert not ReviewLog.objects.exists()
    assert CardState.objects.get(user=learner).state == CardState.State.NEW


def test_htmx_undo_shows_the_undone_card_with_its_notice_and_the_next_grade_drops_it(htmx_client, learner):
    page = htmx_client.get("/study/").content.decode()
    first = shown_question(page)
    htmx_client.post("/study/grade/", {"token": token_in(page), "rating": 3})
    review = ReviewLog.objects.get(user=learner)
    response = htmx_client.post("/study/undo/", {"review": review.pk})
    body = response.content.decode()
    assert response.status_code == 200 and "HX-Redirect" not in response
    assert shown_question(body) == first
    assert f"Undid your Good on Q{first}." in body
    after = htmx_client.post("/study/grade/", {"token": token_in(body), "rating": 3}).content.decode()
    assert shown_question(after) != first
    assert "Undid your" not in after


def test_undo_without_javascript_shows_its_notice_once_inside_the_study_card(learner_client, learner):
    page = learner_client.get("/study/").content.decode()
    first = shown_question(page)
    learner_client.post("/study/grade/", {"token": token_in(page), "rating": 3})
    review = ReviewLog.objects.get(user=learner)
    body = learner_client.post("/study/undo/", {"review": review.pk}, follow=True).content.decode()
    study = body[body.index('<section id="study"') :]
    assert f"Undid your Good on Q{first}." in study
    assert "Undid your" not in learner_client.get("/study/").content.decode()


def test_undo_of_another_learners_review_changes_nothing(learner_client, other):
    question = Question.objects.published().first()
    log = review_log(other, question)
    response = learner_client.post("/study/undo/", {"review": log.pk}, follow=True)
    assert "Only your latest review can be undone" in response.content.decode()
    assert ReviewLog.objects.filter(pk=log.pk).exists()


def test_undo_with_a_malformed_id_is_404(learner_client):
    assert learner_client.post("/study/undo/", {"review": "abc"}).status_code == 404


def test_finished_screen_summarises_the_day(learner_client, learner):
    settings = learner.study_settings
    settings.new_cards_per_day = 1
    settings.save()
    token = token_in(learner_client.get("/study/").content.decode())
    learner_client.post("/study/grade/", {"token": token, "rating": 4})  # Easy: out of learning
    ReviewLog.objects.filter(user=learner).update(duration_ms=125_400)
    html = learner_client.get("/study/").content.decode()
    assert "All done for now" in html
    assert "You reviewed <strong>1</strong> card today in 2 min 05 s." in html
    assert "Next card due" in html
    korean = learner_client.get("/study/", headers={"Accept-Language": "ko"}).content.decode()
    assert "오늘 2분 05초 동안 카드 <strong>1</strong>장을 복습했습니다." in korean


@pytest.mark.parametrize(
    ("language", "notice"),
    [("en", "lapsed 8 times: it is now tagged leech and suspended"), ("ko", "8번 잊어 거머리 카드로 표시")],
)
def test_leech_notice_when_a_card_lapses_the_eighth_time(htmx_client, learner, language, notice):
    settings = learner.study_settings
    settings.new_cards_per_day = 0
    settings.save()
    question = Question.objects.published().first()
    review_card(learner, question, -timedelta(hours=1), stability=3, difficulty=8, reps=20, lapses=7)
    token = token_in(htmx_client.get("/study/").content.decode())
    body = htmx_client.post(
        "/study/grade/", {"token": token, "rating": 1}, headers={"Accept-Language": language}
    ).content.decode()
    assert notice in body
    card = CardState.objects.get(user=learner, question=question)
    assert card.is_leech and card.suspended


def test_deck_switch_limits_the_queue_to_one_chapter(learner_client, learner):
    chapter = Question.objects.published().first().chapter
    response = learner_client.post("/study/deck/", {"deck": chapter.pk})
    assert response.status_code == 302
    learner.study_settings.refresh_from_db()
    assert learner.study_settings.deck == chapter


def test_the_deck_menu_marks_the_chosen_deck_and_shows_edited_titles(learner_client, learner):
    chapter = Question.objects.published().first().chapter
    chosen = re.compile(rf'<option value="{chapter.pk}" selected>{re.escape(chapter.number)}\. ')
    assert not chosen.search(learner_client.get("/study/").content.decode())
    learner_client.post("/study/deck/", {"deck": chapter.pk})
    assert chosen.search(learner_client.get("/study/").content.decode())
    type(chapter).objects.filter(pk=chapter.pk).update(title_en="Renamed chapter", title_ko="Renamed chapter")
    body = learner_client.get("/study/").content.decode()
    assert f'<option value="{chapter.pk}" selected>{chapter.number}. Renamed chapter</option>' in body
    learner_client.post("/study/deck/", {"deck": ""})
    assert f'<option value="{chapter.pk}">{chapter.number}. Renamed chapter</option>' in (
        learner_client.get("/study/").content.decode()
    )


def test_deck_switch_to_an_unknown_chapter_is_refused(learner_client, learner):
    response = learner_client.post("/study/deck/", {"deck": 999999}, follow=True)
    assert "That deck does not exist or has no published questions yet." in response.content.decode()


def test_suspend_unsuspend_and_bury_from_the_question_page(learner_client, learner):
    question = Question.objects.published().first()
    url = f"/study/cards/{question.number}/"
    next_url = f"/questions/{question.number}/"
    response = learner_client.post(url + "suspend/", {"next": next_url})
    assert response["Location"] == next_url
    assert CardState.objects.get(user=learner, question=question).suspended
    learner_client.post(url + "unsuspend/")
    assert not CardState.objects.get(user=learner, question=question).suspended
    learner_client.post(url + "bury/")
    assert CardState.objects.get(user=learner, question=question).buried_until > timezone.now()
    html = learner_client.get("/study/").content.decode()
    assert shown_question(html) != question.number


def test_card_actions_refuse_unknown_actions_drafts_and_offsite_redirects(learner_client, draft_question):
    question = Question.objects.published().first()
    draft = draft_question
    assert learner_client.post(f"/study/cards/{question.number}/delete/").status_code == 404
    assert learner_client.post(f"/study/cards/{draft.number}/suspend/").status_code == 404
    response = learner_client.post(f"/study/cards/{question.number}/bury/", {"next": "https://evil.example/"})
    assert response["Location"] == "/study/"


def test_card_actions_need_post(learner_client):
    question = Question.objects.published().first()
    assert learner_client.get(f"/study/cards/{question.number}/suspend/").status_code == 405


def test_settings_out_of_range_rerender_with_errors_and_input_kept(learner_client, learner):
    response = learner_client.post(
        "/study/settings/", settings_form(desired_retention="0.99", new_cards_per_day="-1")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "less than or equal to 0.97" in html
    assert "greater than or equal to 0" in html
    assert 'value="0.99"' in html
    learner.study_settings.refresh_from_db()
    assert learner.study_settings.desired_retention == 0.9


def test_settings_save(learner_client, learner):
    response = learner_client.post(
        "/study/settings/",
        settings_form(
            desired_retention="0.85",
            new_cards_per_day="20",
            max_reviews_per_day="300",
            language="en",
            time_zone="Europe/London",
        ),
    )
    assert response.status_code == 302
    settings = type(learner.study_settings).objects.get(user=learner)
    assert (settings.desired_retention, settings.new_cards_per_day, settings.language) == (
        0.85,
        20,
        "en",
    )


def test_home_shows_due_count_and_study_button_to_a_learner(learner_client):
    html = learner_client.get("/").content.decode()
    assert 'href="/study/">Study</a>' in html
    assert "<strong>10</strong> new, <strong>0</strong> learning and <strong>0</strong> to review" in html


def test_home_explains_studyhub_to_a_visitor(client):
    html = client.get("/").content.decode()
    assert "Create a free account" in html and "FSRS" in html


def test_a_learner_studies_all_of_chapter_two_with_complete_cards(htmx_client, learner):
    settings = learner.study_settings
    settings.deck = Question.objects.get(number="2.1").chapter
    settings.new_cards_per_day = 100
    settings.save()
    seen = []
    body = htmx_client.get("/study/").content.decode()
    while shown_question(body):
        number = shown_question(body)
        question = Question.objects.get(number=number)
        assert body.count('name="covered"') == question.outline.key_points.count() >= 4
        assert 'class="outline"' in body and "<h3>" in body
        assert body.count('<details class="follow-up-answer">') == question.follow_ups.count() >= 1
        for follow_up in question.follow_ups.all():
            assert follow_up.answer_ko_html in body
        seen.append(number)
        body = htmx_client.post("/study/grade/", {"token": token_in(body), "rating": 4}).content.decode()
    assert len(seen) == 29 and seen[0] == "2.1" and seen[-1] == "2.29"
    assert "All done for now" in body


def test_settings_refuse_an_interview_date_in_the_past(learner_client):
    response = learner_client.post("/study/settings/", settings_form(interview_date="2001-01-01"))
    assert response.status_code == 422
    assert "Pick today or a later day" in response.content.decode()


def test_grading_a_card_shown_before_a_deck_switch_still_counts(htmx_client, learner):
    html = htmx_client.get("/study/").content.decode()
    shown = Question.objects.get(number=shown_question(html))
    other_chapter = Question.objects.exclude(chapter=shown.chapter).first().chapter
    htmx_client.post("/study/deck/", {"deck": other_chapter.pk})
    htmx_client.post("/study/grade/", {"token": token_in(html), "rating": 3})
    assert ReviewLog.objects.get(user=learner).question == shown


@pytest.mark.parametrize(
    ("language", "notice"),
    [("en", "That question is no longer available."), ("ko", "더 이상 볼 수 없는 질문입니다.")],
)
def test_grading_a_question_unpublished_meanwhile_is_refused_with_a_message(
    htmx_client, learner, language, notice
):
    html = htmx_client.get("/study/").content.decode()
    Question.objects.filter(number=shown_question(html)).update(status="draft")
    body = htmx_client.post(
        "/study/grade/", {"token": token_in(html), "rating": 3}, headers={"Accept-Language": language}
    ).content.decode()
    assert notice in body
    assert not ReviewLog.objects.exists()


def test_a_coding_card_shows_its_solution_after_the_outline(htmx_client, learner):
    settings = learner.study_settings
    settings.deck = Question.objects.get(number="3.1").chapter
    settings.save()
    body = htmx_client.get("/study/").content.decode()
    assert shown_question(body) == "3.1"
    outline, solution = body.index('id="card-outline-title"'), body.index("참고 풀이")
    assert outline < solution < body.index('id="card-fu-title"')


def test_counts_show_new_learning_and_review_as_anki_does_and_match_what_comes(htmx_client, learner):
    settings = learner.study_settings
    settings.new_cards_per_day = 2
    settings.save()
    review_card(learner, Question.objects.get(number="2.3"), due_in=timedelta(hours=-2))
    body = htmx_client.get("/study/").content.decode()
    assert [count(body, name) for name in ("new", "learning", "review")] == [2, 0, 1]
    assert 'class="count count-review showing"' in body
    shown = 0
    # Again keeps a card in learning: it stays in the learning count until it graduates.
    for rating in (1, 3, 3, 3, 3, 3, 3, 3, 3):
        if not shown_question(body):
            break
        left = count(body, "new") + count(body, "learning") + count(body, "review")
        assert left > 0
        body = htmx_client.post("/study/grade/", {"token": token_in(body), "rating": rating}).content.decode()
        shown += 1
        if rating == 1:
            assert count(body, "learning") >= 1
    assert count(body, "new") + count(body, "learning") + count(body, "review") == 0
    assert "All done for now" in body and count(body, "reviewed") == shown


def test_decks_without_published_questions_are_greyed_and_refused(learner_client, learner, draft_question):
    chapter = draft_question.chapter
    Question.objects.filter(chapter=chapter).update(status="draft")
    body = learner_client.get("/study/").content.decode()
    assert re.search(rf'<option value="{chapter.pk}" disabled>[^<]*\(coming soon\)</option>', body)
    response = learner_client.post("/study/deck/", {"deck": chapter.pk}, follow=True)
    assert "has no published questions yet" in response.content.decode()
    assert type(learner.study_settings).objects.get(user=learner).deck is None
    settings_page = learner_client.get("/study/settings/").content.decode()
    assert f'<option value="{chapter.pk}"' not in settings_page


def test_after_reveal_the_card_has_an_outline_heading_and_keys_for_each_key_point(learner_client):
    body = learner_client.get("/study/").content.decode()
    assert '<h2 id="card-outline-title" lang="ko">답안 개요</h2>' in body
    assert 'aria-keyshortcuts="Shift+1"' in body and '<kbd aria-hidden="true">⇧1</kbd>' in body
    assert '<details class="outline-section" open><summary><h3>' in body


def test_before_an_interview_the_interval_given_is_the_label_shown(learner_client, learner):
    settings = learner.study_settings
    settings.interview_date = timezone.localdate() + timedelta(days=10)
    settings.interview_target = 0.97
    settings.save()
    question = Question.objects.published().order_by("position").first()
    review_card(learner, question, stability=10, last_review=timezone.now() - timedelta(days=10))
    html = learner_client.get("/study/").content.decode()
    assert shown_question(html) == question.number
    label = re.search(r'data-rating="3".*?<span class="grade-interval">([^<]+)</span>', html, re.S).group(1)
    learner_client.post("/study/grade/", {"token": token_in(html), "rating": 3})
    card = CardState.objects.get(user=learner, question=question)
    assert card.due < planning.interview_moment(settings.interview_date, settings.time_zone)
    assert scheduling.format_interval(card.due - card.last_review) == label


def overdue(learner, cards: int, daily_limit: int) -> None:
    """`cards` review cards a day overdue, with a daily review limit below them."""
    settings = learner.study_settings
    settings.max_reviews_per_day = daily_limit
    settings.save()
    for question in Question.objects.published().order_by("position")[:cards]:
        review_card(learner, question, due_in=-timedelta(days=1))


def test_the_study_page_says_how_many_days_the_backlog_takes(learner_client, learner):
    overdue(learner, 5, daily_limit=2)
    html = learner_client.get("/study/").content.decode()
    assert "<strong>5</strong> cards overdue, 3 beyond today's limit of 2 reviews" in html
    assert "they take <strong>3 days</strong>" in html


def test_the_backlog_line_says_review_for_a_limit_of_one(learner_client, learner):
    overdue(learner, 3, daily_limit=1)
    html = learner_client.get("/study/").content.decode()
    assert "<strong>3</strong> cards overdue, 2 beyond today's limit of 1 review." in html
    korean = learner_client.get("/study/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "복습이 밀린 카드 <strong>3</strong>장, 그중 2장은 오늘의 복습 한도 1회를 넘습니다." in korean


def test_no_backlog_no_backlog_line(learner_client, learner):
    review_card(learner, Question.objects.published().first(), due_in=-timedelta(days=1))
    assert "data-backlog" not in learner_client.get("/study/").content.decode()


def test_settings_say_default_parameters_are_in_use_and_what_a_fit_needs(learner_client):
    html = learner_client.get("/study/settings/").content.decode()
    assert "FSRS’s default parameters are in use" in html and "512 reviews made a day or more" in html


def test_settings_say_when_personal_parameters_were_fitted(learner_client, learner):
    settings = learner.study_settings
    settings.fsrs_parameters = [*scheduling.DEFAULT_PARAMETERS[:20], 0.3]
    settings.parameters_fitted_at = datetime(2026, 3, 9, 3, 0, tzinfo=UTC)
    settings.parameters_review_count = 2361
    settings.save()
    html = learner_client.get("/study/settings/").content.decode()
    assert (
        "Personal FSRS parameters are in use</strong>, fitted on "
        '<time datetime="2026-03-09">9 Mar 2026</time> from 2361 of your reviews' in html
    )
    korean = learner_client.get("/study/settings/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<time datetime="2026-03-09">2026년 3월 9일</time>에 내 복습 2361회로 맞췄습니다' in korean


def test_settings_save_the_recall_wanted_on_the_interview_day(learner_client, learner):
    day = (timezone.localdate() + timedelta(days=40)).isoformat()
    response = learner_client.post(
        "/study/settings/", settings_form(interview_date=day, interview_target="0.95")
    )
    assert response.status_code == 302
    learner.study_settings.refresh_from_db()
    assert learner.study_settings.interview_target == 0.95


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"interview_target": "0.5"}, "Ensure this value is greater than or equal to 0.7."),
        ({"interview_date": "2099-01-01"}, "Pick a day within two years from today."),
    ],
)
def test_settings_refuse_a_target_or_date_the_plan_cannot_use(learner_client, changes, message):
    response = learner_client.post("/study/settings/", settings_form(**changes))
    assert response.status_code == 422 and message in response.content.decode()
