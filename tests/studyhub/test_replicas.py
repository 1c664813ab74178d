"""Two web replicas behind one database and one Redis: a learner's session and study state move freely
between them, and a content edit is seen by both (no replica serves stale per-process content)."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from datetime import UTC, datetime

import pytest
from django.conf import settings

from tests.local_server import free_port, wait_until_healthy

REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def redis_reachable() -> bool:
    host, port = urllib.parse.urlsplit(REDIS).hostname, urllib.parse.urlsplit(REDIS).port or 6379
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(not redis_reachable(), reason="Redis is not reachable"),
    # The replicas bring their own SQLite database whatever the suite runs on: once is enough, in the
    # SQLite pass of `make test`.
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="run once, in the SQLite pass (the replicas use their own SQLite database)",
    ),
]


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    database = tmp_path_factory.mktemp("replicas") / "studyhub.sqlite3"
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}},
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": REDIS,
    }
    for command in (["migrate", "--noinput"], ["load_content", "--verbosity", "0"], ["ensure_demo_user"]):
        subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=settings.BASE_DIR, check=True)
    servers, urls = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "studyhub.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            wait_until_healthy(url)
        yield urls, database
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


class Browser:
    """One learner's browser: a cookie jar shared whichever replica answers."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> str:
        return self.opener.open(url, timeout=10).read().decode()

    def log_in(self, base: str) -> None:
        self.get(f"{base}/accounts/login/")
        self.post(
            f"{base}/accounts/login/",
            {"username": "demo", "password": "studyhub-demo"},
            f"{base}/accounts/login/",
        )

    def post(self, url: str, data: dict, referer: str) -> str:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            url,
            data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": token, "Referer": referer},
        )
        return self.opener.open(request, timeout=10).read().decode()


def test_session_and_study_state_move_between_replicas(replicas):
    (first, second), _ = replicas
    browser = Browser()
    browser.log_in(first)
    page = browser.get(f"{second}/study/")  # logged in on the other replica
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    shown = re.search(r'<span class="badge">Q([^<]+)</span>', page).group(1)
    after = browser.post(f"{second}/study/grade/", {"token": token, "rating": "3"}, f"{second}/study/")
    assert f'<span class="badge">Q{shown}</span>' not in after  # the next card
    assert "1</strong> reviewed today" in browser.get(f"{first}/study/")


def test_a_content_edit_is_seen_by_every_replica(replicas):
    (first, second), database = replicas
    browser = Browser()
    browser.log_in(first)
    # Both replicas render the current card, so each has its content in its per-process cache.
    pages = [browser.get(f"{url}/study/") for url in (first, second)]
    shown = {re.search(r'<span class="badge">Q([^<]+)</span>', page).group(1) for page in pages}
    assert len(shown) == 1
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE questions_question SET prompt_ko = ?, prompt_en = ?, updated_at = ? WHERE number = ?",
            ("수정된 질문입니다.", "수정된 질문입니다.", datetime.now(UTC).isoformat(sep=" "), shown.pop()),
        )
    for url in (first, second):
        assert "수정된 질문입니다." in browser.get(f"{url}/study/")
