"""The syllabus pages: the chapter/question list, a question, and chapter 1's interview guide."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from questions.browse import browse
from questions.chapters import chapter_map
from questions.glossary import filter_terms
from questions.language import content_language
from questions.models import Chapter, GuideSection, Question, Status
from questions.question_page import question_context


@require_GET
@login_required
@vary_on_headers("HX-Request")
def question_list(request):
    listing = browse(request.user, request.GET, timezone.now())
    context = {"listing": listing, "lang": content_language(request)}
    template = "questions/question_list.html"
    return render(request, f"{template}#rows" if request.htmx else template, context)


@require_GET
@login_required
def question_detail(request, number):
    question = get_object_or_404(Question.objects.select_related("chapter", "outline"), number=number)
    if not question.is_published and not request.user.is_staff:
        raise Http404("This question is not published yet.")
    return render(request, "questions/question_detail.html", question_context(request, question))


@require_GET
@login_required
def chapter_detail(request, number):
    chapter = get_object_or_404(Chapter.objects.exclude(kind=Chapter.Kind.GUIDE), number=number)
    published = list(
        Question.objects.published()
        .filter(chapter=chapter)
        .only("number", "title_ko", "title_en", "kind", "difficulty", "chapter_id", "position")
    )
    states = dict(
        request.user.card_states.filter(question__chapter=chapter).values_list("question_id", "state")
    )
    return render(
        request,
        "questions/chapter_detail.html",
        {
            "chapter": chapter,
            "stages": chapter_map(chapter, published),
            "drafts": chapter.questions.exclude(status=Status.PUBLISHED).count(),
            "states": states,
            "lang": content_language(request),
        },
    )


@require_GET
def glossary(request):
    query = request.GET.get("q", "")[:100]
    context = {"terms": filter_terms(query), "query": query, "lang": content_language(request)}
    return render(
        request, "questions/glossary.html#results" if request.htmx else "questions/glossary.html", context
    )


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
