"""Run the whole test suite on SQLite, then on PostgreSQL when one is configured or reachable.

PostgreSQL is used when DATABASE_URL names one, or when 127.0.0.1:5432 answers (database "test",
user "postgres"). Any pytest exit other than 0, including 5 (no tests collected), fails the run.

Each pass runs on one pytest-xdist worker per core, at most four (each with its own test database and
browser); TEST_WORKERS sets the number, and TEST_WORKERS=0 runs the tests in this process.
"""

import os
import socket
import subprocess
import sys

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"


def workers() -> int:
    configured = os.environ.get("TEST_WORKERS", "")
    if configured:
        return max(0, int(configured))
    return min(os.cpu_count() or 1, 4)


def postgres_url() -> str | None:
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgres://", "postgresql://")):
        return configured
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return None
    return LOCAL_POSTGRES


def run_pytest(label: str, database_url: str | None, args: list[str]) -> int:
    # pytest.ini chooses the test settings; an inherited DJANGO_SETTINGS_MODULE would override it.
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    if database_url:
        env["DATABASE_URL"] = database_url
    print(f"\n== StudyHub test suite on {label} ==", flush=True)
    # The slowest tests are listed at the end of each run, to keep the suite within its time budget.
    parallel = ["-n", str(workers())] if workers() > 1 else []
    code = subprocess.call([sys.executable, "-m", "pytest", *parallel, "--durations=15", *args], env=env)
    if code == 5:
        print(f"No tests ran on {label}: that is a failure.", flush=True)
        return 1
    return code


def main(args: list[str]) -> int:
    code = run_pytest("SQLite", None, args)
    if code:
        return code
    url = postgres_url()
    if url is None:
        print("\nPostgreSQL is not reachable (set DATABASE_URL to test on it); SQLite run only.")
        return 0
    return run_pytest("PostgreSQL", url, args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
