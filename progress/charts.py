"""The dashboard's charts as inline SVG drawn on the server: no script, no chart library, no CDN.

Each `Chart` carries an SVG with a <title> and <desc> (and a <title> on every mark, which browsers show
as a tooltip) plus the same numbers as table rows, which the page offers beside the picture. Colours
are classes that studyhub.css maps to the theme's custom properties, so charts follow dark mode.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import pairwise

from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from progress.stats import (
    Dashboard,
    DayCount,
    DayRatings,
    MockScore,
    WeekRetention,
    WeekScore,
    week_start,
)
from questions.language import format_date
from study.planning import Plan
from study.scheduling import RATING_LABELS

RATING_CLASSES = tuple((f"rating-{rating}", label) for rating, label in RATING_LABELS.items())
PLAN_CLASSES = (("bar-seen", gettext_lazy("Cards already seen")), ("bar-new", gettext_lazy("New cards")))
WIDTH = 640
HEIGHT = 200
# Plot margins: room for the y-axis labels on the left and the dates below.
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 22
HEAT_CELL, HEAT_GAP = 11, 2
# How far the charts' 11 px text reaches above its baseline (capitals, Hangul) and below it ("g", "%").
TEXT_ASCENT, TEXT_DESCENT = 9, 3
POINT_RADIUS = 3
# Between a reference line and its label: more than a dot's reach, so that data on the line leaves it clear.
LABEL_GAP = POINT_RADIUS + 2


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    summary: str
    svg: SafeString
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    legend: tuple[tuple[str, str], ...] = ()
    # On a phone a chart keeps its size and scrolls sideways; a history opens at its latest end.
    opens_at_end: bool = True

    @property
    def empty(self) -> bool:
        return not self.svg

    @cached_property
    def table_html(self) -> SafeString:
        """The data table's rows as `<tr>`s, each row's first cell its header, each cell as `{{ cell }}`
        shows it. One pass in Python, once per chart: a year of days is thousands of cells, and a chart
        is reused while its data is."""

        def cells(row):
            for index, value in enumerate(row):
                tag = '<th scope="row">' if index == 0 else "<td>"
                yield f"{tag}{conditional_escape(localize(value))}{'</th>' if index == 0 else '</td>'}"

        return mark_safe("".join(f"<tr>{''.join(cells(row))}</tr>" for row in self.rows))  # cells escaped


def for_dashboard(data: Dashboard, lang: str = "en") -> dict[str, Chart]:
    """Every chart the dashboard shows, by name; days are written as `lang` writes them."""
    return {
        "heatmap": _drawn(heatmap, data.heatmap, lang),
        "ratings": _drawn(ratings, data.ratings),
        "forecast": _drawn(forecast, data.forecast),
        "plan": workload(data.plan, "plan", lang),
        "simulation": workload(data.simulation.plan, "simulation", lang) if data.simulation else None,
        "retention": _drawn(retention, data.retention, data.target_retention),
        "scores": _drawn(scores, data.scores),
        "mocks": _drawn(mock_scores, data.mocks, lang),
    }


def _drawn(draw, *args) -> Chart:
    """`draw(*args)`, drawn once for the same data and interface language: a learner's history changes
    only when they grade, so a dashboard seen again reuses its year of heatmap squares and its bars."""
    return _drawn_in(draw, args, translation.get_language())


@lru_cache(maxsize=64)
def _drawn_in(draw, args: tuple, language: str) -> Chart:
    with translation.override(language):
        return draw(*args)


def heatmap(days: Sequence[DayCount], lang: str = "en") -> Chart:
    """One square per day of the last year, darker for more reviews; weeks run left to right."""
    total = sum(day.count for day in days)
    active = [day for day in days if day.count]
    busiest = max(active, key=lambda day: day.count, default=None)
    summary = (
        ngettext(
            "%(total)s review on %(active)s of the last %(days)s days; busiest day %(day)s with %(count)s.",
            "%(total)s reviews on %(active)s of the last %(days)s days; busiest day %(day)s with %(count)s.",
            total,
        )
        % {
            "total": f"{total:,}",
            "active": len(active),
            "days": len(days),
            "day": format_date(busiest.day, lang),
            "count": f"{busiest.count:,}",
        }
        if busiest
        else _no_reviews(len(days))
    )
    months: dict[date, list[int]] = {}
    for day in days:
        month = months.setdefault(day.day.replace(day=1), [0, 0])
        month[0] += day.count > 0
        month[1] += day.count
    rows = tuple((_month(month), str(studied), f"{count:,}") for month, (studied, count) in months.items())
    columns = (_("Month"), _("Days studied"), _("Reviews"))
    title = _("Reviews per day, last 12 months")
    if not active:
        return Chart("heatmap", title, summary, mark_safe(""), columns, rows)
    start = week_start(days[0].day)
    step = HEAT_CELL + HEAT_GAP
    left, top = 30, 16
    weeks = (days[-1].day - start).days // 7 + 1
    peak = busiest.count
    parts = []
    for label, row in (
        (pgettext("weekday", "Mon"), 0),
        (pgettext("weekday", "Wed"), 2),
        (pgettext("weekday", "Fri"), 4),
    ):
        parts.append(_text(left - 4, top + row * step + HEAT_CELL - 2, label, anchor="end"))
    for day in days:
        column = (day.day - start).days // 7
        # Month names above their first week; the first month's only if a later one leaves it room.
        if day.day.day == 1 or (day is days[0] and day.day.day <= 17):
            parts.append(_text(left + column * step, top - 5, _month_name(day.day)))
        level = 0 if not day.count else min(4, math.ceil(4 * day.count / peak))
        reviews = _reviews(day.count)
        parts.append(
            _rect(
                left + column * step,
                top + day.day.weekday() * step,
                HEAT_CELL,
                HEAT_CELL,
                f"heat heat-{level}",
                f"{format_date(day.day, lang)}: {reviews}",
            )
        )
    svg = _svg("heatmap", title, summary, left + weeks * step, top + 7 * step, parts)
    levels = (pgettext("reviews", "None"), "", "", "", pgettext("reviews", "Most"))
    legend = tuple((f"heat heat-{level}", label) for level, label in enumerate(levels))
    return Chart("heatmap", title, summary, svg, columns, rows, legend)


def ratings(days: Sequence[DayRatings]) -> Chart:
    """Stacked bars: each day's reviews split by the rating given."""
    totals = [sum(getattr(day, name) for day in days) for name in ("again", "hard", "good", "easy")]
    total = sum(totals)
    title = _("Reviews per day by rating, last %(days)s days") % {"days": len(days)}
    if total:
        shares = ", ".join(
            f"{round(100 * count / total)}% {label}"
            for count, (_css, label) in zip(totals, RATING_CLASSES, strict=True)
        )
        summary = ngettext(
            "%(total)s review in the last %(days)s days: %(shares)s.",
            "%(total)s reviews in the last %(days)s days: %(shares)s.",
            total,
        ) % {
            "total": f"{total:,}",
            "days": len(days),
            "shares": shares,
        }
    else:
        summary = _no_reviews(len(days))
    rows = tuple(
        (_short(day.day), *(f"{n:,}" for n in (day.again, day.hard, day.good, day.easy, day.total)))
        for day in days
    )
    columns = (_("Day"), *(str(label) for label in RATING_LABELS.values()), _("Total"))
    svg = mark_safe("")
    if total:
        # Translated once for the chart, not for each of its segments.
        tip = _("%(day)s: %(count)s %(rating)s of %(total)s")
        classes = tuple((css, str(label)) for css, label in RATING_CLASSES)
        bars = [
            (
                day.day,
                [
                    (
                        css,
                        count,
                        tip
                        % {
                            "day": _short(day.day),
                            "count": f"{count:,}",
                            "rating": label,
                            "total": f"{day.total:,}",
                        },
                    )
                    for (css, label), count in zip(
                        classes, (day.again, day.hard, day.good, day.easy), strict=True
                    )
                ],
            )
            for day in days
        ]
        svg = _bar_chart("ratings", title, summary, bars)
    return Chart("ratings", title, summary, svg, columns, rows, RATING_CLASSES)


