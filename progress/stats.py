"""Dashboard numbers: today, streaks, mastery, readiness for an interview date, and the chart series.

Plain functions over aggregate queries; no requests, no templates. Days and weeks are the learner's
(`StudySettings.time_zone`). Reviews are counted per bucket between the UTC instants of local
midnights, which Python computes and sends with the query, so the database only seeks ranges of its
(user, reviewed_at) index: daylight-saving days and half-hour zones come out exact on SQLite and
PostgreSQL alike, with no time-zone conversion per row.

The number of queries never depends on the history's size: one for the cards, one per series, one or
two for the streaks (the heatmap's year gives its study days; older days are probed only if there are
reviews before it), one for the weak key points, one for the mock scores; and two small ones for the
newest review before today and today's reviews.
The series over the history are kept per process until it changes (`history`): the dashboard shown again
costs the cards and the mock scores; after studying, the days before today are kept and today is counted.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Min

from mocks.models import Mock
from questions.models import Chapter
from study import planning, scheduling
from study.cards import CardSnapshot, LearnerCard, TodayCounts, read_cards
from study.models import Attempt, ReviewLog
from study.planning import Limits, Plan, Reach
from study.queue import order_queue
from study.scheduling import AGAIN, NEW, REVIEW, CardFields
from study.weak_points import WeakPoint, weak_key_points
from studyhub.database import prepared_cursor

HEATMAP_DAYS = 365
RECENT_DAYS = 30
FORECAST_DAYS = 30
WEEKS = 26
WEAKEST = 5
MOCKS_CHARTED = 20
# The streak looks this far back at most (the query sends one bucket per day).
MAX_HISTORY_DAYS = 20 * 366


@dataclass(frozen=True)
class Today:
    due: int
    new_left: int
    reviewed: int
    duration_ms: int
    current_streak: int
    longest_streak: int
    studied_today: bool

    @property
    def minutes(self) -> int:
        return round(self.duration_ms / 60000)


@dataclass(frozen=True)
class Mastery:
    """Cards of one chapter (or interview type): how many are in review, mean recall now, never seen."""

    number: str
    title_ko: str
    title_en: str
    cards: int
    seen: int
    in_review: int
    mean_recall: float | None

    @property
    def never_seen(self) -> int:
        return self.cards - self.seen

    @property
    def review_share(self) -> float:
        return self.in_review / self.cards if self.cards else 0.0


@dataclass(frozen=True)
class ChapterReadiness:
    number: str
    title_ko: str
    title_en: str
    cards: int
    recall: float  # mean predicted recall on the day, following the plan
    recall_if_stopped: float  # …with no more study from now
    reviews_needed: int  # answers the plan asks for until the day


@dataclass(frozen=True)
class Readiness:
    """Predicted recall on the interview day, following the plan and with no more study, and the plan's
    answers until then. Suspended cards are not planned: they count as they stand."""

    interview_date: date
    days_left: int
    target: float
    recall: float
    recall_if_stopped: float
    reviews_needed: int
    below_target: int  # planned cards the plan leaves below the target
    not_introduced: int  # new cards the new-card limit leaves unseen on the day
    suspended: int
    chapters: tuple[ChapterReadiness, ...]
    passed: bool = False
    reach: Reach | None = None  # what would reach the target, when the plan does not

    @property
    def cards(self) -> int:
        """The cards counted: every published card of the deck."""
        return sum(chapter.cards for chapter in self.chapters)

    @property
    def on_track(self) -> bool:
        """Following the plan, every card reaches the target on the day."""
        return not self.passed and not self.below_target

    @property
    def per_day(self) -> int:
        """Answers a day until the interview (all of them today if it is today)."""
        return math.ceil(self.reviews_needed / max(1, self.days_left))


@dataclass(frozen=True)
class Outlook:
    """The plan under some limits (the learner's own, or the simulator's) and, with an interview date,
    what it means for the day."""

    limits: Limits
    plan: Plan
    readiness: Readiness | None


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class DayRatings:
    day: date
    again: int = 0
    hard: int = 0
    good: int = 0
    easy: int = 0

    @property
    def total(self) -> int:
        return self.again + self.hard + self.good + self.easy


@dataclass(frozen=True)
class WeekRetention:
    week: date
    reviews: int
    passed: int

    @property
    def retention(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class WeekScore:
    week: date
    attempts: int
    mean_score: float | None


@dataclass(frozen=True)
class MockScore:
    """A finished mock with graded answers: when, what kind, and the share of key points covered."""

    day: date
    interview_type: str
    graded: int
    questions: int
    score: float


@dataclass(frozen=True)
class WeakQuestion:
    number: str
    title_ko: str
    title_en: str
    recall: float
    lapses: int
    reps: int


@dataclass(frozen=True)
class Dashboard:
    today: Today
    chapters: tuple[Mastery, ...]
    kinds: tuple[Mastery, ...]
    outlook: Outlook  # the learner's plan, and readiness for their interview
    heatmap: tuple[DayCount, ...]
    ratings: tuple[DayRatings, ...]
    forecast: tuple[DayCount, ...]
    retention: tuple[WeekRetention, ...]
    scores: tuple[WeekScore, ...]
    lowest_recall: tuple[WeakQuestion, ...]
    most_lapses: tuple[WeakQuestion, ...]
    weak_points: tuple[WeakPoint, ...]
    mocks: tuple[MockScore, ...]
    target_retention: float
    simulation: Outlook | None = None  # the plan under the simulator's values

    @property
    def readiness(self) -> Readiness | None:
        return self.outlook.readiness

    @property
    def plan(self) -> Plan:
        return self.outlook.plan


def dashboard(user, study_settings, now: datetime, what_if: Limits | None = None) -> Dashboard:
    """Everything the dashboard shows, in a constant number of queries (see the module docstring).

    `what_if`: limits to simulate the plan under, from the learner's own cards; nothing is saved."""
    zone = study_settings.time_zone
    today = local_date(now, zone)
    snapshot = read_cards(user, since=local_midnight(today, zone))
    rows = snapshot.cards
    deck = [row for row in rows if study_settings.deck_id is None or row.chapter_id == study_settings.deck_id]
    limits = Limits.of(study_settings)
    weekly_from = week_start(today) - timedelta(weeks=WEEKS - 1)
    past = history(user, zone, today, weekly_from, snapshot)
    recall_now = {row.question_id: recall(row.card, now, limits) for row in rows}
    return Dashboard(
        today=_today(deck, snapshot.today, now, limits, *past.streaks),
        chapters=chapter_mastery(rows, recall_now),
        kinds=kind_mastery(rows, recall_now),
        outlook=outlook(deck, now, snapshot.today, limits, zone),
        heatmap=past.heatmap,
        ratings=past.ratings,
        forecast=tuple(forecast(rows, today, zone, limits=limits)),
        retention=past.retention,
        scores=past.scores,
        lowest_recall=weakest_by_recall(rows, recall_now),
        most_lapses=weakest_by_lapses(rows, recall_now),
        weak_points=past.weak_points,
        mocks=tuple(mock_scores(user, zone)),
        target_retention=study_settings.desired_retention,
        simulation=outlook(deck, now, snapshot.today, what_if, zone) if what_if else None,
    )


