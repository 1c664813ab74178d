import re
import uuid

import pytest
from django.test import Client

from questions.glossary import forget_version
from questions.models import Question
from study.models import AnswerDraft, Attempt, ReviewLog
from study.scheduling import GOOD

pytestmark = pytest.mark.django_db
GOOD_ANSWER = "레이블 의미와 확정 시점을 먼저 정의합니다. Then I stratify samples."


@pytest.fixture
def question():
    return Question.objects.published().select_related("outline").order_by("position").first()


def url(question, tail=""):
    return f"/questions/{question.number}/answer/{tail}"


def review_form(client, question):
    html = client.get(url(question, "compare/")).content.decode()
    submission = re.search(r'name="submission" value="([^"]+)"', html).group(1)
    return html, submission


def submit(client, question, answer=GOOD_ANSWER, submission=None, covered=(), rating=GOOD):
    data = {"answer": answer, "submission": submission or str(uuid.uuid4()), "rating": rating}
    if covered:
        data["covered"] = list(covered)
    return client.post(url(question, "compare/"), data)


@pytest.mark.parametrize("tail", ["", "compare/"])
def test_it_requires_login(client, question, tail):
    assert client.get(url(question, tail))["Location"].startswith("/accounts/login/")


def test_write_page_shows_the_prompt_a_timer_and_starts_a_draft(learner_client, learner, question):
    html = learner_client.get(url(question)).content.decode()
    assert "Write an answer" in html and "data-timer" in html
    assert f'hx-post="/questions/{question.number}/answer/autosave/"' in html
    assert AnswerDraft.objects.get(user=learner, question=question).text == ""


def test_autosave_keeps_the_draft_and_the_page_restores_it(htmx_client, learner_client, learner, question):
    response = htmx_client.post(url(question, "autosave/"), {"answer": "첫 문단입니다"})
    assert response.status_code == 200 and "Draft saved" in response.content.decode()
    html = learner_client.get(url(question)).content.decode()
    assert "첫 문단입니다</textarea>" in html and "Draft restored" in html


def test_autosave_refuses_an_answer_over_the_limit(htmx_client, learner, question):
    response = htmx_client.post(url(question, "autosave/"), {"answer": "x" * 20_001})
    assert response.status_code == 422
    assert "Over 20,000 characters: not saved" in response.content.decode()


def test_an_empty_answer_cannot_be_compared(learner_client, question):
    response = learner_client.post(url(question), {"answer": "   "})
    assert response.status_code == 422
    assert "Write an answer before comparing it" in response.content.decode()


def test_an_empty_submit_over_a_saved_draft_does_not_claim_the_draft_was_restored(
    learner_client, htmx_client, question
):
    assert htmx_client.post(url(question, "autosave/"), {"answer": "my first thoughts"}).status_code == 200
    assert "Draft restored" in learner_client.get(url(question)).content.decode()
    response = learner_client.post(url(question), {"answer": "   "})
    html = response.content.decode()
    assert response.status_code == 422 and "Write an answer before comparing it" in html
    assert "Draft restored" not in html  # the box shows what was sent (nothing), not the draft


def test_a_too_long_answer_is_refused_and_kept_in_the_textarea(learner_client, question):
    text = "긴 답변 " * 5000
    response = learner_client.post(url(question), {"answer": text})
    html = response.content.decode()
    assert response.status_code == 422
    assert "at most 20,000 characters" in html
    assert text.strip()[:200] in html


def test_compare_shows_the_answer_beside_the_outline_with_hints(learner_client, question):
    first, second = question.outline.key_points.order_by("position")[:2]
    answer = f"Let me explain. {first.text_en}"
    response = learner_client.post(url(question), {"answer": answer})
    assert response["Location"] == url(question, "compare/")
    html, _ = review_form(learner_client, question)
    assert "Your answer" in html and "Answer outline" in html
    assert html.count('name="covered"') == question.outline.key_points.count()
    assert f'value="{first.pk}" checked' in html
    assert f'value="{second.pk}" checked' not in html
    assert "/guide/answer-rubric/" in html