def forecast(days: Sequence[DayCount]) -> Chart:
    """Bars: cards coming due each day from today (overdue cards count today)."""
    total = sum(day.count for day in days)
    title = _("Cards due, next %(days)s days") % {"days": len(days)}
    summary = (
        ngettext(
            "%(total)s card due in the next %(days)s days, %(today)s of them today.",
            "%(total)s cards due in the next %(days)s days, %(today)s of them today.",
            total,
        )
        % {"total": f"{total:,}", "days": len(days), "today": f"{days[0].count:,}"}
        if total
        else _("No cards due in the next %(days)s days.") % {"days": len(days)}
    )
    rows = tuple((_short(day.day), f"{day.count:,}") for day in days)
    svg = mark_safe("")
    if total:
        tip = _("%(day)s: %(count)s due")
        bars = [
            (day.day, [("bar-due", day.count, tip % {"day": _short(day.day), "count": f"{day.count:,}"})])
            for day in days
        ]
        svg = _bar_chart("forecast", title, summary, bars)
    return Chart("forecast", title, summary, svg, (_("Day"), _("Cards due")), rows, opens_at_end=False)


def workload(plan: Plan, slug: str, lang: str = "en") -> Chart:
    """Stacked bars: the reviews the plan has for each day, of new cards and of cards already seen."""
    days = plan.days
    title = (
        _("Reviews planned per day until %(day)s") % {"day": format_date(plan.deadline.day, lang)}
        if plan.deadline
        else _("Reviews planned per day, next %(days)s days") % {"days": len(days)}
    )
    total, peak = plan.total, plan.peak
    introduced = sum(day.new_cards for day in days)
    if total:
        summary = _(
            "%(reviews)s over %(days)s days, about %(per_day)s a day; the busiest, %(day)s, has %(peak)s."
        ) % {
            "reviews": _reviews(total),
            "days": len(days),
            "per_day": f"{math.ceil(total / len(days)):,}",
            "day": format_date(peak.day, lang),
            "peak": f"{peak.answers:,}",
        }
        if introduced:
            summary += " " + ngettext(
                "%(count)s new card introduced.", "%(count)s new cards introduced.", introduced
            ) % {"count": f"{introduced:,}"}
    else:
        summary = ngettext(
            "No reviews planned in the next %(days)s day.",
            "No reviews planned in the next %(days)s days.",
            len(days),
        ) % {"days": len(days)}
    rows = tuple(
        (_short(d.day), f"{d.new_cards:,}", f"{d.new_answers:,}", f"{d.reviews:,}", f"{d.answers:,}")
        for d in days
    )
    columns = (_("Day"), _("New cards"), _("Reviews of new cards"), _("Reviews of cards seen"), _("Total"))
    svg = mark_safe("")
    if total:
        bars = [
            (
                day.day,
                [
                    (
                        "bar-seen",
                        day.reviews,
                        _("%(day)s: %(count)s of cards seen")
                        % {"day": _short(day.day), "count": f"{day.reviews:,}"},
                    ),
                    (
                        "bar-new",
                        day.new_answers,
                        _("%(day)s: %(count)s of new cards")
                        % {"day": _short(day.day), "count": f"{day.new_answers:,}"},
                    ),
                ],
            )
            for day in days
        ]
        svg = _bar_chart(slug, title, summary, bars)
    return Chart(slug, title, summary, svg, columns, rows, PLAN_CLASSES)


