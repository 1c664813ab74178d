from django.contrib import admin
from django.urls import include, path

from study.views import home
from studyhub.theme import set_theme
from studyhub.views import healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("theme/", set_theme, name="theme"),
    path("accounts/", include("accounts.urls")),
    path("", include("study.urls")),
    path("", include("questions.urls")),
    path("", include("progress.urls")),
    path("", include("search.urls")),
    path("", include("mocks.urls")),
    path("", include("editing.urls")),
    path("admin/", admin.site.urls),
]
