import math
import re
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from questions.language import format_date, format_datetime, interface_language
from questions.rendering import fold_sections as fold
from questions.rendering import nest_headings as nest
from studyhub import header

register = template.Library()


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str, html: bool = False):
    """`obj.<field>_<lang>` in the page's language, falling back to the other language if empty.

    With html=True the field's pre-rendered, sanitised `_html` twin is returned as safe markup.
    """
    lang = context.get("lang") or interface_language()
    suffix = "_html" if html else ""
    for code in (lang, "en" if lang == "ko" else "ko"):
        value = obj.get(code) if isinstance(obj, dict) else getattr(obj, f"{field}_{code}{suffix}", "")
        if value:
            return mark_safe(value) if html else value
    return ""


_INLINE_CODE = re.compile(r"`([^`\n]+)`")


@register.filter
def inline_code(text):
    """Plain text (a question's prompt) with its `backticked` spans, such as a function to write and its
    arguments, shown as code; everything else is escaped."""
    return mark_safe(_INLINE_CODE.sub(r"<code>\1</code>", escape(text)))


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or None: dictionary look-ups by a variable key in templates."""
    return mapping.get(key) if mapping else None


def _hours_minutes_seconds(seconds) -> tuple[int, int, int] | None:
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return None
    hours, rest = divmod(seconds, 3600)
    return (hours, *divmod(rest, 60))


@register.filter
def duration(seconds):
    """Seconds as "4 min 05 s" (or "1 h 02 min"), in the interface language."""
    if (parts := _hours_minutes_seconds(seconds)) is None:
        return ""
    hours, minutes, secs = parts
    if hours:
        return _("%(hours)s h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min %(seconds)02d s") % {"minutes": minutes, "seconds": secs}


@register.filter
def clock(seconds):
    """Seconds left as a countdown clock, rounded up as countdowns are: "4:05", "1:02:03"."""
    try:
        seconds = math.ceil(float(seconds))
    except (TypeError, ValueError):
        return ""
    if (parts := _hours_minutes_seconds(seconds)) is None:
        return ""
    hours, minutes, secs = parts
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def percent(share):
    """0.873 → "87%"; None (nothing to measure) → "–"."""
    if share is None or share == "":
        return "–"
    try:
        return f"{round(float(share) * 100)}%"
    except (TypeError, ValueError):
        return ""


@register.simple_tag(takes_context=True)
def when(context, value, day: bool = False):
    """A <time> in the interface language: the one date format per language (`questions.language`).

    `day=True` leaves out the time of day.
    """
    if not value:
        return ""
    lang = interface_language()
    if day or not isinstance(value, datetime):
        machine = (timezone.localtime(value).date() if isinstance(value, datetime) else value).isoformat()
        return format_html('<time datetime="{}">{}</time>', machine, format_date(value, lang))
    machine = timezone.localtime(value).replace(microsecond=0).isoformat()
    return format_html('<time datetime="{}">{}</time>', machine, format_datetime(value, lang))


@register.filter
def nest_headings(html, top):
    """Rendered HTML whose headings nest under the page's h(top - 1) (`questions.rendering`)."""
    return mark_safe(nest(str(html), int(top)))


@register.filter
def fold_sections(html):
    """Rendered outline HTML with its sections after the first folded (`questions.rendering`)."""
    return mark_safe(fold(str(html)))


@register.simple_tag
def site_url(name, *args):
    """`{% url name arg… %}`, reversed once per process (studyhub.header): for URLs of few arguments."""
    return header.site_url(name, *args)


@register.simple_tag
def head_assets():
    """base.html's stylesheets and scripts, rendered once per process (studyhub.header)."""
    return header.head_assets()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The header's navigation links for this visitor or learner and page (studyhub.header)."""
    user = context.get("user")
    match = getattr(context.get("request"), "resolver_match", None)
    return header.nav_links(bool(getattr(user, "is_authenticated", False)), getattr(match, "view_name", None))


@register.tag("fixed")
def fixed(parser, token):
    """`{% fixed name=value … %}…{% endfixed %}`: a fragment of a page's chrome (labels, buttons, the
    footer) that reads nothing but the values it names and the interface language. It is rendered once
    per process for each set of them (studyhub.header.FixedFragment), instead of on every page."""
    bits = token.split_contents()[1:]
    values = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError("{% fixed %} takes only name=value arguments")
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return header.FixedFragment(nodelist, values)
