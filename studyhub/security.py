"""Request-wide safety: what every page of StudyHub does whatever view serves it.

Local redirects only, ids within the database's range, no NUL in any input, a clear 503 page while the
database is away, learner pages kept out of shared caches, and the browser features no page needs off.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults

# The largest id a 64-bit integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def local_path(url: str | None, request) -> str | None:
    """`url` when it is a path on this site ("/study/"), else None: never another host, never a name."""
    if not url or not url.startswith("/") or url.startswith(("//", "/\\")):
        return None
    if not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return None
    return url


def parse_id(raw) -> int | None:
    """A database id from user input, or None when it is not one (not a number, or out of range)."""
    try:
        value = int(str(raw))
    except ValueError:
        return None
    return value if 0 < value <= MAX_ID else None


class IdConverter:
    """`<id:pk>`: like `<int:…>`, but a number beyond the database's integer range is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond the database's integer range")
        return number

    def to_url(self, value) -> str:
        return str(value)


class RequestSafetyMiddleware:
    """NUL in a query or form is a 400 page; a database that does not answer is a 503 page; learner
    pages are never stored by a cache; every response carries the Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            raise SuspiciousOperation("NUL character in the request")
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Only a request that loaded its user can have shown a learner's data; asking here would
        # read the session of every static file and health check.
        user = getattr(request, "_cached_user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return unavailable()
        return None


def unavailable() -> HttpResponse:
    """The 503 page, rendered without the request: its context processors would ask the database again."""
    return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "10"})


def bad_request(request, exception):
    """`handler400`: a form larger than Django reads (`DATA_UPLOAD_MAX_MEMORY_SIZE`) is a 413 page that
    says so; any other unreadable request is the 400 page."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return HttpResponse(render_to_string("413.html", {"limit": limit}), status=413)
    return defaults.bad_request(request, exception)


def server_error(request):
    """`handler500`: a database that stops answering while a middleware loads the session, the user or the
    learner's language (before any view runs) is a 503 page too; any other error is the 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return unavailable()
    return defaults.server_error(request)


def _holds_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    for values in request.GET.lists():
        if any("\x00" in value for value in values[1]) or "\x00" in values[0]:
            return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False
