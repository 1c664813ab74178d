"""Mock interviews: start a round, answer under the clock, and grade it in the report."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mocks import grading, rounds
from mocks.forms import AnswerStepForm, AutosaveForm, StartForm
from mocks.models import Mock, MockAnswer
from mocks.report import build_report
from mocks.round_types import ROUND_TYPES
from questions.language import content_language
from questions.models import GuideSection, Status
from study import reviews, scheduling
from study.forms import KeyPointGradeForm
from study.models import StudySettings
from study.planning import Limits
from studyhub.security import parse_id

HISTORY_SHOWN = 50


def _get_mock_for_user(request, key):
    return get_object_or_404(Mock, key=key, user=request.user)


def _get_answer_for_mock(request, mock):
    """The answer of this mock that the form names (its `answer` field), or 404."""
    pk = parse_id(request.POST.get("answer", ""))
    if pk is None:
        raise Http404("No such answer.")
    return get_object_or_404(
        MockAnswer.objects.select_related("mock_question__question__chapter", "follow_up"),
        pk=pk,
        mock_question__mock=mock,
    )


def _start_page(request, form, status=200):
    counts = rounds.published_counts()
    guides = GuideSection.objects.filter(status=Status.PUBLISHED).in_bulk(field_name="slug")
    mocks = list(Mock.objects.filter(user=request.user).with_scores()[:HISTORY_SHOWN])
    context = {
        "form": form,
        "types": [(t, counts[t.value], guides.get(t.guide)) for t in ROUND_TYPES],
        "in_progress": [mock for mock in mocks if mock.finished_at is None],
        "past": [mock for mock in mocks if mock.finished_at is not None],
        "settings": StudySettings.for_user(request.user),
        "lang": content_language(request),
    }
    return render(request, "mocks/start.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def start(request):
    """The start page: choose a type, a length and a time; resume a mock or open a past report."""
    form = StartForm(request.POST or None, initial={"interview_type": "fundamentals"})
    if request.method == "GET":
        return _start_page(request, form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            started = rounds.start_mock(
                request.user,
                interview_type=data["interview_type"],
                count=data["question_count"],
                minutes=data["minutes"],
                now=timezone.now(),
            )
        except rounds.NoQuestions as refusal:
            form.add_error("interview_type", str(refusal))
        else:
            if started.short:
                count = started.questions
                messages.info(
                    request,
                    ngettext(
                        "Only %(count)s question of this type can be asked yet, so this mock has %(count)s.",
                        "Only %(count)s questions of this type can be asked yet, so this mock has %(count)s.",
                        count,
                    )
                    % {"count": count},
                )
            return redirect("mocks:round", key=started.mock.key)
    return _start_page(request, form, status=422)


def _render_round(request, mock, answer, form, status=200):
    study_settings = StudySettings.for_user(request.user)
    now = timezone.now()
    context = {
        "mock": mock,
        "answer": answer,
        "item": answer.mock_question,
        "question": answer.mock_question.question,
        "form": form,
        "progress": rounds.progress(answer),
        "remaining": answer.remaining_seconds(now),
        "time_zone": study_settings.time_zone,
        "lang": content_language(request),
    }
    return render(request, "mocks/round.html", context, status=status)


@require_GET
@login_required
def round_page(request, key):
    """The answer the learner is on, with its clock; the report once the round is over."""
    mock = _get_mock_for_user(request, key)
    answer = rounds.current_answer(mock, timezone.now())
    if answer is None:
        return redirect("mocks:report", key=key)
    form = AnswerStepForm(initial={"answer": answer.pk, "text": answer.text})
    return _render_round(request, mock, answer, form)


@require_POST
@login_required
def hand_in(request, key):
    """Submit or skip the answer on the clock; refused (the saved text kept) after its deadline."""
    mock = _get_mock_for_user(request, key)
    form = AnswerStepForm(request.POST)
    answer = _get_answer_for_mock(request, mock)
    now = timezone.now()
    valid = form.is_valid()
    if not valid and rounds.accepts(answer, now) and now <= answer.deadline:
        return _render_round(request, mock, answer, form, status=422)
    try:
        if not valid:  # past the bell the form cannot be corrected: the answer ends as saved
            rounds.lock(answer, now)
            raise rounds.TimeUp(answer.deadline)
        if form.cleaned_data["action"] == "skip":
            rounds.skip(answer, form.cleaned_data["text"], now)
        else:
            rounds.submit(answer, form.cleaned_data["text"], now)
    except rounds.TimeUp as late:
        zone = ZoneInfo(StudySettings.for_user(request.user).time_zone)
        messages.warning(
            request,
            _(
                "Time was up at %(time)s: your answer is kept as it was saved by then, and the interview "
                "moves on."
            )
            % {"time": f"{late.deadline.astimezone(zone):%H:%M:%S}"},
        )
    except rounds.AnswerClosed as closed:
        messages.info(request, str(closed))
    return redirect("mocks:round", key=key)


@require_POST
@login_required
def autosave(request, key):
    """HTMX autosave of the answer being written; answers with the save status."""
    mock = _get_mock_for_user(request, key)
    form = AutosaveForm(request.POST)
    answer = _get_answer_for_mock(request, mock)
    saved_at, error = None, None
    if form.is_valid():
        now = timezone.now()
        try:
            rounds.save_text(answer, form.cleaned_data["text"], now)
            saved_at = now
        except rounds.TimeUp:
            error = _("Time is up: your answer is locked as it was last saved.")
        except rounds.AnswerClosed:
            error = _("This answer was handed in: changes here are not saved.")
    else:
        error = next(iter(form.errors.values()))[0]
    return render(
        request,
        "mocks/round.html#save-status",
        {"saved_at": saved_at, "error": error, "time_zone": StudySettings.for_user(request.user).time_zone},
        status=200 if error is None else 422,
    )


@require_POST
@login_required
def end(request, key):
    mock = _get_mock_for_user(request, key)
    if mock.finished_at is None:
        rounds.end_round(mock, timezone.now())
        messages.info(request, _("Mock ended: the answers not given are marked skipped."))
    return redirect("mocks:report", key=key)


def _report_context(request, mock, forms=None):
    return {
        "mock": mock,
        "time_zone": StudySettings.for_user(request.user).time_zone,
        "report": build_report(mock),
        "forms": forms or {},
        "ratings": [(r, scheduling.RATING_LABELS[r]) for r in scheduling.RATINGS],
        "thresholds": scheduling.SUGGESTION_THRESHOLDS,
        "lang": content_language(request),
    }


@require_GET
@login_required
def report(request, key):
    mock = _get_mock_for_user(request, key)
    if mock.finished_at is None:
        messages.info(request, _("The report opens when the mock is over: finish it or end it early."))
        return redirect("mocks:round", key=key)
    return render(request, "mocks/report.html", _report_context(request, mock))


@require_POST
@login_required
def grade(request, key, position):
    """Grade one question of a finished mock: an answer attempt and a review of its card, once."""
    mock = _get_mock_for_user(request, key)
    item = get_object_or_404(mock.questions.select_related("question"), position=position)
    if mock.finished_at is None:
        messages.info(request, _("Grade your answers once the mock is over."))
        return redirect("mocks:round", key=key)
    form = KeyPointGradeForm(request.POST, key_points=grading.key_points_of(item))
    if form.is_valid():
        try:
            recorded = grading.grade_question(
                user=request.user,
                item=item,
                covered_ids=set(form.cleaned_data["covered"]),
                rating=form.cleaned_data["rating"],
                now=timezone.now(),
                limits=Limits.of(StudySettings.for_user(request.user)),
            )
        except reviews.ReviewRejected as rejection:
            messages.warning(request, _("%(problem)s Grade it again to record it.") % {"problem": rejection})
        else:
            attempt = recorded.attempt
            messages.success(
                request,
                recorded.notice
                or _("Q%(number)s recorded: %(rating)s, %(covered)s of %(total)s key points.")
                % {
                    "number": item.question.number,
                    "rating": attempt.get_rating_display(),
                    "covered": attempt.covered_count,
                    "total": attempt.key_point_count,
                },
            )
        if request.htmx:
            context = _report_context(request, mock) | {"graded_position": position}
            return render(request, "mocks/report.html#report", context)
        return redirect(f"{reverse('mocks:report', kwargs={'key': key})}#q{position}")
    context = _report_context(request, mock, forms={position: form}) | {"graded_position": position}
    template = "mocks/report.html#report" if request.htmx else "mocks/report.html"
    return render(request, template, context, status=422)
