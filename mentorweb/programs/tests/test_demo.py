"""The MQP in the demo is seed 000's: modules, hours, fee, refund table, offerings and their times."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from mentorweb.core.models import AuditEntry
from mentorweb.programs.demo_data import upcoming_offerings, winter_dates
from mentorweb.programs.models import Offering, OfferingStatus, Program, Session
from mentorweb.programs.policies import refund_for, tiers_of
from mentorweb.programs.times import local


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def mqp(loaded, db):
    return Program.objects.select_related("organization").get(organization__slug="opc", slug="mqp")


def toronto_schedule(offering: Offering) -> list[tuple[int, str, str, str]]:
    zone = "America/Toronto"
    return [
        (
            s.module.number,
            local(s.starts_at, zone).strftime("%m-%d"),
            local(s.starts_at, zone).strftime("%H:%M"),
            local(s.ends_at, zone).strftime("%H:%M"),
        )
        for s in Session.objects.filter(offering=offering).select_related("module").order_by("starts_at")
    ]


def test_the_program_matches_the_seed(mqp):
    assert mqp.name == "Mentoring Qualification Program" and mqp.is_published
    assert (mqp.fee, mqp.non_refundable_fee, mqp.full_payment_confirms) == (Decimal("900.00"), Decimal("50.00"), True)
    assert mqp.required_credential_kind == "oct"
    assert (mqp.access_opens_days_before, mqp.access_closes_days_after) == (7, 14)
    modules = list(mqp.modules.order_by("number"))
    assert [m.title for m in modules] == [
        "Introducing and Understanding Mentoring/Coaching",
        "Continued Skill Development",
        "Leading with MentorCoaching and Courageous Conversations",
        "Applications and Creating a Culture of MentorCoaching",
    ]
    assert sum(m.synchronous_hours for m in modules) == 36
    assert sum(m.asynchronous_hours for m in modules) == 89
    assert all(m.components for m in modules)
    assert [(t.min_days_before, t.max_days_before, t.amount) for t in tiers_of(mqp)] == [
        (14, None, Decimal("850.00")),
        (0, 14, Decimal("250.00")),
        (None, 0, Decimal("0.00")),
    ]


def test_winter_and_summer_2025_are_exactly_the_seeds(mqp):
    winter = mqp.offerings.get(slug="winter-2025-online")
    assert (winter.title, winter.registration_deadline) == ("Winter 2025 - Online", dt.date(2025, 1, 11))
    assert toronto_schedule(winter) == [
        (1, "01-25", "08:30", "16:00"),
        (1, "01-26", "08:30", "13:00"),
        (2, "02-08", "08:30", "16:00"),
        (2, "02-09", "08:30", "13:00"),
        (3, "03-01", "08:30", "16:00"),
        (3, "03-02", "08:30", "16:00"),
    ]
    assert list(winter.deadlines.values_list("module__number", "due_on")) == [(4, dt.date(2025, 4, 14))]
    summer = mqp.offerings.get(slug="summer-2025-online")
    assert summer.registration_deadline == dt.date(2025, 6, 24)
    assert [row[1:] for row in toronto_schedule(summer)] == [
        ("07-08", "08:30", "16:00"),
        ("07-09", "08:30", "13:00"),
        ("07-15", "08:30", "16:00"),
        ("07-16", "08:30", "13:00"),
        ("07-22", "08:30", "16:00"),
        ("07-23", "08:30", "16:00"),
    ]
    assert list(summer.deadlines.values_list("due_on", flat=True)) == [dt.date(2025, 8, 31)]
    # The demo's reading of the refund table, on the Winter 2025 dates.
    assert refund_for(winter, dt.date(2025, 1, 11)) == Decimal("850.00")
    assert refund_for(winter, dt.date(2025, 1, 20)) == Decimal("250.00")
    assert refund_for(winter, dt.date(2025, 1, 25)) == Decimal("250.00")
    assert refund_for(winter, dt.date(2025, 1, 26)) == Decimal("0.00")


def test_two_upcoming_offerings_are_open_and_one_is_a_board_partnership(mqp):
    upcoming = mqp.offerings.filter(status=OfferingStatus.OPEN).select_related("partner_board")
    assert upcoming.count() == 2
    board_offering = upcoming.get(partner_board__isnull=False)
    assert board_offering.partner_board.slug == "krdsb" and board_offering.customization_notes
    assert all(o.registration_deadline > dt.date.today() for o in upcoming)
    assert all(o.sessions.count() == 6 and o.deadlines.count() == 1 for o in upcoming)


def test_the_setup_is_in_the_audit_trail_as_the_opc_administrator(mqp):
    entries = AuditEntry.objects.filter(organization=mqp.organization, action__startswith="program.")
    assert {e.actor.email for e in entries} == {"admin.opc@example.org"}
    assert set(entries.values_list("action", flat=True)) == {"program.created", "program.refund_policy_replaced"}


def test_loading_again_changes_nothing_and_puts_changes_back(mqp):
    entries = AuditEntry.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert AuditEntry.objects.count() == entries
    session = Session.objects.filter(offering__slug="winter-2025-online").order_by("starts_at").first()
    Session.objects.filter(pk=session.pk).update(ends_at=session.ends_at + dt.timedelta(hours=1))
    Program.objects.filter(pk=mqp.pk).update(fee=Decimal("950.00"))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    mqp.refresh_from_db()
    assert mqp.fee == Decimal("900.00")
    assert toronto_schedule(session.offering)[0] == (1, "01-25", "08:30", "16:00")
    assert "sessions: 0 created, 1 updated" in out.getvalue()


def test_upcoming_offerings_follow_the_2025_rhythm():
    sessions, due, deadline = winter_dates(dt.date(2025, 1, 25))
    assert [s.day for s in sessions] == [
        dt.date(2025, 1, 25),
        dt.date(2025, 1, 26),
        dt.date(2025, 2, 8),
        dt.date(2025, 2, 9),
        dt.date(2025, 3, 1),
        dt.date(2025, 3, 2),
    ]
    assert (due, deadline) == (dt.date(2025, 4, 14), dt.date(2025, 1, 11))
    winter, board = upcoming_offerings(dt.date(2026, 11, 23))
    assert (winter.title, winter.start_date, winter.registration_deadline) == (
        "Winter 2027 - Online",
        dt.date(2027, 1, 23),
        dt.date(2027, 1, 9),
    )
    assert board.start_date == dt.date(2027, 4, 10) and board.partner_board == "krdsb"
    # Once the winter's registration is nearly over, the next winter is offered instead.
    assert upcoming_offerings(dt.date(2026, 12, 30))[0].title == "Winter 2028 - Online"
