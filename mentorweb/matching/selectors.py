"""Reads of matching, scoped to what the user may see.

Everything starts from an organization the user belongs to (organizations.selectors): another
organization's offering, run or proposal is a 404 for every role, like one that does not exist;
then a role without the matching permission is a 403. Lists read their related rows in a fixed
number of queries whatever their length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from mentorweb.matching.models import (
    ACTIVE_RUN_STATUSES,
    Decision,
    MatchRun,
    PairRule,
    Proposal,
    ProposalStatus,
    Unmatched,
)
from mentorweb.matching.profiles import live_partnership_count, pool_querysets, remaining_cap
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.programs.models import Offering, PairingRules, ProgramKind
from mentorweb.registrations.models import BoardInput, Conflict, MentorPreference, Registration

RUN_MATCHING = "matching.run_matching"
PAIR_RELATED = ("mentee__person__user", "mentee__board", "mentor__person__user", "mentor__board")


def get_offering_for_matching(user: Any, slug: str, offering_id: int) -> tuple[Organization, Offering]:
    """The organization's pairing offering; another organization's (or a course) is a 404, then a
    role that does not run the matching is a 403."""
    organization = get_organization_for_user(user, slug)
    offering = (
        Offering.objects.select_related("program__organization", "program__pairing")
        .filter(pk=offering_id, program__organization=organization, program__kind=ProgramKind.PAIRING)
        .first()
    )
    if offering is None or not hasattr(offering.program, "pairing"):
        raise Http404
    if not user.has_perm(RUN_MATCHING, organization):
        raise PermissionDenied
    return organization, offering


def get_run(offering: Offering, run_id: int) -> MatchRun:
    run = (
        MatchRun.objects.select_related("requested_by__person", "published_by__person")
        .filter(offering=offering, pk=run_id)
        .first()
    )
    if run is None:
        raise Http404
    run.offering = offering
    return run


def get_proposal(offering: Offering, proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("run", *PAIR_RELATED).filter(run__offering=offering, pk=proposal_id).first()
    )
    if proposal is None:
        raise Http404
    proposal.run.offering = offering
    return proposal


def offering_runs(offering: Offering) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(offering=offering).select_related("requested_by__person").order_by("-number")


def active_run(offering: Offering) -> MatchRun | None:
    return MatchRun.objects.filter(offering=offering, status__in=ACTIVE_RUN_STATUSES).first()


def latest_run(offering: Offering) -> MatchRun | None:
    return MatchRun.objects.filter(offering=offering).order_by("-number").first()


@dataclass(frozen=True)
class PoolCounts:
    mentees: int
    mentors: int
    places: int
    max_partnerships: int | None
    partnered: int
    still_allowed: int | None


def pool_counts(offering: Offering, rules: PairingRules) -> PoolCounts:
    """The pool in numbers, counted in the database (four queries)."""
    mentees, mentors = pool_querysets(offering)
    places = mentors.order_by().aggregate(total=Sum("capacity"), taken=Sum("partnerships_taken"))
    live = live_partnership_count(offering)
    return PoolCounts(
        mentees=mentees.order_by().count(),
        mentors=mentors.order_by().count(),
        places=(places["total"] or 0) - (places["taken"] or 0),
        max_partnerships=rules.max_partnerships,
        partnered=live,
        still_allowed=remaining_cap(rules, live),
    )


def rules_in_force(offering: Offering) -> list[PairRule]:
    return list(
        PairRule.objects.filter(offering=offering)
        .select_related("mentee__person", "mentor__person", "decision__author__person")
        .order_by("kind", "pk")
    )


def get_rule(offering: Offering, rule_id: int) -> PairRule:
    rule = (
        PairRule.objects.select_related("mentee__person", "mentor__person", "decision__author__person")
        .filter(offering=offering, pk=rule_id)
        .first()
    )
    if rule is None:
        raise Http404
    return rule


def declined_count(offering: Offering) -> int:
    return Partnership.objects.filter(offering=offering, status=PartnershipStatus.DECLINED).count()


def run_proposals(run: MatchRun, *, status: str = "") -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(run=run).select_related(*PAIR_RELATED)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-score", "pk")


def proposal_counts(run: MatchRun) -> dict[str, int]:
    counts = dict.fromkeys(ProposalStatus.values, 0)
    rows = Proposal.objects.filter(run=run).values_list("status").annotate(n=Count("pk")).order_by()
    for status, n in rows:
        counts[status] = n
    return counts


def run_unmatched(run: MatchRun) -> QuerySet[Unmatched]:
    return Unmatched.objects.filter(run=run).select_related("mentee__person", "mentee__board").order_by("pk")


@dataclass(frozen=True)
class PairFacts:
    """For a page of proposals: each mentee's rank of their proposed mentor, and board input."""

    ranks: dict[tuple[int, int], int]
    board_input: dict[tuple[int, int], BoardInput]

    def rank(self, proposal: Proposal) -> int | None:
        return self.ranks.get((proposal.mentee_id, proposal.mentor_id))

    def input_on(self, proposal: Proposal) -> BoardInput | None:
        board_id = proposal.mentee.board_id
        return self.board_input.get((board_id, proposal.mentor_id)) if board_id else None


def pair_facts(offering: Offering, proposals: list[Proposal]) -> PairFacts:
    """Two queries, bounded by the page: ranks and board input for these pairs only."""
    mentee_ids = {p.mentee_id for p in proposals}
    mentor_ids = {p.mentor_id for p in proposals}
    ranks = {
        (a, b): rank
        for a, b, rank in MentorPreference.objects.filter(
            mentee_id__in=mentee_ids, mentor_id__in=mentor_ids
        ).values_list("mentee_id", "mentor_id", "rank")
    }
    inputs = {
        (row.board_id, row.mentor_id): row
        for row in BoardInput.objects.filter(offering=offering, mentor_id__in=mentor_ids)
    }
    return PairFacts(ranks=ranks, board_input=inputs)


# --- one pair ------------------------------------------------------------------------------------


def pair_decisions(offering: Offering, mentee_id: int, mentor_id: int) -> list[Decision]:
    return list(
        Decision.objects.filter(offering=offering, mentee_id=mentee_id, mentor_id=mentor_id)
        .select_related("author__person", "proposal__run")
        .order_by("created_at", "pk")
    )


def pair_rule(offering: Offering, mentee_id: int, mentor_id: int) -> PairRule | None:
    return PairRule.objects.filter(offering=offering, mentee_id=mentee_id, mentor_id=mentor_id).first()


def mentee_lock(offering: Offering, mentee_id: int) -> PairRule | None:
    return (
        PairRule.objects.filter(offering=offering, mentee_id=mentee_id, kind="lock")
        .select_related("mentor__person")
        .first()
    )


def mentee_ranking(mentee: Registration) -> list[MentorPreference]:
    return list(MentorPreference.objects.filter(mentee=mentee).select_related("mentor__person").order_by("rank"))


def pair_conflicts(mentee: Registration, mentor: Registration) -> list[Conflict]:
    return list(Conflict.objects.filter(mentee=mentee, mentor=mentor).order_by("kind"))


def pair_board_input(offering: Offering, mentee: Registration, mentor: Registration) -> BoardInput | None:
    if mentee.board_id is None:
        return None
    return BoardInput.objects.filter(offering=offering, board_id=mentee.board_id, mentor=mentor).first()
