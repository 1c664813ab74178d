import re
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone, translation

from mocks import rounds
from mocks.models import Mock, MockAnswer, MockQuestion
from questions.glossary import forget_version
from questions.models import Question
from study.models import Attempt, ReviewLog
from tests.mocks.conftest import start

pytestmark = pytest.mark.django_db


def new_mock(user, count=3, **kwargs):
    return start(user, count=count, now=timezone.now(), **kwargs)


def url(mock, tail=""):
    return f"/mock/{mock.key}/{tail}"


def shown_answer_id(html):
    return int(re.search(r'name="answer" value="(\d+)"', html).group(1))


def current(client, mock):
    """Open the round page; the answer on the clock."""
    html = client.get(url(mock)).content.decode()
    return MockAnswer.objects.get(pk=shown_answer_id(html)), html


def move_clock_back(answer, seconds):
    """As if the answer had been shown `seconds` earlier than it was."""
    MockAnswer.objects.filter(pk=answer.pk).update(
        started_at=answer.started_at - timedelta(seconds=seconds),
        deadline=answer.deadline - timedelta(seconds=seconds),
    )


def finish(mock):
    rounds.end_round(mock, timezone.now())
    mock.refresh_from_db()
    return mock


@pytest.fixture
def mock(learner, fundamentals):
    return new_mock(learner)


@pytest.fixture
def finished(learner_client, mock):
    answer, _ = current(learner_client, mock)
    learner_client.post(
        url(mock, "answer/"), {"answer": answer.pk, "text": "Bias and variance", "action": "submit"}
    )
    return finish(mock)


# --- Access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["", "report/"])
def test_it_requires_login(client, mock, tail):
    assert client.get(url(mock, tail))["Location"].startswith("/accounts/login/")
    assert client.get("/mock/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("method", "tail"),
    [("get", ""), ("get", "report/"), ("post", "answer/"), ("post", "autosave/"), ("post", "end/"),
     ("post", "questions/1/grade/")],
)  # fmt: skip
def test_another_learners_mock_is_404(mock, other, method, tail):
    client = Client()
    client.force_login(other)
    answer = MockAnswer.objects.filter(mock_question__mock=mock).first()
    data = {"answer": answer.pk, "text": "mine now", "action": "submit", "rating": 3}
    response = getattr(client, method)(url(mock, tail), data)
    assert response.status_code == 404
    assert not MockAnswer.objects.filter(text="mine now").exists() and not Attempt.objects.exists()
    assert Mock.objects.get(pk=mock.pk).finished_at is None


def test_bad_urls_and_answers_of_another_mock_are_404(learner_client, learner, mock, fundamentals):
    assert learner_client.get(f"/mock/{uuid.uuid4()}/").status_code == 404
    assert learner_client.get("/mock/not-a-uuid/").status_code == 404
    assert learner_client.post(url(mock, "questions/9/grade/"), {"rating": 3}).status_code == 404
    elsewhere = MockAnswer.objects.filter(mock_question__mock=new_mock(learner)).first()
    for answer in (elsewhere.pk, "abc", ""):
        response = learner_client.post(
            url(mock, "answer/"), {"answer": answer, "text": "x", "action": "submit"}
        )
        assert response.status_code == 404


def test_mutations_refuse_get(learner_client, mock):
    for tail in ("answer/", "autosave/", "end/", "questions/1/grade/"):
        assert learner_client.get(url(mock, tail)).status_code == 405


def test_the_navigation_links_to_the_mock_interview(learner_client):
    assert '<a href="/mock/">Mock interview</a>' in learner_client.get("/").content.decode()


# --- Starting ---------------------------------------------------------------------------------------


def test_the_start_page_offers_every_type_with_its_guide_and_question_count(learner_client, fundamentals):
    Question.objects.filter(chapter__number="5").update(status="draft")
    html = learner_client.get("/mock/").content.decode()
    for label in ("ML fundamentals", "ML coding", "Recommendation-system design", "Application design"):
        assert label in html
    assert f"· {len(fundamentals)} questions" in html
    assert '<a href="/guide/ml-fundamentals-interview/">Guide: ' in html
    assert '<a href="/guide/ml-system-design-interview/">Guide: ' in html
    assert 'id="type-app_design-none">No published questions yet.' in html
    assert 'name="question_count"' in html and 'name="minutes"' in html


