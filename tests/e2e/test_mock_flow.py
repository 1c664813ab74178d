import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mocks.models import MockAnswer
from questions.models import Question
from study.models import Attempt, ReviewLog
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


def test_a_two_question_mock_from_start_to_report_and_dashboard(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    fundamentals = Question.objects.published().filter(chapter__number="2").order_by("position")
    kept = list(fundamentals.values_list("pk", flat=True)[:2])
    fundamentals.exclude(pk__in=kept).update(status="draft")
    sign_up(page, "mocker")

    page.get_by_role("link", name="Mock interview", exact=True).click()
    expect(page.get_by_role("link", name=re.compile("^Guide: ")).first).to_be_visible()
    page.get_by_role("radio", name=re.compile("ML fundamentals")).check()
    page.get_by_label("Questions", exact=True).fill("3")
    page.get_by_role("button", name="Start the mock").click()
    expect(
        page.get_by_text("Only 2 questions of this type can be asked yet, so this mock has 2.")
    ).to_be_visible()
    expect(page.get_by_text("Question 1 of 2")).to_be_visible()
    page.wait_for_load_state("load")
    timer = page.get_by_role("timer")
    expect(timer).to_contain_text(re.compile(r"Time left: [45]:\d\d"))

    # The first answer: autosaved, kept across a reload, handed in with Ctrl+Enter.
    first = MockAnswer.objects.get(mock_question__position=1, position=0)
    point = first.mock_question.question.outline.key_points.order_by("position").first()
    editor = page.get_by_label("Your answer")
    editor.fill(f"Let me start with this: {point.text_en}")
    expect(page.locator("#save-status")).to_contain_text("Saved", timeout=8000)
    page.reload()
    expect(page.get_by_label("Your answer")).to_have_value(f"Let me start with this: {point.text_en}")
    page.get_by_label("Your answer").press("Control+Enter")

    # The interviewer's follow-ups, one at a time.
    follow_ups = first.mock_question.question.follow_ups.count()
    for number in range(1, follow_ups + 1):
        expect(page.get_by_role("heading", name="The interviewer follows up")).to_be_visible()
        expect(page.get_by_text(f"Follow-up {number} of {follow_ups}")).to_be_visible()
        page.get_by_label("Your answer").fill(f"Follow-up answer {number}")
        page.get_by_role("button", name=re.compile("Submit answer")).click()

    # The second question: its clock runs out on screen, and a late submit is refused.
    expect(page.get_by_text("Question 2 of 2")).to_be_visible()
    second = MockAnswer.objects.get(mock_question__position=2, position=0)
    MockAnswer.objects.filter(pk=second.pk).update(deadline=timezone.now() + timedelta(seconds=3))
    page.reload()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Time is up: your answer is locked as it was saved.")).to_be_visible(timeout=8000)
    expect(page.get_by_label("Your answer")).to_have_attribute("readonly", "")
    page.wait_for_timeout(2500)  # past the server's grace too
    page.get_by_role("button", name="Continue").click()

    # The report: outline beside each answer, hints, a suggested rating; grading swaps in place.
    expect(page.get_by_text(re.compile(r"Time was up at \d\d:\d\d:\d\d"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Mock report"))).to_be_visible()
    first_card = page.locator("#q1")
    expect(first_card.get_by_role("checkbox").first).to_be_checked()
    page.evaluate("window.__sameDocument = true")
    first_card.get_by_role("button", name="Good").click()
    expect(page.locator("#q1").get_by_role("heading", name=re.compile("^Graded Good: 1 of"))).to_be_visible()
    page.locator("#q2").get_by_role("button", name="Again").click()
    expect(page.locator("#q2").get_by_role("heading", name=re.compile("^Graded Again: 0 of"))).to_be_visible()
    expect(page.locator("#report-summary")).to_contain_text("2 of 2")
    assert page.evaluate("window.__sameDocument") is True, "grading reloaded the page"
    assert Attempt.objects.count() == 2 and ReviewLog.objects.count() == 2

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Mock interviews")).to_be_visible()
    expect(page.get_by_text("1 graded mock: the latest covered").first).to_be_visible()
