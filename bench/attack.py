"""Load while one learner attacks, and a database outage: prints one JSON line.

1. gunicorn (2 workers) serves GET /study/ to 64 connections for LOAD_SECONDS undisturbed, and as long
   while four attackers loop the worst requests a signed-up learner can send (the diff of two
   20,000-character answers, an answer page whose draft is 20,000 "[", a gzip import expanding to
   199 MB, a search as long as a request line allows), in the order quiet, attacked, attacked, quiet.
   Errors must be zero, and throughput within 20 % of the undisturbed runs.
2. On PostgreSQL, ten identical grades posted at once store one review.
3. On PostgreSQL, the database refuses connections for a few seconds (ALLOW_CONNECTIONS false and its
   sessions ended: a restart as this database sees it, without touching any other database on the
   server). Meanwhile pages answer the 503 page and grades store nothing; afterwards StudyHub
   recovers on its own.

Usage: python -m bench.attack SESSION_KEY (the study learner's session, from bench.measure).
"""

import gzip
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from questions.models import Question  # noqa: E402
from study.models import AnswerDraft, Attempt, ReviewLog  # noqa: E402
from tests.local_server import free_port, wait_until_healthy  # noqa: E402

LOAD_SECONDS = int(os.environ.get("BENCH_ATTACK_SECONDS", "30"))
CSRF = "a" * 32


def attacker() -> tuple[str, list[str]]:
    """A signed-up learner with the worst data a learner can store; their session and attack paths."""
    user, _ = get_user_model().objects.get_or_create(username="bench-attacker")
    question = Question.objects.published().order_by("position").first()
    words = [f"w{i % 300}" for i in range(3_000)]
    now = timezone.now()
    attempts = [
        Attempt.objects.create(
            user=user,
            question=question,
            answer=" ".join(order)[:20_000],
            suggested_rating=3,
            rating=3,
            submission=uuid.uuid4(),
            created_at=now,
        )
        for order in (words, list(reversed(words)))
    ]
    AnswerDraft.objects.update_or_create(
        user=user, question=question, defaults={"text": "[" * 20_000, "started_at": now}
    )
    client = Client()
    client.force_login(user)
    a, b = attempts[0].pk, attempts[1].pk
    paths = [
        f"/questions/{question.number}/attempts/diff/?a={a}&b={b}",
        f"/questions/{question.number}/answer/",
        "/search/?q=" + urllib.parse.quote("가a" * 300),
    ]
    return client.cookies["sessionid"].value, paths


def bomb() -> bytes:
    chunk = b'{"question": "0.0", "body": "x"},' * 10_000
    return gzip.compress(b'{"format": "StudyHub learner data", "notes": [' + chunk * 600 + b"{}]}", 9)


def concurrent_grades(base: str, learner: str) -> dict:
    """Ten identical grade posts at once (one shown card, one token): one review is stored."""
    headers = {"Cookie": f"sessionid={learner}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    with urllib.request.urlopen(urllib.request.Request(f"{base}/study/", headers=headers)) as page:
        token = re.search(r'name="token" value="([^"]+)"', page.read().decode()).group(1)
    body = urllib.parse.urlencode({"token": token, "rating": 3}).encode()
    form = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    before = ReviewLog.objects.count()
    statuses: list[int] = []

    def grade() -> None:
        try:
            with urllib.request.urlopen(urllib.request.Request(f"{base}/study/grade/", body, form)) as r:
                statuses.append(r.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=grade) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "posts": len(statuses),
        "5xx": sum(s >= 500 for s in statuses),
        "reviews": ReviewLog.objects.count() - before,
    }


def request(url: str, session: str, data: bytes | None = None) -> int:
    headers = {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
    if data is not None:
        boundary = "studyhubbench"
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        data = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.json.gz"\r\n'
            f"Content-Type: application/gzip\r\n\r\n".encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=60) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, session: str, seconds: int) -> dict:
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--timeout", "30s"]
    command += ["-H", f"Cookie: sessionid={session}", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "errors": errors}


def under_attack(base: str, learner: str) -> dict:
    """Quiet, attacked, attacked, quiet, each half of LOAD_SECONDS: a machine that speeds up or slows
    down during the run weighs on both sides alike (two undisturbed runs in a row can differ by 15 %)."""
    session, paths = attacker()
    segment = max(1, LOAD_SECONDS // 2)
    quiet = [wrk(f"{base}/study/", learner, segment)]
    stop, statuses = threading.Event(), []

    def attack(path: str | None) -> None:
        payload = bomb() if path is None else None
        while not stop.is_set():
            url = f"{base}/my-data/import/" if path is None else base + path
            statuses.append(request(url, session, payload))

    threads = [threading.Thread(target=attack, args=(path,)) for path in [*paths, None]]
    for thread in threads:
        thread.start()
    loud = [wrk(f"{base}/study/", learner, segment) for _ in range(2)]
    stop.set()
    for thread in threads:
        thread.join()
    quiet.append(wrk(f"{base}/study/", learner, segment))
    quiet_rps, loud_rps = (sum(run["rps"] for run in runs) / len(runs) for runs in (quiet, loud))
    return {
        "quiet_rps": round(quiet_rps),
        "attacked_rps": round(loud_rps),
        "ratio": round(loud_rps / quiet_rps, 2),
        "errors": sum(run["errors"] for run in quiet + loud),
        "attack_requests": len(statuses),
        "attack_5xx": sum(1 for status in statuses if status >= 500),
    }


def outage(base: str, learner: str) -> dict:
    import psycopg

    database = settings.DATABASES["default"]
    name = database["NAME"]
    reviews = ReviewLog.objects.count()
    connection.close()
    server = {key: database.get(key.upper()) or None for key in ("host", "port", "user", "password")}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
        try:
            during = [request(f"{base}/study/", learner) for _ in range(5)]
            grade = request(f"{base}/study/grade/", learner, b"")
        finally:
            admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    time.sleep(1)
    after = [request(f"{base}/study/", learner) for _ in range(5)]
    return {
        "during": sorted(set(during)),
        "grade_during": grade,
        "after": sorted(set(after)),
        "reviews_unchanged": ReviewLog.objects.count() == reviews,
    }


def main() -> None:
    learner = sys.argv[1]
    port = free_port()
    env = {**os.environ}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "studyhub.wsgi",
            "--workers",
            "2",
            "--timeout",
            "120",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        result = {"load": under_attack(base, learner)}
        if connection.vendor == "postgresql":
            result["concurrent_grades"] = concurrent_grades(base, learner)
            result["outage"] = outage(base, learner)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