def test_starting_a_mock_opens_its_first_question(learner_client, learner, fundamentals):
    response = learner_client.post("/mock/", {"interview_type": "fundamentals", "question_count": 4})
    mock = Mock.objects.get(user=learner)
    assert response["Location"] == f"/mock/{mock.key}/"
    assert mock.questions.count() == 4 and mock.minutes_per_question is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question_count": 5}, "Choose the kind of interview to practise."),
        ({"interview_type": "fundamentals", "question_count": 9}, "less than or equal to 8"),
        ({"interview_type": "fundamentals", "question_count": 2}, "greater than or equal to 3"),
        ({"interview_type": "fundamentals", "question_count": 5, "minutes": 0}, "greater than or equal to 1"),
        ({"interview_type": "karaoke", "question_count": 5}, "Select a valid choice"),
    ],
)
def test_a_bad_start_form_is_shown_again_with_the_problem(learner_client, data, message):
    response = learner_client.post("/mock/", data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Mock.objects.exists()


def test_a_type_without_questions_says_so(learner_client):
    Question.objects.filter(chapter__number="5").update(status="draft")
    response = learner_client.post("/mock/", {"interview_type": "app_design", "question_count": 3})
    assert response.status_code == 422
    assert "Application design has no published questions you can be asked yet" in response.content.decode()


def test_a_shorter_mock_is_announced(learner_client, fundamentals, only):
    only(*fundamentals[:2])
    response = learner_client.post(
        "/mock/", {"interview_type": "fundamentals", "question_count": 5}, follow=True
    )
    assert "Only 2 questions of this type can be asked yet, so this mock has 2." in response.content.decode()


def test_unfinished_mocks_can_be_resumed_from_the_start_page(learner_client, mock, finished):
    html = learner_client.get("/mock/").content.decode()
    assert "Unfinished mock" not in html  # `finished` is this same mock
    other = new_mock(mock.user)
    html = learner_client.get("/mock/").content.decode()
    assert f'<a href="/mock/{other.key}/">Resume</a>' in html
    assert f'href="/mock/{finished.key}/report/"' in html


# --- The round ----------------------------------------------------------------------------------------


def test_the_round_page_shows_the_question_a_countdown_and_works_without_javascript(learner_client, mock):
    answer, html = current(learner_client, mock)
    question = answer.mock_question.question
    assert answer.mock_question.position == 1 and answer.started_at is not None
    assert "Question 1 of 3" in html and question.prompt_ko in html
    assert re.search(r'data-remaining="(29\d|300)\.\d{3}"', html)
    assert re.search(r"Time left: <strong data-countdown-value>(4:5\d|5:00)</strong>", html)
    assert "answer by <time" in html and 'role="timer"' in html
    assert f'<form method="post" action="/mock/{mock.key}/answer/"' in html
    assert 'name="action" value="skip"' in html and 'name="action" value="submit"' in html
    assert f'hx-post="/mock/{mock.key}/autosave/"' in html


def test_the_deadline_and_save_times_are_in_the_learners_time_zone(
    learner_client, htmx_client, learner, mock
):
    learner.study_settings.time_zone = "Europe/Berlin"
    learner.study_settings.save()
    answer, html = current(learner_client, mock)
    berlin = answer.deadline.astimezone(ZoneInfo("Europe/Berlin"))
    assert f">{berlin:%H:%M:%S}</time>" in html
    saved = htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "…"}).content.decode()
    saved_at = MockAnswer.objects.get(pk=answer.pk).saved_at.astimezone(ZoneInfo("Europe/Berlin"))
    assert f"Saved {saved_at:%H:%M:%S}" in saved


def test_a_reload_or_a_second_tab_keeps_the_true_time_left(learner_client, learner, mock):
    answer, _ = current(learner_client, mock)
    move_clock_back(answer, 100)
    second_tab = Client()
    second_tab.force_login(learner)
    again, html = current(second_tab, mock)
    assert again.pk == answer.pk
    remaining = float(re.search(r'data-remaining="([\d.]+)"', html).group(1))
    assert 198 <= remaining <= 200