def test_the_answer_is_rendered_inert(learner_client, question):
    learner_client.post(
        url(question), {"answer": "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)>"}
    )
    html, _ = review_form(learner_client, question)
    mine = html.split('class="prose answer-text">')[1].split("</div>")[0]
    assert "<strong>bold</strong>" in mine
    assert "<script" not in mine and "onerror" not in mine


def test_review_without_a_draft_sends_back_to_the_editor(learner_client, question):
    response = learner_client.get(url(question, "compare/"))
    assert response["Location"] == url(question)


def test_submitting_records_an_attempt_and_a_review(learner_client, learner, question):
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    _, submission = review_form(learner_client, question)
    points = list(question.outline.key_points.order_by("position").values_list("pk", flat=True))
    response = submit(learner_client, question, submission=submission, covered=points[:3])
    attempt = Attempt.objects.get(user=learner)
    assert response["Location"] == f"/attempts/{attempt.pk}/"
    assert (attempt.covered_count, attempt.rating) == (3, GOOD)
    assert attempt.review_log == ReviewLog.objects.get(user=learner)
    page = learner_client.get(response["Location"]).content.decode()
    assert f"3 of {len(points)} key points" in page


def test_double_submit_counts_once(learner_client, learner, question):
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    _, submission = review_form(learner_client, question)
    first = submit(learner_client, question, submission=submission)
    second = submit(learner_client, question, submission=submission)
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1 and ReviewLog.objects.count() == 1
    assert "already recorded" in learner_client.get(second["Location"]).content.decode()


def test_submit_without_a_rating_rerenders_with_input_kept(learner_client, question):
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    response = learner_client.post(
        url(question, "compare/"), {"answer": GOOD_ANSWER, "submission": str(uuid.uuid4())}
    )
    assert response.status_code == 422
    assert "Choose Again, Hard, Good or Easy" in response.content.decode()
    assert not Attempt.objects.exists()


def test_submit_refuses_a_key_point_of_another_question(learner_client, question):
    foreign = Question.objects.published().exclude(pk=question.pk).first().outline.key_points.first()
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    response = submit(learner_client, question, covered=[foreign.pk])
    assert response.status_code == 422
    assert not Attempt.objects.exists()


def test_other_learners_attempts_are_404(learner_client, other, question):
    other_client = Client()
    other_client.force_login(other)
    other_client.post(url(question), {"answer": GOOD_ANSWER})
    submit(other_client, question)
    attempt = Attempt.objects.get(user=other)
    assert learner_client.get(f"/attempts/{attempt.pk}/").status_code == 404
    html = learner_client.get(f"/questions/{question.number}/").content.decode()
    assert f"/attempts/{attempt.pk}/" not in html


def test_diff_of_two_attempts(learner_client, question):
    for text in ("L2 shrinks weights", "L1 shrinks weights to zero"):
        learner_client.post(url(question), {"answer": text})
        submit(learner_client, question, answer=text)
    older, newer = Attempt.objects.order_by("created_at", "id")
    html = learner_client.get(
        f"/questions/{question.number}/attempts/diff/?a={older.pk}&b={newer.pk}"
    ).content.decode()
    assert "<del>L2</del><ins>L1</ins> shrinks weights<ins> to zero</ins>" in html


def test_diff_refuses_someone_elses_attempt(learner_client, other, question):
    other_client = Client()
    other_client.force_login(other)
    submit(other_client, question)
    submit(learner_client, question)
    mine = Attempt.objects.get(user__username="learner")
    theirs = Attempt.objects.get(user=other)
    response = learner_client.get(
        f"/questions/{question.number}/attempts/diff/?a={mine.pk}&b={theirs.pk}", follow=True
    )
    assert "Choose two different attempts of yours" in response.content.decode()


def test_question_page_lists_attempts_and_points_kept_missing(learner_client, question):
    for _ in range(3):
        submit(learner_client, question)  # nothing ticked: every point missed
    html = learner_client.get(f"/questions/{question.number}/").content.decode()
    assert html.count('href="/attempts/') == 3
    total = question.outline.key_points.count()
    assert html.count("you keep missing this") == total
    assert f"You missed {total} key points in at least two of your last three answers" in html


