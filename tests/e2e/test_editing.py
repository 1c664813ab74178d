import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from questions.models import Question
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


def expect():
    return pytest.importorskip("playwright.sync_api").expect


# An element's text colour and the background it is drawn on (the nearest one not transparent).
COLOURS = """e => {
  let node = e, background = "rgba(0, 0, 0, 0)";
  while (node && /, 0\\)$/.test(background)) {
    background = getComputedStyle(node).backgroundColor;
    node = node.parentElement;
  }
  return [getComputedStyle(e).color, /, 0\\)$/.test(background) ? "rgb(255, 255, 255)" : background];
}"""


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two opaque CSS rgb() colours."""

    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_preview_follows_the_editor_as_they_type_with_math_typeset(page):
    editors, _ = Group.objects.get_or_create(name="Editors")
    if not editors.permissions.exists():
        editors.permissions.set(Permission.objects.filter(content_type__app_label="questions"))
    user = get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(editors)
    question = Question.objects.get(number="2.1")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/questions/question/{question.pk}/change/")

    preview = page.locator("#editing-preview")
    expect()(preview).to_contain_text("ready to publish")
    assert contrast(*preview.locator(".editing-ok").evaluate(COLOURS)) >= 4.5  # readable, not pale green
    expect()(preview.locator(".katex").first).to_be_attached()  # KaTeX typeset the swapped-in math
    # The prompt's field, not the follow-ups' ("Follow-up question (English)").
    prompt_en = page.get_by_label(re.compile(r"^Question \(English\)"))
    prompt_en.fill("Explain $e^{i\\pi} + 1 = 0$ to a new colleague.")
    expect()(preview).to_contain_text("to a new colleague")
    page.get_by_label(re.compile(r"^Question \(Korean\)")).fill("")
    expect()(preview).to_contain_text("prompt_ko: is required")
    assert errors == []
