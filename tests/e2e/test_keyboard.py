"""The shortcuts of static/js/shortcuts.js, as an Anki user presses them."""

import re

import pytest

from questions.models import Question
from study.models import Attempt, ReviewLog
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


@pytest.fixture
def expect():
    return pytest.importorskip("playwright.sync_api").expect


def study(page, username):
    sign_up(page, username)
    page.goto("/study/")
    page.wait_for_load_state("load")  # the scripts are deferred


def shown(page) -> str:
    return page.locator("[data-card] .badge").first.inner_text()


@pytest.mark.parametrize("key", ["Space", "Enter"])
def test_the_key_that_shows_the_answer_then_grades_good(page, expect, key):
    study(page, f"anki-{key.lower()}")
    first = shown(page)
    page.keyboard.press(key)
    expect(page.get_by_role("button", name=re.compile(r"^Good"))).to_be_visible()
    expect(page.get_by_role("checkbox").first).not_to_be_focused()
    page.keyboard.press(key)
    expect(page.locator("[data-card] .badge").first).not_to_have_text(first)
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [3]


def test_a_ticked_key_point_keeps_space_as_good_and_shift_digits_tick_points(page, expect):
    study(page, "ticker")
    page.keyboard.press("Space")
    boxes = page.get_by_role("checkbox")
    boxes.nth(1).click()  # ticked with the pointer: focus is on it
    expect(boxes.nth(1)).to_be_checked()
    page.keyboard.press("Shift+Digit1")
    expect(boxes.nth(0)).to_be_checked()
    page.keyboard.press("Shift+Digit1")
    expect(boxes.nth(0)).not_to_be_checked()
    expect(page.locator("[data-suggestion]")).to_contain_text("1 of")
    page.keyboard.press("Space")
    expect(page.locator("[data-count=reviewed]")).to_have_text("1")
    assert ReviewLog.objects.get().rating == 3


def test_a_focused_link_or_a_key_point_reached_with_tab_keeps_its_own_keys(page, expect):
    study(page, "tabber")
    page.get_by_role("link", name="Skip to content").focus()
    page.keyboard.press("Enter")  # the link is followed; the answer stays hidden
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.get_by_role("button", name=re.compile(r"^Good"))).to_be_hidden()
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name=re.compile(r"^Good"))).to_be_visible()
    page.get_by_role("checkbox").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("checkbox").first).to_be_focused()
    page.keyboard.press("Space")
    expect(page.get_by_role("checkbox").first).to_be_checked()
    assert not ReviewLog.objects.exists()


def test_shortcuts_follow_the_physical_key_with_a_korean_input_method(page, expect):
    study(page, "hangul")
    first = shown(page)
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(page.locator("[data-count=reviewed]")).to_have_text("1")
    # With the Korean IME on, the "u" key types "ㅕ": the shortcut still undoes.
    page.evaluate(
        """() => document.body.dispatchEvent(new KeyboardEvent("keydown",
             {key: "ㅕ", code: "KeyU", bubbles: true, cancelable: true}))"""
    )
    expect(page.get_by_text(f"Undid your Good on Q{first.removeprefix('Q')}.")).to_be_visible()
    assert not ReviewLog.objects.exists()
    # The notice belongs to that card: grading it takes the notice away.
    page.keyboard.press("Space")
    page.keyboard.press("3")
    expect(page.get_by_text("Undid your")).to_be_hidden()


def test_shortcuts_never_fire_while_typing(page, expect):
    question = Question.objects.published().order_by("position").first()
    sign_up(page, "typist")
    page.goto(f"/questions/{question.number}/answer/")
    page.wait_for_load_state("load")
    editor = page.get_by_label("Your answer")
    editor.click()
    page.keyboard.type("1234 u w ? ")
    page.keyboard.press("Space")
    expect(editor).to_have_value("1234 u w ?  ")
    expect(page.get_by_role("dialog")).to_be_hidden()


def test_the_compare_screen_grades_with_1_to_4_and_shows_intervals(page, expect):
    question = Question.objects.published().order_by("position").first()
    sign_up(page, "comparer")
    page.goto(f"/questions/{question.number}/answer/")
    page.get_by_label("Your answer").fill("Define the label first, then collect.")
    page.get_by_role("button", name=re.compile("Compare with the outline")).click()
    page.wait_for_load_state("load")
    hard = page.get_by_role("button", name=re.compile(r"^Hard"))
    expect(hard.locator(".grade-interval")).to_have_text(re.compile(r"^\d+(\.\d)?(s|m|h|d|mo|y)$"))
    page.keyboard.press("2")
    expect(page.get_by_role("link", name="Back to study")).to_be_visible()
    assert Attempt.objects.get().rating == 2
    page.get_by_role("link", name="Back to study").click()
    expect(page.locator("[data-card]")).to_be_visible()
