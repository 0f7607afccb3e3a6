"""Builders for the cost and practicum tests: pairing programs with seed 003's honorarium and
seed 004's cost sharing, partnerships written as rows (the tests are about what happens once a
pair is active), a course registration for the practicum, and the ids for the permission
matrices (tests/test_permission_matrix.py and mentorweb/api/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from mentorweb.accounts.models import Person
from mentorweb.organizations.models import Organization, OrganizationKind, StaffRole
from mentorweb.partnerships.models import (
    CostInvoice,
    Meeting,
    MeetingStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Payable,
    PayableKind,
    PayableStatus,
    Response,
)
from mentorweb.programs.models import Offering, OfferingStatus, Program, ProgramKind
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, enrol_totp
from tests.pairing import application, member_of, pairing_offering, pairing_program

START_2026 = dt.date(2026, 9, 1)
_numbers = itertools.count(1)


def association(name: str, short_name: str, slug: str) -> Organization:
    organization: Organization = OrganizationFactory(
        name=name, short_name=short_name, slug=slug, kind=OrganizationKind.ASSOCIATION
    )
    return organization


def staff_of(organization: Organization, role: str = StaffRole.COORDINATOR) -> Any:
    user = MembershipFactory(organization=organization, role=role).person.user
    enrol_totp(user)
    return user


def cost_program(
    organization: Organization,
    *,
    slug: str = "mentorship",
    honorarium: str = "0.00",
    cost: str = "2500.00",
    percent: int = 50,
) -> Program:
    """Seed 004's terms by default: $2,500 per mentor per year, half paid by the board or the individual."""
    return pairing_program(
        organization,
        slug=slug,
        mentor_honorarium=Decimal(honorarium),
        cost_per_mentor_year=Decimal(cost),
        cost_share_percent=percent,
    )


