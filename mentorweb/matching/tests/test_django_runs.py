"""Match runs end to end: start, the job (executed after commit), progress, results, failures."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.matching import engine, runs
from mentorweb.matching.jobs import run_execute
from mentorweb.matching.models import (
    Decision,
    DecisionKind,
    MatchRun,
    PairRule,
    PairRuleKind,
    Proposal,
    RunStatus,
    Unmatched,
)
from mentorweb.matching.services import run_start
from mentorweb.matching.tests.world import advisory, mentee, small_pool
from mentorweb.registrations.models import Conflict, ConflictKind, Registration

pytestmark = pytest.mark.django_db


def start(user, offering, capture, **kwargs):
    with capture(execute=True):
        run = run_start(actor=user, offering=offering, **kwargs)
    run.refresh_from_db()
    return run


def test_a_run_proposes_the_best_pairs_and_explains_the_unmatched(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    loner = mentee(pool.offering, "Lou French", answers={"languages": ["fr"]})

    run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)

    assert run.status == RunStatus.SUCCEEDED
    assert run.number == 1
    assert (run.progress, run.progress_message) == (100, "done")
    assert (run.n_mentees, run.n_mentors, run.n_pairs) == (3, 2, 2)
    assert run.started_at is not None and run.finished_at is not None
    pairs = {(p.mentee_id, p.mentor_id): p for p in Proposal.objects.filter(run=run)}
    assert set(pairs) == {(ada.pk, bea.pk), (cy.pk, dee.pk)}
    best = pairs[(ada.pk, bea.pk)]
    assert best.components["needs"] == pytest.approx(3.0)  # every need met, weight 3
    assert best.components["context"] == pytest.approx(1.0)  # same region
    assert best.score == pytest.approx(sum(best.components.values()))
    assert run.total_score == pytest.approx(sum(p.score for p in pairs.values()))
    assert not best.locked
    unmatched = Unmatched.objects.get(run=run)
    assert unmatched.mentee == loner
    assert unmatched.reason_code == "no_candidates"
    assert "language" in unmatched.detail
    assert run.parameters["weights"]["needs"] == 3.0
    assert run.parameters["max_pairs"] == 40
    actions = list(AuditEntry.objects.filter(object_id=str(run.pk)).values_list("action", "source"))
    assert ("match_run.started", "command") in actions
    assert ("match_run.succeeded", "job") in actions


def test_the_run_records_each_step_of_its_progress(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    seen = []
    real_solve = engine.solve

    def spy(instance):
        run = MatchRun.objects.get(offering=pool.offering)
        seen.append((run.status, run.progress, run.progress_message))
        return real_solve(instance)

    with mock.patch.object(runs.engine, "solve", side_effect=spy):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run = run_start(actor=personas.admin, offering=pool.offering)
        run.refresh_from_db()
        # Before the transaction commits nothing runs: the run waits in the queue.
        assert (run.status, run.progress, run.progress_message) == (RunStatus.QUEUED, 0, "queued")
        for callback in callbacks:
            callback()
    assert seen == [(RunStatus.RUNNING, 60, "solving")]
    run.refresh_from_db()
    assert (run.status, run.progress) == (RunStatus.SUCCEEDED, 100)


def test_a_new_run_supersedes_the_one_under_review(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    first = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)
    second = start(personas.staff, pool.offering, django_capture_on_commit_callbacks, objective="score")
    first.refresh_from_db()
    assert first.status == RunStatus.SUPERSEDED
    assert second.status == RunStatus.SUCCEEDED
    assert second.number == 2
    assert second.objective == "score"


def test_only_one_run_at_a_time(personas):
    pool = small_pool(personas.org)
    # Without the on-commit callbacks the job never runs: the first run stays queued.
    run_start(actor=personas.admin, offering=pool.offering)
    with pytest.raises(DomainError) as error:
        run_start(actor=personas.staff, offering=pool.offering)
    assert error.value.code == "conflict"
    assert "already under way" in error.value.message
    assert MatchRun.objects.filter(offering=pool.offering).count() == 1


def test_a_run_lost_by_its_worker_does_not_block_the_offering(personas):
    pool = small_pool(personas.org)
    run_start(actor=personas.admin, offering=pool.offering)
    MatchRun.objects.update(status=RunStatus.RUNNING, started_at=timezone.now() - dt.timedelta(hours=2))
    second = run_start(actor=personas.admin, offering=pool.offering)
    assert second.number == 2
    assert MatchRun.objects.get(number=1).status == RunStatus.FAILED


def test_who_may_start_a_run(personas):
    pool = small_pool(personas.org)
    for user in (personas.member, personas.outsider, None):
        with pytest.raises(DomainError) as error:
            run_start(actor=user, offering=pool.offering)
        assert error.value.code == "forbidden"
    run = run_start(actor=advisory(personas.org), offering=pool.offering)
    assert run.status == RunStatus.QUEUED


def test_an_unknown_objective_names_the_field(personas):
    pool = small_pool(personas.org)
    with pytest.raises(DomainError) as error:
        run_start(actor=personas.admin, offering=pool.offering, objective="fastest")
    assert error.value.field == "objective"
    assert not MatchRun.objects.exists()


def test_a_lock_that_cannot_be_honoured_fails_the_run_naming_the_pair(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    dee = pool.mentors[1]
    decision = Decision.objects.create(
        offering=pool.offering,
        mentee=ada,
        mentor=dee,
        kind=DecisionKind.LOCK,
        rationale="Asked for",
        author=personas.admin,
    )
    PairRule.objects.create(offering=pool.offering, mentee=ada, mentor=dee, kind=PairRuleKind.LOCK, decision=decision)
    Conflict.objects.create(mentee=ada, mentor=dee, kind=ConflictKind.SUPERVISES)

    run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)

    assert run.status == RunStatus.FAILED
    assert "Ada Lovelace" in run.error and "Dee Snider" in run.error
    assert "conflict of interest" in run.error
    assert str(ada.pk) not in run.error.split()
    assert run.finished_at is not None
    assert not Proposal.objects.filter(run=run).exists()
    assert AuditEntry.objects.filter(action="match_run.failed", object_id=str(run.pk)).exists()


def test_a_lock_with_a_full_mentor_fails_naming_them(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea = pool.mentors[0]
    Registration.objects.filter(pk=bea.pk).update(capacity=2)
    for person in (ada, cy):
        decision = Decision.objects.create(
            offering=pool.offering, mentee=person, mentor=bea, kind="lock", rationale="Asked for", author=None
        )
        PairRule.objects.create(offering=pool.offering, mentee=person, mentor=bea, kind="lock", decision=decision)
    Registration.objects.filter(pk=bea.pk).update(partnerships_taken=1)

    run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)

    assert run.status == RunStatus.FAILED
    assert "Bea Arthur" in run.error
    assert "Ada Lovelace" in run.error and "Cy Young" in run.error


def test_an_empty_pool_fails_with_a_message(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    Registration.objects.filter(pk__in=[m.pk for m in pool.mentees]).update(status="submitted")
    run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.FAILED
    assert "No accepted mentee" in run.error


def test_an_error_in_the_engine_fails_the_run_instead_of_leaving_it_running(
    personas, django_capture_on_commit_callbacks, caplog
):
    pool = small_pool(personas.org)
    with mock.patch.object(runs.engine, "solve", side_effect=engine.EngineError("boom")):
        run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.FAILED
    assert "error in Mentorweb" in run.error
    assert "boom" not in run.error


def test_the_job_run_twice_does_the_work_once(personas, django_capture_on_commit_callbacks):
    pool = small_pool(personas.org)
    run = start(personas.admin, pool.offering, django_capture_on_commit_callbacks)
    assert run_execute.call(run.pk) == "skipped"
    assert Proposal.objects.filter(run=run).count() == 2
