import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_it_sends_the_browser_to_the_icon(client):
    # The admin's pages link no icon, so the browser asks for /favicon.ico: no 404 in its console.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")


def test_it_only_answers_get(client):
    assert client.post("/favicon.ico").status_code == 405
