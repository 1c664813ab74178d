"""StudyHub on a 360 px phone: nothing wider than the screen, and the study loop one thumb away."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from questions.models import Question
from study.models import Attempt, Bookmark, Note, ReviewLog

pytestmark = pytest.mark.e2e
PASSWORD = "a-long-study-password-7"
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone(browser, live_server, content):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, has_touch=True, is_mobile=True, locale="ko-KR"
    )
    # The learner chose the English interface (the header switch's cookie): the assertions read it.
    context.add_cookies([{"name": "language", "value": "en", "url": live_server.url}])
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def learner_with_history(username="phone"):
    """A learner with a few weeks of reviews and written answers, a note and a bookmark."""
    call_command("seed_history", user=username, reviews=300, days=40, seed=7, stdout=io.StringIO())
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    user.study_settings.interview_date = timezone.localdate() + timedelta(days=30)
    user.study_settings.save()
    question = Question.objects.get(number="2.6")
    Note.objects.create(user=user, question=question, body="## 기억할 것\n\n$$\\frac{a}{b}$$")
    Bookmark.objects.create(user=user, question=question)
    return user


def overflow(page) -> int:
    """How many pixels the page is wider than the screen (0: nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def small_text_fields(page) -> list[str]:
    """The text fields set smaller than 16 px: a phone's browser zooms the page in to type in them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('input[type=search], input[type=text], textarea')]
            .filter(field => parseFloat(getComputedStyle(field).fontSize) < 16).map(field => field.id)"""
    )


def test_no_main_page_is_wider_than_a_360_px_phone_nor_zooms_into_a_text_field(phone):
    user = learner_with_history()
    attempt = Attempt.objects.filter(user=user).select_related("question").latest("pk")
    log_in(phone, user.username)
    pages = [
        "/",
        "/study/",
        "/dashboard/",
        "/questions/",
        f"/questions/{attempt.question.number}/",
        "/questions/2.6/",
        "/chapters/2/",
        "/notes/",
        "/weak-points/",
        "/glossary/",
        "/guide/",
        "/study/settings/",
        "/my-data/",
        f"/questions/{attempt.question.number}/answer/",
        f"/attempts/{attempt.pk}/",
    ]
    wide, small = {}, {}
    for url in pages:
        phone.goto(url)
        phone.wait_for_load_state("load")
        for details in phone.locator("details:not(.site-menu)").all():
            details.evaluate("element => { element.open = true; }")  # opened, as a learner would
        if overflow(phone):
            wide[url] = overflow(phone)
        if small_text_fields(phone):
            small[url] = small_text_fields(phone)
    assert wide == {}
    assert small == {}


def test_the_study_screen_is_one_row_of_header_and_a_bar_to_reveal_then_grade(phone):
    expect = pytest.importorskip("playwright.sync_api").expect
    get_user_model().objects.create_user("thumb", password=PASSWORD)
    log_in(phone, "thumb")
    phone.goto("/study/")
    phone.wait_for_load_state("load")
    header = phone.get_by_role("banner")
    assert header.bounding_box()["height"] < 60
    expect(phone.get_by_role("link", name="Dashboard")).to_be_hidden()
    phone.get_by_text("Menu").tap()
    expect(phone.get_by_role("link", name="Dashboard")).to_be_visible()
    phone.get_by_text("Menu").tap()

    show = phone.get_by_text("Show answer")
    expect(show).to_be_in_viewport()
    good = phone.get_by_role("button", name=re.compile(r"^Good"))
    expect(good).to_be_hidden()
    phone.locator(".prompt").tap()  # a tap on the card shows the answer
    expect(good).to_be_in_viewport()
    box = good.bounding_box()
    assert box["y"] + box["height"] > PHONE["height"] - 100, "the grade bar is at the bottom of the screen"
    assert overflow(phone) == 0
    sections = phone.locator("details.outline-section")
    if sections.count() > 1:
        expect(sections.nth(0)).to_have_attribute("open", "")
        expect(sections.nth(1)).not_to_have_attribute("open", "")
        sections.nth(1).locator("summary").tap()
        expect(sections.nth(1)).to_have_attribute("open", "")
    phone.mouse.wheel(0, 3000)
    expect(good).to_be_in_viewport()  # it stays at hand while the outline scrolls
    before = ReviewLog.objects.count()
    good.tap()
    expect(phone.get_by_text("Show answer")).to_be_in_viewport()
    assert ReviewLog.objects.count() == before + 1


def test_the_bar_at_the_bottom_never_covers_the_footer(phone):
    get_user_model().objects.create_user("footer", password=PASSWORD)
    log_in(phone, "footer")
    phone.goto("/study/")
    phone.wait_for_load_state("load")
    shortcuts = phone.get_by_role("button", name="Keyboard shortcuts (?)")
    covered = {}
    for bar, step in [(phone.get_by_text("Show answer"), "before the reveal"), (None, "after the reveal")]:
        if bar is None:
            phone.locator(".prompt").tap()
            bar = phone.get_by_role("button", name=re.compile(r"^Good"))
        phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        link, top = shortcuts.bounding_box(), bar.bounding_box()["y"]
        if link["y"] + link["height"] > top:
            covered[step] = round(link["y"] + link["height"] - top)
    assert covered == {}
