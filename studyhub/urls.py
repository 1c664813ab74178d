from django.contrib import admin
from django.urls import include, path, register_converter

from study.views import home
from studyhub.interface_language import set_interface_language
from studyhub.security import IdConverter, bad_request, server_error
from studyhub.theme import set_theme
from studyhub.views import favicon, healthz

handler400 = bad_request
handler500 = server_error

# Registered before the apps' URLconfs are included: they use `<id:…>` for every database id.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("theme/", set_theme, name="theme"),
    path("language/", set_interface_language, name="interface_language"),
    path("accounts/", include("accounts.urls")),
    path("", include("study.urls")),
    path("", include("questions.urls")),
    path("", include("progress.urls")),
    path("", include("search.urls")),
    path("", include("mocks.urls")),
    path("", include("editing.urls")),
    path("admin/", admin.site.urls),
]