def test_autosave_keeps_the_answer_and_the_page_restores_it(learner_client, htmx_client, mock):
    answer, _ = current(learner_client, mock)
    response = htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "편향과 분산"})
    assert response.status_code == 200 and "Saved " in response.content.decode()
    _, html = current(learner_client, mock)
    assert "편향과 분산</textarea>" in html and "Answer restored" in html


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "Time is up: your answer is locked as it was last saved."),
        ("ko", "시간이 끝났습니다. 답안은 마지막으로 저장된 상태로 잠겼습니다."),
    ],
)
def test_autosave_after_the_deadline_is_refused_with_the_lock(
    learner_client, htmx_client, mock, language, notice
):
    answer, _ = current(learner_client, mock)
    htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "saved in time"})
    move_clock_back(answer, 400)
    response = htmx_client.post(
        url(mock, "autosave/"),
        {"answer": answer.pk, "text": "too late"},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 422
    assert notice in response.content.decode()
    assert MockAnswer.objects.get(pk=answer.pk).text == "saved in time"


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("en", "This answer was handed in: changes here are not saved."),
        ("ko", "이미 제출한 답안입니다. 여기서 바꾼 내용은 저장되지 않습니다."),
    ],
)
def test_autosave_from_a_stale_tab_after_handing_in_is_refused(
    learner_client, htmx_client, mock, language, notice
):
    answer, _ = current(learner_client, mock)
    learner_client.post(url(mock, "answer/"), {"answer": answer.pk, "text": "Handed in", "action": "submit"})
    response = htmx_client.post(
        url(mock, "autosave/"),
        {"answer": answer.pk, "text": "Stale tab"},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 422
    assert notice in response.content.decode()
    assert MockAnswer.objects.get(pk=answer.pk).text == "Handed in"


def test_autosave_refuses_an_answer_over_the_limit(learner_client, htmx_client, mock):
    answer, _ = current(learner_client, mock)
    response = htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "x" * 20_001})
    assert response.status_code == 422 and "Over 20,000 characters: not saved" in response.content.decode()


def test_submitting_moves_on_to_the_first_follow_up(learner_client, mock):
    answer, _ = current(learner_client, mock)
    response = learner_client.post(
        url(mock, "answer/"), {"answer": answer.pk, "text": "My answer", "action": "submit"}
    )
    assert response["Location"] == url(mock)
    follow_up, html = current(learner_client, mock)
    assert follow_up.position == 1 and follow_up.mock_question_id == answer.mock_question_id
    assert "The interviewer follows up" in html and follow_up.follow_up.text_ko in html
    assert re.search(r"Follow-up 1 of \d", html)
    assert MockAnswer.objects.get(pk=answer.pk).text == "My answer"


def test_a_submit_after_the_deadline_is_refused_and_the_saved_draft_kept(learner_client, htmx_client, mock):
    answer, _ = current(learner_client, mock)
    htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "What I had in time"})
    move_clock_back(answer, 310)
    response = learner_client.post(
        url(mock, "answer/"),
        {"answer": answer.pk, "text": "Written after the bell", "action": "submit"},
        follow=True,
    )
    html = response.content.decode()
    assert "Time was up at " in html and "your answer is kept as it was saved by then" in html
    stored = MockAnswer.objects.get(pk=answer.pk)
    assert stored.text == "What I had in time" and stored.outcome == MockAnswer.Outcome.TIMED_OUT
    assert "The interviewer follows up" in html  # the mock moved on


def test_continuing_after_the_clock_ran_out_with_nothing_written_says_time_was_up(learner_client, mock):
    answer, _ = current(learner_client, mock)
    move_clock_back(answer, 310)
    data = {"answer": answer.pk, "text": "", "action": "submit"}
    html = learner_client.post(url(mock, "answer/"), data, follow=True).content.decode()
    assert "Time was up at " in html and "Question 2 of 3" in html  # nothing written: no follow-ups
    assert MockAnswer.objects.get(pk=answer.pk).outcome == MockAnswer.Outcome.TIMED_OUT


