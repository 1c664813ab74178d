"""In-process server timings for GET /dashboard/: p50/p95 and query counts, one learner, long history.

The learner's history comes from `seed_history` (the real scheduler over two years), with an interview
date set so the readiness simulation runs too. Three views are measured: shown again (the series over
the history kept), after studying (a card graded before each request, untimed: the days before today are
kept, today is counted) and the day's first view (every kept series emptied before each request).
Prints one JSON line.
"""

import json
import re
import statistics
import sys
import time
from datetime import timedelta
from io import StringIO

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.seed import settle  # noqa: E402
from progress import stats  # noqa: E402
from study.models import CardState, ReviewLog, StudySettings  # noqa: E402
from study.scheduling import NEW, RELEARNING  # noqa: E402

USERNAME = "bench-dashboard"
ROUNDS = 200
RECOUNTED_ROUNDS = 50


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def seed(review_count: int):
    started = time.perf_counter()
    call_command(
        "seed_history", "--user", USERNAME, "--reviews", str(review_count), "--replace", stdout=StringIO()
    )
    seconds = time.perf_counter() - started
    user = get_user_model().objects.get(username=USERNAME)
    StudySettings.objects.filter(user=user).update(interview_date=timezone.localdate() + timedelta(days=30))
    settle()
    return user, seconds


def main(review_count: int) -> dict:
    user, seed_seconds = seed(review_count)
    reviews = ReviewLog.objects.filter(user=user).count()  # as seeded (studying below adds some)
    client = Client()
    client.force_login(user)
    for _ in range(20):  # warm up caches and the connection
        client.get("/dashboard/")
    shown_again = timings(client, ROUNDS)
    relearn_one_card(user)
    after_studying = timings(client, RECOUNTED_ROUNDS, before=lambda: grade_one(client))
    first_view = timings(client, RECOUNTED_ROUNDS, before=forget_series)
    return {
        "reviews": reviews,
        "seed_seconds": round(seed_seconds, 1),
        "dashboard_get": shown_again,
        "dashboard_after_studying": after_studying,
        "dashboard_first_view": first_view,
    }


def relearn_one_card(user) -> None:
    """A simulated history may leave nothing to study now (today's limits met): one card forgotten is due
    whatever the limits, and graded Again it comes back within the learn-ahead window."""
    card = CardState.objects.filter(user=user, suspended=False).exclude(state=NEW).order_by("id").first()
    CardState.objects.filter(pk=card.pk).update(state=RELEARNING, step=0, due=timezone.now())


def grade_one(client) -> None:
    """Grade the next card Again (see `relearn_one_card`)."""
    page = client.get("/study/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page)
    assert token, "the dashboard learner has no card to study"
    response = client.post(
        "/study/grade/", {"token": token.group(1), "rating": 1}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200, response.status_code


def forget_series() -> None:
    for kept in (stats._history, stats._past, stats._answers):
        kept.clear()


def timings(client, rounds: int, before=None) -> dict:
    times, cpu, query_counts = [], [], set()
    for _ in range(rounds):
        if before:
            before()
        with CaptureQueriesContext(connection) as queries:
            start, started_cpu = time.perf_counter(), time.thread_time()
            response = client.get("/dashboard/")
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        query_counts.add(len(queries))
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "queries": sorted(query_counts),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