@dataclass(frozen=True)
class History:
    """The dashboard's series over the learner's past reviews and written answers."""

    ratings: tuple[DayRatings, ...]
    heatmap: tuple[DayCount, ...]
    streaks: tuple[int, int]  # current, longest
    retention: tuple[WeekRetention, ...]
    scores: tuple[WeekScore, ...]
    weak_points: tuple[WeakPoint, ...]


@dataclass(frozen=True)
class PastReviews:
    """The review series over the days before today: studying today cannot change them."""

    heatmap: tuple[DayCount, ...]  # the heatmap's days but today
    ratings: tuple[DayRatings, ...]  # the recent days but today
    retention: tuple[WeekRetention, ...]  # the weeks, the current one until today's midnight
    studied: frozenset[date]  # every day with a review before today


@dataclass(frozen=True)
class Answers:
    """The series over the learner's written answers."""

    scores: tuple[WeekScore, ...]
    weak_points: tuple[WeakPoint, ...]


class _Kept(OrderedDict):
    """A per-process store of the latest `size` values, by key."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get_or_make(self, key: tuple, make):
        found = self.get(key)
        if found is None:
            found = self[key] = make()
            while len(self) > self.size:
                self.popitem(last=False)
        else:
            with suppress(KeyError):  # another thread let it go meanwhile
                self.move_to_end(key)
        return found


# The series over the history, kept per process and keyed by what the database says, so every replica
# sees a grade, an undo, an answer, an edit of a question's key points or an import:
# - whole, per learner, day and history version (the card reader's `history_version`): a dashboard shown
#   again with nothing studied or answered in between costs no query for them;
# - the review series over the days before today, until a review before today is added or removed (an
#   import, an undo of yesterday's last review): after studying, the dashboard counts today alone;
# - the answer series, until the learner writes an answer or a question's content changes.
HISTORY_CACHE_SIZE = 256
_history = _Kept(HISTORY_CACHE_SIZE)
_past = _Kept(HISTORY_CACHE_SIZE)
_answers = _Kept(HISTORY_CACHE_SIZE)


def history(user, zone: str, today: date, weekly_from: date, snapshot: CardSnapshot) -> History:
    """The series for the learner's day, from the cache when the history has not changed."""
    learner = (user.pk, user.date_joined, zone, today, weekly_from)
    return _history.get_or_make(
        (*learner, snapshot.history_version),
        lambda: _history_now(user, zone, today, weekly_from, snapshot, learner),
    )