def retention(weeks: Sequence[WeekRetention], target: float) -> Chart:
    """Line: true retention each week (reviews of cards in review state not rated Again)."""
    reviews = sum(week.reviews for week in weeks)
    passed = sum(week.passed for week in weeks)
    title = _("True retention per week, last %(weeks)s weeks") % {"weeks": len(weeks)}
    summary = (
        ngettext(
            "%(share)s of %(reviews)s review of mature cards recalled over %(weeks)s weeks; "
            "your target is %(target)s.",
            "%(share)s of %(reviews)s reviews of mature cards recalled over %(weeks)s weeks; "
            "your target is %(target)s.",
            reviews,
        )
        % {
            "share": _percent(passed / reviews),
            "reviews": f"{reviews:,}",
            "weeks": len(weeks),
            "target": _percent(target),
        }
        if reviews
        else _("No reviews of cards in review state in the last %(weeks)s weeks.") % {"weeks": len(weeks)}
    )
    rows = tuple(
        (
            _week(week.week),
            f"{week.reviews:,}",
            f"{week.passed:,}",
            _percent(week.retention) if week.retention is not None else "–",
        )
        for week in weeks
    )
    svg = mark_safe("")
    if reviews:
        values = [week.retention for week in weeks if week.retention is not None]
        floor = min(0.5, math.floor(min([*values, target]) * 10) / 10)
        points = [
            (
                week.week,
                week.retention,
                _("%(week)s: %(share)s of %(count)s")
                % {"week": _week(week.week), "share": _percent(week.retention), "count": f"{week.reviews:,}"}
                if week.retention is not None
                else "",
            )
            for week in weeks
        ]
        svg = _line_chart(
            "retention",
            title,
            summary,
            points,
            floor,
            (target, _("Target %(share)s") % {"share": _percent(target)}),
        )
    columns = (_("Week"), _("Reviews in review state"), _("Not Again"), _("Retention"))
    return Chart("retention", title, summary, svg, columns, rows)


