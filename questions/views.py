"""The syllabus pages: the chapter/question list, a question, and chapter 1's interview guide."""

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from questions.models import Chapter, GuideSection, Question, Status
from study.answers import learner_panel
from study.forms import NoteForm


def content_language(request) -> str:
    """?lang=ko|en, else the learner's card language, else Korean."""
    requested = request.GET.get("lang")
    if requested in {"ko", "en"}:
        return requested
    study_settings = getattr(request.user, "study_settings", None)
    return getattr(study_settings, "language", "ko")


@require_GET
@login_required
def question_list(request):
    chapters = Chapter.objects.exclude(kind=Chapter.Kind.GUIDE).prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.only(
                "number", "title_ko", "title_en", "status", "chapter_id", "position", "difficulty"
            ),
        )
    )
    states = dict(request.user.card_states.values_list("question_id", "state"))
    return render(
        request,
        "questions/question_list.html",
        {"chapters": chapters, "states": states, "lang": content_language(request)},
    )


@require_GET
@login_required
def question_detail(request, number):
    question = get_object_or_404(Question.objects.select_related("chapter", "outline"), number=number)
    if not question.is_published and not request.user.is_staff:
        raise Http404("This question is not published yet.")
    return render(request, "questions/question_detail.html", question_context(request, question))


def question_context(request, question, **extra) -> dict:
    """Everything the question page shows: the content, and this learner's card, attempts and notes."""
    outline = getattr(question, "outline", None) if hasattr(question, "outline") else None
    editing = request.GET.get("edit_note") == "1"
    context = {
        "question": question,
        "outline": outline,
        "key_points": list(outline.key_points.order_by("position")) if outline else [],
        "now": timezone.now(),
        "lang": content_language(request),
        "editing_note": editing,
        **learner_panel(request.user, question),
    }
    if editing and "note_form" not in extra:
        context["note_form"] = NoteForm(initial={"body": context["note"].body if context["note"] else ""})
    context.update(extra)
    return context


@require_GET
def guide_index(request):
    sections = GuideSection.objects.filter(status=Status.PUBLISHED).select_related("chapter")
    return render(
        request,
        "questions/guide_index.html",
        {"sections": sections, "lang": content_language(request)},
    )


@require_GET
def guide_detail(request, slug):
    section = get_object_or_404(GuideSection, slug=slug, status=Status.PUBLISHED)
    siblings = list(
        GuideSection.objects.filter(status=Status.PUBLISHED).only("slug", "title_ko", "title_en", "position")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    return render(
        request,
        "questions/guide_detail.html",
        {
            "section": section,
            "previous": siblings[index - 1] if index > 0 else None,
            "next": siblings[index + 1] if index + 1 < len(siblings) else None,
            "lang": content_language(request),
        },
    )
