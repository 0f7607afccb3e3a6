"""Periodic maintenance jobs.

Each job is a Django task (so it can also be enqueued by hand or from a test) and is
scheduled by huey's periodic scheduler in `manage.py run_huey`, which imports every app's
`tasks` module. The scheduler runs in UTC (HUEY "utc": True), so 09:00-09:45 UTC is the
small hours from Newfoundland to British Columbia. Each job is safe to run twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connections, router, transaction
from django.utils import timezone
from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from mentorweb.accounts.models import UserSession
from mentorweb.core.audit import audit_record, audit_source
from mentorweb.core.models import AuditSource

logger = logging.getLogger(__name__)

# Session engines that keep sessions in the Session table, where the orphaned
# UserSession rows can be found with one query.
DATABASE_SESSION_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")

# How long the record of a finished job is kept, for `get_result` and for looking into failures.
TASK_RESULT_RETENTION = timedelta(days=14)
TASK_RECORD_PREFIX = "djt."


@task()
def clear_expired_sessions() -> dict[str, int]:
    """Delete expired sessions and the UserSession rows that pointed at them."""
    # Set here too, not only in the periodic wrapper: the task can also be enqueued.
    with audit_source(AuditSource.JOB), transaction.atomic():
        sessions = 0
        if settings.SESSION_ENGINE in DATABASE_SESSION_ENGINES:
            sessions, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
            # Also rows whose session ended any other way (logout deletes the session only).
            user_sessions, _ = UserSession.objects.exclude(
                session_key__in=Session.objects.values("session_key")
            ).delete()
        else:
            # Other engines expire sessions themselves and cannot be listed here, so the
            # UserSession rows are left for `user_end_sessions` to clear.
            import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
            user_sessions = 0
        if sessions or user_sessions:
            # Counts only: which sessions ended says nothing anyone needs to audit.
            audit_record(
                actor=None,
                action="sessions.cleared",
                object_type="sessions.session",
                changes={"sessions": [sessions, 0], "user_sessions": [user_sessions, 0]},
            )
    return {"sessions": sessions, "user_sessions": user_sessions}


@task()
def purge_expired_cache_entries() -> int:
    """Delete expired rows of every database cache.

    The database cache only culls when it is full, so rows such as login-throttling
    counters would otherwise stay for ever. Redis expires its keys itself.
    """
    removed = 0
    now = timezone.now().replace(microsecond=0)
    for alias, options in settings.CACHES.items():
        cache = caches[alias]
        if not isinstance(cache, BaseDatabaseCache):
            continue
        db = router.db_for_write(cache.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(options["LOCATION"])
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires')} < %s",  # noqa: S608 - names quoted
                [connection.ops.adapt_datetimefield_value(now)],
            )
            removed += cursor.rowcount
    return removed


@task()
def purge_finished_task_records() -> int:
    """Delete the records of jobs that finished more than TASK_RESULT_RETENTION ago.

    The tasks backend keeps a record per enqueued job in huey's result store and never
    removes it; without this job the store grows by one row per e-mail sent.
    """
    cutoff = timezone.now() - TASK_RESULT_RETENTION
    removed = 0
    for raw_key, raw_value in HUEY.storage.result_items().items():
        key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
        if not key.startswith(TASK_RECORD_PREFIX):
            continue
        try:
            record = HUEY.serializer.deserialize(raw_value)
        except Exception:
            # An unreadable record is left in place for a person to look at.
            logger.warning("Task record %s cannot be read; left in place", key, exc_info=True)
            continue
        if _finished_before(record, cutoff) and HUEY.storage.delete_data(raw_key):
            removed += 1
    return removed


def _finished_before(record: Any, cutoff: datetime) -> bool:
    finished = record.get("finished_at") if isinstance(record, dict) else None
    if not finished:
        # Still waiting or running: never remove a job that has not finished.
        return False
    return datetime.fromisoformat(finished) < cutoff


# The schedule. The wrappers run the task's function in the worker that picked the
# periodic task up, rather than queueing a second job, and mark whatever it changes as
# coming from a job.


@db_periodic_task(crontab(minute="0", hour="9"), name="core.clear_expired_sessions_daily")
def clear_expired_sessions_daily() -> None:
    with audit_source(AuditSource.JOB):
        clear_expired_sessions.call()


@db_periodic_task(crontab(minute="15", hour="9"), name="core.purge_expired_cache_entries_daily")
def purge_expired_cache_entries_daily() -> None:
    with audit_source(AuditSource.JOB):
        purge_expired_cache_entries.call()


@db_periodic_task(crontab(minute="30", hour="9"), name="core.purge_finished_task_records_daily")
def purge_finished_task_records_daily() -> None:
    with audit_source(AuditSource.JOB):
        purge_finished_task_records.call()


PERIODIC_TASKS = (clear_expired_sessions_daily, purge_expired_cache_entries_daily, purge_finished_task_records_daily)
