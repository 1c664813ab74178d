"""In-process server timings: p50/p95 and query counts for GET /study/ and the grade POST."""

import json
import re
import statistics
import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.seed import seed  # noqa: E402
from study import reviews  # noqa: E402
from study.models import ReviewLog  # noqa: E402

ROUNDS = 300


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(call, cpu: list):
    """Server time in ms (CPU time of this process appended to `cpu`: steadier on a busy machine)."""
    with CaptureQueriesContext(connection) as queries:
        start, started_cpu = time.perf_counter(), time.thread_time()
        response = call()
        elapsed = (time.perf_counter() - start) * 1000
        cpu.append((time.thread_time() - started_cpu) * 1000)
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries), response


def main(review_count: int) -> dict:
    user = seed("bench", review_count)
    client = Client()
    client.force_login(user)
    page_times, page_queries, grade_times, grade_queries = [], set(), [], set()
    page_cpu, grade_cpu = [], []
    for _ in range(20):  # warm up caches and connections
        client.get("/study/")
    for _ in range(ROUNDS):
        elapsed, count, response = timed(lambda: client.get("/study/"), page_cpu)
        page_times.append(elapsed)
        page_queries.add(count)
        token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
        elapsed, count, _ = timed(
            lambda token=token: client.post(
                "/study/grade/", {"token": token, "rating": 3}, headers={"HX-Request": "true"}
            ),
            grade_cpu,
        )
        grade_times.append(elapsed)
        grade_queries.add(count)
        latest = ReviewLog.objects.filter(user=user).order_by("-reviewed_at", "-id").first()
        reviews.undo(user, latest.pk)  # keep the history at its size and the card due
    session_key = client.cookies["sessionid"].value
    return {
        "reviews": ReviewLog.objects.filter(user=user).count(),
        "study_get": {
            "p50_ms": round(statistics.median(page_times), 2),
            "p95_ms": round(percentile(page_times, 0.95), 2),
            "cpu_p50_ms": round(statistics.median(page_cpu), 2),
            "queries": sorted(page_queries),
        },
        "grade_post": {
            "p50_ms": round(statistics.median(grade_times), 2),
            "p95_ms": round(percentile(grade_times, 0.95), 2),
            "cpu_p50_ms": round(statistics.median(grade_cpu), 2),
            "queries": sorted(grade_queries),
        },
        "session_key": session_key,
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
