"""A match run's work, done by the job `jobs.run_execute`: build the pool, find the candidate
pairs, solve, save the proposals. Progress is written as it goes, outside any transaction, so
that the page polling it sees each step; the results are saved in one transaction.

Safe to run twice: the run moves from QUEUED to RUNNING by a conditional UPDATE, and only the
job that made that change does the work.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.matching import engine
from mentorweb.matching.models import ACTIVE_RUN_STATUSES, MatchRun, Proposal, RunStatus, Unmatched
from mentorweb.matching.profiles import Pool, build_pool, pool_instance

logger = logging.getLogger(__name__)
BATCH = 2000


@dataclass(frozen=True)
class PairRow:
    mentee: str
    mentor: str
    score: float
    components: dict[str, float]
    locked: bool


@dataclass(frozen=True)
class UnmatchedRow:
    mentee: str
    reason: str
    detail: str


def progress(run_id: int, percent: int, step: str) -> None:
    MatchRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(progress=percent, progress_message=step)


def language_of(run: MatchRun) -> str:
    """Messages of a run are written in the language of the person who started it."""
    person = getattr(run.requested_by, "person", None) if run.requested_by_id else None
    return getattr(person, "preferred_language", "") or "en"


def store_results(
    run: MatchRun, pool: Pool, pairs: list[PairRow], unmatched: list[UnmatchedRow], *, n_candidates: int
) -> None:
    """Save the proposals and the unmatched mentees, mark the run ready for review, and retire
    the offering's earlier runs that were ready (the advisory team reviews the latest only).
    Call inside a transaction."""
    Proposal.objects.bulk_create(
        [
            Proposal(
                run=run,
                mentee_id=int(row.mentee),
                mentor_id=int(row.mentor),
                score=row.score,
                components=row.components,
                locked=row.locked,
            )
            for row in pairs
        ],
        batch_size=BATCH,
    )
    Unmatched.objects.bulk_create(
        [
            Unmatched(run=run, mentee_id=int(row.mentee), reason_code=row.reason[:32], detail=row.detail[:500])
            for row in unmatched
        ],
        batch_size=BATCH,
    )
    total = math.fsum(row.score for row in pairs)
    values: dict[str, Any] = {
        "status": RunStatus.SUCCEEDED,
        "progress": 100,
        "progress_message": "done",
        "error": "",
        "n_mentees": len(pool.mentees),
        "n_mentors": len(pool.mentors),
        "n_candidates": n_candidates,
        "n_pairs": len(pairs),
        "total_score": total,
        "finished_at": timezone.now(),
        "parameters": {**pool.parameters(), **run.parameters},
    }
    MatchRun.objects.filter(pk=run.pk).update(**values)
    superseded = list(
        MatchRun.objects.filter(offering_id=run.offering_id, status=RunStatus.SUCCEEDED)
        .exclude(pk=run.pk)
        .values_list("number", flat=True)
    )
    MatchRun.objects.filter(offering_id=run.offering_id, status=RunStatus.SUCCEEDED).exclude(pk=run.pk).update(
        status=RunStatus.SUPERSEDED
    )
    for name, value in values.items():
        setattr(run, name, value)
    audit_record(
        actor=run.requested_by,
        action="match_run.succeeded",
        obj=run,
        organization=pool.offering.program.organization,
        changes={
            "status": [RunStatus.RUNNING, RunStatus.SUCCEEDED],
            "n_pairs": [0, len(pairs)],
            "unmatched": [0, len(unmatched)],
            "superseded_runs": [[], superseded],
        },
    )


def fail(run: MatchRun, message: str) -> None:
    updated = MatchRun.objects.filter(pk=run.pk, status__in=ACTIVE_RUN_STATUSES).update(
        status=RunStatus.FAILED, error=message, progress_message="failed", finished_at=timezone.now()
    )
    if updated:
        audit_record(
            actor=run.requested_by,
            action="match_run.failed",
            obj=run,
            organization=run.offering.program.organization,
            changes={"status": [run.status, RunStatus.FAILED], "error": ["", message]},
        )


def _solve(run: MatchRun) -> None:
    pool = build_pool(run.offering, objective=run.objective)
    if not pool.mentees:
        raise DomainError(_("No accepted mentee is waiting for a mentor in this offering: there is nobody to match."))
    if not pool.mentors:
        raise DomainError(_("No accepted mentor has a place left in this offering: there is nobody to match with."))
    progress(run.pk, 25, "candidates")
    instance = pool_instance(pool)
    progress(run.pk, 60, "solving")
    result = engine.solve(instance)
    progress(run.pk, 85, "saving")
    data = engine.result_to_dict(result)
    pairs = [
        PairRow(p["mentee"], p["mentor"], float(p["score"]), p["components"], bool(p["locked"])) for p in data["pairs"]
    ]
    unmatched = [UnmatchedRow(u["mentee"], u["reason"], u["detail"]) for u in data["unmatched"]]
    with transaction.atomic():
        # Re-read under a lock: the run must still be running (nobody failed it meanwhile).
        locked = MatchRun.objects.select_for_update().filter(pk=run.pk, status=RunStatus.RUNNING).first()
        if locked is None:
            return
        run.status = locked.status
        store_results(run, pool, pairs, unmatched, n_candidates=instance.n_candidates)


def run_execute_now(*, run_id: int) -> str:
    """Do the work of one queued run; returns its final status."""
    started = MatchRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=5, progress_message="pool"
    )
    if not started:
        return "skipped"
    run = MatchRun.objects.select_related("offering__program__organization", "requested_by__person").get(pk=run_id)
    with translation.override(language_of(run)):
        try:
            _solve(run)
        except DomainError as error:
            fail(run, str(error.message))
        except Exception:
            # A bug, not a problem of the pool: the run must not stay "running" for ever.
            logger.exception("match run %s stopped with an error", run_id)
            fail(
                run,
                _(
                    "The matching stopped because of an error in Mentorweb. Try again; if it fails again, tell your site administrator."
                ),
            )
    return str(MatchRun.objects.values_list("status", flat=True).get(pk=run_id))
