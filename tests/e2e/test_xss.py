"""XSS gate: 40+ payloads through every text a learner can store or send (answers, drafts, notes, mock
answers, imported text, search and filter queries, the e-mail field), each page viewed in Chromium.
No script runs (no dialog, no flag set), and no event handler or javascript: URL is in the DOM.

The payloads go in batched: each text holds all of them, so a handful of page loads covers them all.
"""

import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from mocks import rounds
from mocks.models import MockAnswer
from progress.export import export_document, import_document
from questions.models import Question
from study.models import Attempt
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "<body onload=window.__xss=1>",
    "<iframe src=javascript:window.top.__xss=1></iframe>",
    "<iframe srcdoc='<script>parent.__xss=1</script>'></iframe>",
    "<object data=javascript:window.__xss=1></object>",
    "<embed src=javascript:window.__xss=1>",
    "<a href=javascript:window.__xss=1>link</a>",
    "<a href='JaVaScRiPt:window.__xss=1'>link</a>",
    "<a href='&#106;avascript:window.__xss=1'>entity</a>",
    "<a href='java\tscript:window.__xss=1'>tab</a>",
    "[md link](javascript:window.__xss=1)",
    "[md data](data:text/html,<script>window.__xss=1</script>)",
    '![img](x" onerror="window.__xss=1)',
    "[ref][r]\n\n[r]: javascript:window.__xss=1",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<select autofocus onfocus=window.__xss=1>",
    "<textarea autofocus onfocus=window.__xss=1></textarea>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=window.__xss=1>",
    "<marquee onstart=window.__xss=1>",
    '<div style="background:url(javascript:window.__xss=1)">',
    "<style>@import 'javascript:window.__xss=1';</style>",
    "<link rel=stylesheet href=javascript:window.__xss=1>",
    "<meta http-equiv=refresh content='0;url=javascript:window.__xss=1'>",
    "<base href=javascript:window.__xss=1//>",
    "<form action=javascript:window.__xss=1><button>go</button></form>",
    "<button formaction=javascript:window.__xss=1>go</button>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<span class=math>$\\href{javascript:window.__xss=1}{x}$</span>",
    "$\\href{javascript:window.__xss=1}{click}$",
    "$$\\htmlData{x=1}{y}\\url{javascript:window.__xss=1}$$",
    "$\\rule{3000em}{3000em}$",
    "`<img src=x onerror=window.__xss=1>`",
    "```html\n<script>window.__xss=1</script>\n```",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "{{ request.user }}{% csrf_token %}",
    "<a href=//evil.example/>protocol-relative</a>",
    '<span class="button primary" hx-get="/my-data/delete-account/" hx-trigger=load>htmx</span>',
    "<div data-answer-editor hx-post=/study/undo/ hx-trigger=load>htmx attrs</div>",
]
ALL = "\n\n".join(PAYLOADS)

# Collected in the page after load: anything that would run script if the policy allowed it.
DOM_CHECK = """() => {
  const found = [];
  const userContent = '.prose, .note-body, .answer, .diff, .markdown, [data-user-content]';
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + ' ' + name);
      if (/^(javascript|vbscript|data:text\\/html)/.test(value) && name !== 'value') {
        found.push(el.tagName + ' ' + name + '=' + value);
      }
      if (name.startsWith('hx-') && el.closest(userContent)) found.push('htmx ' + name);
    }
    const ours = el.src && el.src.startsWith(location.origin + '/static/');
    // A JSON data block (json_script: the interface's words) is never run; every other script is ours.
    const data = el.type === 'application/json' && !el.closest(userContent);
    if (el.tagName === 'SCRIPT' && !ours && !data) found.push('script ' + (el.src || 'inline'));
    if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'FRAME'].includes(el.tagName)) found.push(el.tagName);
  }
  for (const box of document.querySelectorAll('.katex *')) {
    const width = box.getBoundingClientRect().width;
    if (width > 4000) found.push('katex box ' + width);
  }
  return {found, xss: window.__xss || null};
}"""


def open_as(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    context.set_default_timeout(10_000)
    return context


def check(page, path, dialogs):
    page.goto(path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(50)  # deferred scripts (KaTeX) have run
    result = page.evaluate(DOM_CHECK)
    assert result == {"found": [], "xss": None}, path
    assert dialogs == [], path


def test_stored_and_reflected_payloads_run_nowhere(browser, live_server, content, django_user_model):
    learner = django_user_model.objects.create_user("xss-learner", password=PASSWORD)
    question = Question.objects.published().order_by("position").first()
    client = Client()
    client.force_login(learner)
    # Through the forms: a note, a draft, an e-mail address.
    assert client.post(f"/questions/{question.number}/note/", {"body": ALL}).status_code < 400
    client.post(f"/questions/{question.number}/answer/autosave/", {"answer": ALL})
    client.post("/accounts/email/", {"email": PAYLOADS[0]})
    # Through the models' one write path: answers and a mock interview's answers.
    now = timezone.now()
    attempts = [
        Attempt.objects.create(
            user=learner,
            question=question,
            answer=ALL + suffix,
            suggested_rating=3,
            rating=3,
            submission=uuid.uuid4(),
            created_at=now,
        )
        for suffix in ("", "\n\nsecond")
    ]
    mock = rounds.start_mock(
        learner, interview_type="fundamentals", count=3, minutes=None, now=now, seed=2
    ).mock
    MockAnswer.objects.filter(mock_question__mock=mock).update(text=ALL, ended_at=now, outcome="answered")
    mock.finished_at = now
    mock.save()
    # Through the import: another learner's export of the same texts.
    importer = django_user_model.objects.create_user("xss-importer", password=PASSWORD)
    import_document(importer, json.dumps(export_document(learner)).encode())

    pages = [
        f"/questions/{question.number}/",
        f"/questions/{question.number}/answer/",
        f"/attempts/{attempts[0].pk}/",
        f"/questions/{question.number}/attempts/diff/?a={attempts[0].pk}&b={attempts[1].pk}",
        "/notes/",
        f"/mock/{mock.key}/report/",
        "/accounts/email/",
        "/search/?q=" + "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
        "/search/?q=" + "%22%3E%3Cimg+src%3Dx+onerror%3Dwindow.__xss%3D1%3E",
        "/questions/?tag=%22%3E%3Csvg+onload%3Dwindow.__xss%3D1%3E&kind=%3Cscript%3E",
        "/accounts/login/?next=javascript:window.__xss=1",
    ]
    for user, paths in ((learner, pages), (importer, [*pages[:2], "/notes/"])):
        context = open_as(browser, live_server, user)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss()))
        for path in paths:
            check(page, path, dialogs)
        context.close()
