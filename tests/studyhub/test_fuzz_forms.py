"""Hypothesis over every form StudyHub has, the mock interview's included: whatever is sent, the answer
is a page or a redirect (never a 500), and the learner's pages still open afterwards."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.forms import EmailForm, SignupForm
from editing.forms import OutlineForm, QuestionForm
from mocks import rounds
from mocks.forms import AnswerStepForm, AutosaveForm, StartForm
from progress.forms import DeleteAccountForm
from questions.models import Question
from study.forms import (
    AnswerForm,
    DeckForm,
    DraftForm,
    GradeAnswerForm,
    GradeForm,
    KeyPointGradeForm,
    NoteForm,
    PlanForm,
    StudySettingsForm,
)

# Values that have broken forms elsewhere: numbers out of range or not numbers, impossible dates,
# the form's length limit and beyond, markup, NUL.
EDGE_VALUES = [
    "",
    "0",
    "-1",
    "nan",
    "inf",
    "1e309",
    "9" * 30,
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "Asia/Seoul",
    "Mars/Olympus",
    "fundamentals",
    "2",
    "2.1",
    "on",
    str(uuid.uuid4()),
    "x" * 20_001,
    "[" * 5_000,
    "<img src=x onerror=alert(1)>",
    "a\x00b",
]
VALUE = st.one_of(
    st.sampled_from(EDGE_VALUES),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(-(2**64), 2**64).map(str),
)
FORMS = [
    # (URL, with {n} the question's number and {k} the mock's key, the fields posted)
    ("/study/grade/", GradeForm),
    ("/study/deck/", DeckForm),
    ("/study/settings/", StudySettingsForm),
    ("/dashboard/plan/", PlanForm),
    ("/questions/{n}/answer/", AnswerForm),
    ("/questions/{n}/answer/autosave/", DraftForm),
    ("/questions/{n}/answer/compare/", GradeAnswerForm),
    ("/questions/{n}/note/", NoteForm),
    ("/mock/", StartForm),
    ("/mock/{k}/answer/", AnswerStepForm),
    ("/mock/{k}/autosave/", AutosaveForm),
    ("/mock/{k}/questions/1/grade/", KeyPointGradeForm),
    ("/my-data/delete-account/", DeleteAccountForm),
    ("/accounts/email/", EmailForm),
    ("/accounts/password/", ("old_password", "new_password1", "new_password2")),
    ("/accounts/signup/", SignupForm),
    ("/accounts/login/", ("username", "password", "next")),
    ("/accounts/password/reset/", ("email",)),
    ("/search/?", ("q", "lang")),
    ("/questions/?", ("chapter", "kind", "difficulty", "tag", "state", "lang")),
    ("/dashboard/?", PlanForm),
]
# An editor's forms (the content admin): the live preview and the question's change form.
EDITOR_FORMS = [
    ("/admin/questions/question/preview/", QuestionForm),
    ("/admin/questions/question/preview/", OutlineForm),
    ("/admin/questions/question/{pk}/change/", QuestionForm),
]
PAGES = ("/", "/study/", "/dashboard/", "/questions/", "/notes/", "/mock/", "/my-data/", "/weak-points/")


def field_names(form) -> list[str]:
    if isinstance(form, tuple):
        return list(form)
    names = list(form.base_fields)
    if form is PlanForm:
        names += list(PlanForm.FIELDS)
    return [*names, "answer", "covered", "rating", "submission", "started_at"]


@pytest.mark.parametrize("anonymous", [False, True], ids=["learner", "anonymous"])
def test_any_input_to_any_form_is_answered_without_a_500(learner, anonymous):
    question = Question.objects.published().order_by("position").first()
    mock = rounds.start_mock(
        learner,
        interview_type="fundamentals",
        count=3,
        minutes=None,
        now=timezone.now(),
        seed=3,
    ).mock
    client = Client(raise_request_exception=False)
    if not anonymous:
        client.force_login(learner)

    @hypothesis_settings(
        max_examples=80 if not anonymous else 25,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def send(data):
        url, form = data.draw(st.sampled_from(FORMS))
        url = url.format(n=question.number, k=mock.key)
        names = field_names(form)
        fields = {name: data.draw(VALUE) for name in data.draw(st.lists(st.sampled_from(names), unique=True))}
        response = client.get(url.rstrip("?"), fields) if url.endswith("?") else client.post(url, fields)
        assert response.status_code < 500, (url, fields, response.status_code)

    send()
    if not anonymous:
        for path in (*PAGES, f"/questions/{question.number}/", f"/mock/{mock.key}/"):
            assert client.get(path).status_code in (200, 302), path


def test_any_input_to_an_editors_forms_is_answered_without_a_500(make_user):
    editor = make_user("fuzz-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    question = Question.objects.published().order_by("position").first()
    client = Client(raise_request_exception=False)
    client.force_login(editor)

    @hypothesis_settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(st.data())
    def send(data):
        url, form = data.draw(st.sampled_from(EDITOR_FORMS))
        names = [*form.base_fields, "title_ko", "title_en", "body_ko", "body_en", "number", "status"]
        fields = {name: data.draw(VALUE) for name in data.draw(st.lists(st.sampled_from(names), unique=True))}
        response = client.post(url.format(pk=question.pk), fields)
        assert response.status_code < 500, (url, fields, response.status_code)

    send()
    assert client.get(f"/questions/{question.number}/").status_code in (200, 404)
