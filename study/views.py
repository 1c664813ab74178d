"""The study loop: show the next card, grade it, undo, and the learner's study settings."""

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from questions.language import content_language
from questions.models import FollowUp, Question, card_content, deck_options
from study import planning, reviews, scheduling
from study.forms import DeckForm, GradeForm, StudySettingsForm
from study.models import StudySettings
from study.personal_parameters import MIN_REVIEWS
from study.queue import build_queue, card_outside_queue, day_start
from study.summary import day_summary
from studyhub.security import local_path, parse_id


def _card_context(request, study_settings, queue, notice=None):
    lang = content_language(request)
    context = {
        "queue": queue,
        "settings": study_settings,
        "lang": lang,
        "undo_review_id": queue.today.latest_review_id,
        "notice": notice,
        "backlog": _backlog(study_settings, queue),
    }
    if queue.next is None:
        since = day_start(queue.now, study_settings.time_zone)
        context["summary"] = day_summary(request.user, since, queue.next_due)
        return context
    card = queue.next.card
    question, _answer = card_content(queue.next.question_id, queue.next.content_version)
    context.update(
        question=question,
        card_answer=_card_answer(
            queue.next.question_id, queue.next.content_version, lang, translation.get_language()
        ),
        card=card,
        buttons=scheduling.grade_buttons(planning.intervals(card, queue.now, queue.limits)),
        token=reviews.issue_ticket(request.user.pk, question.pk, card.reps, queue.now),
    )
    return context


def _backlog(study_settings, queue):
    """How long the due cards beyond today's review limit take, when there are any."""
    if not queue.over_limit:
        return None
    return planning.backlog(queue.candidates, queue.now, queue.today, queue.limits, study_settings.time_zone)


@lru_cache(maxsize=1024)
def _card_answer(question_id: int, version, lang: str, interface: str) -> str:
    """The revealed side of a card (outline and key-point checklist): the same for every learner, so it is
    rendered once per content version, content language and interface language."""
    question, key_points = card_content(question_id, version)
    context = {
        "question": question,
        "key_points": key_points,
        "checklist": [(point, False, False) for point in key_points],
        "suggestion": _("Tick what you recalled for a suggested rating."),
        "follow_ups": FollowUp.objects.filter(question_id=question_id).order_by("position"),
        "lang": lang,
        "thresholds": scheduling.SUGGESTION_THRESHOLDS,
    }
    with translation.override(interface):
        return render_to_string("study/session.html#card-answer", context)


@lru_cache(maxsize=256)
def _deck_menu(decks, deck_id, lang: str, interface: str) -> str:
    """The deck menu's options, rendered once per set of chapters, chosen deck and languages."""
    context = {"decks": decks, "deck_id": deck_id, "lang": lang}
    with translation.override(interface):
        return render_to_string("study/session.html#deck-menu", context)


def _render_session(request, context, status=200):
    if request.htmx:
        return render(request, "study/session.html#study", context, status=status)
    deck_id, lang = context["settings"].deck_id, context["lang"]
    context["deck_menu"] = _deck_menu(deck_options(), deck_id, lang, translation.get_language())
    return render(request, "study/session.html", context, status=status)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def session(request):
    study_settings = StudySettings.for_user(request.user)
    queue = build_queue(request.user, study_settings, timezone.now())
    return _render_session(request, _card_context(request, study_settings, queue))


