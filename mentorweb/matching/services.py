"""Every change in matching: starting a run, the advisory team's decisions, publishing, and a
result imported from the command line.

Only one run per offering may be queued or running: a partial unique index
(match_run_one_active_per_offering) is the last word, whatever the concurrency. A run's work
is done by a job (jobs.run_execute, see runs.py) queued when the run's transaction commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.matching import engine
from mentorweb.matching.imports import parse_result
from mentorweb.matching.jobs import run_execute
from mentorweb.matching.models import (
    ACTIVE_RUN_STATUSES,
    Decision,
    DecisionKind,
    MatchRun,
    PairRule,
    PairRuleKind,
    Proposal,
    ProposalStatus,
    RunStatus,
)
from mentorweb.matching.profiles import build_pool, pool_instance, rules_of
from mentorweb.matching.runs import store_results
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.services import partnership_create
from mentorweb.programs.cleaning import choice, text
from mentorweb.programs.models import MatchObjective, Offering
from mentorweb.registrations.models import Registration, RegistrationRole

RUN_MATCHING = "matching.run_matching"
# A run still "running" after this long lost its worker (a restart, a crash): starting a new
# run marks it failed instead of waiting for ever.
STALE_AFTER = dt.timedelta(hours=1)
DECIDABLE = (RunStatus.SUCCEEDED,)


def _require(actor: Any, organization: Organization) -> None:
    if not (actor is not None and actor.has_perm(RUN_MATCHING, organization)):
        raise DomainError(_("You cannot run the matching of this program."), code="forbidden")


def _busy() -> DomainError:
    return DomainError(_("A match run is already under way for this offering."), code="conflict")


def _next_number(offering: Offering) -> int:
    return int(MatchRun.objects.filter(offering=offering).aggregate(n=Max("number"))["n"] or 0) + 1


def _fail_stale_runs(offering: Offering) -> None:
    stale = MatchRun.objects.filter(
        offering=offering, status=RunStatus.RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    )
    stale.update(
        status=RunStatus.FAILED,
        progress_message="failed",
        finished_at=timezone.now(),
        error=_("The run stopped without finishing (its worker was interrupted)."),
    )


# --- runs -----------------------------------------------------------------------------------------


def run_start(*, actor: Any, offering: Offering, objective: str | None = None) -> MatchRun:
    """Queue a match run of the offering's pool; the job starts when this transaction commits."""
    organization = offering.program.organization
    _require(actor, organization)
    rules = rules_of(offering)
    objective = choice(objective, "objective", MatchObjective.values, blank=True) or rules.objective
    with transaction.atomic():
        # Starts of one offering queue up here; the unique index below is still the last word.
        Offering.objects.select_for_update().filter(pk=offering.pk).first()
        _fail_stale_runs(offering)
        if MatchRun.objects.filter(offering=offering, status__in=ACTIVE_RUN_STATUSES).exists():
            raise _busy()
        try:
            with transaction.atomic():
                run = MatchRun.objects.create(
                    offering=offering,
                    number=_next_number(offering),
                    objective=objective,
                    requested_by=actor,
                    progress_message="queued",
                    parameters={"source": "engine"},
                )
        except IntegrityError as error:
            raise _busy() from error
        audit_record(
            actor=actor,
            action="match_run.started",
            obj=run,
            organization=organization,
            changes={"status": [None, run.status], "objective": [None, objective]},
        )
        # The tasks backend enqueues after commit, so the job always finds the run.
        run_execute.enqueue(run_id=run.pk)
    return run


