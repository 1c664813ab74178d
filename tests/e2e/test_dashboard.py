import re

import pytest

from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


def test_dashboard_after_a_first_review(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    sign_up(page, "dash")
    page.goto("/study/")
    page.get_by_text("Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).click()
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Reviews per day by rating"))).to_be_visible()
    page.get_by_text("Show the numbers").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    page.get_by_role("link", name="Set its date").click()
    expect(page.get_by_label("Interview date")).to_be_visible()
