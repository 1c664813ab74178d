"""Settings for the test suite: production settings with a fixed key and no HTTPS redirect."""

import os

os.environ.setdefault("SECRET_KEY", "studyhub-tests-only-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from studyhub.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Login throttling stays on (tests/accounts/test_throttling.py) and keeps its records in the test
# database, so each test starts unthrottled; it just does not log every login.
AXES_VERBOSE = False
# Tests import one file after another; tests/progress/test_views.py checks the interval itself.
IMPORT_INTERVAL_SECONDS = 0
