import re
from datetime import UTC, date, datetime

from django.test import Client
from django.utils import timezone

from questions.language import format_date, format_datetime
from questions.models import Question
from study.models import AnswerDraft, Note, StudySettings


def html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_language_chosen_on_a_question_holds_for_the_card_and_the_answer_flow(learner_client, learner):
    question = Question.objects.get(number="2.1")
    assert html_lang(learner_client.get("/questions/2.1/")) == "ko"
    assert html_lang(learner_client.get("/questions/2.1/?lang=en")) == "en"
    assert StudySettings.objects.get(user=learner).language == "en"
    study = learner_client.get("/study/")
    assert html_lang(study) == "en" and "Answer outline" in study.content.decode()
    AnswerDraft.objects.create(user=learner, question=question, text="My answer.", started_at=timezone.now())
    compare = learner_client.get("/questions/2.1/answer/compare/")
    assert html_lang(compare) == "en" and question.title_en in compare.content.decode()
    assert html_lang(learner_client.get("/questions/2.1/answer/compare/?lang=ko")) == "ko"
    assert html_lang(learner_client.get("/dashboard/")) == "ko"


def test_an_unknown_language_changes_nothing(learner_client, learner):
    assert html_lang(learner_client.get("/questions/2.1/?lang=fr")) == "ko"
    assert StudySettings.objects.get(user=learner).language == "ko"


def test_a_visitors_choice_is_remembered_in_the_session(db):
    client = Client()
    assert html_lang(client.get("/glossary/?lang=en")) == "en"
    assert html_lang(client.get("/guide/")) == "en"
    assert html_lang(Client().get("/guide/")) == "ko"


def test_one_date_format_per_language():
    assert format_date(date(2026, 8, 1), "ko") == "2026년 8월 1일"
    assert format_date(date(2026, 8, 1), "en") == "1 Aug 2026"
    # Times are local (Asia/Seoul here): 23:30 UTC is 08:30 the next morning.
    moment = datetime(2026, 8, 1, 23, 30, 15, 123456, tzinfo=UTC)
    assert format_datetime(moment, "ko") == "2026년 8월 2일 08:30"
    assert format_datetime(moment, "en") == "2 Aug 2026 08:30"


def test_dates_on_pages_are_time_elements_in_the_pages_language(learner_client, learner):
    Note.objects.create(user=learner, question=Question.objects.get(number="2.1"), body="note")
    machine = r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00">'
    korean = learner_client.get("/notes/").content.decode()
    assert re.search(rf"Edited {machine}\d{{4}}년 \d+월 \d+일 \d\d:\d\d</time>", korean)
    english = learner_client.get("/notes/?lang=en").content.decode()
    assert re.search(rf"Edited {machine}\d+ [A-Z][a-z]{{2}} \d{{4}} \d\d:\d\d</time>", english)
