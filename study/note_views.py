"""Private notes and bookmarks on questions, and the page that lists and searches them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from questions.language import content_language
from questions.models import Question
from questions.question_page import question_context
from study.forms import NoteForm
from study.models import Bookmark, Note


def _published_question(number):
    return get_object_or_404(Question.objects.published(), number=number)


@require_http_methods(["GET", "POST"])
@login_required
def note(request, number):
    """The note panel of a question page: shown, edited (?edit=1) and saved in place with htmx.

    Without JavaScript the question page itself shows the editor (?edit_note=1) and posts here.
    """
    question = _published_question(number)
    current = Note.objects.filter(user=request.user, question=question).first()
    if request.method == "GET":
        editing = request.GET.get("edit") == "1"
        if not request.htmx:
            return redirect(f"/questions/{number}/" + ("?edit_note=1#note" if editing else "#note"))
        form = NoteForm(initial={"body": current.body if current else ""})
        return _note_panel(request, question, current, form, editing)
    form = NoteForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return _note_panel(request, question, current, form, editing=True, status=422)
        context = question_context(request, question, note_form=form, editing_note=True)
        return render(request, "questions/question_detail.html", context, status=422)
    body = form.cleaned_data["body"].strip()
    if body:
        current, _created = Note.objects.update_or_create(
            user=request.user, question=question, defaults={"body": body}
        )
    else:
        Note.objects.filter(user=request.user, question=question).delete()
        current = None
    if request.htmx:
        return _note_panel(request, question, current, NoteForm(), editing=False)
    messages.success(request, _("Note saved.") if current else _("Note deleted."))
    return redirect("questions:detail", number=number)


def _note_panel(request, question, note, form, editing, status=200):
    # Swapped in place: the focus goes to the editor, or back to its button once the note is saved.
    context = {
        "question": question,
        "note": note,
        "note_form": form,
        "editing_note": editing,
        "in_place": True,
    }
    return render(request, "questions/question_detail.html#note", context, status=status)


@require_POST
@login_required
def bookmark(request, number):
    question = _published_question(number)
    deleted, _counts = Bookmark.objects.filter(user=request.user, question=question).delete()
    if not deleted:
        Bookmark.objects.get_or_create(user=request.user, question=question)
    if request.htmx:
        return render(
            request,
            "questions/question_detail.html#bookmark",
            {"question": question, "bookmarked": not deleted},
        )
    messages.success(request, _("Bookmarked.") if not deleted else _("Bookmark removed."))
    return redirect("questions:detail", number=number)


@require_GET
@login_required
def library(request):
    """Notes and bookmarks on one page, searchable by text."""
    query = request.GET.get("q", "").strip()[:200]
    notes = Note.objects.filter(user=request.user).select_related("question")
    bookmarks = Bookmark.objects.filter(user=request.user).select_related("question")
    if query:
        matches_question = (
            Q(question__title_ko__icontains=query)
            | Q(question__title_en__icontains=query)
            | Q(question__number=query)
        )
        notes = notes.filter(Q(body__icontains=query) | matches_question)
        bookmarks = bookmarks.filter(
            matches_question
            | Q(question__prompt_en__icontains=query)
            | Q(question__prompt_ko__icontains=query)
        )
    return render(
        request,
        "study/library.html",
        {"notes": notes, "bookmarks": bookmarks, "query": query, "lang": content_language(request)},
    )
