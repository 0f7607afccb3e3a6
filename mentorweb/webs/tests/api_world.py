"""Test builders for the mentoring web's API, and the rows whose ids go into the API permission
matrix (mentorweb/api/tests/test_permission_matrix.py). They write rows directly; the code under
test goes through services."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs.models import MentorOffer, OfferArea, SteeringMember
from tests.factories import MembershipFactory


def web(organization: Organization, slug: str = "mentoring-for-all") -> Program:
    program, _created = Program.objects.get_or_create(
        organization=organization,
        slug=slug,
        defaults={"kind": ProgramKind.WEB, "name": "Mentoring for All", "is_published": True},
    )
    return program


def person_in(organization: Organization, role_group: str = RoleGroup.TEACHER, **fields: Any) -> Person:
    person: Person = MembershipFactory(organization=organization).person
    person.role_group = role_group
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    return person


def offer(
    program: Program, person: Person, *areas: str, capacity: int = 2, taken: int = 0, **fields: Any
) -> MentorOffer:
    made = MentorOffer.objects.create(program=program, person=person, capacity=capacity, taken=taken, **fields)
    OfferArea.objects.bulk_create([OfferArea(offer=made, area=area) for area in areas or ("feedback",)])
    return made


def connection(
    program: Program,
    mentor: Person,
    mentee: Person,
    *,
    status: str = PartnershipStatus.ACTIVE,
    kind: str = PartnershipKind.WEB,
    area: str = "feedback",
) -> Partnership:
    """`mentee` asked `mentor`; an active one is accepted by both, a proposed one waits for the mentor."""
    accepted = status != PartnershipStatus.PROPOSED
    return Partnership.objects.create(
        kind=kind,
        organization=program.organization,
        program=program,
        mentor=mentor,
        mentee=mentee,
        status=status,
        mentee_response=Response.ACCEPTED,
        mentee_responded_at=timezone.now(),
        mentor_response=Response.ACCEPTED if accepted else Response.PENDING,
        purpose="Learning from another role",
        area=area,
        starts_on=timezone.localdate() if status == PartnershipStatus.ACTIVE else None,
    )


def webs_api_ids(personas: Any) -> dict[str, Any]:
    """A web of the personas' board. The member has an offer, an active connection (as mentee), a
    request waiting for their answer and one of their own waiting; another person of the board has
    an open offer for anyone to ask; the committee has one member (not a persona)."""
    program = web(personas.org)
    member = personas.member.person
    mentor = person_in(personas.org, RoleGroup.PRINCIPAL)
    offer(program, mentor, "feedback", "relational trust", capacity=5)
    offer(program, member, "kindergarten teams")
    asks_member = person_in(personas.org, RoleGroup.EARLY_CHILDHOOD_EDUCATOR)
    member_asks = person_in(personas.org, RoleGroup.OFFICE_ADMINISTRATOR)
    offer(program, member_asks, "office management")
    open_mentor = person_in(personas.org, RoleGroup.SUPERVISORY_OFFICER)
    offer(program, open_mentor, "courageous conversations", capacity=5)
    active = connection(program, mentor, member)
    chair = person_in(personas.org, RoleGroup.CONSULTANT_COACH)
    seat = SteeringMember.objects.create(program=program, person=chair, represents=RoleGroup.CONSULTANT_COACH)
    return {
        "web_id": program.pk,
        "offer_id": mentor.mentor_offers.get().pk,
        "web_open_mentor_person": open_mentor.pk,
        "web_new_member_person": person_in(personas.org, RoleGroup.BUSINESS_SUPPORT).pk,
        "connection_id": active.pk,
        "request_id": connection(program, member, asks_member, status=PartnershipStatus.PROPOSED).pk,
        "sent_request_id": connection(program, member_asks, member, status=PartnershipStatus.PROPOSED).pk,
        "steering_member_id": seat.pk,
    }