def scores(weeks: Sequence[WeekScore]) -> Chart:
    """Line: the mean share of key points covered by the week's written answers."""
    answers = sum(week.attempts for week in weeks)
    scored = [week for week in weeks if week.mean_score is not None]
    title = _("Answer-review scores per week, last %(weeks)s weeks") % {"weeks": len(weeks)}
    if scored:
        mean = sum(week.mean_score * week.attempts for week in scored) / sum(week.attempts for week in scored)
        summary = ngettext(
            "%(answers)s written answer in %(weeks)s weeks, covering %(share)s of the key points on average.",
            "%(answers)s written answers in %(weeks)s weeks, covering %(share)s of the key points "
            "on average.",
            answers,
        ) % {"answers": f"{answers:,}", "weeks": len(weeks), "share": _percent(mean)}
    else:
        summary = _("No written answers in the last %(weeks)s weeks.") % {"weeks": len(weeks)}
    rows = tuple(
        (
            _week(week.week),
            f"{week.attempts:,}",
            _percent(week.mean_score) if week.mean_score is not None else "–",
        )
        for week in weeks
    )
    svg = mark_safe("")
    if scored:
        points = [
            (
                week.week,
                week.mean_score,
                _("%(week)s: %(share)s over %(count)s")
                % {
                    "week": _week(week.week),
                    "share": _percent(week.mean_score),
                    "count": f"{week.attempts:,}",
                }
                if week.mean_score is not None
                else "",
            )
            for week in weeks
        ]
        svg = _line_chart("scores", title, summary, points, 0.0)
    return Chart("scores", title, summary, svg, (_("Week"), _("Answers"), _("Mean score")), rows)


def mock_scores(mocks: Sequence[MockScore], lang: str = "en") -> Chart:
    """Line: the share of key points covered in each graded mock interview, oldest first."""
    title = (
        _("Mock interview scores, latest %(count)s") % {"count": len(mocks)}
        if mocks
        else _("Mock interview scores")
    )
    if mocks:
        latest, best = mocks[-1], max(mocks, key=lambda mock: mock.score)
        summary = ngettext(
            "%(count)s graded mock: the latest covered %(latest)s of its key points, the best %(best)s.",
            "%(count)s graded mocks: the latest covered %(latest)s of its key points, the best %(best)s.",
            len(mocks),
        ) % {"count": len(mocks), "latest": _percent(latest.score), "best": _percent(best.score)}
    else:
        summary = _("No graded mock interviews yet.")
    rows = tuple(
        (
            format_date(mock.day, lang),
            mock.interview_type,
            _("%(graded)s of %(total)s") % {"graded": mock.graded, "total": mock.questions},
            _percent(mock.score),
        )
        for mock in mocks
    )
    svg = mark_safe("")
    if mocks:
        points = [
            (
                mock.day,
                mock.score,
                f"{format_date(mock.day, lang)}: {_percent(mock.score)} · {mock.interview_type}",
            )
            for mock in mocks
        ]
        svg = _line_chart("mocks", title, summary, points, 0.0)
    return Chart(
        "mocks", title, summary, svg, (_("Date"), _("Interview"), _("Questions graded"), _("Score")), rows
    )


