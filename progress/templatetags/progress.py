from django import template

register = template.Library()


@register.filter
def percent(share):
    """0.873 → "87%"; None (nothing to measure) → "–"."""
    if share is None or share == "":
        return "–"
    return f"{100 * float(share):.0f}%"
