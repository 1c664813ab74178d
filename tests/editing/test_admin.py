"""The content admin: roles, the question list, the question page with its inlines, publishing, history."""

import json
import re

import pytest
from django.apps import apps
from django.test import Client

from questions.content_files import content_questions, question_item
from questions.models import FollowUp, KeyPoint, Question, Status
from study.models import CardState
from tests.conftest import SCHEDULED

pytestmark = pytest.mark.django_db
QUESTIONS = "/admin/questions/question/"


def _form_data(question: Question, **changes) -> dict:
    """The question's change form as a browser posts it, with `changes` applied."""
    item = question_item(content_questions().get(pk=question.pk))
    data = {
        "chapter": question.chapter_id,
        "number": question.number,
        "title_ko": question.title_ko,
        "title_en": question.title_en,
        "status": question.status,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "tags": json.dumps(question.tags),
        "prompt_ko": question.prompt_ko,
        "prompt_en": question.prompt_en,
        "solution": question.solution,
        "solution_tests": json.dumps(question.solution_tests),
        "outline-TOTAL_FORMS": 1,
        "outline-INITIAL_FORMS": 1,
        "outline-0-id": question.outline.pk,
        "outline-0-question": question.pk,
        "outline-0-body_ko": item["outline_ko"],
        "outline-0-body_en": item["outline_en"],
        "outline-0-key_points_ko": "\n".join(p["ko"] for p in item["key_points"]),
        "outline-0-key_points_en": "\n".join(p["en"] for p in item["key_points"]),
        "follow_ups-TOTAL_FORMS": len(item["follow_ups"]),
        "follow_ups-INITIAL_FORMS": len(item["follow_ups"]),
    }
    for index, follow_up in enumerate(question.follow_ups.order_by("position")):
        prefix = f"follow_ups-{index}-"
        data |= {
            prefix + "id": follow_up.pk,
            prefix + "question": question.pk,
            prefix + "position": follow_up.position,
            prefix + "text_ko": follow_up.text_ko,
            prefix + "text_en": follow_up.text_en,
            prefix + "answer_ko": follow_up.answer_ko,
            prefix + "answer_en": follow_up.answer_en,
        }
    return data | changes


# --- roles --------------------------------------------------------------------------------------


def test_an_editor_edits_content_but_not_users_or_learner_data(editor_client):
    question = Question.objects.get(number="2.1")
    assert editor_client.get(QUESTIONS).status_code == 200
    assert editor_client.get(f"{QUESTIONS}{question.pk}/change/").status_code == 200
    assert editor_client.get("/admin/questions/glossaryterm/").status_code == 200
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/study/cardstate/").status_code == 403
    assert editor_client.get("/admin/study/reviewlog/").status_code == 403


def test_staff_without_the_editors_group_cannot_edit_content(make_user):
    client = Client()
    client.force_login(make_user("staff", is_staff=True))
    question = Question.objects.get(number="2.1")
    assert client.get(QUESTIONS).status_code == 403
    response = client.post(f"{QUESTIONS}{question.pk}/change/", _form_data(question, title_en="Hacked"))
    assert response.status_code == 403
    assert client.get(f"{QUESTIONS}export/").status_code == 403
    assert Question.objects.get(pk=question.pk).title_en != "Hacked"


def test_a_learner_never_reaches_the_admin(learner_client):
    for url in (QUESTIONS, "/admin/", f"{QUESTIONS}export/", f"{QUESTIONS}import/"):
        response = learner_client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert learner_client.post(f"{QUESTIONS}preview/", {}).status_code == 302


# --- the question list ------------------------------------------------------------------------


def test_the_list_filters_by_chapter_kind_difficulty_status_and_tag(editor_client):
    question = Question.objects.get(number="3.1")
    tag = question.tags[0]
    query = f"?chapter__id__exact={question.chapter_id}&kind__exact=coding&status__exact=published&tag={tag}"
    page = editor_client.get(QUESTIONS + query).content.decode()
    assert ">3.1<" in page
    assert ">2.1<" not in page
    page = editor_client.get(QUESTIONS + f"?difficulty__exact={question.difficulty}&tag=no-such-tag").content
    assert b"0 questions" in page


