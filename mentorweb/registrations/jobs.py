"""Background jobs of registrations: ending expired seat offers, confirming after a credential check.

Each is a Django task, safe to run twice (every change is a conditional UPDATE on the old
status). The periodic one is scheduled by huey's scheduler; this module is imported when the
app is ready, so the worker knows it.
"""

from __future__ import annotations

from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.registrations.services import registrations_confirm_for_person, registrations_expire_offers


@task()
def expire_seat_offers() -> int:
    """End the seat offers whose 72 hours ran out and offer each seat to the next person waiting."""
    with audit_source(AuditSource.JOB):
        return registrations_expire_offers(actor=None)


@task()
def confirm_after_credential_check(*, person_id: int) -> int:
    """A credential was verified in good standing: confirm the registrations that waited for it."""
    with audit_source(AuditSource.JOB):
        return registrations_confirm_for_person(actor=None, person_id=person_id)


@db_periodic_task(crontab(minute="*/15"), name="registrations.expire_seat_offers")
def expire_seat_offers_periodically() -> None:
    with audit_source(AuditSource.JOB):
        expire_seat_offers.call()
