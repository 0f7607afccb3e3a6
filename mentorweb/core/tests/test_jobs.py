"""The periodic maintenance jobs, their schedule, and jobs run twice."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from huey.contrib.djhuey import HUEY

from mentorweb.accounts.models import UserSession
from mentorweb.core import tasks as jobs
from mentorweb.core.models import AuditEntry, AuditSource
from mentorweb.notifications.models import SentEmail
from mentorweb.notifications.tasks import send_templated_email

OUR_PERIODIC = {
    "core.clear_expired_sessions_daily",
    "core.purge_expired_cache_entries_daily",
    "core.purge_finished_task_records_daily",
}


def due_at(hour: int, minute: int) -> set[str]:
    # huey hands the scheduler naive UTC times ("utc": True in settings).
    return {task.name for task in HUEY.read_periodic(dt.datetime(2025, 3, 3, hour, minute))} & OUR_PERIODIC


def test_periodic_jobs_are_registered_once_a_day_each_at_its_own_time():
    assert due_at(9, 0) == {"core.clear_expired_sessions_daily"}
    assert due_at(9, 15) == {"core.purge_expired_cache_entries_daily"}
    assert due_at(9, 30) == {"core.purge_finished_task_records_daily"}
    day = {name for hour in range(24) for minute in range(60) for name in due_at(hour, minute)}
    assert day == OUR_PERIODIC
    runs = sum(len(due_at(hour, minute)) for hour in range(24) for minute in range(60))
    assert runs == len(OUR_PERIODIC)


def _session(*, expired: bool) -> str:
    store = SessionStore()
    store["seen"] = True
    store.create()
    if expired:
        Session.objects.filter(session_key=store.session_key).update(
            expire_date=timezone.now() - dt.timedelta(minutes=1)
        )
    assert store.session_key is not None
    return store.session_key


def test_clear_expired_sessions_removes_them_and_their_user_sessions(personas):
    live, expired = _session(expired=False), _session(expired=True)
    UserSession.objects.create(user=personas.member, session_key=live)
    UserSession.objects.create(user=personas.member, session_key=expired)
    # A logout deletes the session but not this row.
    UserSession.objects.create(user=personas.admin, session_key="ended-by-logout")

    jobs.clear_expired_sessions_daily.call_local()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [live]
    entry = AuditEntry.objects.get(action="sessions.cleared")
    assert entry.source == AuditSource.JOB
    assert entry.changes == {"sessions": [1, 0], "user_sessions": [2, 0]}

    # Running again finds nothing to do and records nothing.
    jobs.clear_expired_sessions_daily.call_local()
    assert AuditEntry.objects.filter(action="sessions.cleared").count() == 1
    assert Session.objects.count() == 1


def test_clear_expired_sessions_runs_through_the_tasks_backend(db, django_capture_on_commit_callbacks):
    _session(expired=True)
    with django_capture_on_commit_callbacks(execute=True):
        result = jobs.clear_expired_sessions.enqueue()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"sessions": 1, "user_sessions": 0}
    assert AuditEntry.objects.get(action="sessions.cleared").source == AuditSource.JOB


def _cache_keys() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM mentorweb_cache")
        return {row[0] for row in cursor.fetchall()}


def test_purge_expired_cache_entries_keeps_live_ones(db):
    cache.set("short", 1, timeout=60)
    cache.set("long", 2, timeout=3600)
    assert {":1:short", ":1:long"} <= _cache_keys()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
        jobs.purge_expired_cache_entries_daily.call_local()
        assert ":1:short" not in _cache_keys()
        assert ":1:long" in _cache_keys()
        assert cache.get("long") == 2


def test_purge_finished_task_records_keeps_recent_and_unfinished_ones(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = jobs.purge_expired_cache_entries.enqueue()
    key = f"{jobs.TASK_RECORD_PREFIX}{result.id}"
    unfinished = f"{jobs.TASK_RECORD_PREFIX}waiting"
    HUEY.put_result(unfinished, {"status": "READY", "finished_at": None})
    try:
        jobs.purge_finished_task_records.call()
        assert HUEY.storage.has_data_for_key(key), "a record from today was removed"

        later = timezone.now() + jobs.TASK_RESULT_RETENTION + dt.timedelta(hours=1)
        with time_machine.travel(later, tick=False):
            jobs.purge_finished_task_records_daily.call_local()
        assert not HUEY.storage.has_data_for_key(key)
        assert HUEY.storage.has_data_for_key(unfinished)
    finally:
        HUEY.storage.delete_data(unfinished)


@pytest.mark.django_db
def test_an_email_job_run_twice_sends_one_email(django_capture_on_commit_callbacks):
    context = {
        "given_name": "Ada",
        "organization_name": "Ontario Principals' Council",
        "inviter_name": "Nadia Haddad",
        "role_label": "Facilitator",
        "link": "http://testserver/o/opc/",
        "needs_password": False,
        "valid_days": 3,
    }
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_templated_email.enqueue(
                key="test-notice:1", to="ada@example.org", template="emails/invitation", context=context
            )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert "Ontario Principals' Council" in message.subject
    assert "Nadia Haddad" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Nadia Haddad" in html
    assert SentEmail.objects.filter(key="test-notice:1").count() == 1
