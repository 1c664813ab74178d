"""Browser tests: Playwright driving the system's Chromium against the live test server."""

import os

import pytest

from tests.conftest import ensure_content
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
    # The flush after each browser test empties the database; the serialized content comes back first.
    ensure_content()


@pytest.fixture
def page(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
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