def _history_now(user, zone: str, today: date, weekly_from: date, snapshot: CardSnapshot, learner) -> History:
    """The series, from the days before today and the answers as kept, and today's reviews counted."""
    past = _past.get_or_make(
        (*learner, past_version(user, local_midnight(today, zone))),
        lambda: past_reviews(user, zone, today, weekly_from),
    )
    content = tuple((card.question_id, card.content_version) for card in snapshot.cards)
    answers = _answers.get_or_make(
        (*learner, snapshot.newest_attempt_id, content),
        lambda: Answers(
            scores=tuple(weekly_scores(user, zone, weekly_from, WEEKS)),
            weak_points=tuple(weak_key_points(user, since=local_midnight(weekly_from, zone), limit=WEAKEST)),
        ),
    )
    day = todays_reviews(user, zone, today)
    week = past.retention[-1]
    return History(
        ratings=(*past.ratings, day.ratings),
        heatmap=(*past.heatmap, DayCount(today, day.ratings.total)),
        streaks=streaks(past.studied | ({today} if day.ratings.total else set()), today),
        retention=(
            *past.retention[:-1],
            WeekRetention(
                week.week, week.reviews + day.retention.reviews, week.passed + day.retention.passed
            ),
        ),
        scores=answers.scores,
        weak_points=answers.weak_points,
    )


def past_reviews(user, zone: str, today: date, weekly_from: date) -> PastReviews:
    """The review series over the days before `today`."""
    yesterday = today - timedelta(days=1)
    heatmap = tuple(daily_reviews(user, zone, today - timedelta(days=HEATMAP_DAYS - 1), yesterday))
    # The heatmap's year has its study days counted already: only days before it are probed.
    studied = {day.day for day in heatmap if day.count}
    studied |= active_days(user, zone, last=heatmap[0].day - timedelta(days=1))
    return PastReviews(
        heatmap=heatmap,
        ratings=tuple(daily_ratings(user, zone, today - timedelta(days=RECENT_DAYS - 1), yesterday)),
        retention=tuple(weekly_retention(user, zone, weekly_from, WEEKS, until=today)),
        studied=frozenset(studied),
    )


@dataclass(frozen=True)
class TodaysReviews:
    ratings: DayRatings
    retention: WeekRetention  # today's part of this week's retention


def todays_reviews(user, zone: str, today: date) -> TodaysReviews:
    """Today's reviews by rating, and today's part of the week's retention: one query."""
    aggregates = [("COUNT(*)", f"t.rating = {rating}") for rating in scheduling.RATINGS] + _RETENTION
    ((_bucket, *ratings, reviews, passed),) = _per_bucket(
        ReviewLog, "reviewed_at", user, local_midnights(zone, today, 1), aggregates
    )
    return TodaysReviews(DayRatings(today, *ratings), WeekRetention(week_start(today), reviews, passed))


