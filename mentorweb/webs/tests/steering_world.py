"""Test builders for the steering committee's view: a board with schools, people in role groups,
web and peer connections, and the ids that go into the permission matrix (keys start with st_)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs.models import MentorOffer, SteeringMember
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory


def web_program(organization: Organization, slug: str = "mentoring-for-all") -> Program:
    return Program.objects.create(organization=organization, kind=ProgramKind.WEB, name="Mentoring for All", slug=slug)


def school(board: Organization, name: str) -> Organization:
    slug = f"{board.slug}-{name.lower().replace(' ', '-').replace('=', 'eq')}"[:60]
    return OrganizationFactory(name=name, slug=slug, kind=OrganizationKind.SCHOOL, parent=board)


def employee(board: Organization, group: str, school: Organization | None = None, **person: Any) -> Person:
    """A person of the board (a board membership, and a school membership when given)."""
    made = MembershipFactory(organization=board, person=PersonFactory(role_group=group, **person)).person
    if school is not None:
        MembershipFactory(organization=school, person=made)
    return made


def connect(
    program: Program,
    mentor: Person,
    mentee: Person,
    *,
    kind: str = PartnershipKind.WEB,
    status: str = PartnershipStatus.ACTIVE,
    starts_on: dt.date | None = None,
) -> Partnership:
    """A connection as the services leave it (both accepted when active), without the services:
    the figures are what is tested here, not the request flow."""
    started = status in (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
    return Partnership.objects.create(
        kind=kind,
        organization_id=program.organization_id,
        program=program,
        mentor=mentor,
        mentee=mentee,
        status=status,
        mentor_response=Response.ACCEPTED if started else Response.PENDING,
        mentee_response=Response.ACCEPTED,
        starts_on=(starts_on or dt.date.today()) if started else None,
        purpose="A private purpose that staff never see",
    )


def offer(program: Program, person: Person, capacity: int = 2, taken: int = 0) -> MentorOffer:
    return MentorOffer.objects.create(program=program, person=person, capacity=capacity, taken=taken)


def steering_matrix_ids(personas: Any) -> dict[str, Any]:
    """The personas' board runs a web whose committee has one member (not a persona: the plain
    member must still get 403)."""
    program = web_program(personas.org, slug="steering-matrix-web")
    seat = SteeringMember.objects.create(
        program=program,
        person=employee(personas.org, RoleGroup.BUSINESS_SUPPORT),
        represents=RoleGroup.BUSINESS_SUPPORT,
    )
    return {"st_member": seat.pk}
