"""The progress dashboard (with the plan simulator), and the learner's own data: export, import and
account deletion."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from progress import charts, export, stats
from progress.forms import DeleteAccountForm, ImportForm
from questions.language import content_language, interface_language
from study.forms import PlanForm
from study.models import StudySettings
from study.planning import Limits


@require_GET
@login_required
@vary_on_headers("HX-Request")
def dashboard(request):
    """The dashboard; with the simulator's fields in the query, the plan under those values too (the
    simulator's partial alone for htmx). Nothing is saved."""
    study_settings = StudySettings.for_user(request.user)
    simulating = any(name in request.GET for name in PlanForm.FIELDS)
    form = PlanForm(request.GET if simulating else None, initial=PlanForm.initial_from(study_settings))
    what_if = Limits.of(study_settings, form.cleaned_data) if form.is_valid() else None
    return _dashboard_page(request, study_settings, form, what_if, status=422 if form.errors else 200)


@require_POST
@login_required
def save_plan(request):
    """Save the simulator's values as the learner's settings."""
    study_settings = StudySettings.for_user(request.user)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _dashboard_page(request, study_settings, form, None, status=422)
    for name in PlanForm.FIELDS:
        setattr(study_settings, name, form.cleaned_data[name])
    study_settings.save(update_fields=PlanForm.FIELDS)
    messages.success(request, _("Saved: your study page and dashboard now follow this plan."))
    return redirect("progress:dashboard")


def _dashboard_page(request, study_settings, form, what_if, status):
    data = stats.dashboard(request.user, study_settings, timezone.now(), what_if=what_if)
    lang = content_language(request)
    context = {
        "data": data,
        "charts": charts.for_dashboard(data, interface_language()),
        "settings": study_settings,
        "lang": lang,
        "plan_form": form,
    }
    template = "progress/dashboard.html#simulator" if request.htmx else "progress/dashboard.html"
    return render(request, template, context, status=status)


def _my_data_page(request, import_form=None, delete_form=None, status=200, import_errors=()):
    context = {
        "import_form": import_form or ImportForm(),
        "delete_form": delete_form or DeleteAccountForm(request.user),
        "import_errors": import_errors,
    }
    return render(request, "progress/my_data.html", context, status=status)


@require_GET
@login_required
def my_data(request):
    return _my_data_page(request)


def _download(request, chunks, extension: str, content_type: str) -> StreamingHttpResponse:
    filename = f"studyhub-{request.user.get_username()}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def export_json(request):
    chunks = export.export_chunks(request.user)
    if request.POST.get("compress"):
        return _download(request, export.gzipped(chunks), "json.gz", "application/gzip")
    return _download(request, chunks, "json", "application/json; charset=utf-8")


@require_POST
@login_required
def export_reviews_csv(request):
    return _download(request, export.reviews_csv(request.user), "reviews.csv", "text/csv; charset=utf-8")


@require_POST
@login_required
def import_data(request):
    form = ImportForm(request.POST, request.FILES)
    # An import reads up to 32 MB: one per learner every IMPORT_INTERVAL_SECONDS, so a loop of them
    # costs the other learners little (the cache is shared by every process with REDIS_URL).
    interval = settings.IMPORT_INTERVAL_SECONDS
    if interval and not cache.add(f"studyhub:import:{request.user.pk}", 1, timeout=interval):
        errors = [
            ngettext(
                "You imported a file a moment ago. Wait %(count)s second, then import again.",
                "You imported a file a moment ago. Wait %(count)s seconds, then import again.",
                interval,
            )
            % {"count": interval}
        ]
        return _my_data_page(request, import_form=form, status=429, import_errors=errors)
    if not form.is_valid():
        return _my_data_page(request, import_form=form, status=422)
    try:
        counts = export.import_document(
            request.user, form.cleaned_data["file"].read(), form.cleaned_data["replace_settings"]
        )
    except export.ImportRejected as rejection:
        return _my_data_page(request, import_form=form, status=422, import_errors=rejection.errors)
    messages.success(request, export.import_summary(counts))
    return redirect("progress:my_data")


@require_POST
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return _my_data_page(request, delete_form=form, status=422)
    username = request.user.get_username()
    export.delete_account(request.user)
    logout(request)
    messages.success(
        request, _("The account %(username)s and all its study data are deleted.") % {"username": username}
    )
    return redirect("home")
