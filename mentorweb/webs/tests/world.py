"""Builders for the mentoring web's tests, and the rows whose ids go into the page permission matrix
(tests/test_permission_matrix.py).

They write rows directly: tests set up a world; the code under test goes through services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import Membership, Organization, OrganizationKind
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs.models import MentorOffer, OfferArea
from tests.factories import OrganizationFactory
from tests.pairing import member_of


def web_program(board: Organization, slug: str = "mentoring-for-all") -> Program:
    program, _ = Program.objects.get_or_create(
        organization=board, slug=slug, defaults={"kind": ProgramKind.WEB, "name": "Mentoring for All"}
    )
    return program


def school_of(board: Organization, name: str = "Amethyst Ridge Public School") -> Organization:
    return OrganizationFactory(
        name=name, slug=f"{board.slug}-{name.split()[0].lower()}", kind=OrganizationKind.SCHOOL, parent=board
    )


def person_in(
    board: Organization,
    given_name: str,
    role_group: str = RoleGroup.TEACHER,
    *,
    school: Organization | None = None,
    **fields: Any,
) -> Person:
    """A person of the board: a member of the board, and of one of its schools when given."""
    fields.setdefault("family_name", "Example")
    person = member_of(board, given_name=given_name, role_group=role_group, **fields)
    if school is not None:
        Membership.objects.create(person=person, organization=school)
    return person


def offer_row(
    program: Program,
    person: Person,
    areas: tuple[str, ...] = ("kindergarten teams",),
    *,
    capacity: int = 2,
    taken: int = 0,
    is_open: bool = True,
    summary: str = "",
) -> MentorOffer:
    offer = MentorOffer.objects.create(
        program=program, person=person, capacity=capacity, taken=taken, is_open=is_open, summary=summary
    )
    OfferArea.objects.bulk_create([OfferArea(offer=offer, area=area) for area in areas])
    return offer


def connection_row(
    program: Program,
    *,
    mentee: Person,
    mentor: Person,
    status: str = PartnershipStatus.PROPOSED,
    peer: bool = False,
    area: str = "",
    purpose: str = "To learn from each other",
    offer: MentorOffer | None = None,
) -> Partnership:
    """A request from `mentee` to `mentor` (proposed), or a connection in another status."""
    answered = status != PartnershipStatus.PROPOSED
    today = timezone.localdate()
    return Partnership.objects.create(
        kind=PartnershipKind.PEER if peer else PartnershipKind.WEB,
        organization_id=program.organization_id,
        program=program,
        mentor=mentor,
        mentee=mentee,
        mentee_response=Response.ACCEPTED,
        mentor_response=(Response.DECLINED if status == PartnershipStatus.DECLINED else Response.ACCEPTED)
        if answered
        else Response.PENDING,
        status=status,
        purpose=purpose,
        area=area,
        mentor_offer=offer,
        starts_on=today - dt.timedelta(days=20) if answered else None,
        ends_on=today + dt.timedelta(days=345) if answered else None,
    )


@dataclass
class Web:
    board: Organization
    program: Program
    school: Organization
    ece: Person  # an early childhood educator who looks for mentors
    principal: Person  # offers to mentor, at the ECE's school
    coach: Person  # offers to mentor, French and English
    offer: MentorOffer
    coach_offer: MentorOffer


def web_world(board: Organization | None = None, *, ece: Person | None = None) -> Web:
    """A board's web: an ECE (the member when given), a principal and a coach who offer to mentor."""
    board = board or OrganizationFactory(name="Kenora Rainy District School Board", slug="krdsb-test")
    program = web_program(board)
    school = school_of(board)
    if ece is None:
        ece = person_in(board, "Crystal", RoleGroup.EARLY_CHILDHOOD_EDUCATOR, school=school)
    else:
        Membership.objects.get_or_create(person=ece, organization=school)
        Person.objects.filter(pk=ece.pk).update(role_group=RoleGroup.EARLY_CHILDHOOD_EDUCATOR)
    principal = person_in(
        board, "Pauline", RoleGroup.PRINCIPAL, school=school, family_name="Principal", position="Principal"
    )
    coach = person_in(
        board, "Colette", RoleGroup.CONSULTANT_COACH, family_name="Coach", languages_of_service=["en", "fr"]
    )
    offer = offer_row(program, principal, ("kindergarten teams", "parent engagement"), capacity=2)
    coach_offer = offer_row(program, coach, ("coaching conversations", "feedback"), capacity=1)
    return Web(board, program, school, ece, principal, coach, offer, coach_offer)


def webs_matrix_ids(personas: Any) -> dict[str, Any]:
    """The personas' organization runs a web: a person of it offers to mentor (wb_person), and the
    member has asked them for a mentor (wb_request, waiting). Keys start with wb_."""
    program = web_program(personas.org, slug="matrix-web")
    mentor = person_in(personas.org, "Mina", RoleGroup.PRINCIPAL, family_name="Mentor")
    offer = offer_row(program, mentor)
    request = connection_row(program, mentee=personas.member.person, mentor=mentor, area="kindergarten teams")
    return {"wb_person": mentor.pk, "wb_offer": offer.pk, "wb_request": request.pk}