@require_POST
@login_required
def grade(request):
    study_settings = StudySettings.for_user(request.user)
    form = GradeForm(request.POST)
    queue = build_queue(request.user, study_settings, timezone.now())
    notice = None
    if not form.is_valid():
        notice = _("Choose Again, Hard, Good or Easy for the card shown.")
    else:
        try:
            ticket = reviews.read_ticket(form.cleaned_data["token"], request.user.pk)
            card_id, before = _card_for_ticket(request.user, queue, ticket)
            outcome, log = reviews.grade(
                user=request.user,
                ticket=ticket,
                rating=form.cleaned_data["rating"],
                now=queue.now,
                limits=queue.limits,
                card_id=card_id,
                before=before,
            )
            queue = queue.after_review(ticket.question_id, outcome.after, log)
            if outcome.became_leech:
                notice = _(
                    "That card has lapsed %(lapses)s times: it is now tagged leech and suspended. "
                    "Rewrite your notes on it, then unsuspend it from its question page."
                ) % {"lapses": scheduling.LEECH_LAPSES}
        except reviews.ReviewRejected as rejection:
            notice = str(rejection)
    if not request.htmx:
        if notice:
            messages.warning(request, notice)
        return redirect("study:session")
    return _render_session(request, _card_context(request, study_settings, queue, notice))


def _card_for_ticket(user, queue, ticket):
    """The learner's card for the ticket's question: from the queue's snapshot, else one query."""
    candidate = queue.get(ticket.question_id) or card_outside_queue(user, ticket.question_id, queue.now)
    if candidate is None:
        raise reviews.ReviewRejected(_("That question is no longer available. Here is your next card."))
    return candidate.card_id, candidate.card


@require_POST
@login_required
def undo(request):
    try:
        review_id = parse_id(request.POST.get("review", ""))
        if review_id is None:
            raise ValueError("not a review id")
        log = reviews.undo(request.user, review_id)
    except ValueError:
        raise Http404("No such review.") from None
    except reviews.ReviewRejected as rejection:
        notice = str(rejection)
    else:
        notice = _("Undid your %(rating)s on Q%(number)s.") % {
            "rating": log.get_rating_display(),
            "number": log.question.number,
        }
    if not request.htmx:
        messages.info(request, notice)
        return redirect("study:session")
    # The notice goes with the card it concerns (the one undone, shown again): the next swap drops it.
    study_settings = StudySettings.for_user(request.user)
    queue = build_queue(request.user, study_settings, timezone.now())
    return _render_session(request, _card_context(request, study_settings, queue, notice))


@require_POST
@login_required
def choose_deck(request):
    study_settings = StudySettings.for_user(request.user)
    form = DeckForm(request.POST)
    if form.is_valid():
        study_settings.deck = form.cleaned_data["deck"]
        study_settings.save(update_fields=["deck"])
    else:
        messages.error(request, form.errors["deck"][0])
    return redirect("study:session")


@require_POST
@login_required
def card_action(request, number, action):
    question = get_object_or_404(Question.objects.published(), number=number)
    study_settings = StudySettings.for_user(request.user)
    if action == "suspend":
        reviews.set_suspended(request.user, question, True)
        messages.success(
            request,
            _("Q%(number)s is suspended: it will not be shown until you unsuspend it.") % {"number": number},
        )
    elif action == "unsuspend":
        reviews.set_suspended(request.user, question, False)
        messages.success(request, _("Q%(number)s is back in your queue.") % {"number": number})
    elif action == "bury":
        reviews.bury(request.user, question, timezone.now(), study_settings.time_zone)
        messages.success(request, _("Q%(number)s is buried until tomorrow.") % {"number": number})
    else:
        raise Http404("No such action.")
    return redirect(local_path(request.POST.get("next"), request) or "study:session")


@require_http_methods(["GET", "POST"])
@login_required
def study_settings_view(request):
    study_settings = StudySettings.for_user(request.user)
    form = StudySettingsForm(request.POST or None, instance=study_settings)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Settings saved."))
            return redirect("study:settings")
        status = 422
    else:
        status = 200
    context = {"form": form, "settings": study_settings, "min_reviews": MIN_REVIEWS}
    return render(request, "study/settings.html", context, status=status)


@require_GET
def home(request):
    if not request.user.is_authenticated:
        return render(request, "study/home.html", {})
    study_settings = StudySettings.for_user(request.user)
    queue = build_queue(request.user, study_settings, timezone.now())
    return render(request, "study/home.html", {"queue": queue, "settings": study_settings})
