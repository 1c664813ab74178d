import re
from datetime import UTC, date, datetime

from django.test import Client
from django.utils import timezone

from questions.language import format_date, format_datetime
from questions.models import Question
from study.models import AnswerDraft, Note, StudySettings


def content_lang(response) -> str:
    """The content language a page shows: the one its language switch marks as current."""
    html = response.content.decode()
    return re.search(r'hreflang="(\w+)" lang="\w+" aria-current="true"', html).group(1)


def test_the_language_chosen_on_a_question_holds_for_the_card_and_the_answer_flow(learner_client, learner):
    question = Question.objects.get(number="2.1")
    assert content_lang(learner_client.get("/questions/2.1/", HTTP_ACCEPT_LANGUAGE="ko")) == "ko"
    assert content_lang(learner_client.get("/questions/2.1/?lang=en")) == "en"
    assert StudySettings.objects.get(user=learner).language == "en"
    study = learner_client.get("/study/", HTTP_ACCEPT_LANGUAGE="ko")
    assert content_lang(study) == "en" and "Answer outline" in study.content.decode()
    AnswerDraft.objects.create(user=learner, question=question, text="My answer.", started_at=timezone.now())
    compare = learner_client.get("/questions/2.1/answer/compare/", HTTP_ACCEPT_LANGUAGE="ko")
    assert content_lang(compare) == "en" and question.title_en in compare.content.decode()
    assert content_lang(learner_client.get("/questions/2.1/answer/compare/?lang=ko")) == "ko"
    assert question.title_ko in learner_client.get("/study/").content.decode()


def test_an_unknown_language_changes_nothing(learner_client, learner):
    assert content_lang(learner_client.get("/questions/2.1/?lang=fr", HTTP_ACCEPT_LANGUAGE="ko")) == "ko"
    assert StudySettings.objects.get(user=learner).language == "ko"


def test_a_visitors_choice_is_remembered_in_the_session(db):
    client = Client()
    assert content_lang(client.get("/guide/?lang=en", HTTP_ACCEPT_LANGUAGE="ko")) == "en"
    assert content_lang(client.get("/guide/", HTTP_ACCEPT_LANGUAGE="ko")) == "en"
    assert content_lang(Client().get("/guide/", HTTP_ACCEPT_LANGUAGE="ko")) == "ko"
    assert content_lang(Client().get("/guide/")) == "en"


def test_one_date_format_per_language():
    assert format_date(date(2026, 8, 1), "ko") == "2026년 8월 1일"
    assert format_date(date(2026, 8, 1), "en") == "1 Aug 2026"
    # Times are local (Asia/Seoul here): 23:30 UTC is 08:30 the next morning.
    moment = datetime(2026, 8, 1, 23, 30, 15, 123456, tzinfo=UTC)
    assert format_datetime(moment, "ko") == "2026년 8월 2일 08:30"
    assert format_datetime(moment, "en") == "2 Aug 2026 08:30"


def test_dates_on_pages_are_time_elements_in_the_interface_language(learner_client, learner):
    Note.objects.create(user=learner, question=Question.objects.get(number="2.1"), body="note")
    machine = r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00">'
    korean = learner_client.get("/notes/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert re.search(rf"{machine}\d{{4}}년 \d+월 \d+일 \d\d:\d\d</time> 수정", korean)
    english = learner_client.get("/notes/").content.decode()
    assert re.search(rf"Edited {machine}\d+ [A-Z][a-z]{{2}} \d{{4}} \d\d:\d\d</time>", english)
