"""The background job of matching: one match run, from the pool to its proposals.

A Django task, queued after the transaction that created the run commits, taking the run's id
and re-reading everything; running it twice does the work once (see runs.run_execute_now).
This module is imported when the app is ready, so the job worker knows the task.
"""

from __future__ import annotations

from django_tasks import task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.matching.runs import run_execute_now


@task()
def run_execute(run_id: int) -> str:
    """Build the run's pool, solve it and store the proposals; returns the run's final status."""
    with audit_source(AuditSource.JOB):
        return run_execute_now(run_id=run_id)
