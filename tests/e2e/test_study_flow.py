import re

import pytest

from questions.models import Question
from study.models import ReviewLog

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-study-password-7"


def sign_up(page, username="minji"):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/")


def first_two_published():
    return list(Question.objects.published().order_by("position").values_list("number", flat=True)[:2])


def test_new_learner_studies_with_the_keyboard(page):
    first, second = first_two_published()
    sign_up(page)
    page.get_by_role("link", name="Study", exact=True).first.click()
    page.wait_for_load_state("load")  # the shortcut script is deferred
    expect = pytest.importorskip("playwright.sync_api").expect
    card = page.locator("[data-card]")
    expect(card.locator(".badge").first).to_have_text(f"Q{first}")
    good = page.get_by_role("button", name=re.compile(r"^Good"))
    expect(good).to_be_hidden()

    page.evaluate("window.__sameDocument = true")
    page.keyboard.press("Space")
    expect(good).to_be_visible()
    expect(page.locator(".outline")).to_be_visible()
    if "$" in Question.objects.get(number=first).outline.body_ko:
        expect(page.locator(".outline .katex").first).to_be_visible()

    boxes = page.get_by_role("checkbox")
    total = boxes.count()
    assert total >= 4
    for index in range(total):
        boxes.nth(index).check()
    expect(page.locator("[data-suggestion]")).to_have_text(
        f"{total} of {total} key points recalled — suggested: Easy."
    )
    expect(page.get_by_role("button", name=re.compile(r"^Easy"))).to_have_class(re.compile("suggested"))
    boxes.nth(0).uncheck()

    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("3")
    expect(card.locator(".badge").first).to_have_text(f"Q{second}")
    assert page.evaluate("window.__sameDocument") is True, "grading reloaded the page"
    expect(page.locator("[data-count=reviewed]")).to_have_text("1")
    assert ReviewLog.objects.get().rating == 3

    page.keyboard.press("u")
    expect(page.get_by_text(f"Undid your Good on Q{first}.")).to_be_visible()
    expect(page.locator("[data-card] .badge").first).to_have_text(f"Q{first}")
    assert not ReviewLog.objects.exists()

    page.wait_for_load_state("load")
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    expect(page.get_by_role("dialog").get_by_text("Undo the last review")).to_be_visible()


def test_double_click_on_a_grade_stores_one_review(page):
    sign_up(page, "doubleclick")
    page.goto("/study/")
    page.get_by_text("Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).dblclick()
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("[data-count=reviewed]")).to_have_text("1")
    assert ReviewLog.objects.count() == 1


def test_study_works_without_javascript(page_without_js):
    page = page_without_js
    _, second = first_two_published()
    sign_up(page, "nojs")
    page.goto("/study/")
    page.get_by_text("Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).click()
    page.wait_for_url("**/study/")
    assert page.locator("[data-card] .badge").first.inner_text() == f"Q{second}"
    assert ReviewLog.objects.count() == 1


def test_w_opens_the_answer_editor_for_the_card_shown(page):
    first, _ = first_two_published()
    sign_up(page, "writer2")
    page.goto("/study/")
    page.wait_for_load_state("load")
    page.keyboard.press("w")
    page.wait_for_url(f"**/questions/{first}/answer/")
