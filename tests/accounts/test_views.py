import pytest
from django.contrib.auth import get_user_model

from study.models import StudySettings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_signup_creates_a_learner_with_default_settings_and_logs_in(client):
    response = client.post(
        "/accounts/signup/", {"username": "jiwoo", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    user = get_user_model().objects.get(username="jiwoo")
    settings = StudySettings.objects.get(user=user)
    assert (settings.desired_retention, settings.new_cards_per_day, settings.max_reviews_per_day) == (
        0.9,
        10,
        200,
    )
    assert "Study</a>" in client.get("/").content.decode()


def test_signup_with_a_weak_password_keeps_the_username_and_explains(client):
    response = client.post(
        "/accounts/signup/", {"username": "jiwoo", "password1": "1234", "password2": "1234"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "This password is too short" in html
    assert 'value="jiwoo"' in html
    assert not get_user_model().objects.filter(username="jiwoo").exists()


def test_signup_with_a_taken_username_is_refused(client, learner):
    response = client.post(
        "/accounts/signup/", {"username": learner.username, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "A user with that username already exists" in response.content.decode()


def test_login_page_links_to_signup(client):
    assert 'href="/accounts/signup/"' in client.get("/accounts/login/").content.decode()


def test_login_then_next_page(client, learner):
    response = client.post(
        "/accounts/login/?next=/study/",
        {"username": learner.username, "password": PASSWORD, "next": "/study/"},
    )
    assert response["Location"] == "/study/"


def test_wrong_password_is_refused_with_a_message(client, learner):
    response = client.post("/accounts/login/", {"username": learner.username, "password": "nope"})
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_needs_post(learner_client):
    assert learner_client.get("/accounts/logout/").status_code == 405
    assert learner_client.post("/accounts/logout/").status_code == 302
    assert learner_client.get("/study/").status_code == 302


def test_password_change(learner_client, learner):
    response = learner_client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-pass-42",
            "new_password2": "another-long-pass-42",
        },
    )
    assert response["Location"] == "/accounts/password/done/"
    learner.refresh_from_db()
    assert learner.check_password("another-long-pass-42")


def test_signed_in_learners_skip_signup(learner_client):
    assert learner_client.get("/accounts/signup/")["Location"] == "/"


def test_demo_account_is_created_once(db):
    from django.core.management import call_command

    call_command("ensure_demo_user")
    user = get_user_model().objects.get(username="demo")
    user.set_password("changed-by-the-learner")
    user.save()
    call_command("ensure_demo_user")
    user.refresh_from_db()
    assert user.check_password("changed-by-the-learner")
