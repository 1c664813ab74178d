from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_reads_back_and_an_expired_or_unknown_one_is_empty():
    store = SessionStore()
    store["cart"] = {"lang": "en", "n": 3}
    store.save()
    assert SessionStore(store.session_key)["cart"] == {"lang": "en", "n": 3}
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("x" * 32).load() == {}


def test_logging_in_and_out_goes_through_the_database_sessions(client, learner):
    from tests.conftest import PASSWORD

    assert (
        client.post("/accounts/login/", {"username": learner.username, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get("/study/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/study/").status_code == 302
