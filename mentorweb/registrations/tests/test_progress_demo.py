"""The progress part of the demo, on a small OPC with the Winter 2025 offering: attendance,
modules, one graduate with a certificate, 2025 tax receipts, and nothing new the second time."""

from __future__ import annotations

import datetime as dt

import time_machine

from mentorweb.core.demo.loader import DemoContext, DemoReport
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import StaffRole
from mentorweb.registrations import demo_progress
from mentorweb.registrations.documents import certificate_pdf
from mentorweb.registrations.hours import hours_ledger
from mentorweb.registrations.models import Attendance, Receipt, RegistrationStatus
from mentorweb.registrations.tests.progress_world import TORONTO, make_offering, register
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, UserFactory


def _context():
    opc = OrganizationFactory(slug="opc", name="Ontario Principals' Council", short_name="OPC")
    facilitator = MembershipFactory(
        organization=opc,
        role=StaffRole.FACILITATOR,
        person=PersonFactory(user=UserFactory(email="facilitator.opc@example.org")),
    ).person
    offering = make_offering(opc, slug="winter-2025-online")
    paid_at = dt.datetime(2025, 1, 5, 10, tzinfo=TORONTO)
    graduate = register(
        offering, person=PersonFactory(user=UserFactory(email="candidate.opc@example.org")), paid_at=paid_at
    )
    others = [register(offering, paid_at=paid_at) for _ in range(2)]
    context = DemoContext(
        actor=facilitator.user,
        organizations={"opc": opc},
        people={"facilitator.opc@example.org": facilitator},
        report=DemoReport(),
    )
    return context, offering, graduate, others


@time_machine.travel("2026-01-15 10:00 -0500", tick=False)
def test_demo_progress_builds_the_story_once(db):
    context, offering, graduate, others = _context()

    demo_progress.load_demo(context)

    assert Attendance.objects.filter(present=True).count() == 6 * 3
    graduate.refresh_from_db()
    assert graduate.status == RegistrationStatus.COMPLETED
    assert graduate.completed_at == dt.datetime(2025, 4, 14, 17, 0, tzinfo=TORONTO)
    assert hours_ledger(graduate).earned == hours_ledger(graduate).required
    assert certificate_pdf(graduate).startswith(b"%PDF")
    for other in others:
        other.refresh_from_db()
        assert other.status == RegistrationStatus.CONFIRMED
        assert [m.accepted for m in hours_ledger(other).modules] == [True, True, True, False]
    assert Receipt.objects.filter(year=2025, organization=offering.program.organization).count() == 3
    assert context.report.created["tax receipts"] == 3

    entries = AuditEntry.objects.count()
    again = DemoReport()
    context.report = again
    demo_progress.load_demo(context)
    assert not again.changed
    assert AuditEntry.objects.count() == entries


def test_demo_progress_without_the_opc_does_nothing(db):
    context = DemoContext(actor=None, organizations={}, people={}, report=DemoReport())  # type: ignore[arg-type]
    demo_progress.load_demo(context)
    assert not context.report.changed