def run_publish(*, actor: Any, run: MatchRun) -> MatchRun:
    """Create a partnership for every approved proposal of the offering's latest run; e-mail both
    people of each, who accept or decline. All of them, or none if one cannot be created."""
    offering = run.offering
    organization = offering.program.organization
    _require(actor, organization)
    with transaction.atomic():
        locked = MatchRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != RunStatus.SUCCEEDED:
            raise DomainError(
                _("Only a run that is ready for review can be published; this one is “%(status)s”.")
                % {"status": locked.get_status_display()},
                code="conflict",
            )
        if MatchRun.objects.filter(offering=offering, status__in=ACTIVE_RUN_STATUSES).exists():
            raise DomainError(_("A newer run is under way: publish when it is ready."), code="conflict")
        approved = list(
            Proposal.objects.filter(run=locked, status=ProposalStatus.APPROVED)
            .select_related("mentee__person", "mentor__person")
            .order_by("pk")
        )
        if not approved:
            raise DomainError(_("Approve at least one pair before publishing."), code="nothing_approved")
        for proposal in approved:
            partnership_create(actor=actor, proposal=proposal)
        Proposal.objects.filter(run=locked, status=ProposalStatus.APPROVED).update(status=ProposalStatus.PUBLISHED)
        locked.status = RunStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = actor
        locked.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            actor=actor,
            action="match_run.published",
            obj=locked,
            organization=organization,
            changes={"status": [RunStatus.SUCCEEDED, RunStatus.PUBLISHED], "partnerships": [0, len(approved)]},
        )
    return locked


# --- decisions ------------------------------------------------------------------------------------


def _check_people(offering: Offering, mentee: Registration, mentor: Registration) -> None:
    if mentee.offering_id != offering.pk or mentee.role != RegistrationRole.MENTEE:
        raise DomainError(_("Choose a mentee of this offering."), field="mentee")
    if mentor.offering_id != offering.pk or mentor.role != RegistrationRole.MENTOR:
        raise DomainError(_("Choose a mentor of this offering."), field="mentor")


def _check_proposal(proposal: Proposal, offering: Offering, mentee: Registration, mentor: Registration) -> None:
    if proposal.run.offering_id != offering.pk or (proposal.mentee_id, proposal.mentor_id) != (mentee.pk, mentor.pk):
        raise DomainError(_("This proposal is not about this pair."), field="proposal")


def _set_status(proposal: Proposal | None, kind: str) -> tuple[str, str]:
    if proposal is None:
        raise DomainError(_("Approve or reject a proposed pair, from its run."), field="proposal")
    new = ProposalStatus.APPROVED if kind == DecisionKind.APPROVE else ProposalStatus.REJECTED
    # A conditional UPDATE on the run's status: a pair of a run that was published or replaced
    # meanwhile is not changed.
    changed = Proposal.objects.filter(
        pk=proposal.pk,
        run__status__in=DECIDABLE,
        status__in=(ProposalStatus.PROPOSED, ProposalStatus.APPROVED, ProposalStatus.REJECTED),
    ).update(status=new)
    if not changed:
        raise DomainError(
            _("This pair belongs to a run that was published or replaced: decide on the latest run."),
            field="proposal",
            code="conflict",
        )
    old, proposal.status = proposal.status, new
    return old, new


def _rule_error(message: str) -> DomainError:
    return DomainError(message, field="kind", code="conflict")


def _add_rule(offering: Offering, mentee: Registration, mentor: Registration, kind: str, decision: Decision) -> None:
    rules = {(r.mentor_id, r.kind): r for r in PairRule.objects.filter(offering=offering, mentee=mentee)}
    names = {"mentee": mentee.person.full_name, "mentor": mentor.person.full_name}
    same_pair = rules.get((mentor.pk, PairRuleKind.LOCK)) or rules.get((mentor.pk, PairRuleKind.EXCLUDE))
    if same_pair is not None and same_pair.kind == kind:
        raise _rule_error(
            (
                _("%(mentee)s and %(mentor)s are already locked together.")
                if kind == PairRuleKind.LOCK
                else _("The pair %(mentee)s – %(mentor)s is already excluded.")
            )
            % names
        )
    if same_pair is not None:
        raise _rule_error(
            (
                _("The pair %(mentee)s – %(mentor)s is excluded: release the exclusion before locking it.")
                if kind == PairRuleKind.LOCK
                else _("%(mentee)s and %(mentor)s are locked together: release the lock before excluding the pair.")
            )
            % names
        )
    other_lock = next((r for (m, k), r in rules.items() if k == PairRuleKind.LOCK), None)
    if kind == PairRuleKind.LOCK and other_lock is not None:
        other = Registration.objects.select_related("person").get(pk=other_lock.mentor_id)
        raise _rule_error(
            _("%(mentee)s is already locked to %(other)s: release that lock first.")
            % {**names, "other": other.person.full_name}
        )
    try:
        with transaction.atomic():
            PairRule.objects.create(offering=offering, mentee=mentee, mentor=mentor, kind=kind, decision=decision)
    except IntegrityError as error:  # a concurrent decision on the same mentee won the race
        raise _rule_error(_("Another decision on %(mentee)s was just recorded: reload the page.") % names) from error


