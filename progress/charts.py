"""The dashboard's charts as inline SVG drawn on the server: no script, no chart library, no CDN.

Each `Chart` carries an SVG with a <title> and <desc> (and a <title> on every mark, which browsers show
as a tooltip) plus the same numbers as table rows, which the page offers beside the picture. Colours
are classes that studyhub.css maps to the theme's custom properties, so charts follow dark mode.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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

RATING_CLASSES = (("rating-1", "Again"), ("rating-2", "Hard"), ("rating-3", "Good"), ("rating-4", "Easy"))
PLAN_CLASSES = (("bar-seen", "Cards already seen"), ("bar-new", "New cards"))
WIDTH = 640
HEIGHT = 200
# Plot margins: room for the y-axis labels on the left and the dates below.
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 22
HEAT_CELL, HEAT_GAP = 11, 2


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


def for_dashboard(data: Dashboard, lang: str = "en") -> dict[str, Chart]:
    """Every chart the dashboard shows, by name; days are written as `lang` writes them."""
    return {
        "heatmap": heatmap(data.heatmap, lang),
        "ratings": ratings(data.ratings),
        "forecast": forecast(data.forecast),
        "plan": workload(data.plan, "plan", lang),
        "simulation": workload(data.simulation.plan, "simulation", lang) if data.simulation else None,
        "retention": retention(data.retention, data.target_retention),
        "scores": scores(data.scores),
        "mocks": mock_scores(data.mocks, lang),
    }


def heatmap(days: Sequence[DayCount], lang: str = "en") -> Chart:
    """One square per day of the last year, darker for more reviews; weeks run left to right."""
    total = sum(day.count for day in days)
    active = [day for day in days if day.count]
    busiest = max(active, key=lambda day: day.count, default=None)
    summary = (
        f"{total:,} reviews on {len(active)} of the last {len(days)} days; "
        f"busiest day {format_date(busiest.day, lang)} with {busiest.count:,}."
        if busiest
        else f"No reviews in the last {len(days)} days."
    )
    months: dict[date, list[int]] = {}
    for day in days:
        month = months.setdefault(day.day.replace(day=1), [0, 0])
        month[0] += day.count > 0
        month[1] += day.count
    rows = tuple(
        (f"{_MONTHS[month.month - 1]} {month.year}", str(studied), f"{count:,}")
        for month, (studied, count) in months.items()
    )
    columns = ("Month", "Days studied", "Reviews")
    if not active:
        return Chart("heatmap", "Reviews per day, last 12 months", summary, mark_safe(""), columns, rows)
    start = week_start(days[0].day)
    step = HEAT_CELL + HEAT_GAP
    left, top = 30, 16
    weeks = (days[-1].day - start).days // 7 + 1
    peak = busiest.count
    parts = []
    for label, row in (("Mon", 0), ("Wed", 2), ("Fri", 4)):
        parts.append(_text(left - 4, top + row * step + HEAT_CELL - 2, label, anchor="end"))
    for day in days:
        column = (day.day - start).days // 7
        # Month names above their first week; the first month's only if a later one leaves it room.
        if day.day.day == 1 or (day is days[0] and day.day.day <= 17):
            parts.append(_text(left + column * step, top - 5, _MONTHS[day.day.month - 1]))
        level = 0 if not day.count else min(4, math.ceil(4 * day.count / peak))
        reviews = f"{day.count:,} review{'s' if day.count != 1 else ''}"
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
    svg = _svg(
        "heatmap", "Reviews per day, last 12 months", summary, left + weeks * step, top + 7 * step, parts
    )
    legend = tuple((f"heat heat-{level}", label) for level, label in enumerate(("None", "", "", "", "Most")))
    return Chart("heatmap", "Reviews per day, last 12 months", summary, svg, columns, rows, legend)


def ratings(days: Sequence[DayRatings]) -> Chart:
    """Stacked bars: each day's reviews split by the rating given."""
    totals = [sum(getattr(day, name) for day in days) for name in ("again", "hard", "good", "easy")]
    total = sum(totals)
    title = f"Reviews per day by rating, last {len(days)} days"
    if total:
        shares = ", ".join(
            f"{round(100 * count / total)}% {label}"
            for count, (_, label) in zip(totals, RATING_CLASSES, strict=True)
        )
        summary = f"{total:,} reviews in the last {len(days)} days: {shares}."
    else:
        summary = f"No reviews in the last {len(days)} days."
    rows = tuple(
        (_short(day.day), *(f"{n:,}" for n in (day.again, day.hard, day.good, day.easy, day.total)))
        for day in days
    )
    columns = ("Day", "Again", "Hard", "Good", "Easy", "Total")
    svg = mark_safe("")
    if total:
        bars = [
            (
                day.day,
                [
                    (css, count, f"{_short(day.day)}: {count:,} {label} of {day.total:,}")
                    for (css, label), count in zip(
                        RATING_CLASSES, (day.again, day.hard, day.good, day.easy), strict=True
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
    title = f"Cards due, next {len(days)} days"
    summary = (
        f"{total:,} card{'s' if total != 1 else ''} due in the next {len(days)} days, "
        f"{days[0].count:,} of them today."
        if total
        else f"No cards due in the next {len(days)} days."
    )
    rows = tuple((_short(day.day), f"{day.count:,}") for day in days)
    svg = mark_safe("")
    if total:
        bars = [(day.day, [("bar-due", day.count, f"{_short(day.day)}: {day.count:,} due")]) for day in days]
        svg = _bar_chart("forecast", title, summary, bars)
    return Chart("forecast", title, summary, svg, ("Day", "Cards due"), rows, opens_at_end=False)


def workload(plan: Plan, slug: str, lang: str = "en") -> Chart:
    """Stacked bars: the reviews the plan has for each day, of new cards and of cards already seen."""
    days = plan.days
    title = (
        f"Reviews planned per day until {format_date(plan.deadline.day, lang)}"
        if plan.deadline
        else f"Reviews planned per day, next {len(days)} days"
    )
    total, peak = plan.total, plan.peak
    introduced = sum(day.new_cards for day in days)
    span = _count(len(days), "day")
    if total:
        summary = (
            f"{_count(total, 'review')} over {span}, about {math.ceil(total / len(days)):,} a day; "
            f"the busiest, {format_date(peak.day, lang)}, has {peak.answers:,}"
            + (f"; {_count(introduced, 'new card')} introduced." if introduced else ".")
        )
    else:
        summary = f"No reviews planned in the next {span}."
    rows = tuple(
        (_short(d.day), f"{d.new_cards:,}", f"{d.new_answers:,}", f"{d.reviews:,}", f"{d.answers:,}")
        for d in days
    )
    columns = ("Day", "New cards", "Reviews of new cards", "Reviews of cards seen", "Total")
    svg = mark_safe("")
    if total:
        bars = [
            (
                day.day,
                [
                    ("bar-seen", day.reviews, f"{_short(day.day)}: {day.reviews:,} of cards seen"),
                    ("bar-new", day.new_answers, f"{_short(day.day)}: {day.new_answers:,} of new cards"),
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
    title = f"True retention per week, last {len(weeks)} weeks"
    summary = (
        f"{_percent(passed / reviews)} of {reviews:,} reviews of mature cards recalled "
        f"over {len(weeks)} weeks; your target is {_percent(target)}."
        if reviews
        else f"No reviews of cards in review state in the last {len(weeks)} weeks."
    )
    rows = tuple(
        (
            f"Week of {_short(week.week)}",
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
                f"Week of {_short(week.week)}: {_percent(week.retention)} of {week.reviews:,}"
                if week.retention is not None
                else "",
            )
            for week in weeks
        ]
        svg = _line_chart("retention", title, summary, points, floor, (target, f"Target {_percent(target)}"))
    return Chart(
        "retention", title, summary, svg, ("Week", "Reviews in review state", "Not Again", "Retention"), rows
    )


def scores(weeks: Sequence[WeekScore]) -> Chart:
    """Line: the mean share of key points covered by the week's written answers."""
    answers = sum(week.attempts for week in weeks)
    scored = [week for week in weeks if week.mean_score is not None]
    title = f"Answer-review scores per week, last {len(weeks)} weeks"
    if scored:
        mean = sum(week.mean_score * week.attempts for week in scored) / sum(week.attempts for week in scored)
        summary = (
            f"{answers:,} written answer{'s' if answers != 1 else ''} in {len(weeks)} weeks, "
            f"covering {_percent(mean)} of the key points on average."
        )
    else:
        summary = f"No written answers in the last {len(weeks)} weeks."
    rows = tuple(
        (
            f"Week of {_short(week.week)}",
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
                f"Week of {_short(week.week)}: {_percent(week.mean_score)} over {week.attempts:,}"
                if week.mean_score is not None
                else "",
            )
            for week in weeks
        ]
        svg = _line_chart("scores", title, summary, points, 0.0)
    return Chart("scores", title, summary, svg, ("Week", "Answers", "Mean score"), rows)


def mock_scores(mocks: Sequence[MockScore], lang: str = "en") -> Chart:
    """Line: the share of key points covered in each graded mock interview, oldest first."""
    title = f"Mock interview scores, latest {len(mocks)}" if mocks else "Mock interview scores"
    if mocks:
        latest, best = mocks[-1], max(mocks, key=lambda mock: mock.score)
        summary = (
            f"{len(mocks)} graded mock{'s' if len(mocks) != 1 else ''}: the latest covered "
            f"{_percent(latest.score)} of its key points, the best {_percent(best.score)}."
        )
    else:
        summary = "No graded mock interviews yet."
    rows = tuple(
        (
            format_date(mock.day, lang),
            mock.interview_type,
            f"{mock.graded} of {mock.questions}",
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
    return Chart("mocks", title, summary, svg, ("Date", "Interview", "Questions graded", "Score"), rows)


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
            parts.append(_text(x + slot * 0.35, HEIGHT - 6, _short(day), anchor="middle"))
    return _svg(slug, title, summary, WIDTH, HEIGHT, parts)


def _line_chart(slug, title, summary, points, floor: float, reference=None) -> SafeString:
    """A share per slot (a week, a mock) between `floor` and 100%: dots joined where consecutive
    slots have a value."""
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(points)

    def y(value):
        return TOP + plot_height * (1 - (value - floor) / (1 - floor))

    parts = _y_axis(1 - floor, plot_height, lambda value: _percent(floor + value), steps=(0, 0.5, 1))
    if reference is not None:
        value, label = reference
        parts.append(_hline("chart-reference", y(value)))
        parts.append(_text(WIDTH - RIGHT - 2, y(value) - 4, label, anchor="end"))
    runs, run = [], []
    for index, (day, value, _) in enumerate(points):
        if value is None:
            runs.append(run)
            run = []
        else:
            run.append((LEFT + (index + 0.5) * slot, y(value)))
        if index % 4 == 0:
            parts.append(_text(LEFT + (index + 0.5) * slot, HEIGHT - 6, _short(day), anchor="middle"))
    runs.append(run)
    for run in runs:
        if len(run) > 1:
            coordinates = " ".join(f"{x:.1f},{y_:.1f}" for x, y_ in run)
            parts.append(f'<polyline class="chart-line" points="{coordinates}"/>')
    for index, (_, value, tip) in enumerate(points):
        if value is not None:
            x = LEFT + (index + 0.5) * slot
            parts.append(f'<circle class="chart-point" cx="{x:.1f}" cy="{y(value):.1f}" r="3">')
            parts.append(f"<title>{escape(tip)}</title></circle>")
    return _svg(slug, title, summary, WIDTH, HEIGHT, parts)


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
        f'<title id="{slug}-svg-title">{escape(title)}</title>'
        f'<desc id="{slug}-svg-desc">{escape(summary)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _hline(css: str, y: float) -> str:
    return f'<line class="{css}" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'


def _rect(x, y, width, height, css, tip) -> str:
    return (
        f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _text(x, y, text, anchor="start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


# English names whatever the server's locale (strftime would follow it), and faster than strftime.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'s' if number != 1 else ''}"


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"
