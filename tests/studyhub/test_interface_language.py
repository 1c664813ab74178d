"""The interface language: chosen by the browser, switched in the header, remembered."""

import json
import re

import pytest
from django.test import Client

from study.models import StudySettings

pytestmark = pytest.mark.django_db

KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9,en;q=0.8"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_browser_asking_for_korean_gets_korean(client):
    response = client.get("/glossary/", **KOREAN)
    html = response.content.decode()
    assert html_lang(response) == "ko" and response["Content-Language"] == "ko"
    assert "<h1>용어집</h1>" in html and "로그인" in html and "Log in" not in html


def test_a_browser_asking_for_english_or_nothing_gets_english(client):
    for headers in ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, {}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR"}):
        response = client.get("/glossary/", **headers)
        assert html_lang(response) == "en" and "<h1>Glossary</h1>" in response.content.decode()


def test_a_visitors_switch_is_remembered_in_a_cookie_over_the_browser(client):
    response = client.post("/language/", {"language": "en", "next": "/glossary/"}, **KOREAN)
    assert response.status_code == 302 and response["Location"] == "/glossary/"
    assert response.cookies["language"].value == "en"
    assert html_lang(client.get("/glossary/", **KOREAN)) == "en"
    client.post("/language/", {"language": "ko", "next": "/glossary/"})
    assert html_lang(client.get("/glossary/")) == "ko"


def test_the_switch_sits_in_the_header_menu_and_offers_the_other_language(client):
    html = client.get("/glossary/", **KOREAN).content.decode()
    panel = html.split('<div class="menu-panel">', 1)[1].split("</header>", 1)[0]
    assert 'action="/language/"' in panel and 'name="language" value="en"' in panel
    assert '<span lang="en">English</span>' in panel
    english = client.get("/glossary/").content.decode()
    assert 'name="language" value="ko"' in english and '<span lang="ko">한국어</span>' in english


def test_a_learners_choice_is_their_setting_and_wins_on_every_device(learner, learner_client):
    learner_client.post("/language/", {"language": "ko", "next": "/dashboard/"})
    assert StudySettings.objects.get(user=learner).interface_language == "ko"
    other_device = Client()
    other_device.force_login(learner)
    response = other_device.get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "ko" and "<h1>대시보드</h1>" in response.content.decode()


def test_the_setting_is_applied_at_login(learner):
    StudySettings.objects.filter(user=learner).update(interface_language="ko")
    client = Client()
    response = client.post("/accounts/login/", {"username": "learner", "password": "correct-horse-battery-9"})
    assert response.status_code == 302
    assert html_lang(client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")) == "ko"
    client.post("/accounts/logout/")
    assert html_lang(client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="en")) == "ko"  # the device remembers


def test_a_visitors_choice_becomes_the_learners_setting_at_login_if_they_had_none(learner):
    client = Client()
    client.post("/language/", {"language": "ko", "next": "/"})
    client.post("/accounts/login/", {"username": "learner", "password": "correct-horse-battery-9"})
    assert StudySettings.objects.get(user=learner).interface_language == "ko"


def test_the_settings_page_changes_the_interface_language(learner, learner_client):
    data = {
        "desired_retention": "0.9",
        "new_cards_per_day": "10",
        "max_reviews_per_day": "200",
        "interface_language": "ko",
        "language": "",
        "time_zone": "Asia/Seoul",
        "interview_target": "0.9",
    }
    assert learner_client.post("/study/settings/", data).status_code == 302
    page = learner_client.get("/study/settings/")
    assert html_lang(page) == "ko" and "<h1>학습 설정</h1>" in page.content.decode()
    assert StudySettings.objects.get(user=learner).language == ""
    study = learner_client.get("/study/").content.decode()
    assert '<h2 id="card-outline-title" lang="ko">답안 개요</h2>' in study


def test_the_content_language_follows_the_interface_until_chosen(learner, learner_client):
    StudySettings.objects.filter(user=learner).update(language="")
    korean = learner_client.get("/questions/2.1/", **KOREAN).content.decode()
    assert "답안 개요" in korean
    english = learner_client.get("/questions/2.1/").content.decode()
    assert "Answer outline" in english
    learner_client.get("/questions/2.1/?lang=en", **KOREAN)
    chosen = learner_client.get("/questions/2.1/", **KOREAN)
    assert html_lang(chosen) == "ko" and "Answer outline" in chosen.content.decode()


def test_an_unknown_language_or_foreign_next_changes_nothing(client):
    response = client.post("/language/", {"language": "fr", "next": "https://evil.example/"})
    assert response["Location"] == "/" and "language" not in response.cookies


def test_it_only_accepts_post(client):
    assert client.get("/language/").status_code == 405


def test_scripts_get_their_words_in_the_page_language(client):
    html = client.get("/glossary/", **KOREAN).content.decode()
    strings = re.search(r'<script id="interface-strings" type="application/json">(.*?)</script>', html).group(
        1
    )
    assert json.loads(strings)["one-minute-left"] == "1분 남았습니다."


def test_error_pages_speak_the_language(client):
    response = client.get("/no-such-page/", **KOREAN)
    assert response.status_code == 404 and "페이지를 찾을 수 없음" in response.content.decode()


def test_content_in_another_language_than_the_interface_says_which(learner, learner_client):
    StudySettings.objects.filter(user=learner).update(language="ko", interface_language="en")
    page = learner_client.get("/questions/2.1/")
    html = page.content.decode()
    assert html_lang(page) == "en"
    assert '<p class="prompt" lang="ko">' in html and '<div class="prose" lang="ko">' in html
    assert '<ol class="key-point-list" lang="ko">' in html
