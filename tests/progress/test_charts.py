import re
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from progress import charts
from progress.stats import DayCount, DayRatings, MockScore, WeekRetention, WeekScore
from study.planning import Deadline, Limits, Plan, PlanDay

TODAY = date(2026, 3, 10)


def days_back(count):
    return [TODAY - timedelta(days=count - 1 - index) for index in range(count)]


def assert_accessible(chart):
    svg = str(chart.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert f'aria-labelledby="{chart.slug}-svg-title {chart.slug}-svg-desc"' in svg
    assert f'<title id="{chart.slug}-svg-title">' in svg and f'<desc id="{chart.slug}-svg-desc">' in svg
    assert "<script" not in svg and "http" not in svg.replace('"http://www.w3.org', "")


def test_heatmap_draws_a_titled_square_per_day_shaded_by_count():
    counts = [DayCount(day, index % 5) for index, day in enumerate(days_back(365))]
    chart = charts.heatmap(counts)
    assert_accessible(chart)
    svg = str(chart.svg)
    assert svg.count('<rect class="heat heat-') == 365
    assert svg.count('class="heat heat-0"') == 73  # every fifth day has no review
    assert svg.count('class="heat heat-4"') == 73
    assert "<title>10 Mar 2026: 4 reviews</title>" in svg
    assert "<title>9 Mar 2026: 3 reviews</title>" in svg
    assert "<title>2026년 3월 10일: 4 reviews</title>" in str(charts.heatmap(counts, "ko").svg)
    assert chart.rows[-1] == ("Mar 2026", "8", "20")  # Mar 1–10: two days off
    assert chart.summary.startswith(f"{sum(d.count for d in counts):,} reviews on 292 of the last 365 days")
    first_day = charts.heatmap([DayCount(day, int(index == 6)) for index, day in enumerate(days_back(7))])
    assert first_day.summary.startswith("1 review on 1 of the last 7 days")


def test_heatmap_weeks_are_columns_and_weekdays_rows():
    chart = charts.heatmap([DayCount(day, 1) for day in days_back(14)])
    positions = re.findall(r'<rect class="heat heat-\d" x="([\d.]+)" y="([\d.]+)"', str(chart.svg))
    mondays = [positions[i] for i, day in enumerate(days_back(14)) if day.weekday() == 0]
    assert len({y for _, y in mondays}) == 1  # Mondays share a row
    assert len({x for x, _ in mondays}) == len(mondays)  # one per column


def test_an_empty_history_gives_a_sentence_not_a_picture():
    chart = charts.heatmap([DayCount(day, 0) for day in days_back(365)])
    assert chart.empty and chart.summary == "No reviews in the last 365 days."
    assert charts.ratings([DayRatings(day) for day in days_back(30)]).empty
    assert charts.forecast([DayCount(day, 0) for day in days_back(30)]).empty
    assert charts.retention([WeekRetention(TODAY, 0, 0)], 0.9).empty
    assert charts.scores([WeekScore(TODAY, 0, None)]).empty


def test_ratings_stack_one_bar_segment_per_rating_in_theme_colours():
    days = [DayRatings(day, again=1, hard=0, good=6, easy=3) for day in days_back(30)]
    chart = charts.ratings(days)
    assert_accessible(chart)
    svg = str(chart.svg)
    for css, count in (("rating-1", 30), ("rating-2", 0), ("rating-3", 30), ("rating-4", 30)):
        assert svg.count(f'class="{css}"') == count
    assert "<title>Mar 10: 6 Good of 10</title>" in svg
    assert chart.summary == "300 reviews in the last 30 days: 10% Again, 0% Hard, 60% Good, 30% Easy."
    assert chart.rows[-1] == ("Mar 10", "1", "0", "6", "3", "10")
    assert chart.legend == charts.RATING_CLASSES


def test_a_single_card_axis_has_no_half_card_label():
    svg = str(charts.forecast([DayCount(TODAY, 1)]).svg)
    assert re.findall(r">(\d+)</text>", svg) == ["0", "1"]


def test_bars_are_scaled_to_a_round_axis_top():
    chart = charts.forecast([DayCount(day, 7 if day == TODAY else 0) for day in days_back(30)])
    svg = str(chart.svg)
    assert ">8</text>" in svg and ">4</text>" in svg  # 7 → an axis up to 8
    height = float(
        re.search(r'class="bar-due" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', svg)[1]
    )
    plot = charts.HEIGHT - charts.TOP - charts.BOTTOM
    assert height == pytest.approx(plot * 7 / 8, abs=0.1)
    assert chart.summary == "7 cards due in the next 30 days, 0 of them today."


@pytest.mark.parametrize(
    ("value", "ceiling"), [(0, 1), (1, 1), (3, 4), (5, 6), (7, 8), (9, 10), (11, 20), (250, 400), (580, 600)]
)
def test_nice_ceiling(value, ceiling):
    assert charts.nice_ceiling(value) == ceiling


def test_retention_line_breaks_at_weeks_without_reviews_and_shows_the_target():
    weeks = [
        WeekRetention(TODAY - timedelta(weeks=3), 10, 9),
        WeekRetention(TODAY - timedelta(weeks=2), 20, 19),
        WeekRetention(TODAY - timedelta(weeks=1), 0, 0),
        WeekRetention(TODAY, 10, 8),
    ]
    chart = charts.retention(weeks, 0.9)
    assert_accessible(chart)
    svg = str(chart.svg)
    assert svg.count("<polyline") == 1  # the lone last week is a dot, not joined across the gap
    assert svg.count('<circle class="chart-point"') == 3
    assert 'class="chart-reference"' in svg and ">Target 90%</text>" in svg
    assert chart.summary == "90% of 40 reviews of mature cards recalled over 4 weeks; your target is 90%."
    assert chart.rows[2] == ("Week of Mar 3", "0", "0", "–")


@pytest.mark.parametrize("passed", [44, 45, 46, 47, 48])  # 88% to 96%, around the 90% target
def test_the_target_label_keeps_clear_of_a_retention_line_near_the_target(passed):
    weeks = [WeekRetention(TODAY - timedelta(weeks=11 - index), 50, passed) for index in range(12)]
    svg = str(charts.retention(weeks, 0.9).svg)
    x, y, anchor = re.search(
        r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">Target 90%</text>', svg
    ).groups()
    dots = {float(cy) for cy in re.findall(r'<circle class="chart-point" cx="[\d.]+" cy="([\d.]+)"', svg)}
    assert len(dots) == 1  # every week the same: the line is level, under the label too
    line_y = dots.pop()
    # The label's text, from its capitals to its "g", and the dots' radius around the line.
    top, bottom = float(y) - 9, float(y) + 3
    assert bottom < line_y - 3 or top > line_y + 3, (y, line_y)
    width = 6.5 * len("Target 90%")
    left = float(x) - width if anchor == "end" else float(x)
    assert left >= 0 and left + width <= charts.WIDTH and top >= 0 and bottom <= charts.HEIGHT


def test_scores_chart_shows_the_mean_share_of_key_points():
    chart = charts.scores([WeekScore(TODAY - timedelta(weeks=1), 3, 0.5), WeekScore(TODAY, 1, 1.0)])
    assert_accessible(chart)
    assert chart.summary == "4 written answers in 2 weeks, covering 62% of the key points on average."
    assert chart.rows == (("Week of Mar 3", "3", "50%"), ("Week of Mar 10", "1", "100%"))


def test_text_in_charts_is_escaped():
    chart = charts.scores([WeekScore(TODAY, 1, 0.5)])
    assert "<title>Week of Mar 10: 50% over 1</title>" in str(chart.svg)
    assert charts._text(0, 0, "<b>&") == '<text x="0.0" y="0.0" text-anchor="start">&lt;b&gt;&amp;</text>'


def test_mock_scores_chart_draws_a_point_per_mock_with_its_numbers():
    mocks = [
        MockScore(TODAY - timedelta(days=9), "ML fundamentals", 3, 3, 0.5),
        MockScore(TODAY - timedelta(days=2), "Mixed", 2, 5, 0.25),
        MockScore(TODAY, "ML fundamentals", 4, 4, 0.8),
    ]
    chart = charts.mock_scores(mocks)
    assert_accessible(chart)
    svg = str(chart.svg)
    assert svg.count('<circle class="chart-point"') == 3 and svg.count("<polyline") == 1
    assert "<title>10 Mar 2026: 80% · ML fundamentals</title>" in svg
    assert chart.summary == "3 graded mocks: the latest covered 80% of its key points, the best 80%."
    assert chart.rows[1] == ("8 Mar 2026", "Mixed", "2 of 5", "25%")


def test_no_graded_mock_gives_a_sentence_not_a_picture():
    chart = charts.mock_scores([])
    assert chart.empty and chart.summary == "No graded mock interviews yet." and chart.rows == ()


def plan_of(days, deadline=None):
    return Plan(Limits(), deadline, tuple(days), frozenset(), {}, {}, 0)


def test_the_workload_chart_stacks_new_cards_on_cards_seen_each_day():
    days = [
        PlanDay(day, new_cards=2 if day == TODAY else 0, new_answers=4 if day == TODAY else 0, reviews=3)
        for day in days_back(30)[::-1]
    ]
    interview = Deadline.of(TODAY + timedelta(days=30), "UTC", 0.9)
    chart = charts.workload(plan_of(sorted(days, key=lambda d: d.day), interview), "plan")
    assert_accessible(chart)
    svg = str(chart.svg)
    assert svg.count('class="bar-seen"') == 30 and svg.count('class="bar-new"') == 1
    assert chart.title == "Reviews planned per day until 9 Apr 2026"
    assert chart.summary.startswith("94 reviews over 30 days, about 4 a day; the busiest, 10 Mar 2026, has 7")
    assert chart.summary.endswith(". 2 new cards introduced.")
    assert chart.rows[-1] == ("Mar 10", "2", "4", "3", "7")
    assert chart.legend == charts.PLAN_CLASSES


def test_a_long_plan_dates_every_few_weeks():
    days = [PlanDay(TODAY + timedelta(days=index), reviews=1) for index in range(300)]
    svg = str(charts.workload(plan_of(days), "plan").svg)
    assert len(re.findall(r'text-anchor="middle">[A-Z][a-z]{2} \d+</text>', svg)) == 9  # every 5 weeks


def test_a_plan_with_nothing_to_do_draws_no_chart():
    chart = charts.workload(plan_of([PlanDay(TODAY)]), "plan")
    assert chart.empty and chart.summary == "No reviews planned in the next 1 day."


def test_a_charts_data_table_writes_what_two_template_loops_wrote_escaping_every_cell():
    rows = (("Mon 3", 1234, 0.25), ("<b>week</b>", None, mark_safe("<em>safe</em>")), ("only a header",), ())
    loops = Template(
        '{% for row in rows %}<tr>{% for cell in row %}{% if forloop.first %}<th scope="row">{{ cell }}</th>'
        "{% else %}<td>{{ cell }}</td>{% endif %}{% endfor %}</tr>{% endfor %}"
    )
    expected = loops.render(Context({"rows": rows}))
    chart = charts.Chart("t", "title", "summary", mark_safe(""), ("a", "b", "c"), rows)
    assert chart.table_html == expected
    assert "&lt;b&gt;week&lt;/b&gt;" in expected and "<em>safe</em>" in expected
    assert "<td>1234</td>" in expected


def test_a_chart_drawn_again_for_the_same_data_and_language_is_reused_and_follows_the_language():
    days = tuple(DayCount(date(2026, 1, 1) + timedelta(days=n), n % 3) for n in range(120))
    first = charts._drawn(charts.heatmap, days, "en")
    assert charts._drawn(charts.heatmap, tuple(days), "en") is first
    with translation.override("ko"):
        korean = charts._drawn(charts.heatmap, days, "en")
    assert korean is not first and korean.title == "일별 복습 수, 최근 12개월" and "Reviews" in first.title
    assert charts._drawn(charts.heatmap, days[1:], "en").summary != first.summary


@pytest.mark.parametrize("count", [7, 14, 29, 30, 31, 60])
def test_the_dates_under_the_bars_stay_inside_the_picture_in_korean_too(count):
    counts = [DayCount(day, 1 + index % 3) for index, day in enumerate(days_back(count))]
    with translation.override("ko"):
        svg = str(charts.forecast(counts).svg)
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)">(\d+월 \d+일)</text>', svg)
    assert labels
    for x, anchor, text in labels:
        width = 11 * sum(1 for char in text if ord(char) >= 0x1100) + 6.5 * sum(
            1 for char in text if ord(char) < 0x1100
        )
        left = {"start": float(x), "middle": float(x) - width / 2, "end": float(x) - width}[anchor]
        assert left >= 0 and left + width <= charts.WIDTH, (text, x, anchor)


def test_a_single_review_is_said_in_the_singular():
    month = [DayRatings(day, good=int(index == 29)) for index, day in enumerate(days_back(30))]
    assert charts.ratings(month).summary.startswith("1 review in the last 30 days: ")
    weeks = [
        WeekRetention(date(2026, 3, 9) - timedelta(weeks=index), int(index == 0), int(index == 0))
        for index in range(26)
    ]
    assert charts.retention(weeks, 0.9).summary.startswith("100% of 1 review of mature cards recalled over")
    with translation.override("ko"):
        assert charts.ratings(month).summary.startswith("최근 30일 동안 복습 1회: ")
