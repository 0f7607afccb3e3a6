"""The daily coverage snapshot of every mentoring web, for the steering committee's trend.

Safe to run twice: a snapshot is one row per (program, day, role group), written as an upsert on
that unique key, so a second run on the same day replaces the figures instead of adding rows.
The day is the board's own (its time zone), so a late-evening run in Vancouver counts for that day.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.programs.times import today_in
from mentorweb.webs.coverage import snapshot_rows
from mentorweb.webs.models import CoverageSnapshot

logger = logging.getLogger(__name__)

SNAPSHOT_FIELDS = ["people", "with_mentor", "mentoring", "connections"]


def snapshot_program(program: Program, taken_on: dt.date | None = None) -> int:
    """Write the program's snapshot for the day (today in its organization's zone); the rows written."""
    day = taken_on or today_in(program.organization.time_zone)
    rows = snapshot_rows(program, day)
    with transaction.atomic():
        CoverageSnapshot.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["program", "taken_on", "role_group"],
            update_fields=SNAPSHOT_FIELDS,
        )
    return len(rows)


@task()
def snapshot_coverage(*, program_id: int) -> int:
    """One web's snapshot, by id (re-read here: the job may run long after it was queued)."""
    program = Program.objects.select_related("organization").filter(pk=program_id, kind=ProgramKind.WEB).first()
    if program is None:
        return 0
    with audit_source(AuditSource.JOB):
        return snapshot_program(program)


def snapshot_all() -> int:
    written = 0
    for program in Program.objects.filter(kind=ProgramKind.WEB).select_related("organization").iterator(chunk_size=100):
        written += snapshot_program(program)
    return written


# Daily at 09:30 UTC: the small hours across Canada, so every board's "today" is the day that just began.
@db_periodic_task(crontab(minute="30", hour="9"), name="webs.coverage_snapshot_daily")
def coverage_snapshot_daily() -> None:
    with audit_source(AuditSource.JOB):
        count = snapshot_all()
    logger.info("Wrote %s coverage snapshot rows", count)
