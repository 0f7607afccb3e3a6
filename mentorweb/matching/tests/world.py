"""A pairing offering with a pool, for the Django-side matching tests and the permission matrices.

Rows are written directly (the world is set up; the code under test goes through services).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person
from mentorweb.matching.models import (
    Decision,
    DecisionKind,
    MatchRun,
    PairRule,
    PairRuleKind,
    Proposal,
    ProposalStatus,
    RunStatus,
)
from mentorweb.organizations.models import Organization, StaffRole
from mentorweb.partnerships.models import Partnership
from mentorweb.programs.models import Offering
from mentorweb.registrations.models import Registration, RegistrationRole
from tests.factories import MembershipFactory, enrol_totp
from tests.pairing import application, member_of, pairing_offering, pairing_program

MENTEE = RegistrationRole.MENTEE
MENTOR = RegistrationRole.MENTOR


def mentee(offering: Offering, name: str, **kwargs: Any) -> Registration:
    given, _sep, family = name.partition(" ")
    person = member_of(offering.program.organization, given_name=given, family_name=family or "Mentee")
    return application(offering, person, MENTEE, **kwargs)


def mentor(offering: Offering, name: str, **kwargs: Any) -> Registration:
    given, _sep, family = name.partition(" ")
    person = member_of(offering.program.organization, given_name=given, family_name=family or "Mentor")
    return application(offering, person, MENTOR, **kwargs)


def advisory(organization: Organization) -> Any:
    user = MembershipFactory(organization=organization, role=StaffRole.ADVISORY).person.user
    enrol_totp(user)
    return user


@dataclass
class Pool:
    offering: Offering
    mentees: list[Registration] = field(default_factory=list)
    mentors: list[Registration] = field(default_factory=list)


def small_pool(organization: Organization, *, slug: str = "mentorship", **rules: Any) -> Pool:
    """Two mentees and two mentors who suit them crosswise: Ada needs budget (Bea's expertise),
    Cy needs well-being (Dee's), both in English."""
    offering = pairing_offering(pairing_program(organization, slug=slug, **rules))
    pool = Pool(offering)
    pool.mentees.append(mentee(offering, "Ada Lovelace", answers={"needs": ["budget"], "region": "North"}))
    pool.mentees.append(mentee(offering, "Cy Young", answers={"needs": ["well-being"], "region": "South"}))
    pool.mentors.append(
        mentor(offering, "Bea Arthur", answers={"expertise": ["budget"], "region": "North", "experience": {}})
    )
    pool.mentors.append(
        mentor(offering, "Dee Snider", answers={"expertise": ["well-being"], "region": "South", "experience": {}})
    )
    return pool


def succeeded_run(offering: Offering, pairs: list[tuple[Registration, Registration]], **fields: Any) -> MatchRun:
    """A run ready for review with these pairs proposed (status via status=...)."""
    run = MatchRun.objects.create(
        offering=offering,
        number=(MatchRun.objects.filter(offering=offering).count() + 1),
        status=fields.pop("status", RunStatus.SUCCEEDED),
        objective="participation",
        n_mentees=len(pairs),
        n_pairs=len(pairs),
        total_score=float(len(pairs)),
        finished_at=timezone.now(),
        **fields,
    )
    for a, b in pairs:
        Proposal.objects.create(run=run, mentee=a, mentor=b, score=1.0, components={"needs": 1.0})
    return run


def matching_matrix_ids(personas: Any) -> dict[str, Any]:
    """Ids for the matching and partnerships URLs of tests/test_permission_matrix.py. Keys start
    with mt_ so they cannot clash with other apps' ids.

    A pairing offering of the personas' organization with a run ready for review, one proposal,
    an exclusion; and a partnership proposed to the member (as mentee) in another offering.
    """
    pool = small_pool(personas.org, slug="mt-matching")
    run = succeeded_run(pool.offering, [(pool.mentees[0], pool.mentors[0])])
    proposal = run.proposals.get()
    decision = Decision.objects.create(
        offering=pool.offering,
        mentee=pool.mentees[1],
        mentor=pool.mentors[0],
        kind=DecisionKind.EXCLUDE,
        rationale="They work in the same school.",
        author=personas.admin,
    )
    rule = PairRule.objects.create(
        offering=pool.offering,
        mentee=pool.mentees[1],
        mentor=pool.mentors[0],
        kind=PairRuleKind.EXCLUDE,
        decision=decision,
    )
    return {
        "mt_offering": pool.offering.pk,
        "mt_run": run.pk,
        "mt_proposal": proposal.pk,
        "mt_rule": rule.pk,
        "mt_partnership": member_partnership(personas).pk,
    }


def member_partnership(personas: Any) -> Partnership:
    """A partnership proposed to the personas' member, as mentee, by an approved proposal."""
    offering = pairing_offering(pairing_program(personas.org, slug="mt-partnerships"))
    person: Person = personas.member.person
    mentee_reg = application(offering, person, MENTEE)
    mentor_reg = mentor(offering, "Moe Mentor")
    run = succeeded_run(offering, [(mentee_reg, mentor_reg)])
    proposal = run.proposals.get()
    Registration.objects.filter(pk=mentor_reg.pk).update(partnerships_taken=1)
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.PUBLISHED)
    return Partnership.objects.create(
        organization=personas.org,
        program=offering.program,
        offering=offering,
        mentor=mentor_reg.person,
        mentee=person,
        mentor_registration=mentor_reg,
        mentee_registration=mentee_reg,
        proposal=proposal,
    )


def matching_api_ids(personas: Any) -> dict[str, Any]:
    """Ids for the API permission matrix, named as the path parameters: a run ready for review
    with one approved proposal. The offering-level operations use the applications world's
    `pairing_offering_id`, and the partnership operations the workspace world's `partnership_id`
    (any pairing offering, any partnership of the member, will do for those)."""
    pool = small_pool(personas.org, slug="mt-api")
    run = succeeded_run(pool.offering, [(pool.mentees[0], pool.mentors[0])])
    proposal = run.proposals.get()
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.APPROVED)
    return {"run_id": run.pk, "proposal_id": proposal.pk}