# The newest review before a day, by row and by time: an import adds older reviews (new rows, the highest
# ids), an undo removes the latest. The learner's rows are walked from their newest id on the (user, id)
# index, past the day's own reviews only. The learner is named as a range, not `user_id = %s`: given a
# constant learner, PostgreSQL may walk the primary key instead, through every newer row of every other
# learner (22 ms behind one learner's 100,000 reviews, against 0.2). SQLite is told the index: it would
# rather sort every review before the day.
_PAST_VERSION_SQL = """
SELECT (SELECT id FROM {log} {index} WHERE user_id >= %s AND user_id <= %s AND reviewed_at < %s
        ORDER BY user_id DESC, id DESC LIMIT 1),
       (SELECT MAX(reviewed_at) FROM {log} WHERE user_id = %s AND reviewed_at < %s)
"""


def past_version(user, before: datetime) -> tuple:
    """Changes whenever the learner's reviews before `before` do (see `_PAST_VERSION_SQL`): one query."""
    index = "INDEXED BY review_user_newest" if connection.vendor == "sqlite" else ""
    sql = _PAST_VERSION_SQL.format(log=ReviewLog._meta.db_table, index=index)
    before = connection.ops.adapt_datetimefield_value(before)
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, [user.pk, user.pk, before, user.pk, before])
        return cursor.fetchone()


# --- Days and buckets ---------------------------------------------------------------------------


