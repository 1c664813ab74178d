import re

import pytest

from questions.models import Question
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


def expect():
    return pytest.importorskip("playwright.sync_api").expect


def test_glossary_filters_as_you_type_and_without_javascript(page, page_without_js):
    page.goto("/glossary/")
    rows = page.locator("#glossary-results tbody tr")
    total = rows.count()
    page.get_by_label("Filter terms").press_sequentially("기울기", delay=30)
    expect()(page.locator("#gradient")).to_be_visible()
    expect()(rows).not_to_have_count(total)
    assert "q=%EA%B8%B0%EC%9A%B8%EA%B8%B0" in page.url  # kept in the URL
    page.get_by_label("Filter terms").fill("dropout")
    expect()(page.locator("#dropout")).to_be_visible()
    page.go_back()  # the results and the box come back together
    expect()(page.locator("#gradient")).to_be_visible()
    expect()(page.get_by_label("Filter terms")).to_have_value("기울기")

    page_without_js.goto("/glossary/")
    page_without_js.get_by_label("Filter terms").fill("gradient descent")
    page_without_js.get_by_role("button", name="Filter").click()
    expect()(page_without_js.locator("#gradient-descent")).to_be_visible()


def test_a_follow_up_answer_is_revealed_on_demand(page):
    question = Question.objects.get(number="2.13")
    follow_up = question.follow_ups.order_by("position").first()
    sign_up(page, "reader")
    page.goto("/questions/2.13/?lang=en")
    answer = page.locator(".follow-up-answer").first
    expect()(answer.locator(".prose")).to_be_hidden()
    answer.get_by_text("Show a model answer").click()
    opening = re.sub(r"[*`]", "", follow_up.answer_en.split("$")[0])[:25]
    expect()(answer.locator(".prose")).to_be_visible()
    expect()(answer.locator(".prose")).to_contain_text(opening)


def test_a_coding_question_shows_its_highlighted_solution_after_the_reveal(page):
    sign_up(page, "coder")
    page.goto("/questions/3.1/?lang=en")
    solution = page.get_by_role("heading", name=re.compile("Reference solution"))
    expect()(solution).to_be_hidden()
    page.get_by_text("Show answer outline and key points").click()
    expect()(solution).to_be_visible()
    keyword = page.locator(".solution .highlight .k").first
    assert keyword.evaluate("el => getComputedStyle(el).color") != "rgb(0, 0, 0)"
