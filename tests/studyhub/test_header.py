"""The site header's links: the same markup as when each link was reversed and included per request."""

import json
import re

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from studyhub import header

pytestmark = pytest.mark.django_db

KOREAN = {"HTTP_ACCEPT_LANGUAGE": "ko-KR,ko;q=0.9"}
LEARNER = [
    ("study:session", "Study", "학습"),
    ("mocks:start", "Mock interview", "모의 면접"),
    ("progress:dashboard", "Dashboard", "대시보드"),
    ("questions:list", "Questions", "질문"),
    ("questions:guide", "Guide", "가이드"),
    ("questions:glossary", "Glossary", "용어집"),
    ("study:library", "Notes", "노트"),
    ("study:weak_points", "Weak points", "약점"),
    ("study:settings", "Settings", "설정"),
]
VISITOR = [link for link in LEARNER if link[0] in {"questions:guide", "questions:glossary"}]


def menu(response) -> str:
    return response.content.decode().split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]


def expected_menu(links, current: str, language: str, prefix: str = "") -> str:
    """The list exactly as base.html rendered it with one `{% include %}` per link."""
    marked = ' aria-current="page"'
    items = [
        f'<li><a href="{prefix}{reverse(name)}"{marked if name == current else ""}>'
        f"{korean if language == 'ko' else english}</a></li>\n"
        for name, english, korean in links
    ]
    indent = "\n          "
    return f"<ul>{indent}{indent}{indent.join(items)}{indent}\n        </ul>"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_learner_sees_every_link_in_their_language_the_current_page_marked(learner_client, language):
    headers = KOREAN if language == "ko" else {}
    for name in ("study:session", "progress:dashboard", "questions:glossary"):
        assert expected_menu(LEARNER, name, language) in menu(learner_client.get(reverse(name), **headers))
    # A page that is not in the menu marks none.
    assert expected_menu(LEARNER, "", language) in menu(learner_client.get("/search/?q=bias", **headers))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_visitor_sees_the_guide_and_glossary_only(client, language):
    headers = KOREAN if language == "ko" else {}
    assert expected_menu(VISITOR, "questions:guide", language) in menu(client.get("/guide/", **headers))
    login = client.get("/accounts/login/", **headers)
    assert expected_menu(VISITOR, "", language) in menu(login)
    assert 'href="/accounts/signup/"' in login.content.decode()


def test_links_follow_the_script_prefix_the_site_is_served_under():
    try:
        set_script_prefix("/hub/")
        assert header.site_url("home") == "/hub/" and header.site_url("theme") == "/hub/theme/"
        assert 'href="/hub/guide/" aria-current="page"' in header.nav_links(False, "questions:guide")
    finally:
        set_script_prefix("/")
    assert header.site_url("home") == "/" and 'href="/guide/"' in header.nav_links(False, None)


def test_the_scripts_words_come_in_the_pages_language(client):
    def words(response):
        found = re.search(r'id="interface-strings" type="application/json">(.*?)</script>', response.text)
        return json.loads(found.group(1))

    korean, english = words(client.get("/guide/", **KOREAN)), words(client.get("/guide/"))
    with translation.override("ko"):
        assert korean["continue"] == translation.gettext("Continue") != english["continue"] == "Continue"


ASSETS = [
    '<link rel="stylesheet" href="{static}vendor/katex/katex.min.css">',
    '<link rel="stylesheet" href="{static}css/studyhub.css">',
    '<link rel="icon" href="{static}favicon.svg" type="image/svg+xml">',
    '<script src="{static}django_htmx/htmx-2.min.js"',
    '<script src="{static}js/session.js" defer></script>',
]


def test_every_page_links_the_stylesheets_and_scripts_at_the_static_url(learner_client, client, settings):
    for response in (learner_client.get("/study/"), client.get("/accounts/login/")):
        head = response.content.decode().split("</head>", 1)[0]
        assert all(asset.format(static="/static/") in head for asset in ASSETS)
    # Rendered once per process, but not once for all settings: a new static URL is followed.
    settings.STATIC_URL = "/assets/"
    head = learner_client.get("/study/").content.decode().split("</head>", 1)[0]
    assert all(asset.format(static="/assets/") in head for asset in ASSETS)
    assert "/static/" not in head


FRAGMENT = (
    "{% load i18n studyhub %}"
    '{% fixed theme=theme %}{{ theme }} {{ secret }} {% translate "Menu" %}{% endfixed %}'
)


def test_a_fixed_fragment_sees_only_the_values_it_names():
    from django.template import engines

    page = engines["django"].from_string(FRAGMENT)
    with translation.override("en"):
        assert page.render({"theme": "dark", "secret": "learner data"}) == "dark  Menu"
        assert page.render({"theme": "light", "secret": "other data"}) == "light  Menu"


def test_a_fixed_fragment_is_rendered_per_interface_language():
    from django.template import engines

    page = engines["django"].from_string(FRAGMENT)
    with translation.override("en"):
        assert page.render({"theme": "dark"}) == "dark  Menu"
    with translation.override("ko"):
        assert page.render({"theme": "dark"}) == "dark  메뉴"
    with translation.override("en"):
        assert page.render({"theme": "dark"}) == "dark  Menu"


def test_the_pages_chrome_follows_the_theme_and_language(client):
    client.cookies["theme"] = "dark"
    dark = client.get("/guide/", **KOREAN).content.decode()
    client.cookies["theme"] = "light"
    light = client.get("/guide/").content.decode()
    assert 'data-theme-current="dark"' in dark and 'value="light"' in dark and "건너뛰기" in dark
    assert 'data-theme-current="light"' in light and 'value="system"' in light and "Skip to content" in light