def local_date(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(ZoneInfo(time_zone)).date()


def local_midnight(day: date, time_zone: str) -> datetime:
    """The instant `day` begins for the learner."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(time_zone))


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


@lru_cache(maxsize=256)
def local_midnights(time_zone: str, first: date, count: int, step_days: int = 1) -> tuple[datetime, ...]:
    """`count + 1` UTC instants: local midnight of `first`, then every `step_days` days after it."""
    return tuple(
        local_midnight(first + timedelta(days=index * step_days), time_zone).astimezone(UTC)
        for index in range(count + 1)
    )


# The bucket bounds travel as one array parameter: a year of days as separate parameters would cost
# more to bind (and, on PostgreSQL, to parse) than the query itself takes to run.
_BUCKETS_FROM_ARRAY = {
    "postgresql": "SELECT ordinality - 1, bound FROM unnest(%s::timestamptz[]) WITH ORDINALITY AS u(bound)",
    "sqlite": "SELECT CAST(key AS INTEGER), value FROM json_each(%s)",
}


def _buckets_cte(bounds: Sequence[datetime]) -> tuple[str, list]:
    """`WITH buckets (bucket, starts, ends) AS (…)`: bucket i is [bounds[i], bounds[i + 1])."""
    sql, param = _bounds_parameter(connection.vendor, tuple(bounds))
    return sql, [param]


@lru_cache(maxsize=256)
def _bounds_parameter(vendor: str, bounds: tuple[datetime, ...]) -> tuple[str, str]:
    # Cached: the same days are asked for all day long.
    if vendor == "postgresql":
        param = "{" + ",".join(bound.isoformat() for bound in bounds) + "}"
    else:
        adapt = connection.ops.adapt_datetimefield_value  # text as SQLite stores it
        param = json.dumps([adapt(bound) for bound in bounds])
    sql = (
        f"WITH bounds (bucket, starts) AS ({_BUCKETS_FROM_ARRAY[vendor]}), "
        "buckets (bucket, starts, ends) AS "
        "(SELECT bucket, starts, LEAD(starts) OVER (ORDER BY bucket) FROM bounds)"
    )
    return sql, param


def _per_bucket(model, time_column: str, user, bounds, aggregates) -> list[tuple]:
    """One row per bucket, in order: the bucket's number, then each (expression, condition) aggregate.

    The aggregates are computed over the bucket's range of the learner's (user, time) index, all in one
    pass on PostgreSQL, one subquery each on SQLite, so the database seeks each range and never sorts
    the rows themselves. (Joining the buckets to the rows and grouping instead sorts every row on
    SQLite, and PostgreSQL estimates it so dear that it compiles it with JIT, which costs more than the
    query.)
    """
    cte, params = _buckets_cte(bounds)
    table = model._meta.db_table
    in_bucket = f"t.user_id = %s AND t.{time_column} >= b.starts AND t.{time_column} < b.ends"
    if connection.vendor == "postgresql":
        # One pass over each bucket's range computes every aggregate (SQLite has no LATERAL).
        columns = ", ".join(
            f"{expression} FILTER (WHERE {condition})" if condition else expression
            for expression, condition in aggregates
        )
        rows = f"CROSS JOIN LATERAL (SELECT {columns} FROM {table} t WHERE {in_bucket}) s"
        sql = f"{cte} SELECT b.bucket, s.* FROM buckets b {rows} WHERE b.ends IS NOT NULL ORDER BY b.bucket"
        user_params = [user.pk]
    else:
        columns = ", ".join(
            f"(SELECT {expression} FROM {table} t WHERE {in_bucket} AND {condition or 'TRUE'})"
            for expression, condition in aggregates
        )
        sql = f"{cte} SELECT b.bucket, {columns} FROM buckets b WHERE b.ends IS NOT NULL ORDER BY b.bucket"
        user_params = [user.pk] * len(aggregates)
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, [*params, *user_params])
        return cursor.fetchall()


COUNT = ("COUNT(*)", "")


# --- Review series ------------------------------------------------------------------------------


def daily_reviews(user, time_zone: str, first: date, last: date) -> list[DayCount]:
    """Reviews per local day from `first` to `last` (every day, zeros included)."""
    days = (last - first).days + 1
    rows = _per_bucket(ReviewLog, "reviewed_at", user, local_midnights(time_zone, first, days), [COUNT])
    return [DayCount(first + timedelta(days=bucket), count) for bucket, count in rows]


def daily_ratings(user, time_zone: str, first: date, last: date) -> list[DayRatings]:
    """Reviews per local day by rating."""
    days = (last - first).days + 1
    rows = _per_bucket(
        ReviewLog,
        "reviewed_at",
        user,
        local_midnights(time_zone, first, days),
        [("COUNT(*)", f"t.rating = {rating}") for rating in scheduling.RATINGS],
    )
    return [DayRatings(first + timedelta(days=bucket), *counts) for bucket, *counts in rows]


# True retention: reviews of cards in review state, and those not rated Again.
_RETENTION = [
    ("COUNT(*)", f"t.state_before = {REVIEW}"),
    ("COUNT(*)", f"t.state_before = {REVIEW} AND t.rating > {AGAIN}"),
]


def weekly_retention(
    user, time_zone: str, first_week: date, weeks: int, until: date | None = None
) -> list[WeekRetention]:
    """True retention per local week (Monday first); the last week ends at `until`'s midnight if given."""
    bounds = local_midnights(time_zone, first_week, weeks, 7)
    if until is not None:
        bounds = (*bounds[:-1], local_midnight(until, time_zone).astimezone(UTC))
    rows = _per_bucket(ReviewLog, "reviewed_at", user, bounds, _RETENTION)
    return [
        WeekRetention(first_week + timedelta(weeks=bucket), count, passed) for bucket, count, passed in rows
    ]


def weekly_scores(user, time_zone: str, first_week: date, weeks: int) -> list[WeekScore]:
    """Answer reviews per local week and their mean score (share of key points covered)."""
    rows = _per_bucket(
        Attempt,
        "created_at",
        user,
        local_midnights(time_zone, first_week, weeks, 7),
        [COUNT, ("AVG(1.0 * t.covered_count / t.key_point_count)", "t.key_point_count > 0")],
    )
    return [
        WeekScore(first_week + timedelta(weeks=bucket), count, None if mean is None else float(mean))
        for bucket, count, mean in rows
    ]


def mock_scores(user, time_zone: str, limit: int = MOCKS_CHARTED) -> list[MockScore]:
    """The learner's latest finished mocks with a graded answer, oldest first, with their scores: one
    query."""
    mocks = (
        Mock.objects.filter(user=user, finished_at__isnull=False)
        .with_scores()
        .filter(key_points__gt=0)
        .order_by("-finished_at", "-id")[:limit]
    )
    return [
        MockScore(
            local_date(mock.finished_at, time_zone),
            mock.get_interview_type_display(),
            mock.graded,
            mock.question_total,
            mock.score,
        )
        for mock in reversed(mocks)
    ]


def active_days(user, time_zone: str, last: date) -> set[date]:
    """Every local day with at least one review, up to `last`: one query, and one more with an index
    probe per day when there are reviews before `last`."""
    first = ReviewLog.objects.filter(user=user).aggregate(first=Min("reviewed_at"))["first"]
    if first is None:
        return set()
    first_day = max(local_date(first, time_zone), last - timedelta(days=MAX_HISTORY_DAYS))
    days = (last - first_day).days + 1
    if days <= 0:
        return set()
    cte, params = _buckets_cte(local_midnights(time_zone, first_day, days))
    sql = (
        f"{cte} SELECT b.bucket FROM buckets b WHERE EXISTS (SELECT 1 FROM {ReviewLog._meta.db_table} t "
        "WHERE t.user_id = %s AND t.reviewed_at >= b.starts AND t.reviewed_at < b.ends)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, user.pk])
        return {first_day + timedelta(days=bucket) for (bucket,) in cursor.fetchall()}


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive study days. Today not studied yet keeps yesterday's run."""
    active = set(days)
    longest = run = 0
    previous = None
    for day in sorted(active):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    end = today if today in active else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in active:
        current += 1
    return current, longest


# --- Cards ------------------------------------------------------------------------------------------


def recall(card: CardFields, when: datetime, limits: Limits) -> float:
    """FSRS retrievability of the card at `when` (with the learner's parameters); 0 if never reviewed."""
    return planning.recall(card, when, limits)


def _today(deck, counts: TodayCounts, now, limits, current, longest) -> Today:
    """Today's numbers; "due" and "new left" are the study page's own queue over the same cards."""
    queue = order_queue(deck, now, counts, limits)
    return Today(
        due=queue.remaining_due,
        new_left=queue.new_left,
        reviewed=counts.reviews,
        duration_ms=counts.duration_ms,
        current_streak=current,
        longest_streak=longest,
        studied_today=counts.reviews > 0,
    )


def chapter_mastery(rows: Sequence[LearnerCard], recall_now: dict[int, float]) -> tuple[Mastery, ...]:
    """Mastery per chapter, in book order."""
    return _mastery(
        rows, recall_now, lambda row: (row.chapter_number, row.chapter_title_ko, row.chapter_title_en)
    )


def kind_mastery(rows: Sequence[LearnerCard], recall_now: dict[int, float]) -> tuple[Mastery, ...]:
    """Mastery per interview type (the kind of chapter: fundamentals, coding, system design…)."""
    # Grouped by the stored kind, then labelled once per group: hashing the (lazy) label of every row
    # would translate it again for each card.
    return tuple(
        dataclasses.replace(kind, title_ko=label, title_en=label)
        for kind in _mastery(rows, recall_now, lambda row: ("", row.chapter_kind, ""))
        for label in [Chapter.Kind(kind.title_ko).label]
    )


def _mastery(rows, recall_now, group_of) -> tuple[Mastery, ...]:
    groups: dict[tuple[str, str, str], list[LearnerCard]] = {}
    for row in rows:
        groups.setdefault(group_of(row), []).append(row)
    result = []
    for (number, title_ko, title_en), members in groups.items():
        seen = [row for row in members if row.seen]
        result.append(
            Mastery(
                number=number,
                title_ko=title_ko,
                title_en=title_en,
                cards=len(members),
                seen=len(seen),
                in_review=sum(row.card.state == REVIEW for row in members),
                mean_recall=sum(recall_now[row.question_id] for row in seen) / len(seen) if seen else None,
            )
        )
    return tuple(result)


def forecast(
    rows: Sequence[LearnerCard],
    today: date,
    time_zone: str,
    days: int = FORECAST_DAYS,
    limits: Limits | None = None,
) -> list[DayCount]:
    """Cards coming due on each of the next `days` local days (when the plan has them due); overdue
    cards count today."""
    counts = [0] * days
    for row in rows:
        card = row.card
        due = planning.due(card, limits) if limits else card.due
        if card.state == NEW or card.suspended or due is None:
            continue
        offset = max(0, (local_date(due, time_zone) - today).days)
        if offset < days:
            counts[offset] += 1
    return [DayCount(today + timedelta(days=index), count) for index, count in enumerate(counts)]


def weakest_by_recall(rows, recall_now, limit: int = WEAKEST) -> tuple[WeakQuestion, ...]:
    """Seen cards with the lowest recall now (most lapses first among equals)."""
    seen = sorted(
        (row for row in rows if row.seen),
        key=lambda row: (recall_now[row.question_id], -row.card.lapses, row.position),
    )
    return tuple(_weak(row, recall_now) for row in seen[:limit])


def weakest_by_lapses(rows, recall_now, limit: int = WEAKEST) -> tuple[WeakQuestion, ...]:
    """Cards forgotten most often after they were learned."""
    lapsed = sorted(
        (row for row in rows if row.card.lapses),
        key=lambda row: (-row.card.lapses, recall_now[row.question_id], row.position),
    )
    return tuple(_weak(row, recall_now) for row in lapsed[:limit])


def _weak(row: LearnerCard, recall_now) -> WeakQuestion:
    return WeakQuestion(
        row.number, row.title_ko, row.title_en, recall_now[row.question_id], row.card.lapses, row.card.reps
    )


# --- Readiness ------------------------------------------------------------------------------------


def outlook(deck: Sequence[LearnerCard], now: datetime, today: TodayCounts, limits: Limits, zone) -> Outlook:
    """The plan for the deck's cards under `limits` and, with an interview date, readiness for it."""
    plan = planning.plan(deck, now, today, limits, zone)
    ready = readiness(deck, plan, now, today, limits, zone) if limits.deadline else None
    return Outlook(limits, plan, ready)


def readiness(
    deck: Sequence[LearnerCard], plan: Plan, now: datetime, today: TodayCounts, limits: Limits, zone: str
) -> Readiness:
    """Predicted recall of every card of the deck on the interview morning (unseen cards count 0),
    following the plan and with no more study, per chapter; and what would reach the target."""
    deadline = limits.deadline
    days_left = (deadline.day - local_date(now, zone)).days
    passed = plan.deadline is None
    chapters: dict[int, list] = {}
    for row in deck:
        stopped = recall(row.card, deadline.at, limits)
        planned = plan.recall.get(row.question_id, stopped)
        chapters.setdefault(row.chapter_id, []).append(
            (row, planned, stopped, plan.answers.get(row.question_id, 0))
        )
    per_chapter = tuple(
        ChapterReadiness(
            number=members[0][0].chapter_number,
            title_ko=members[0][0].chapter_title_ko,
            title_en=members[0][0].chapter_title_en,
            cards=len(members),
            recall=sum(planned for _, planned, _, _ in members) / len(members),
            recall_if_stopped=sum(stopped for _, _, stopped, _ in members) / len(members),
            reviews_needed=sum(answers for *_, answers in members),
        )
        for members in chapters.values()
    )
    cards = sum(chapter.cards for chapter in per_chapter)

    def mean(attribute: str) -> float:
        return sum(getattr(c, attribute) * c.cards for c in per_chapter) / cards if cards else 0.0

    result = Readiness(
        interview_date=deadline.day,
        days_left=days_left,
        target=deadline.target,
        recall=mean("recall") if not passed else mean("recall_if_stopped"),
        recall_if_stopped=mean("recall_if_stopped"),
        reviews_needed=plan.total if not passed else 0,
        below_target=len(plan.below_target),
        not_introduced=plan.not_introduced if not passed else 0,
        suspended=len(deck) - len(plan.planned),
        chapters=per_chapter,
        passed=passed,
    )
    if result.on_track or passed:
        return result
    return dataclasses.replace(result, reach=planning.reach(deck, now, today, limits, zone))