def test_an_empty_submit_just_after_the_bell_ends_the_answer_as_saved(learner_client, htmx_client, mock):
    answer, _ = current(learner_client, mock)
    htmx_client.post(url(mock, "autosave/"), {"answer": answer.pk, "text": "Saved before the bell"})
    move_clock_back(answer, 301)  # a second past the deadline: within the grace, but nothing to fix
    data = {"answer": answer.pk, "text": "", "action": "submit"}
    html = learner_client.post(url(mock, "answer/"), data, follow=True).content.decode()
    assert "Time was up at " in html and "The interviewer follows up" in html
    stored = MockAnswer.objects.get(pk=answer.pk)
    assert stored.outcome == MockAnswer.Outcome.TIMED_OUT and stored.text == "Saved before the bell"


def test_a_double_submit_counts_once(learner_client, mock):
    answer, _ = current(learner_client, mock)
    data = {"answer": answer.pk, "text": "Once", "action": "submit"}
    learner_client.post(url(mock, "answer/"), data)
    response = learner_client.post(url(mock, "answer/"), data | {"text": "Twice"}, follow=True)
    assert "That answer was already handed in" in response.content.decode()
    assert MockAnswer.objects.get(pk=answer.pk).text == "Once"
    assert MockAnswer.objects.filter(mock_question__mock=mock).exclude(ended_at=None).count() == 1


def test_an_empty_submit_asks_for_an_answer_or_a_skip(learner_client, mock):
    answer, _ = current(learner_client, mock)
    response = learner_client.post(
        url(mock, "answer/"), {"answer": answer.pk, "text": "  ", "action": "submit"}
    )
    assert response.status_code == 422
    assert "Write an answer before submitting it, or skip this question." in response.content.decode()
    assert MockAnswer.objects.get(pk=answer.pk).ended_at is None


def test_a_too_long_answer_is_refused_and_kept_in_the_textarea(learner_client, mock):
    answer, _ = current(learner_client, mock)
    text = "긴 답변 " * 5000
    response = learner_client.post(
        url(mock, "answer/"), {"answer": answer.pk, "text": text, "action": "submit"}
    )
    html = response.content.decode()
    assert response.status_code == 422 and "at most 20,000 characters" in html
    assert text[:200] in html


def test_skipping_a_question_goes_to_the_next_question(learner_client, mock):
    answer, _ = current(learner_client, mock)
    learner_client.post(url(mock, "answer/"), {"answer": answer.pk, "text": "", "action": "skip"})
    nxt, html = current(learner_client, mock)
    assert nxt.mock_question.position == 2 and nxt.is_question and "Question 2 of 3" in html


def test_the_last_answer_opens_the_report(learner_client, mock):
    while (response := learner_client.get(url(mock))).status_code == 200:
        answer = shown_answer_id(response.content.decode())
        learner_client.post(url(mock, "answer/"), {"answer": answer, "text": "", "action": "skip"})
    assert response["Location"] == url(mock, "report/")
    assert Mock.objects.get(pk=mock.pk).finished_at is not None