def decision_record(
    *,
    actor: Any,
    offering: Offering,
    mentee: Registration,
    mentor: Registration,
    kind: str,
    rationale: str,
    proposal: Proposal | None = None,
) -> Decision:
    """Record an advisory-team member's decision on a pair, with its rationale.

    approve / reject change the proposal's status; lock / exclude add a rule every later run
    honours; release removes that rule; a comment only records.
    """
    organization = offering.program.organization
    _require(actor, organization)
    kind = choice(kind, "kind", DecisionKind.values)
    rationale = text(rationale, "rationale", max_length=4000, required=True, multiline=True)
    _check_people(offering, mentee, mentor)
    if proposal is not None:
        _check_proposal(proposal, offering, mentee, mentor)
    with transaction.atomic():
        changes: dict[str, Any] = {"kind": [None, kind], "rationale": [None, rationale]}
        if kind in (DecisionKind.APPROVE, DecisionKind.REJECT):
            changes["proposal_status"] = list(_set_status(proposal, kind))
        released = None
        if kind == DecisionKind.RELEASE:
            released = PairRule.objects.filter(offering=offering, mentee=mentee, mentor=mentor).first()
            if released is None:
                raise DomainError(_("This pair has no lock or exclusion to release."), field="kind")
            changes["released"] = [released.kind, None]
            released.delete()
        decision = Decision.objects.create(
            offering=offering,
            proposal=proposal,
            mentee=mentee,
            mentor=mentor,
            kind=kind,
            rationale=rationale,
            author=actor,
        )
        if kind in (DecisionKind.LOCK, DecisionKind.EXCLUDE):
            rule_kind = PairRuleKind.LOCK if kind == DecisionKind.LOCK else PairRuleKind.EXCLUDE
            _add_rule(offering, mentee, mentor, rule_kind, decision)
        audit_record(
            actor=actor, action=f"match_decision.{kind}", obj=decision, organization=organization, changes=changes
        )
    return decision


# --- the pool as JSON, and a result back --------------------------------------------------------


def pool_export(offering: Offering) -> dict[str, Any]:
    """The offering's pool as a `mentorweb-match` instance (the candidate pairs with their scores).

    Ids are the applications' ids; the advisory team's locks and exclusions are in it.
    """
    return engine.instance_to_dict(pool_instance(build_pool(offering)))


def result_import(*, actor: Any, offering: Offering, data: Any) -> MatchRun:
    """A result of `mentorweb-match` for this offering's pool becomes a run ready for review."""
    organization = offering.program.organization
    _require(actor, organization)
    pool = build_pool(offering)
    result = parse_result(pool, data)
    with transaction.atomic():
        Offering.objects.select_for_update().filter(pk=offering.pk).first()
        if MatchRun.objects.filter(offering=offering, status__in=ACTIVE_RUN_STATUSES).exists():
            raise _busy()
        now = timezone.now()
        try:
            with transaction.atomic():
                run = MatchRun.objects.create(
                    offering=offering,
                    number=_next_number(offering),
                    objective=result.objective,
                    status=RunStatus.RUNNING,
                    requested_by=actor,
                    started_at=now,
                    parameters={"source": "import"},
                )
        except IntegrityError as error:
            raise _busy() from error
        store_results(run, pool, result.pairs, result.unmatched, n_candidates=0)
        audit_record(
            actor=actor,
            action="match_run.imported",
            obj=run,
            organization=organization,
            changes={"pairs": [0, len(result.pairs)], "unmatched": [0, len(result.unmatched)]},
        )
    return run
