"""Jobs of the course side: yearly tax receipts and session reminders.

Each job is a Django task (staff enqueue the receipts on demand, tests call them directly)
and is scheduled by huey's periodic scheduler (see core.tasks). Both are safe to run twice:
receipts are generated idempotently, reminders carry a SentEmail key.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.notifications.reminders import session_reminders_send
from mentorweb.organizations.models import Organization
from mentorweb.registrations.receipts import organizations_with_fees, receipt_generate_for_year


@task()
def receipts_generate(*, organization_id: int, year: int) -> dict[str, int]:
    """One organization's receipts for one tax year (the staff page's button)."""
    with audit_source(AuditSource.JOB):
        organization = Organization.objects.get(pk=organization_id)
        return receipt_generate_for_year(organization=organization, year=year).as_dict()


@task()
def receipts_generate_all(year: int | None = None) -> dict[str, Any]:
    """Every organization's receipts for the tax year (by default the one that just ended)."""
    year = year or timezone.now().year - 1
    totals = {"organizations": 0, "created": 0, "corrected": 0, "unchanged": 0}
    with audit_source(AuditSource.JOB):
        for organization in Organization.objects.filter(pk__in=organizations_with_fees(year)).order_by("pk"):
            run = receipt_generate_for_year(organization=organization, year=year)
            totals["organizations"] += 1
            for key, value in run.as_dict().items():
                totals[key] += value
    return totals


@task()
def session_reminders() -> int:
    with audit_source(AuditSource.JOB):
        return session_reminders_send()


# The schedule (UTC). Receipts: on February 1, so every receipt of the year that ended is in
# candidates' accounts well before the end of February, as seed 000 promises; a second run on
# February 15 picks up payments and refunds recorded late in January. Reminders: every day at
# 14:00 UTC, the morning in every Canadian zone, for the sessions of the next day.


@db_periodic_task(crontab(month="2", day="1,15", hour="10", minute="0"), name="registrations.receipts_yearly")
def receipts_yearly() -> None:
    receipts_generate_all.call()


@db_periodic_task(crontab(minute="0", hour="14"), name="registrations.session_reminders_daily")
def session_reminders_daily() -> None:
    session_reminders.call()


PERIODIC_TASKS = (receipts_yearly, session_reminders_daily)
