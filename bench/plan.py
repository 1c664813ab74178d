"""Planning one learner's 130-card deck (`study.planning`), timed against the study page's budget.

The deck is the state a year of realistic study leaves (`progress.synthetic`, the real scheduler), or
130 cards never seen. Each case is timed cold (the planner's caches emptied first, as after a restart
or for a learner no worker has planned yet) and warm (planned again, as on the next page view).
Prints one JSON line. Needs no database.
"""

import json
import statistics
import time
from datetime import UTC, datetime, timedelta

import django

django.setup()

from progress.synthetic import simulate  # noqa: E402
from study import planning  # noqa: E402
from study.cards import LearnerCard, TodayCounts  # noqa: E402
from study.planning import Deadline, Limits  # noqa: E402
from study.scheduling import CardFields  # noqa: E402

CARDS = 130
# GET /study/ answers within this much server time (p95); planning must fit inside it.
STUDY_PAGE_BUDGET_MS = 50
ROUNDS = 30
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
ZONE = "Asia/Seoul"


def deck(cards: list[CardFields]) -> list[LearnerCard]:
    return [
        LearnerCard(index, f"Q{index}", index, "", "", NOW, 1, "2", "", "", "fundamentals", card, index)
        for index, card in enumerate(cards, start=1)
    ]


def studied_for_a_year() -> list[CardFields]:
    finals = [CardFields() for _ in range(CARDS)]
    for review in simulate([4] * CARDS, reviews=20_000, days=365, now=NOW, time_zone=ZONE):
        finals[review.question] = review.after
    return finals


def interview(days: int, target: float) -> Limits:
    return Limits(deadline=Deadline.of((NOW + timedelta(days=days)).date(), ZONE, target))


def timed(call) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(wall, CPU) milliseconds of each call, cold and warm. CPU time is the steadier figure on a
    machine whose cores other work shares."""
    cold, warm = [], []
    for _ in range(ROUNDS):
        for cache in (planning._cap, planning._planned_good, planning._answered_good):
            cache.cache_clear()
        for times in (cold, warm):
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            times.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))
    return cold, warm


def summary(times: list[tuple[float, float]]) -> dict:
    def p95(values):
        return sorted(values)[int(0.95 * len(values))]

    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    return {
        "p50_ms": round(statistics.median(wall), 2),
        "p95_ms": round(p95(wall), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(p95(cpu), 2),
    }


def case(call, **facts) -> dict:
    cold, warm = timed(call)
    return {"cold": summary(cold), "warm": summary(warm), **facts}


def main() -> dict:
    seen, new = deck(studied_for_a_year()), deck([CardFields() for _ in range(CARDS)])
    after_a_break = NOW + timedelta(days=21)
    cases = {
        "130 cards studied a year, interview in 30 days, target 90%": (seen, NOW, interview(30, 0.9)),
        "130 cards studied a year, interview in 30 days, target 95%": (seen, NOW, interview(30, 0.95)),
        "130 cards studied a year, interview in 90 days, target 95%": (seen, NOW, interview(90, 0.95)),
        "130 cards studied a year, no interview (30-day forecast)": (seen, NOW, Limits()),
        "130 cards never seen, interview in 30 days, target 90%": (new, NOW, interview(30, 0.9)),
        "130 cards after a three-week break, interview in 30 days": (seen, after_a_break, interview(51, 0.9)),
    }
    results = {}
    for name, (cards, now, limits) in cases.items():
        plan = planning.plan(cards, now, TodayCounts(), limits, ZONE)
        results[name] = case(
            lambda cards=cards, now=now, limits=limits: planning.plan(
                cards, now, TodayCounts(), limits, ZONE
            ),
            days=len(plan.days),
            reviews=plan.total,
            reaches_target=plan.reaches_target,
        )
    slow = Limits(max_reviews_per_day=40)
    backlog = planning.backlog(seen, after_a_break, TodayCounts(), slow, ZONE)
    results["backlog after a three-week break, 40 reviews a day"] = case(
        lambda: planning.backlog(seen, after_a_break, TodayCounts(), slow, ZONE),
        overdue=backlog.overdue,
        days=backlog.days,
    )
    short = interview(7, 0.9)  # 130 new cards, 10 a day: out of reach
    reach = planning.reach(new, NOW, TodayCounts(), short, ZONE)
    results["what would reach the target: 130 new cards, interview in 7 days"] = case(
        lambda: planning.reach(new, NOW, TodayCounts(), short, ZONE),
        new_per_day=reach.new_per_day,
        interview_date=reach.interview_date.isoformat() if reach.interview_date else None,
    )
    return {"budget_ms": STUDY_PAGE_BUDGET_MS, "cases": results}


if __name__ == "__main__":
    print(json.dumps(main()))
