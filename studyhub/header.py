"""The page chrome, reversed and translated once per process and language: the header's links and
the fragments marked `{% fixed %}` (labels, buttons, the footer).

They do not depend on the learner, only on whether someone is logged in, which page is shown and the
values a fragment names, so base.html need not reverse a URL, translate a label or render an include
per link on every request.
"""

from functools import lru_cache

from django.conf import settings
from django.template import Node
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LEARNER_LINKS = (
    ("study:session", _("Study")),
    ("mocks:start", _("Mock interview")),
    ("progress:dashboard", _("Dashboard")),
    ("questions:list", _("Questions")),
    ("questions:guide", _("Guide")),
    ("questions:glossary", _("Glossary")),
    ("study:library", _("Notes")),
    ("study:weak_points", _("Weak points")),
    ("study:settings", _("Settings")),
)
VISITOR_LINKS = (
    ("questions:guide", _("Guide")),
    ("questions:glossary", _("Glossary")),
)
# The header's indentation in base.html, kept so that the page is the same byte for byte.
INDENT = "\n          "


def site_url(name: str, *args) -> str:
    """`reverse(name, args=args)` once per process, URL configuration and script prefix (for URLs whose
    arguments are few: none, or a question's number)."""
    return _reverse(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), args)


@lru_cache(maxsize=2048)
def _reverse(name: str, urlconf: str, prefix: str, args: tuple = ()) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def nav_links(authenticated: bool, current: str | None) -> str:
    """The header's `<li>` links for a learner (or a visitor), the current page's marked `aria-current`."""
    links = LEARNER_LINKS if authenticated else VISITOR_LINKS
    current = current if any(name == current for name, label in links) else ""
    return _nav_links(
        authenticated, current, get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    )


@lru_cache(maxsize=256)
def _nav_links(authenticated: bool, current: str, language: str, urlconf: str, prefix: str) -> str:
    items = (
        format_html(
            '<li><a href="{}"{}>{}</a></li>\n',
            _reverse(name, urlconf, prefix),
            mark_safe(' aria-current="page"') if name == current else "",
            label,
        )
        for name, label in (LEARNER_LINKS if authenticated else VISITOR_LINKS)
    )
    return mark_safe(INDENT + INDENT.join(items) + INDENT)


def head_assets() -> str:
    """base.html's stylesheets, icon and scripts: rendered once per process (and static files setting),
    since no page, learner or language changes them."""
    return _head_assets(settings.STATIC_URL, settings.DEBUG, settings.STORAGES["staticfiles"]["BACKEND"])


@lru_cache(maxsize=4)
def _head_assets(static_url: str, debug: bool, storage: str) -> str:
    return mark_safe(render_to_string("includes/head_assets.html").split("\n", 1)[1].lstrip())


class FixedFragment(Node):
    """`{% fixed name=value … %}`: rendered with those values alone (no other variable of the page, no
    context processor), so its HTML is a function of them, the interface language and the URL
    configuration, and is kept per process for each."""

    LIMIT = 256  # distinct renderings kept per fragment; the values named take few values each

    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values
        self.rendered = {}

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.values.items()}
        key = (get_language(), get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), *values.items())
        html = self.rendered.get(key)
        if html is None:
            if len(self.rendered) >= self.LIMIT:
                self.rendered.clear()
            html = self.rendered[key] = self.nodelist.render(context.new(values))
        return html
