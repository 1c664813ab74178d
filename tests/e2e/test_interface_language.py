"""The interface language as a learner switches it in the browser: the page, the menu and the scripts."""

import pytest

from study.models import StudySettings
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


@pytest.fixture
def expect():
    return pytest.importorskip("playwright.sync_api").expect


def test_switching_to_korean_changes_the_page_the_shortcuts_and_the_grade_buttons(page, expect):
    sign_up(page, "jiwoo")
    page.goto("/study/")
    page.get_by_role("button", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_text("답 보기")).to_be_visible()
    assert StudySettings.objects.get(user__username="jiwoo").interface_language == "ko"
    page.wait_for_load_state("load")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="키보드 단축키")).to_be_visible()
    expect(dialog).to_contain_text("마지막 복습 되돌리기")
    page.keyboard.press("Escape")
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="알맞음")).to_contain_text("분")
    page.get_by_role("checkbox").first.check()
    expect(page.locator("[data-suggestion]")).to_contain_text("핵심 포인트")
