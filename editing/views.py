"""The editor's views inside the admin (preview, content export and import) and the learners' Anki deck."""

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from editing import anki, transfer
from editing.forms import item_from_post, problems
from editing.preview import preview_objects
from questions.content import ContentError
from questions.models import Chapter


def _require_editor(request) -> None:
    if not request.user.has_perm("questions.change_question"):
        raise PermissionDenied


@require_POST
def preview(request):
    """The question being edited as learners see it, in both languages, with what publishing needs."""
    _require_editor(request)
    item = item_from_post(request.POST)
    context = {"languages": preview_objects(item), "problems": problems(item)}
    return render(request, "editing/preview.html", context)


@require_GET
def export_zip(request):
    _require_editor(request)
    response = HttpResponse(transfer.export_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="studyhub-content.zip"'
    return response


def import_zip(request):
    """Upload a zip of content files; every file is checked before anything changes."""
    _require_editor(request)
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("content")
        if upload is None:
            errors = [_("Choose a zip file exported from StudyHub.")]
        else:
            try:
                report = transfer.import_zip(upload, upload.size)
            except ContentError as error:
                errors = error.errors
            else:
                messages.success(
                    request,
                    _("Content imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                    % {
                        "created": len(report.created),
                        "updated": len(report.updated),
                        "unchanged": report.unchanged,
                    },
                )
                return redirect("admin:questions_question_changelist")
    status = 422 if errors else 200
    context = {**admin.site.each_context(request), "errors": errors, "title": _("Import content")}
    return render(request, "editing/import.html", context, status=status)


@login_required
@require_GET
def anki_deck(request):
    """The published questions as an Anki deck: `?chapter=2` for one chapter, `?lang=en` for English."""
    lang = request.GET.get("lang", "ko")
    number = request.GET.get("chapter")
    if lang not in anki.LANGUAGES:
        raise Http404("No such language")
    chapter = None
    if number:
        chapter = get_object_or_404(Chapter.objects.exclude(kind=Chapter.Kind.GUIDE), number=number)
    name = f"studyhub-{f'chapter-{chapter.number}' if chapter else 'all'}-{lang}.apkg"
    response = HttpResponse(anki.build_deck(chapter, lang), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