# --- Drawing --------------------------------------------------------------------------------------


def nice_ceiling(value: float) -> int:
    """A round top for a count axis, at least `value`: 1, 2, 4, 6, 8 or 10 × 10ⁿ (halves stay whole)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 4, 6, 8, 10) if step * magnitude >= value)


def _bar_chart(slug, title, summary, bars) -> SafeString:
    """Bars (stacked when a day has several segments), with a labelled y-axis and a date every week (every
    few weeks when there are many, so that about ten dates fit)."""
    label_every = 7 * math.ceil(len(bars) / 70)
    peak = nice_ceiling(max(sum(value for _, value, _ in segments) for _, segments in bars))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(bars)
    parts = _y_axis(
        peak, plot_height, lambda value: f"{value:,.0f}", steps=(0, 0.5, 1) if peak > 1 else (0, 1)
    )
    for index, (day, segments) in enumerate(bars):
        x = LEFT + index * slot + slot * 0.15
        base = TOP + plot_height
        for css, value, tip in segments:
            if value:
                height = plot_height * value / peak
                base -= height
                parts.append(_rect(x, base, slot * 0.7, height, css, tip))
        if index % label_every == 0:
            parts.append(_x_label(x + slot * 0.35, _short(day)))
    return _svg(slug, title, summary, WIDTH, HEIGHT, parts)


def _line_chart(slug, title, summary, points, floor: float, reference=None) -> SafeString:
    """A share per slot (a week, a mock) between `floor` and 100%: dots joined where consecutive
    slots have a value."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(points)

    def y(value):
        return TOP + plot_height * (1 - (value - floor) / (1 - floor))

    parts = _y_axis(1 - floor, plot_height, lambda value: _percent(floor + value), steps=(0, 0.5, 1))
    runs, run = [], []
    for index, (day, value, _tip) in enumerate(points):
        if value is None:
            runs.append(run)
            run = []
        else:
            run.append((LEFT + (index + 0.5) * slot, y(value)))
        if index % 4 == 0:
            parts.append(_x_label(LEFT + (index + 0.5) * slot, _short(day)))
    runs.append(run)
    if reference is not None:
        value, label = reference
        parts.append(_hline("chart-reference", y(value)))
        parts.append(_reference_label(label, y(value), runs))
    for run in runs:
        if len(run) > 1:
            coordinates = " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in run)
            parts.append(f'<polyline class="chart-line" points="{coordinates}"/>')
    for index, (_day, value, tip) in enumerate(points):
        if value is not None:
            x = LEFT + (index + 0.5) * slot
            parts.append(f'<circle class="chart-point" cx="{x:.1f}" cy="{y(value):.1f}" r="{POINT_RADIUS}">')
            parts.append(f"<title>{_escape(tip)}</title></circle>")
    return _svg(slug, title, summary, WIDTH, HEIGHT, parts)


def _reference_label(label: str, line_y: float, runs: list[list[tuple[float, float]]]) -> str:
    """The reference line's label, where the data line leaves it readable: at the plot's right end or its
    left, above the reference line or below it, inside the plot; above at the right if nowhere is clear."""
    width = _text_width(label)
    places = [
        (x, anchor, baseline)
        for x, anchor in ((WIDTH - RIGHT - 2, "end"), (LEFT + 4, "start"))
        for baseline in (line_y - TEXT_DESCENT - LABEL_GAP, line_y + TEXT_ASCENT + LABEL_GAP)
    ]
    for x, anchor, baseline in places:
        left = x - width if anchor == "end" else x
        top, bottom = baseline - TEXT_ASCENT, baseline + TEXT_DESCENT
        if top >= 0 and bottom <= HEIGHT - BOTTOM and not _crosses(runs, left, left + width, top, bottom):
            return _text(x, baseline, label, anchor)
    x, anchor, baseline = places[0]
    return _text(x, baseline, label, anchor)