@pytest.mark.parametrize("attempts", [1, 12])
def test_question_page_query_count_is_constant_in_attempts(
    learner_client, question, django_assert_num_queries, attempts
):
    for _ in range(attempts):
        submit(learner_client, question)
    forget_version()
    # Session, user, question, key points, follow-ups, the glossary's version, the chapter's reading
    # order, card, attempts, missed points, note, bookmark.
    with django_assert_num_queries(12):
        learner_client.get(f"/questions/{question.number}/")


def test_weak_points_page_links_the_questions(learner_client, question):
    submit(learner_client, question)
    html = learner_client.get("/weak-points/").content.decode()
    assert f'href="/questions/{question.number}/"' in html
    assert "1 of 1" in html


def test_discard_restarts_the_draft(learner_client, learner, question):
    learner_client.post(url(question, "autosave/"), {"answer": "old"})
    learner_client.post(url(question, "discard/"))
    assert not AnswerDraft.objects.filter(user=learner, question=question, text="old").exists()


def test_unknown_and_draft_questions_are_404(learner_client, draft_question):
    draft = draft_question
    assert learner_client.get(f"/questions/{draft.number}/answer/").status_code == 404
    assert learner_client.get("/questions/9.99/answer/").status_code == 404


CODE_ANSWER = "def kmeans(X, k):\n    centers = X[:k]\n    return centers  # <b>not bold</b>\n"


def test_coding_question_gets_a_monospaced_tab_friendly_editor(learner_client):
    coding = Question.objects.get(number="3.1")
    html = learner_client.get(url(coding)).content.decode()
    assert 'class="code" spellcheck="false"' in html and "data-code-editor" in html
    assert "Tab</kbd> indents" in html
    prose = learner_client.get(url(Question.objects.get(number="2.13"))).content.decode()
    assert "data-code-editor" not in prose


def test_coding_review_shows_the_learners_code_beside_the_reference(learner_client):
    coding = Question.objects.get(number="3.1")
    learner_client.post(url(coding, "autosave/"), {"answer": CODE_ANSWER})
    html = learner_client.post(url(coding), {"answer": CODE_ANSWER}, follow=True).content.decode()
    mine, reference = html.index("Your answer"), html.index("Reference solution")
    assert mine < reference
    assert '<span class="k">def</span><span class="w"> </span><span class="nf">kmeans</span>' in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>not bold</b>" not in html
    assert coding.solution_html in html


def test_a_recorded_coding_attempt_keeps_the_code_as_code(learner_client, learner):
    coding = Question.objects.get(number="3.1")
    submit(learner_client, coding, answer=CODE_ANSWER)
    attempt = Attempt.objects.get(user=learner, question=coding)
    assert '<div class="highlight"><pre><span></span>' in attempt.answer_html
    assert "    centers = X[:k]" in re.sub(r"<[^>]+>", "", attempt.answer_html)


def test_compare_buttons_show_the_next_interval_like_the_flashcard_and_take_keys(learner_client, question):
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    html, _ = review_form(learner_client, question)
    flashcard = learner_client.get("/study/").content.decode()
    interval = re.compile(r'<span class="grade-interval">([^<]+)</span>')
    assert len(interval.findall(html)) == 4 and interval.findall(html) == interval.findall(flashcard)
    for rating in "1234":
        assert f'data-rating="{rating}" aria-keyshortcuts="{rating}"' in html


def test_a_markdown_heading_in_the_answer_is_a_heading_on_the_compare_screen(learner_client, question):
    answer = "# 정의\n\n레이블을 먼저 정의합니다.\n\n## Trade-offs\n\nmore"
    learner_client.post(url(question), {"answer": answer})
    html, _ = review_form(learner_client, question)
    mine = html.split('class="prose answer-text">')[1].split("</div>")[0]
    assert "<h3>정의</h3>" in mine and "<h4>Trade-offs</h4>" in mine


def test_after_recording_the_attempt_page_leads_back_to_study_and_names_the_next_card(
    learner_client, learner, question
):
    learner_client.post(url(question), {"answer": GOOD_ANSWER})
    _, submission = review_form(learner_client, question)
    page = learner_client.get(submit(learner_client, question, submission=submission)["Location"])
    html = page.content.decode()
    assert '<a class="button primary" href="/study/">Back to study</a>' in html
    following = Question.objects.published().order_by("position")[1]
    assert f'Next due: <a href="/questions/{following.number}/">Q{following.number}' in html