def partnership(
    program: Program,
    *,
    offering: Offering | None = None,
    board: Organization | None = None,
    starts_on: dt.date | None = START_2026,
    status: str = PartnershipStatus.ACTIVE,
    mentee: Person | None = None,
    mentor: Person | None = None,
) -> Partnership:
    """An active partnership of the program (with both applications), started on `starts_on`."""
    offering = offering or program.offerings.first() or pairing_offering(program, slug=f"offering-{next(_numbers)}")
    mentor = mentor or member_of(program.organization)
    mentee = mentee or member_of(program.organization)
    mentor_registration = application(offering, mentor, RegistrationRole.MENTOR)
    mentee_registration = application(offering, mentee, RegistrationRole.MENTEE, board=board)
    accepted = status in (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
    return Partnership.objects.create(
        organization=program.organization,
        program=program,
        offering=offering,
        mentor=mentor,
        mentee=mentee,
        mentor_registration=mentor_registration,
        mentee_registration=mentee_registration,
        status=status,
        mentor_response=Response.ACCEPTED if accepted else Response.PENDING,
        mentee_response=Response.ACCEPTED if accepted else Response.PENDING,
        starts_on=starts_on,
        ends_on=dt.date(starts_on.year + 1, starts_on.month, 1) - dt.timedelta(days=1) if starts_on else None,
    )


# --- the course practicum ------------------------------------------------------------------------


def course_offering(organization: Organization, *, slug: str = "mqp-practicum") -> Offering:
    """A course (seed 000's shape: module 4 is online, with the practicum) and one offering."""
    from mentorweb.programs.models import CourseModule

    program = Program.objects.create(
        organization=organization,
        kind=ProgramKind.COURSE,
        name="Mentoring Qualification Program",
        short_name="MQP",
        slug=slug,
        fee=Decimal("900.00"),
        is_published=True,
    )
    for number, sync, async_ in ((1, "12", "20"), (2, "12", "20"), (3, "12", "20"), (4, "0", "29")):
        CourseModule.objects.create(
            program=program,
            number=number,
            title=f"Module {number}",
            synchronous_hours=Decimal(sync),
            asynchronous_hours=Decimal(async_),
        )
    return Offering.objects.create(
        program=program,
        title="Winter - Online",
        slug="winter",
        start_date=dt.date(2026, 1, 24),
        end_date=dt.date(2026, 4, 14),
        registration_deadline=dt.date(2026, 1, 10),
        capacity=30,
        seats_taken=1,
        status=OfferingStatus.OPEN,
    )


def candidate_registration(
    offering: Offering, person: Person | None = None, *, status: str = RegistrationStatus.CONFIRMED
) -> Registration:
    return Registration.objects.create(
        offering=offering, person=person or PersonFactory(), role=RegistrationRole.CANDIDATE, status=status
    )


def practicum(registration: Registration, mentee: Person | None = None, *, status: str = PartnershipStatus.ACTIVE):
    program = registration.offering.program
    return Partnership.objects.create(
        kind=PartnershipKind.PRACTICUM,
        organization=program.organization,
        program=program,
        offering=registration.offering,
        mentor=registration.person,
        mentee=mentee or PersonFactory(),
        course_registration=registration,
        status=status,
        mentor_response=Response.ACCEPTED,
        mentee_response=Response.ACCEPTED if status == PartnershipStatus.ACTIVE else Response.PENDING,
        starts_on=dt.date(2026, 2, 1),
    )


def held_meeting(partnership: Partnership, minutes: int, *, status: str = MeetingStatus.HELD) -> Meeting:
    return Meeting.objects.create(
        partnership=partnership,
        starts_at=dt.datetime(2026, 2, 10, 15, 0, tzinfo=dt.UTC),
        duration_minutes=minutes,
        status=status,
    )


# --- the permission matrices ---------------------------------------------------------------------


def _matrix_world(personas: Any) -> dict[str, Any]:
    """A cost-sharing program of the personas' organization with an invoice to a board; an invoice
    to the personas' organization as a board, from another association; and the member's
    confirmed course registration."""
    program = cost_program(personas.org, slug="matrix-costs", honorarium="300.00")
    board = OrganizationFactory(name="Matrix District School Board", slug="matrix-district")
    pair = partnership(program, board=board)
    payable = Payable.objects.create(
        partnership=pair,
        kind=PayableKind.COST_SHARE,
        year=2026,
        amount=Decimal("1250.00"),
        payer_board=board,
        status=PayableStatus.INVOICED,
    )
    issued = CostInvoice.objects.create(
        organization=personas.org,
        board=board,
        program=program,
        year=2026,
        number="MATRIX-2026-0001",
        issued_on=dt.date.today() - dt.timedelta(days=30),
        total=Decimal("1250.00"),
        created_by=personas.admin,
    )
    Payable.objects.filter(pk=payable.pk).update(invoice=issued)
    Payable.objects.create(
        partnership=pair, kind=PayableKind.HONORARIUM, year=2026, amount=Decimal("300.00"), payee=pair.mentor
    )
    # A second partnership whose share is due, not yet invoiced: issuing invoices has work to do.
    due = partnership(program, board=board)
    Payable.objects.create(
        partnership=due, kind=PayableKind.COST_SHARE, year=2026, amount=Decimal("1250.00"), payer_board=board
    )
    sender = association("Matrix Supervisory Officials' Association", "MSOA", "matrix-msoa")
    other_program = cost_program(sender, slug="matrix-msoa-program")
    received = CostInvoice.objects.create(
        organization=sender,
        board=personas.org,
        program=other_program,
        year=2026,
        number="MSOA-2026-0001",
        issued_on=dt.date.today() - dt.timedelta(days=30),
        total=Decimal("1250.00"),
    )
    course = course_offering(personas.org, slug="matrix-practicum-course")
    registration = candidate_registration(course, personas.member.person)
    return {
        "cost_program": program.pk,
        "cost_year": 2026,
        "cost_invoice": issued.pk,
        "board_invoice": received.pk,
        "practicum_registration": registration.pk,
    }


def costs_matrix_ids(personas: Any) -> dict[str, Any]:
    return _matrix_world(personas)


def costs_api_ids(personas: Any) -> dict[str, Any]:
    ids = _matrix_world(personas)
    # A person with an account whom the member may choose as practicum mentee.
    PersonFactory(user__email="matrix.mentee@example.org")
    return {
        "cost_program_id": ids["cost_program"],
        "cost_year": ids["cost_year"],
        "cost_invoice_id": ids["cost_invoice"],
        "board_invoice_id": ids["board_invoice"],
        "practicum_registration_id": ids["practicum_registration"],
    }
