"""Account recovery: an optional e-mail address and Django's reset flow, revealing no account."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client


def test_signup_takes_an_optional_email(client, db):
    fields = {"username": "newbie", "password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"}
    client.post("/accounts/signup/", fields)
    Client().post("/accounts/signup/", {**fields, "username": "mailer", "email": "m@example.com"})
    users = dict(get_user_model().objects.values_list("username", "email"))
    assert users["newbie"] == "" and users["mailer"] == "m@example.com"


def test_a_learner_sets_and_removes_their_email(learner_client, learner):
    learner_client.post("/accounts/email/", {"email": "me@example.com"})
    learner.refresh_from_db()
    assert learner.email == "me@example.com"
    response = learner_client.post("/accounts/email/", {"email": "not an address"})
    assert response.status_code == 200 and b"valid email" in response.content
    learner_client.post("/accounts/email/", {"email": ""})
    learner.refresh_from_db()
    assert learner.email == ""


def without_tokens(page: bytes) -> bytes:
    return re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", page)


def test_reset_pages_read_the_same_whether_or_not_the_address_has_an_account(make_user):
    make_user("known", email="known@example.com")
    client = Client()
    known = client.post("/accounts/password/reset/", {"email": "known@example.com"}, follow=True)
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    assert without_tokens(known.content) == without_tokens(unknown.content)
    assert [message.to for message in mail.outbox] == [["known@example.com"]]


def test_the_link_sets_a_new_password_once(make_user):
    user = make_user("forgetful", email="f@example.com")
    client = Client()
    client.post("/accounts/password/reset/", {"email": "f@example.com"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    new = {"new_password1": "brand-new-pass-phrase-7", "new_password2": "brand-new-pass-phrase-7"}
    done = client.post(form.redirect_chain[-1][0], new, follow=True)
    assert b"Your new password is set" in done.content
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-phrase-7")
    again = client.get(link, follow=True)
    assert b"This link no longer works" in again.content
