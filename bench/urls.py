from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from studyhub.urls import handler400, handler500  # noqa: F401  (the same error pages here)


def hello(request):
    """The floor: a bare Django view behind the same middleware."""
    return HttpResponse("hello")


@login_required
def authed(request):
    """A login-protected no-op: the cost of the database session and user lookups alone."""
    return HttpResponse("hi " + request.user.username)


urlpatterns = [path("bench/authed", authed), path("bench/hello", hello), path("", include("studyhub.urls"))]