def _crosses(
    runs: list[list[tuple[float, float]]], left: float, right: float, top: float, bottom: float
) -> bool:
    """Whether the data line or one of its dots enters the box."""
    reach = POINT_RADIUS + 1  # a dot just beside the box still touches the text
    left, right, top, bottom = left - reach, right + reach, top - reach, bottom + reach
    for run in runs:
        # Each segment, and each dot as a segment of no length.
        for (x1, y1), (x2, y2) in [*pairwise(run), *((point, point) for point in run)]:
            start, end = max(left, x1), min(right, x2)
            if start > end:
                continue
            slope = (y2 - y1) / (x2 - x1) if x2 > x1 else 0
            ys = (y1 + slope * (start - x1), y1 + slope * (end - x1))
            if min(ys) <= bottom and max(ys) >= top:
                return True
    return False


def _y_axis(peak, plot_height, label, steps) -> list[str]:
    parts = []
    for share in steps:
        y = TOP + plot_height * (1 - share)
        parts.append(_hline("chart-grid", y))
        parts.append(_text(LEFT - 6, y + 3.5, label(peak * share), anchor="end"))
    return parts


def _svg(slug: str, title: str, summary: str, width: float, height: float, parts: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart-svg" viewBox="0 0 {width:.0f} {height:.0f}" style="min-width: {width:.0f}px" '
        f'role="img" '
        f'aria-labelledby="{slug}-svg-title {slug}-svg-desc">'
        f'<title id="{slug}-svg-title">{_escape(title)}</title>'
        f'<desc id="{slug}-svg-desc">{_escape(summary)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _escape(text) -> str:
    """Django's `escape` without its lazy-string and safe-string wrapping: a year of heatmap squares
    escapes a tooltip each."""
    return html.escape(str(text))


def _hline(css: str, y: float) -> str:
    return f'<line class="{css}" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'


def _rect(x, y, width, height, css, tip) -> str:
    return (
        f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}">'
        f"<title>{_escape(tip)}</title></rect>"
    )


def _x_label(x: float, text: str) -> str:
    """A label under the x-axis, centred on `x` but kept inside the picture: a Korean date ("12월 19일")
    under the last bar would otherwise be cut off at the right edge."""
    half = _text_width(text) / 2
    if x + half > WIDTH:
        return _text(WIDTH - 1, HEIGHT - 6, text, anchor="end")
    if x - half < 0:
        return _text(1, HEIGHT - 6, text)
    return _text(x, HEIGHT - 6, text, anchor="middle")


def _text_width(text: str) -> float:
    """About how wide `text` is at the charts' 11 px: Hangul is twice as wide as Latin letters."""
    return sum(11 if ord(char) >= 0x1100 else 6.5 for char in text)


def _text(x, y, text, anchor="start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{_escape(text)}</text>'


# Month names of the interface language, whatever the server's locale (strftime would follow it).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _korean() -> bool:
    return translation.get_language() == "ko"


def _month_name(day: date) -> str:
    return f"{day.month}월" if _korean() else _MONTHS[day.month - 1]


def _month(day: date) -> str:
    return f"{day.year}년 {day.month}월" if _korean() else f"{_MONTHS[day.month - 1]} {day.year}"


def _short(day: date) -> str:
    return f"{day.month}월 {day.day}일" if _korean() else f"{_MONTHS[day.month - 1]} {day.day}"


def _week(day: date) -> str:
    return _("Week of %(day)s") % {"day": _short(day)}


def _reviews(count: int) -> str:
    return _reviews_in(count, translation.get_language())


@lru_cache(maxsize=1024)
def _reviews_in(count: int, language: str) -> str:
    """A count of reviews in words, once per count and language: the heatmap says one for every day."""
    with translation.override(language):
        return ngettext("%(count)s review", "%(count)s reviews", count) % {"count": f"{count:,}"}


def _no_reviews(days: int) -> str:
    return _("No reviews in the last %(days)s days.") % {"days": days}


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"
