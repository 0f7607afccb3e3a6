"""Settings for the test suite: the production settings with fast, deterministic parts swapped in."""

import os

from mentorweb.settings import *  # noqa: F403
from mentorweb.settings import HUEY

# Jobs run in-process, in memory, as soon as they are enqueued (after commit).
HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: in memory, concurrent writers fail at
    # once with "table is locked" instead of waiting their turn, so the concurrency tests
    # could not prove anything. One file per process, so parallel runs never share one.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
