"""Settings for the test suite: the production settings with fast, deterministic parts swapped in."""

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
