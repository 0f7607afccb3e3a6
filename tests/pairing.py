"""Test builders for pairing programs: a program with its rules, an offering, and applications.

They write rows directly (tests set up a world; the code under test goes through services).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import Membership, MembershipStatus, Organization
from mentorweb.programs.models import Offering, OfferingStatus, PairingRules, Program, ProgramKind
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from tests.factories import MembershipFactory, OrganizationFactory

NEEDS = ["school improvement planning", "staff supervision", "budget", "community relations", "well-being"]
PORTFOLIOS = ["elementary", "secondary", "special education", "operations"]


def pairing_program(organization: Organization, *, slug: str = "mentorship", **rules: Any) -> Program:
    program = Program.objects.create(
        organization=organization,
        kind=ProgramKind.PAIRING,
        name="Mentorship Program",
        short_name="Mentorship",
        slug=slug,
        is_published=True,
    )
    defaults: dict[str, Any] = {
        "max_partnerships": 40,
        "needs_options": NEEDS,
        "portfolio_options": PORTFOLIOS,
        "shared_fields": ["name", "position", "region", "bio", "expertise", "languages"],
    }
    PairingRules.objects.create(program=program, **{**defaults, **rules})
    return program


def pairing_offering(program: Program, *, slug: str = "2026-2027", **fields: Any) -> Offering:
    today = dt.date.today()
    values: dict[str, Any] = {
        "title": "2026–2027",
        "start_date": today + dt.timedelta(days=30),
        "end_date": today + dt.timedelta(days=395),
        "registration_opens": today - dt.timedelta(days=30),
        "registration_deadline": today + dt.timedelta(days=10),
        "capacity": 500,
        "status": OfferingStatus.OPEN,
    }
    values.update(fields)
    return Offering.objects.create(program=program, slug=slug, **values)


def member_of(organization: Organization, **person: Any) -> Person:
    """A new person with a membership of `organization` (status via membership_status=...)."""
    status = person.pop("membership_status", MembershipStatus.ACTIVE)
    membership: Membership = MembershipFactory(organization=organization, status=status)
    for name, value in person.items():
        setattr(membership.person, name, value)
    membership.person.save()
    return membership.person


def application(
    offering: Offering,
    person: Person,
    role: str,
    *,
    status: str = RegistrationStatus.ACCEPTED,
    answers: dict[str, Any] | None = None,
    board: Organization | None = None,
    capacity: int | None = None,
) -> Registration:
    if role == RegistrationRole.MENTOR and capacity is None:
        capacity = 1
    base: dict[str, Any] = (
        {"needs": NEEDS[:2], "portfolio": "elementary", "region": "North", "remote": False, "languages": ["en"]}
        if role == RegistrationRole.MENTEE
        else {"expertise": NEEDS[:3], "experience": {"elementary": 8}, "region": "North", "languages": ["en"]}
    )
    return Registration.objects.create(
        offering=offering,
        person=person,
        role=role,
        status=status,
        answers={**base, **(answers or {})},
        board=board,
        capacity=capacity if role == RegistrationRole.MENTOR else None,
    )


def board(name: str = "Fraser Valley School District", slug: str | None = None) -> Organization:
    return OrganizationFactory(name=name, slug=slug or name.lower().replace(" ", "-")[:50])


__all__ = ["RoleGroup", "application", "board", "member_of", "pairing_offering", "pairing_program"]
