"""Answer reviews: write an answer, compare it with the outline, grade it, and look back at attempts."""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from questions.language import content_language
from questions.models import KeyPoint, Question
from questions.rendering import render_answer
from study import planning, reviews, scheduling
from study.attempts import record_attempt, word_diff
from study.drafts import save_draft, start_draft
from study.forms import AnswerForm, DraftForm, GradeAnswerForm
from study.hints import hint_matches
from study.models import AnswerDraft, Attempt, StudySettings
from study.planning import Limits
from study.queue import build_queue, card_outside_queue
from study.weak_points import weak_key_points
from studyhub.security import parse_id

WEAK_POINTS_WINDOW = timedelta(days=90)


def _published_question(number):
    return get_object_or_404(Question.objects.published().select_related("chapter", "outline"), number=number)


def _key_points(question):
    return list(KeyPoint.objects.filter(outline__question=question).order_by("position"))


def _get_attempt_for_user(request, pk):
    return get_object_or_404(Attempt.objects.select_related("question__chapter"), pk=pk, user=request.user)


@require_http_methods(["GET", "POST"])
@login_required
def write(request, number):
    """The answer editor. POST checks the answer, saves it as the draft and moves on to comparing."""
    question = _published_question(number)
    now = timezone.now()
    draft = start_draft(request.user, question, now)
    form = AnswerForm(request.POST or None, initial={"answer": draft.text})
    if request.method == "POST":
        if form.is_valid():
            save_draft(request.user, question, form.cleaned_data["answer"], now)
            return redirect("study:answer_compare", number=number)
        status = 422
    else:
        status = 200
    return render(
        request,
        "study/answer.html",
        {"question": question, "form": form, "draft": draft, "lang": content_language(request)},
        status=status,
    )


@require_POST
@login_required
def autosave(request, number):
    """HTMX autosave of the draft every few seconds; answers with the save status."""
    question = _published_question(number)
    form = DraftForm(request.POST)
    saved_at, error = None, None
    if form.is_valid():
        saved_at = save_draft(request.user, question, form.cleaned_data["answer"], timezone.now()).updated_at
    else:
        error = form.errors["answer"][0]
    return render(
        request,
        "study/answer.html#save-status",
        {"saved_at": saved_at, "error": error},
        status=200 if error is None else 422,
    )


@require_POST
@login_required
def discard(request, number):
    question = _published_question(number)
    AnswerDraft.objects.filter(user=request.user, question=question).delete()
    messages.info(request, _("Draft discarded: the timer starts again."))
    return redirect("study:answer", number=number)


@require_http_methods(["GET", "POST"])
@login_required
def compare(request, number):
    """Compare the answer with the outline, tick the key points covered, and record a rating."""
    question = _published_question(number)
    key_points = _key_points(question)
    draft = AnswerDraft.objects.filter(user=request.user, question=question).first()
    if request.method == "GET":
        if draft is None or not draft.text.strip():
            messages.info(request, _("Write an answer first."))
            return redirect("study:answer", number=number)
        form = GradeAnswerForm(
            initial={"answer": draft.text, "submission": uuid.uuid4()}, key_points=key_points
        )
        answer_text = draft.text
        status = 200
    else:
        form = GradeAnswerForm(request.POST, key_points=key_points)
        if form.is_valid():
            data = form.cleaned_data
            now = timezone.now()
            try:
                recorded = record_attempt(
                    user=request.user,
                    question=question,
                    key_points=key_points,
                    answer=data["answer"],
                    covered_ids=set(data["covered"]),
                    rating=data["rating"],
                    submission=data["submission"],
                    started_at=draft.started_at if draft else now,
                    now=now,
                    limits=Limits.of(StudySettings.for_user(request.user)),
                )
            except reviews.ReviewRejected as rejection:
                messages.warning(
                    request, _("%(problem)s Submit again to record this answer.") % {"problem": rejection}
                )
                return redirect("study:answer_compare", number=number)
            if recorded.notice:
                messages.info(request, recorded.notice)
            else:
                messages.success(
                    request,
                    _("Recorded: %(rating)s, %(covered)s of %(total)s key points.")
                    % {
                        "rating": recorded.attempt.get_rating_display(),
                        "covered": recorded.attempt.covered_count,
                        "total": recorded.attempt.key_point_count,
                    },
                )
            return redirect("study:attempt", pk=recorded.attempt.pk)
        answer_text = request.POST.get("answer", "")
        status = 422
    hints = hint_matches(answer_text, [(kp.text_ko, kp.text_en) for kp in key_points])
    ticked = set(form["covered"].value() or []) if form.is_bound else None
    checklist = [
        (kp, hint, (str(kp.pk) in ticked) if ticked is not None else hint)
        for kp, hint in zip(key_points, hints, strict=True)
    ]
    suggested = scheduling.suggest_rating(sum(1 for *_, on in checklist if on), len(key_points))
    now = timezone.now()
    study_settings = StudySettings.for_user(request.user)
    card = card_outside_queue(request.user, question.pk, now).card
    return render(
        request,
        "study/answer_compare.html",
        {
            "question": question,
            "form": form,
            "answer_html": render_answer(answer_text, coding=question.is_coding),
            "checklist": checklist,
            "suggested": suggested,
            "suggestion": _("Suggested rating: %(rating)s.")
            % {"rating": scheduling.RATING_LABELS[suggested]},
            "buttons": scheduling.grade_buttons(planning.intervals(card, now, Limits.of(study_settings))),
            "suspended": card.suspended,
            "thresholds": scheduling.SUGGESTION_THRESHOLDS,
            "elapsed": int((now - draft.started_at).total_seconds()) if draft else 0,
            "lang": content_language(request),
        },
        status=status,
    )


@require_GET
@login_required
def attempt_detail(request, pk):
    attempt = _get_attempt_for_user(request, pk)
    marks = attempt.key_point_marks.select_related("key_point").order_by("key_point__position")
    queue = build_queue(request.user, StudySettings.for_user(request.user), timezone.now())
    return render(
        request,
        "study/attempt.html",
        {
            "attempt": attempt,
            "question": attempt.question,
            "marks": marks,
            "next_card": queue.next,
            "lang": content_language(request),
        },
    )


@require_GET
@login_required
def attempt_diff(request, number):
    """Word-level diff between two of the learner's attempts at one question (?a=&b=)."""
    question = _published_question(number)
    ids = [parse_id(request.GET.get("a", "")), parse_id(request.GET.get("b", ""))]
    if None in ids:
        messages.info(request, _("Choose two attempts to compare."))
        return redirect("questions:detail", number=number)
    found = {a.pk: a for a in Attempt.objects.filter(user=request.user, question=question, pk__in=ids)}
    if len(found) != len(set(ids)) or len(set(ids)) != 2:
        messages.info(request, _("Choose two different attempts of yours at this question."))
        return redirect("questions:detail", number=number)
    older, newer = sorted(found.values(), key=lambda a: (a.created_at, a.pk))
    return render(
        request,
        "study/attempt_diff.html",
        {
            "question": question,
            "older": older,
            "newer": newer,
            "runs": word_diff(older.answer, newer.answer),
            "lang": content_language(request),
        },
    )


@require_GET
@login_required
def weak_points(request):
    since = timezone.now() - WEAK_POINTS_WINDOW
    return render(
        request,
        "study/weak_points.html",
        {
            "points": weak_key_points(request.user, since=since, limit=50),
            "days": WEAK_POINTS_WINDOW.days,
            "lang": content_language(request),
        },
    )
