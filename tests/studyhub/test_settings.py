import os
import subprocess
import sys

import pytest
from django.conf import settings

STRONG_KEY = "q8Jz-4vT_pL2mW9xR7cN1bK6hY3sD0fG5aE8uI2oP4lZ7nM1vB9cX3"
IMPORT = "import studyhub.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)"


def load_settings(code=IMPORT, **env):
    unset = {"DATABASE_URL", "DATABASE_PREPARE", "DEBUG", "SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_sqlite_by_default_in_development():
    result = load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_postgres_when_database_url_is_set():
    result = load_settings(DEBUG="1", DATABASE_URL="postgres://u@db.internal:5432/studyhub")
    assert result.stdout.split()[0] == "django.db.backends.postgresql"


@pytest.mark.parametrize(("env", "threshold"), [({}, "0"), ({"DATABASE_PREPARE": "0"}, "None")])
def test_postgresql_prepares_the_hot_statements_unless_told_not_to(env, threshold):
    code = "import studyhub.settings as s; print(s.DATABASES['default']['OPTIONS']['prepare_threshold'])"
    result = load_settings(code, DEBUG="1", DATABASE_URL="postgres://u@db.internal:5432/studyhub", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == threshold


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "short-key-123",
        "k" * 64,
        "django-insecure-studyhub-development-key-never-use-in-production",
        "django-insecure-" + "abcdefghij" * 5,
    ],
)
def test_production_refuses_a_short_or_default_secret_key(key):
    result = load_settings(SECRET_KEY=key)
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


def test_production_starts_with_a_strong_secret_key():
    result = load_settings(SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://x/y"}, "DATABASE_URL must be a postgres://"),
        ({"DEBUG": "1", "DATABASE_URL": "postgres://u@host:5432/"}, "DATABASE_URL must name a database"),
        ({"DEBUG": "1", "REDIS_URL": "localhost:6379"}, "REDIS_URL must be a redis://"),
        (
            {"DEBUG": "1", "DATABASE_URL": "postgres://u@host:5432/db", "DATABASE_PREPARE": "maybe"},
            "DATABASE_PREPARE must be true or false",
        ),
        (
            {"SECRET_KEY": STRONG_KEY, "SECURE_HSTS_SECONDS": "a year"},
            "SECURE_HSTS_SECONDS must be a whole number",
        ),
    ],
)
def test_bad_values_fail_at_start_up_naming_the_variable(env, message):
    result = load_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_without_redis_the_cache_is_per_process_and_sessions_live_in_the_database():
    code = "import studyhub.settings as s; print(getattr(s, 'CACHES', {}), s.SESSION_ENGINE)"
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DEBUG": "1"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["{}", "accounts.sessions"]


def test_redis_url_shares_the_cache_and_caches_sessions():
    code = "import studyhub.settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DEBUG": "1", "REDIS_URL": "redis://cache.internal:6379/0"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_production_settings_pass_the_deploy_checks():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 60 + "-production-key-for-checks",
        ALLOWED_HOSTS="studyhub.example",
        DJANGO_SETTINGS_MODULE="studyhub.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_static_files_collect_for_production(tmp_path):
    """The manifest storage refuses a stylesheet that points at a missing file (e.g. a vendored font)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE_SSL_REDIRECT"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=STRONG_KEY,
        STATIC_ROOT=str(tmp_path),
        DJANGO_SETTINGS_MODULE="studyhub.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    assert list((tmp_path / "vendor" / "katex" / "fonts").glob("KaTeX_Main-Regular.*.woff2"))


def test_a_sqlite_file_writes_ahead_so_a_commit_does_not_wait_for_the_disk(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); "
        "c.execute('PRAGMA synchronous'); print(c.fetchone()[0])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    env = {**clean, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "studyhub.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/studyhub.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "1"]  # synchronous 1: NORMAL
    # The default database file gets the same options.
    default = load_settings(DEBUG="1")
    assert default.returncode == 0, default.stderr
    code = "import studyhub.settings as s; print(s.DATABASES['default']['OPTIONS'] == s.SQLITE_OPTIONS)"
    same = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DEBUG": "1"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert same.stdout.strip() == "True", same.stderr
