import re

import pytest

from questions.models import Question
from study.models import Attempt
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


def test_write_autosave_restore_compare_and_grade(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    question = Question.objects.published().order_by("position").first()
    first_point = question.outline.key_points.order_by("position").first()
    sign_up(page, "writer")
    page.goto(f"/questions/{question.number}/")
    page.get_by_role("link", name="Write an answer").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"Time: 0:0\d"))

    editor = page.get_by_label("Your answer")
    editor.fill(f"First, {first_point.text_en}")
    expect(page.locator("#save-status")).to_contain_text("Draft saved", timeout=8000)
    page.reload()
    expect(page.get_by_label("Your answer")).to_have_value(f"First, {first_point.text_en}")

    page.get_by_role("button", name=re.compile("Compare with the outline")).click()
    expect(page.get_by_role("heading", name="Answer outline")).to_be_visible()
    expect(page.get_by_role("checkbox").first).to_be_checked()
    page.get_by_role("button", name="Good").click()
    expect(page.get_by_text(re.compile(r"Recorded: Good, 1 of \d+ key points"))).to_be_visible()
    assert Attempt.objects.get().covered_count == 1


def test_a_typed_answer_stays_with_its_learner_on_a_shared_browser(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    question = Question.objects.published().order_by("position").first()
    sign_up(page, "first-at-this-desk")
    page.goto("/search/")  # htmx keeps a copy of each page it replaces for the Back button
    page.get_by_label("Search questions, answers and your notes").fill("dropout")
    page.get_by_label("Search questions, answers and your notes").press("Enter")
    expect(page).to_have_url(re.compile(r"q=dropout"))
    expect(page).to_have_title("Search: dropout · StudyHub")  # swapped by htmx, the tab follows
    assert page.locator("main title").count() == 0
    page.goto(f"/questions/{question.number}/answer/")
    page.get_by_label("Your answer").fill("The first learner's private answer")
    keys = page.evaluate("Object.keys(localStorage)")
    assert [key for key in keys if key.startswith("studyhub:") and key.endswith(f":answer:{question.number}")]
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    assert not [key for key in page.evaluate("Object.keys(localStorage)") if key.startswith("studyhub:")]
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None
    sign_up(page, "second-at-this-desk")
    page.goto(f"/questions/{question.number}/answer/")
    expect(page.get_by_label("Your answer")).to_have_value("")


def test_ctrl_s_saves_the_draft_at_once_without_a_policy_error(page):
    # htmx evaluates a trigger filter such as keyup[ctrlKey&&key=='s'] as a string of JavaScript, which
    # the Content-Security-Policy (script-src 'self') refuses: Ctrl+S must be wired without eval.
    expect = pytest.importorskip("playwright.sync_api").expect
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    question = Question.objects.published().order_by("position").first()
    sign_up(page, "saver")
    page.goto(f"/questions/{question.number}/answer/")
    editor = page.get_by_label("Your answer")
    editor.press_sequentially("Bias")
    editor.press("Control+s")
    # Sooner than the two seconds autosave waits after typing stops: the shortcut saved it.
    expect(page.locator("#save-status")).to_contain_text("Draft saved", timeout=1500)
    # The "?" list names the editor's keys on this page.
    editor.evaluate("textarea => textarea.blur()")
    page.keyboard.press("?")
    shortcuts = page.locator("#shortcuts")
    expect(shortcuts).to_be_visible()
    expect(shortcuts).to_contain_text("Ctrl + SWhile writing: save the draft now")
    expect(shortcuts).to_contain_text("Ctrl + EnterWhile writing: hand the answer in")
    assert errors == []