def test_the_list_searches_the_number_and_both_titles(editor_client):
    question = Question.objects.get(number="2.13")
    for query in ("2.13", question.title_ko, question.title_en):
        page = editor_client.get(QUESTIONS, {"q": query}).content.decode()
        assert ">2.13<" in page, query


# --- the question page ------------------------------------------------------------------------


def test_the_outline_key_points_and_follow_ups_edit_inline_and_cards_stay(editor_client, learner):
    question = Question.objects.get(number="2.1")
    card = CardState.objects.create(
        user=learner, question=question, state=CardState.State.REVIEW, reps=4, **SCHEDULED
    )
    first_point = KeyPoint.objects.filter(outline__question=question).order_by("position").first()
    data = _form_data(question)
    ko = data["outline-0-key_points_ko"].splitlines()
    en = data["outline-0-key_points_en"].splitlines()
    data["outline-0-key_points_ko"] = "\n".join([ko[0] + " (수정)", *ko[1:]])
    data["outline-0-key_points_en"] = "\n".join([en[0] + " (edited)", *en[1:]])
    data["follow_ups-0-text_en"] = "A sharper follow-up?"

    response = editor_client.post(f"{QUESTIONS}{question.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    first_point.refresh_from_db()  # the same row, so ticks in past answers still point at it
    assert first_point.text_en.endswith("(edited)") and first_point.position == 1
    assert FollowUp.objects.get(question=question, position=1).text_en == "A sharper follow-up?"
    card.refresh_from_db()
    assert (card.state, card.reps) == (CardState.State.REVIEW, 4)


def test_unequal_key_point_lines_are_refused_with_the_input_kept(editor_client):
    question = Question.objects.get(number="2.1")
    data = _form_data(question)
    data["outline-0-key_points_en"] += "\nOne more in English only"
    response = editor_client.post(f"{QUESTIONS}{question.pk}/change/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Korean and" in page and "One more in English only" in page


def test_the_question_page_labels_its_fields_in_korean_for_a_korean_editor(editor_client):
    question = Question.objects.get(number="2.1")
    page = editor_client.get(f"{QUESTIONS}{question.pk}/change/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    for label in (
        "번호",
        "제목(한국어)",
        "질문(영어)",
        "참고 풀이",
        "답안 개요(한국어)",
        "핵심 포인트(영어)",
    ):
        assert f"{label}:</label>" in page
    assert "책에 나오는 번호입니다" in page
    for english in ("Title ko:", "Prompt en:", "Body ko:", "Key points en:", "As in the book"):
        assert english not in page


def test_the_question_list_and_its_inlines_name_their_fields_in_korean_for_a_korean_editor(editor_client):
    page = editor_client.get(QUESTIONS, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    for column in ("제목(한국어)", "장", "유형", "난이도", "상태", "마지막 수정"):
        assert re.search(rf'<a href="\?o=\d+">{re.escape(column)}</a>', page), column
    for filter_title in ("장", "유형", "상태", "태그"):
        assert re.search(rf"<summary>\s*{filter_title} \(으\)로\s*</summary>", page), filter_title
    for english in (
        ">Title ko<",
        ">Chapter<",
        ">Kind<",
        ">Difficulty<",
        ">Status<",
        ">Updated at<",
        " By status",
    ):
        assert english not in page

    question = Question.objects.get(number="2.1")
    page = editor_client.get(f"{QUESTIONS}{question.pk}/change/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert re.search(r'<h2 id="follow_ups-heading" class="inline-heading">\s*꼬리 질문\s*</h2>', page)
    for label in ("순서", "꼬리 질문(한국어)", "모범 답안(영어)"):
        assert f"{label}:</label>" in page
    assert "Q2.1 답안 개요" in page
    for english in ("Position:", "Text ko:", "Answer en:", "Outline of Q2.1"):
        assert english not in page


def test_publishing_is_refused_while_the_content_checks_fail(editor_client):
    question = Question.objects.get(number="2.1")
    question.status = Status.DRAFT
    question.save()
    data = _form_data(question, status="published", prompt_en="")
    response = editor_client.post(f"{QUESTIONS}{question.pk}/change/", data)
    assert response.status_code == 200
    assert "prompt_en: is required" in response.content.decode()
    assert Question.objects.get(pk=question.pk).status == Status.DRAFT
    # Saved as a draft, the same text is kept.
    data["status"] = "draft"
    assert editor_client.post(f"{QUESTIONS}{question.pk}/change/", data).status_code == 302
    assert Question.objects.get(pk=question.pk).prompt_en == ""


def test_bulk_publish_publishes_only_what_passes_and_unpublish_drafts(editor_client):
    good, bad = Question.objects.filter(number__in=["2.1", "2.2"]).order_by("position")
    Question.objects.filter(pk__in=[good.pk, bad.pk]).update(status=Status.DRAFT)
    for point in bad.outline.key_points.filter(position__gt=2):
        point.delete()

    response = editor_client.post(
        QUESTIONS, {"action": "publish", "_selected_action": [good.pk, bad.pk]}, follow=True
    )
    page = response.content.decode()
    assert "Published 1 question" in page and "Q2.2 not published: key_points" in page
    assert Question.objects.get(pk=good.pk).status == Status.PUBLISHED
    assert Question.objects.get(pk=bad.pk).status == Status.DRAFT

    editor_client.post(QUESTIONS, {"action": "unpublish", "_selected_action": [good.pk]})
    assert Question.objects.get(pk=good.pk).status == Status.DRAFT


def test_bulk_publish_leaves_questions_already_published_alone(editor_client):
    draft, published = Question.objects.filter(number__in=["2.1", "2.2"]).order_by("position")
    Question.objects.filter(pk=draft.pk).update(status=Status.DRAFT)
    Question.objects.filter(pk=published.pk).update(status=Status.PUBLISHED)
    published.refresh_from_db()
    records = published.history.count()

    response = editor_client.post(
        QUESTIONS, {"action": "publish", "_selected_action": [draft.pk, published.pk]}, follow=True
    )
    page = response.content.decode()
    assert "Published 1 question." in page and "1 question was already published." in page
    assert Question.objects.get(pk=draft.pk).status == Status.PUBLISHED
    unchanged = Question.objects.get(pk=published.pk)
    assert unchanged.updated_at == published.updated_at and unchanged.history.count() == records


# --- history ----------------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_reverts(editor_client, editor):
    question = Question.objects.get(number="2.3")
    original = question.title_en
    response = editor_client.post(
        f"{QUESTIONS}{question.pk}/change/", _form_data(question, title_en="A clearer title")
    )
    assert response.status_code == 302
    latest = question.history.first()
    assert latest.history_user == editor and latest.title_en == "A clearer title"

    page = editor_client.get(f"{QUESTIONS}{question.pk}/history/").content.decode()
    assert "editor" in page and "A clearer title" in page and original in page  # the diff: old → new

    previous = latest.prev_record
    revert = editor_client.get(f"{QUESTIONS}{question.pk}/history/{previous.history_id}/")
    assert revert.status_code == 200 and original in revert.content.decode()
    # The revert form holds the question's own fields only, as its page shows them.
    fields = {k: v for k, v in _form_data(question, title_en=original).items() if "-" not in k}
    response = editor_client.post(f"{QUESTIONS}{question.pk}/history/{previous.history_id}/", fields)
    assert response.status_code == 302
    assert Question.objects.get(pk=question.pk).title_en == original


def test_the_question_history_lists_its_inline_parts_changes(editor_client, editor):
    question = Question.objects.get(number="2.4")
    data = _form_data(question)
    data["follow_ups-0-text_en"] = "Why would the metric drift?"
    assert editor_client.post(f"{QUESTIONS}{question.pk}/change/", data).status_code == 302
    page = editor_client.get(f"{QUESTIONS}{question.pk}/history/").content.decode()
    part_history = page[page.index('id="part-history"') :]
    assert "Follow-up 1" in part_history and "Why would the metric drift?" in part_history
    assert "editor" in part_history


def test_the_question_history_names_each_action_in_korean_for_a_korean_editor(editor_client):
    question = Question.objects.get(number="2.4")
    data = _form_data(question)
    data["follow_ups-0-text_en"] = "Why would the metric drift?"
    assert editor_client.post(f"{QUESTIONS}{question.pk}/change/", data).status_code == 302
    page = editor_client.get(f"{QUESTIONS}{question.pk}/history/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<td>생성</td>" in page and "<td>변경</td>" in page
    assert "Created" not in page and "Changed" not in page


def test_the_history_and_revert_pages_read_in_korean_for_a_korean_editor(editor_client):
    question = Question.objects.get(number="2.3")
    data = _form_data(question, title_en="A clearer title")
    assert editor_client.post(f"{QUESTIONS}{question.pk}/change/", data).status_code == 302
    korean = {"HTTP_ACCEPT_LANGUAGE": "ko"}
    history = editor_client.get(f"{QUESTIONS}{question.pk}/history/", **korean).content.decode()
    assert "변경 사유" in history and "이전 버전으로 되돌리려면" in history and "변경 기록" in history
    assert "Change reason" not in history and "Choose a date" not in history and "히스토리" not in history
    previous = question.history.first().prev_record
    revert = editor_client.get(f"{QUESTIONS}{question.pk}/history/{previous.history_id}/", **korean)
    page = revert.content.decode()
    assert "되돌리기" in page and "‘되돌리기’ 버튼" in page
    assert "Revert" not in page and "Press the" not in page


@pytest.mark.parametrize(
    "model", ["chapter", "guidesection", "answeroutline", "keypoint", "followup", "glossaryterm"]
)
def test_every_content_model_has_an_admin_with_history_for_editors(editor_client, model):
    obj = apps.get_model("questions", model).objects.order_by("pk").first()
    base = f"/admin/questions/{model}/"
    assert editor_client.get(base).status_code == 200
    assert editor_client.get(f"{base}{obj.pk}/change/").status_code == 200
    assert editor_client.get(f"{base}{obj.pk}/history/").status_code == 200


@pytest.mark.parametrize("model", ["question", "chapter", "glossaryterm"])
def test_a_history_address_with_a_malformed_id_is_404_not_an_error(editor_client, model):
    obj = apps.get_model("questions", model).objects.order_by("pk").first()
    base = f"/admin/questions/{model}/"
    for bad in [f"{obj.pk}/change", "abc", "99999999999999999999"]:
        assert editor_client.get(f"{base}{bad}/history/").status_code == 404, bad
    for bad in ["abc", "99999999999999999999"]:
        assert editor_client.get(f"{base}{obj.pk}/history/{bad}/").status_code == 404, bad


@pytest.mark.parametrize("field", ["tags", "solution_tests"])
def test_json_nested_too_deep_is_refused_like_malformed_json_and_the_typing_stays(editor_client, field):
    question = Question.objects.published().order_by("position").first()
    deep = "[" * 5_000
    response = editor_client.post(f"{QUESTIONS}{question.pk}/change/", _form_data(question, **{field: deep}))
    assert response.status_code == 200
    assert "Enter a valid JSON." in response.content.decode() and deep in response.content.decode()
    question.refresh_from_db()
    assert question.tags and question.solution_tests is not None  # nothing saved


def test_a_chapters_stages_nested_too_deep_are_refused(editor_client):
    chapter = Question.objects.published().order_by("position").first().chapter
    response = editor_client.post(
        f"/admin/questions/chapter/{chapter.pk}/change/",
        {"number": chapter.number, "title_ko": chapter.title_ko, "stages": "[" * 5_000},
    )
    assert response.status_code == 200 and "Enter a valid JSON." in response.content.decode()
