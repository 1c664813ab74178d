"""The progress dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from progress import charts, stats
from study.views import settings_for


@require_GET
@login_required
def dashboard(request):
    study_settings = settings_for(request.user)
    data = stats.dashboard(request.user, study_settings, timezone.now())
    context = {
        "data": data,
        "charts": charts.for_dashboard(data),
        "settings": study_settings,
        "lang": study_settings.language,
    }
    return render(request, "progress/dashboard.html", context)
