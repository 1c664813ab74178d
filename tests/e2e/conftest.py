"""Browser tests: Playwright driving the system's Chromium against the live test server."""

import os

import pytest
from django.db import connections

from questions.models import Question
from tests.conftest import CONTENT_SNAPSHOTS, ensure_content
from tests.local_server import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("STUDYHUB_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required for the browser tests but {CHROMIUM} is missing.")
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests skipped.")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop on the test thread; the ORM calls the tests make are
    # still synchronous, so Django's async-safety guard is lifted while the browser runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def content(transactional_db, django_db_serialized_rollback):
    """The flush after each browser test empties the database; the serialized content comes back first.

    Django keeps that snapshot on the connection object, but once Playwright runs, the test runs in
    another context, where Django opens new connection objects without it: it is put back on them
    here (and restored at once the first time), or every browser test would load the content files."""
    for connection in connections.all():
        snapshot = CONTENT_SNAPSHOTS.get(connection.alias)
        if snapshot and getattr(connection, "_test_serialized_contents", None) is None:
            connection._test_serialized_contents = snapshot
            if not Question.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(snapshot)
    ensure_content()


@pytest.fixture
def page(browser, live_server, content):
    # A Korean browser whose learner chose the English interface (the language cookie of the header
    # switch): the assertions read English labels; tests/e2e/test_interface_language.py switches to Korean.
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
    context.add_cookies([{"name": "language", "value": "en", "url": live_server.url}])
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
