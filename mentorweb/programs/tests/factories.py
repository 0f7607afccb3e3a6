"""factory-boy factories for programs, and a ready-made MQP-like course for tests.

Other apps' tests may use them (registrations, progress, reports): `course_with_offering()`
builds a published $900 course with four modules, the demo's refund tiers and one open
offering with sessions in Toronto time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from mentorweb.programs.models import (
    CourseModule,
    Deadline,
    Offering,
    OfferingStatus,
    Program,
    ProgramKind,
    RefundTier,
    Session,
)
from mentorweb.programs.times import to_utc
from tests.factories import OrganizationFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    kind = ProgramKind.COURSE
    name = factory.Sequence(lambda n: f"Qualification course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    fee = Decimal("900.00")
    non_refundable_fee = Decimal("50.00")
    is_published = True


class CourseModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseModule

    program = factory.SubFactory(ProgramFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda module: f"Unit {module.number}")
    synchronous_hours = Decimal("9")
    asynchronous_hours = Decimal("22.25")


class RefundTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefundTier

    program = factory.SubFactory(ProgramFactory)
    amount = Decimal("0.00")


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Winter {2030 + n} - Online")
    slug = factory.Sequence(lambda n: f"winter-{2030 + n}-online")
    start_date = dt.date(2030, 1, 26)
    end_date = dt.date(2030, 4, 15)
    registration_deadline = dt.date(2030, 1, 12)
    capacity = 30
    status = OfferingStatus.OPEN


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    offering = factory.SubFactory(OfferingFactory)
    title = "Module 4 complete"
    due_on = dt.date(2030, 4, 15)


def make_session(offering: Offering, day: dt.date, start: dt.time, end: dt.time, **kwargs: Any) -> Session:
    """A session at wall-clock times in the offering's organization's zone."""
    zone = offering.program.organization.time_zone
    return Session.objects.create(
        offering=offering, starts_at=to_utc(day, start, zone), ends_at=to_utc(day, end, zone), **kwargs
    )


MQP_TIERS = (
    (14, None, Decimal("850.00")),
    (0, 14, Decimal("250.00")),
    (None, 0, Decimal("0.00")),
)


def course_with_offering(organization: Any = None, **offering_fields: Any) -> Offering:
    """A published course like the MQP (4 modules, 36 + 89 hours, $900 with $50 non-refundable,
    the demo's refund tiers) and one open offering starting 26 January 2030 with its first
    class day, 8:30 a.m. to 4:00 p.m. Toronto time, and module 4 due 15 April 2030."""
    program = ProgramFactory(**({"organization": organization} if organization is not None else {}))
    hours = (("Foundations", 11, 19), ("Skills", 11, 19), ("Leading", 14, 16), ("Practicum", 0, 35))
    modules = [
        CourseModuleFactory(program=program, number=n, title=title, synchronous_hours=s, asynchronous_hours=a)
        for n, (title, s, a) in enumerate(hours, start=1)
    ]
    for low, high, amount in MQP_TIERS:
        RefundTierFactory(program=program, min_days_before=low, max_days_before=high, amount=amount)
    offering = OfferingFactory(program=program, **offering_fields)
    make_session(offering, offering.start_date, dt.time(8, 30), dt.time(16, 0), module=modules[0])
    DeadlineFactory(offering=offering, module=modules[3], due_on=offering.end_date)
    return offering
