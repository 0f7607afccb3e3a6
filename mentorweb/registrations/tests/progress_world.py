"""A small MQP for the progress, documents, calendar and reports tests: the program of seed 000
with its four modules (36 synchronous + 89 asynchronous hours) and its Winter 2025 offering,
sessions at the seed's Toronto times. Rows are made directly: these tests are about what
happens after registration, not about registering."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from decimal import Decimal
from typing import Any

from django.utils import timezone

from mentorweb.organizations.models import Organization, StaffRole
from mentorweb.programs.models import CourseModule, Offering, OfferingStatus, Program, ProgramKind, Session
from mentorweb.registrations.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
    Registration,
    RegistrationStatus,
)
from tests.factories import MembershipFactory, PersonFactory, enrol_totp

TORONTO = zoneinfo.ZoneInfo("America/Toronto")
_keys = itertools.count(1)

# (number, title, synchronous, asynchronous): 36 + 89 = 125.
MODULES = (
    (1, "Introducing and Understanding Mentoring/Coaching", "12", "20"),
    (2, "Continued Skill Development", "12", "20"),
    (3, "Leading with MentorCoaching and Courageous Conversations", "12", "20"),
    (4, "Applications and Creating a Culture of MentorCoaching", "0", "29"),
)
# Winter 2025, seed 000: (module, day, start, end) in Toronto time.
WINTER_SESSIONS = (
    (1, dt.date(2025, 1, 25), dt.time(8, 30), dt.time(16, 0)),
    (1, dt.date(2025, 1, 26), dt.time(8, 30), dt.time(13, 0)),
    (2, dt.date(2025, 2, 8), dt.time(8, 30), dt.time(16, 0)),
    (2, dt.date(2025, 2, 9), dt.time(8, 30), dt.time(13, 0)),
    (3, dt.date(2025, 3, 1), dt.time(8, 30), dt.time(16, 0)),
    (3, dt.date(2025, 3, 2), dt.time(8, 30), dt.time(16, 0)),
)


def toronto(day: dt.date, clock: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, clock, tzinfo=TORONTO).astimezone(dt.UTC)


def make_program(organization: Organization, *, slug: str = "mqp") -> Program:
    program = Program.objects.create(
        organization=organization,
        kind=ProgramKind.COURSE,
        name="Mentoring Qualification Program",
        short_name="MQP",
        slug=slug,
        fee=Decimal("900.00"),
        non_refundable_fee=Decimal("50.00"),
        is_published=True,
    )
    for number, title, sync, async_ in MODULES:
        CourseModule.objects.create(
            program=program,
            number=number,
            title=title,
            synchronous_hours=Decimal(sync),
            asynchronous_hours=Decimal(async_),
        )
    return program


def make_offering(
    organization: Organization,
    *,
    program: Program | None = None,
    slug: str = "winter-2025",
    start: dt.date = dt.date(2025, 1, 25),
    end: dt.date = dt.date(2025, 4, 14),
    sessions: tuple[tuple[int, dt.date, dt.time, dt.time], ...] = WINTER_SESSIONS,
    capacity: int = 30,
) -> Offering:
    program = program or make_program(organization)
    offering = Offering.objects.create(
        program=program,
        title=f"{slug.replace('-', ' ').title()} - Online",
        slug=slug,
        start_date=start,
        end_date=end,
        registration_deadline=start - dt.timedelta(days=14),
        capacity=capacity,
        status=OfferingStatus.OPEN,
        video_meeting_url="https://video.example.org/j/mqp",
    )
    modules = {m.number: m for m in program.modules.all()}
    for number, day, begin, finish in sessions:
        Session.objects.create(
            offering=offering, module=modules[number], starts_at=toronto(day, begin), ends_at=toronto(day, finish)
        )
    return offering


def register(
    offering: Offering,
    *,
    person: Any = None,
    status: str = RegistrationStatus.CONFIRMED,
    paid: str | None = "900.00",
    paid_at: dt.datetime | None = None,
    method: str = PaymentMethod.CARD,
) -> Registration:
    person = person or PersonFactory()
    position = None
    if status == RegistrationStatus.WAITLISTED:
        position = Registration.objects.filter(offering=offering, waitlist_position__isnull=False).count() + 1
    registration = Registration.objects.create(
        offering=offering, person=person, status=status, waitlist_position=position
    )
    if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED, RegistrationStatus.PENDING_PAYMENT):
        Offering.objects.filter(pk=offering.pk).update(seats_taken=offering.seats_taken + 1)
        offering.refresh_from_db()
    if paid:
        pay(registration, paid, at=paid_at, method=method)
    return registration


def pay(
    registration: Registration, amount: str, *, at: dt.datetime | None = None, method: str = PaymentMethod.CARD
) -> Payment:
    return Payment.objects.create(
        registration=registration,
        amount=Decimal(amount),
        method=method,
        status=PaymentStatus.SUCCEEDED,
        idempotency_key=f"test-payment-{next(_keys)}",
        succeeded_at=at or timezone.now(),
    )


def refund(registration: Registration, amount: str, *, at: dt.datetime | None = None) -> Refund:
    return Refund.objects.create(
        registration=registration,
        amount=Decimal(amount),
        status=RefundStatus.SUCCEEDED,
        reason="test",
        idempotency_key=f"test-refund-{next(_keys)}",
        processed_at=at or timezone.now(),
    )


def facilitator(organization: Organization) -> Any:
    user = MembershipFactory(organization=organization, role=StaffRole.FACILITATOR).person.user
    enrol_totp(user)
    return user


def attend_all(registration: Registration, *, present: bool = True, marked_by: Any = None) -> None:
    from mentorweb.registrations.models import Attendance

    for session in registration.offering.sessions.all():
        Attendance.objects.update_or_create(
            session=session, registration=registration, defaults={"present": present, "marked_by": marked_by}
        )


def progress_matrix_ids(personas: Any) -> dict[str, Any]:
    """The rows whose ids go into the progress, calendar and reports URLs of the permission
    matrix (tests/test_permission_matrix.py): a past offering of the personas' organization with
    the member's completed registration in it (with a calendar link), a piece of submitted work
    of another candidate, and the member's 2025 tax receipt."""
    from mentorweb.registrations.models import CompletionStatus, ModuleCompletion, Receipt

    offering = make_offering(personas.org, program=make_program(personas.org, slug="matrix-mqp"), slug="matrix-2025")
    mine = register(offering, person=personas.member.person, status=RegistrationStatus.COMPLETED)
    mine.completed_at = dt.datetime(2025, 4, 14, 12, 0, tzinfo=TORONTO)
    mine.calendar_token = "matrix-calendar-token-0123456789-abcdefghijk"[:43]
    mine.save(update_fields=["completed_at", "calendar_token"])
    other = register(offering)
    module = offering.program.modules.get(number=4)
    work = ModuleCompletion.objects.create(
        registration=other, module=module, status=CompletionStatus.SUBMITTED, submission="Matrix work"
    )
    receipt = Receipt.objects.create(
        person=personas.member.person,
        organization=personas.org,
        year=2025,
        number="MATRIX-2025-000001",
        amount=Decimal("900.00"),
    )
    return {
        "progress_offering": offering.pk,
        "progress_session": offering.sessions.order_by("starts_at").first().pk,  # type: ignore[union-attr]
        "progress_registration": mine.pk,
        "progress_module": module.pk,
        "progress_completion": work.pk,
        "progress_token": mine.calendar_token,
        "progress_receipt": receipt.pk,
    }
