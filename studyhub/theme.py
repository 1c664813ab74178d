"""The colour theme: system (follows the device), light or dark, remembered in a cookie for a year.

A cookie, not a learner setting, so it works before logging in and is read without a query; the page
is rendered with it, so there is no flash of the other theme.
"""

from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from studyhub.security import local_path

COOKIE = "theme"
THEMES = ("system", "dark", "light")
ONE_YEAR = 365 * 24 * 3600


def current_theme(request) -> str:
    theme = request.COOKIES.get(COOKIE)
    return theme if theme in THEMES else "system"


def next_theme(theme: str) -> str:
    return THEMES[(THEMES.index(theme) + 1) % len(THEMES)]


def theme_context(request) -> dict:
    """Template context: the theme in force and the one the switch gives next."""
    theme = current_theme(request)
    return {"theme": theme, "next_theme": next_theme(theme)}


def redirect_back(request) -> HttpResponseRedirect:
    """Back to the page a header switch was posted from (`next`), if it is a page of this site."""
    return HttpResponseRedirect(local_path(request.POST.get("next"), request) or "/")


@require_POST
def set_theme(request):
    """Remember the chosen theme and go back (to a page of this site only)."""
    theme = request.POST.get("theme")
    response = redirect_back(request)
    if theme in THEMES:
        response.set_cookie(COOKIE, theme, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure())
    return response
