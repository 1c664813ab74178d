import re
from datetime import date, timedelta

import pytest

from study.models import StudySettings
from tests.e2e.test_study_flow import sign_up

pytestmark = pytest.mark.e2e


def test_dashboard_after_a_first_review(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    sign_up(page, "dash")
    page.goto("/study/")
    page.get_by_text("Show answer").click()
    page.get_by_role("button", name=re.compile(r"^Good")).click()
    # The grade is recorded once the next card offers to undo it; only then leave the page.
    expect(page.get_by_role("button", name=re.compile("Undo last review"))).to_be_visible()
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Reviews per day by rating"))).to_be_visible()
    page.get_by_text("Show the numbers").first.click()
    expect(page.get_by_role("table").first).to_be_visible()
    page.get_by_role("link", name="Set its date").click()
    expect(page.get_by_label("Interview date")).to_be_visible()


def simulate_a_plan(page, day):
    simulator = page.locator("#simulator")
    simulator.get_by_label("Interview date").fill(day.isoformat())
    simulator.get_by_label("Recall on the interview day").fill("0.95")
    simulator.get_by_label("New cards per day").fill("20")
    simulator.get_by_role("button", name="Simulate").click()


def test_the_plan_simulator_updates_its_section_in_place_then_saves(page):
    expect = pytest.importorskip("playwright.sync_api").expect
    sign_up(page, "planner")
    page.goto("/dashboard/")
    page.evaluate("window.notReloaded = true")
    simulate_a_plan(page, date.today() + timedelta(days=20))
    expect(page.get_by_role("heading", name="Simulated plan (not saved)")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Reviews planned per day until"))).to_be_visible()
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the section, no page load
    expect(page).to_have_url(re.compile(r"interview_target=0\.95"))
    page.get_by_role("button", name="Save these as my settings").click()
    expect(page.get_by_text("Saved: your study page and dashboard now follow this plan.")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Ready for"))).to_be_visible()
    settings = StudySettings.objects.get(user__username="planner")
    assert (settings.interview_target, settings.new_cards_per_day) == (0.95, 20)


def test_the_plan_simulator_works_without_javascript(page_without_js):
    expect = pytest.importorskip("playwright.sync_api").expect
    page = page_without_js
    sign_up(page, "planner-nojs")
    page.goto("/dashboard/")
    simulate_a_plan(page, date.today() + timedelta(days=20))
    expect(page.get_by_role("heading", name="Simulated plan (not saved)")).to_be_visible()
    expect(page.get_by_text("the target is 95% for every card").last).to_be_visible()


def test_the_dashboard_counts_each_session_of_the_day(page):
    """Seen between two study sessions, the dashboard keeps the days before today and counts today again."""
    expect = pytest.importorskip("playwright.sync_api").expect

    def study_one_card():
        page.goto("/study/")
        page.get_by_text("Show answer").click()
        page.get_by_role("button", name=re.compile(r"^Good")).click()
        # The grade is recorded once the next card offers to undo it.
        expect(page.get_by_role("button", name=re.compile("Undo last review"))).to_be_visible()

    sign_up(page, "daily")
    for reviewed, reviews in ((1, "1 review"), (2, "2 reviews")):
        study_one_card()
        page.get_by_role("link", name="Dashboard").click()
        tile = page.locator(".stat-tiles div").filter(has_text="Reviewed today")
        expect(tile.locator("dd")).to_have_text(str(reviewed))
        # The heatmap is named by its title and its summary.
        summary = f"{reviews} on 1 of the last 365 days"
        expect(
            page.get_by_role("img", name=re.compile(f"Reviews per day, last 12 months {summary}"))
        ).to_be_visible()
        expect(page.locator(".stat-tiles div").filter(has_text="Current streak").locator("dd")).to_have_text(
            "1 day"
        )
