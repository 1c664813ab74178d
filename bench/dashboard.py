"""In-process server timings for GET /dashboard/: p50/p95 and query counts, one learner, long history.

The learner's history comes from `seed_history` (the real scheduler over two years), with an interview
date set so the readiness simulation runs too. The dashboard shown again keeps its series over the
history until it changes; the first view after studying recomputes them, measured apart (the cache
emptied before each request). Prints one JSON line.
"""

import json
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
from study.models import ReviewLog, StudySettings  # noqa: E402

USERNAME = "bench-dashboard"
ROUNDS = 200
FIRST_VIEW_ROUNDS = 50


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
    client = Client()
    client.force_login(user)
    for _ in range(20):  # warm up caches and the connection
        client.get("/dashboard/")
    shown_again = timings(client, ROUNDS)
    first_view = timings(client, FIRST_VIEW_ROUNDS, recompute=True)
    return {
        "reviews": ReviewLog.objects.filter(user=user).count(),
        "seed_seconds": round(seed_seconds, 1),
        "dashboard_get": shown_again,
        "dashboard_first_view": first_view,
    }


def timings(client, rounds: int, recompute: bool = False) -> dict:
    times, cpu, query_counts = [], [], set()
    for _ in range(rounds):
        if recompute:
            stats._history.clear()
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
