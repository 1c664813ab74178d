import pytest

pytestmark = pytest.mark.django_db


def test_the_switch_remembers_the_theme_and_goes_back(client):
    response = client.post("/theme/", {"theme": "dark", "next": "/glossary/"})
    assert response.status_code == 302 and response["Location"] == "/glossary/"
    assert response.cookies["theme"].value == "dark"
    html = client.get("/glossary/").content.decode()
    assert 'data-theme="dark"' in html and 'value="light"' in html


def test_system_theme_renders_no_attribute(client):
    html = client.get("/glossary/").content.decode()
    assert "data-theme=" not in html.split("<head>")[0]


def test_an_unknown_theme_or_foreign_next_is_ignored(client):
    response = client.post("/theme/", {"theme": "purple", "next": "https://evil.example/"})
    assert response["Location"] == "/" and "theme" not in response.cookies


def test_it_only_accepts_post(client):
    assert client.get("/theme/").status_code == 405
