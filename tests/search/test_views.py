import re

import pytest

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    assert client.get("/search/?q=x")["Location"].startswith("/accounts/login/")


def test_the_header_has_a_search_box(learner_client):
    html = learner_client.get("/").content.decode()
    assert 'role="search"' in html and 'action="/search/"' in html and 'name="q"' in html


def test_results_page_lists_ranked_results_with_marked_snippets(learner_client):
    html = learner_client.get("/search/", {"q": "경사하강법을"}).content.decode()
    assert "<mark>" in html
    assert html.index('href="/questions/2.13/"') < html.index("</ol>")


def test_empty_query_asks_for_a_word(learner_client):
    response = learner_client.get("/search/")
    assert response.status_code == 200 and "Type a word or a phrase" in response.content.decode()


@pytest.mark.parametrize("query", ["!!!", "***", '"(', "%%%"])
def test_a_query_of_symbols_is_a_friendly_page(learner_client, query):
    response = learner_client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "has no word to look for" in response.content.decode()


def test_no_results_says_so(learner_client):
    response = learner_client.get("/search/", {"q": "zzqqxx"})
    assert response.status_code == 200 and "No results" in response.content.decode()


def test_htmx_gets_only_the_results_and_the_tabs_title(htmx_client):
    html = htmx_client.get("/search/", {"q": "dropout"}).content.decode()
    title, results = html.split("\n", 1)
    # htmx takes a <title> at the top of a partial response for the tab (and its history entry).
    assert title == "<title>Search: dropout · StudyHub</title>"
    assert results.lstrip().startswith('<section id="results"') and "<html" not in html
    korean = htmx_client.get("/search/", {"q": "<b>"}, headers={"Accept-Language": "ko"}).content.decode()
    assert korean.startswith("<title>검색: &lt;b&gt; · StudyHub</title>")


def test_a_very_long_query_is_cut_not_refused(learner_client):
    assert learner_client.get("/search/", {"q": "경사하강법 " * 200}).status_code == 200


def test_a_very_long_query_is_shown_as_searched(learner_client):
    html = learner_client.get("/search/", {"q": "zzqqxx   " + "a" * 3000}).content.decode()
    searched = "zzqqxx " + "a" * 193
    assert f'id="search-q" name="q" value="{searched}"' in html
    assert f"<title>Search: {searched} ·" in html and f"“{searched}”" in html
    # The header's search box too: at most the 200 characters it accepts, on any page.
    header = re.search(r'id="header-q" name="q"[^>]*value="([^"]*)"', html).group(1)
    assert len(header) <= 200
