"""Login throttling (django-axes): by username and by address, on the site's and the admin's login."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT


def fail(client, path, username, times, address="10.0.0.1"):
    for _ in range(times):
        client.post(path, {"username": username, "password": "wrong"}, REMOTE_ADDR=address)


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_username_even_for_the_right_one(learner, path):
    client = Client()
    fail(client, path, learner.username, LIMIT)
    response = client.post(path, {"username": learner.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    assert b"Too many wrong passwords" in response.content
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_from_one_address_lock_that_address_for_every_username(learner):
    client = Client()
    for index in range(LIMIT):
        fail(client, "/accounts/login/", f"guess-{index}", 1, address="10.0.0.9")
    response = client.post(
        "/accounts/login/", {"username": learner.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429


def test_a_few_mistakes_still_let_the_learner_in(learner):
    client = Client()
    fail(client, "/accounts/login/", learner.username, LIMIT - 1)
    response = client.post(
        "/accounts/login/", {"username": learner.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(learner.pk)


def test_a_one_minute_wait_reads_singular_and_in_korean(learner, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    client = Client()
    fail(client, "/accounts/login/", learner.username, LIMIT)
    english = client.post("/accounts/login/", {"username": learner.username, "password": "wrong"})
    korean = client.post(
        "/accounts/login/", {"username": learner.username, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert "Wait 1 minute and try again." in english.content.decode()
    assert "1분 뒤에 다시 시도하십시오." in korean.content.decode()