def test_ending_early_opens_the_report(learner_client, mock):
    current(learner_client, mock)
    response = learner_client.post(url(mock, "end/"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == url(mock, "report/")
    assert "Mock ended: the answers not given are marked skipped." in html
    assert "Not asked: skipped, or the mock ended first" in html and "-1 of" not in html


# --- The report ---------------------------------------------------------------------------------------


def test_the_report_waits_for_the_end_of_the_mock(learner_client, mock):
    response = learner_client.get(url(mock, "report/"))
    assert response["Location"] == url(mock)
    assert learner_client.post(url(mock, "questions/1/grade/"), {"rating": 3})["Location"] == url(mock)
    assert not Attempt.objects.exists()


def test_the_report_shows_each_answer_beside_the_outline_with_the_checklist(learner_client, finished):
    html = learner_client.get(url(finished, "report/")).content.decode()
    item = finished.questions.select_related("question__outline").get(position=1)
    assert "Bias and variance" in html and item.question.outline.body_ko_html in html
    assert "Why this question</span> " + item.why in html
    # A mock begun in one language and read in the other words its reasons in the page's language.
    korean = learner_client.get(url(finished, "report/"), headers={"Accept-Language": "ko"}).content.decode()
    with translation.override("ko"):
        assert item.why and item.why in korean
    assert html.count('class="grade-answer"') == 3
    assert 'name="covered"' in html and "Suggested rating: Again." in html
    assert "Key points covered" in html and "Time used" in html and "Study next" in html
    for follow_up in item.question.follow_ups.all():
        assert follow_up.text_ko in html


def test_grading_without_javascript_records_it_and_returns_to_the_question(learner_client, learner, finished):
    item = finished.questions.get(position=1)
    point = item.question.outline.key_points.order_by("position").first()
    response = learner_client.post(url(finished, "questions/1/grade/"), {"rating": 3, "covered": [point.pk]})
    assert response["Location"] == url(finished, "report/") + "#q1"
    attempt = Attempt.objects.get(user=learner)
    assert attempt.covered_count == 1 and attempt.review_log.rating == 3
    html = learner_client.get(response["Location"]).content.decode()
    assert f"Q{item.question.number} recorded: Good, 1 of" in html
    assert "Graded Good: 1 of" in html and html.count('class="grade-answer"') == 2


def test_grading_with_htmx_returns_the_report_partial(htmx_client, finished):
    response = htmx_client.post(url(finished, "questions/2/grade/"), {"rating": 1})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="report">') and "<html" not in html
    assert 'id="q2"' in html and "Graded Again" in html and "recorded: Again" in html
    assert 'id="report-summary"' in html


def test_grading_with_htmx_moves_the_focus_to_the_grade_just_recorded(htmx_client, learner_client, finished):
    # The grade buttons are swapped away: htmx focuses the [autofocus] of the swapped-in question.
    htmx_client.post(url(finished, "questions/1/grade/"), {"rating": 3})
    html = htmx_client.post(url(finished, "questions/2/grade/"), {"rating": 1}).content.decode()
    assert html.count("autofocus") == 1
    assert '<h3 id="q2-grade" tabindex="-1" autofocus>Graded Again' in html
    assert "autofocus" not in learner_client.get(url(finished, "report/")).content.decode()


def test_a_grade_without_a_rating_is_refused_with_the_form(learner_client, htmx_client, finished):
    response = htmx_client.post(url(finished, "questions/1/grade/"), {})
    assert response.status_code == 422
    assert "Choose Again, Hard, Good or Easy to record this answer." in response.content.decode()
    response = learner_client.post(url(finished, "questions/1/grade/"), {"covered": ["nope"]})
    assert response.status_code == 422 and "<html" in response.content.decode()
    assert not Attempt.objects.exists()


def test_grading_one_question_from_two_tabs_counts_once(learner_client, learner, finished):
    other_tab = Client()
    other_tab.force_login(learner)
    learner_client.post(url(finished, "questions/1/grade/"), {"rating": 3})
    response = other_tab.post(url(finished, "questions/1/grade/"), {"rating": 4}, follow=True)
    assert "That answer was already recorded." in response.content.decode()
    assert Attempt.objects.count() == 1 and ReviewLog.objects.count() == 1
    assert ReviewLog.objects.get().rating == 3
    assert MockQuestion.objects.get(mock=finished, position=1).attempt.rating == 3


@pytest.mark.parametrize("count", [3, 6])
def test_the_report_costs_the_same_queries_however_long_the_mock(
    learner_client, learner, fundamentals, django_assert_num_queries, count
):
    mock = finish(new_mock(learner, count=count))
    for item in mock.questions.all()[:2]:
        learner_client.post(url(mock, f"questions/{item.position}/grade/"), {"rating": 3})
    forget_version()
    # Session, user and settings, the mock, its questions (with outline and attempt), their answers,
    # key points, key-point marks, and the glossary's version (read once for every hint).
    with django_assert_num_queries(8):
        assert learner_client.get(url(mock, "report/")).status_code == 200
