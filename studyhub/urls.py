from django.contrib import admin
from django.urls import include, path

from study.views import home
from studyhub.views import healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("", include("study.urls")),
    path("", include("questions.urls")),
    path("", include("progress.urls")),
    path("", include("mocks.urls")),
    path("admin/", admin.site.urls),
]
