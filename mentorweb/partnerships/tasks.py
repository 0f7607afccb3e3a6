"""The partnerships app's scheduled jobs (huey imports every app's `tasks` module; see core.tasks).

Every day at 13:00 UTC (09:00 in Ontario, 06:00 in British Columbia, in summer time): health,
the surveys that fall due, and the reminders (partnerships.reminders). Safe to run twice.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.partnerships.lifecycle import complete_due_partnerships_daily  # daily at 09:45 UTC
from mentorweb.partnerships.reminders import partnerships_daily


@db_periodic_task(crontab(minute="0", hour="13"), name="partnerships.daily")
def partnerships_daily_scheduled() -> None:
    with audit_source(AuditSource.JOB):
        partnerships_daily.call()


PERIODIC_TASKS = (partnerships_daily_scheduled, complete_due_partnerships_daily)
