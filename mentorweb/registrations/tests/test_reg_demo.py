"""The registrations demo: MQP candidates in every state, and nothing new the second time."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from mentorweb.core.models import AuditEntry
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations.models import (
    Invoice,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.selectors import balance_due

S = RegistrationStatus


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def mqp_registrations(loaded, db):
    return Registration.objects.filter(offering__program__slug="mqp", offering__program__organization__slug="opc")


def status_of(email: str, **offering: object) -> str:
    return Registration.objects.get(
        person__user__email=email, **{f"offering__{k}": v for k, v in offering.items()}
    ).status


def test_every_state_is_in_the_demo(mqp_registrations):
    assert set(mqp_registrations.values_list("status", flat=True)) >= {
        S.PENDING_PAYMENT,
        S.CONFIRMED,
        S.WAITLISTED,
        S.CANCELLED,
        S.COMPLETED,
    }


def test_past_offerings_hold_their_history(mqp_registrations):
    assert status_of("candidate.opc@example.org", slug="winter-2025-online") == S.COMPLETED
    ravi = mqp_registrations.get(person__user__email="ravi.dhillon@example.org", offering__slug="summer-2025-online")
    assert ravi.invoice is not None and ravi.invoice.status == Invoice.Status.PAID
    payment = ravi.payments.get()
    assert (payment.amount, payment.succeeded_at.year) == (Decimal("900.00"), 2025)
    winter = Offering.objects.get(program__slug="mqp", slug="winter-2025-online")
    assert winter.seats_taken == Registration.objects.filter(offering=winter).count() == 2


def test_the_online_offering_shows_a_candidate_journey(mqp_registrations):
    online = mqp_registrations.filter(offering__status=OfferingStatus.OPEN, offering__partner_board__isnull=True)
    sophie = online.get(person__user__email="sophie.tremblay-ng@example.org")
    assert (sophie.status, balance_due(sophie)) == (S.PENDING_PAYMENT, Decimal("900.00"))
    mathieu = online.get(person__user__email="mathieu.gagnon@example.org")
    assert (mathieu.status, balance_due(mathieu)) == (S.PENDING_PAYMENT, Decimal("0.00"))
    olena = online.get(person__user__email="olena.kovalenko@example.org")
    assert olena.status == S.CANCELLED
    refund = Refund.objects.get(registration=olena)
    assert (refund.amount, refund.status) == (Decimal("850.00"), RefundStatus.SUCCEEDED)


def test_the_board_partnership_is_full_with_a_waitlist(mqp_registrations):
    partnership = Offering.objects.get(program__slug="mqp", partner_board__slug="krdsb", status=OfferingStatus.OPEN)
    assert partnership.seats_taken == partnership.capacity
    waiting = mqp_registrations.get(offering=partnership, status=S.WAITLISTED)
    assert (waiting.person.user.email, waiting.waitlist_position) == ("aaliyah.mohamed@example.org", 1)
    invoices = Invoice.objects.filter(sponsor__slug="krdsb", organization__slug="opc").order_by("purchase_order")
    assert [(i.purchase_order, i.status) for i in invoices] == [
        ("KRDSB-PO-MQP-01", Invoice.Status.PAID),
        ("KRDSB-PO-MQP-02", Invoice.Status.OPEN),
    ]
    assert set(invoices[0].registrations.values_list("status", flat=True)) == {S.CONFIRMED}
    assert set(invoices[1].registrations.values_list("status", flat=True)) == {S.PENDING_PAYMENT}
    card = mqp_registrations.filter(offering=partnership, sponsor__isnull=True, status=S.CONFIRMED)
    assert card.count() == 6
    assert Payment.objects.filter(registration__in=card, status=PaymentStatus.SUCCEEDED, method="card").count() == 6


def test_loading_again_changes_nothing(mqp_registrations):
    tables = (Registration, Payment, Refund, Invoice, AuditEntry)
    before = {model.__name__: model.objects.count() for model in tables}
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert {model.__name__: model.objects.count() for model in tables} == before
    assert "nothing changed" in out.getvalue()
