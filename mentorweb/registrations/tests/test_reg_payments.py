"""Paying: by card through the test provider, offline by staff, and by board invoice.
Only full payment (and a verified credential) confirms the seat."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from mentorweb.accounts.models import CredentialStatus
from mentorweb.accounts.services import credential_verify
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.registrations.models import Invoice, Payment, PaymentMethod, PaymentStatus, RegistrationStatus
from mentorweb.registrations.payments.services import invoice_create, invoice_mark_paid
from mentorweb.registrations.selectors import amount_paid, balance_due
from mentorweb.registrations.services import registration_credential_verify
from mentorweb.registrations.tests.reg_world import (
    board,
    candidate,
    mqp,
    pay_offline,
    register,
    start_card_payment,
)

pytestmark = pytest.mark.django_db


def _pay_by_card(client: Client, registration, card: str, capture) -> object:
    response = client.post(f"/me/registrations/{registration.pk}/pay/")
    assert response.status_code == 302
    checkout = response["Location"]
    assert checkout.startswith("/payments/test/checkout/")
    assert "900.00" in client.get(checkout).content.decode()
    # The provider's answer comes by webhook, from a job queued after the checkout page's request.
    with capture(execute=True):
        return client.post(checkout, {"card_number": card})


def test_a_card_payment_confirms_the_seat_through_the_webhook(personas, mailoutbox, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    client = Client()
    client.force_login(registration.person.user)

    response = _pay_by_card(client, registration, "4242 4242 4242 4242", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == f"/me/registrations/{registration.pk}/"
    payment = Payment.objects.get(registration=registration)
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.method == PaymentMethod.CARD
    assert payment.provider_reference.startswith("pi_test_")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert balance_due(registration) == Decimal("0.00")
    subjects = [m.subject for m in mailoutbox]
    assert any(s.startswith("Payment received: $900.00") for s in subjects)
    assert any(s.startswith("Confirmed:") for s in subjects)
    entry = AuditEntry.objects.get(action="payment.succeeded")
    assert entry.source == "job"
    assert entry.actor is None


def test_a_declined_card_leaves_the_registration_unpaid(personas, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    client = Client()
    client.force_login(registration.person.user)

    response = _pay_by_card(client, registration, "4000000000000002", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "declined" in response.content.decode()
    payment = Payment.objects.get(registration=registration)
    assert payment.status == PaymentStatus.FAILED
    assert payment.failure_reason == "Your card was declined."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_PAYMENT


def test_other_card_numbers_are_refused_on_the_checkout_page(personas, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    client = Client()
    client.force_login(registration.person.user)
    response = _pay_by_card(client, registration, "5555 5555 5555 4444", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "test card" in response.content.decode()
    assert Payment.objects.get(registration=registration).status == PaymentStatus.PENDING


def test_pressing_pay_twice_reuses_the_same_intent(personas):
    registration = register(mqp(personas.org), candidate())
    first, first_url = start_card_payment(registration)
    second, second_url = start_card_payment(registration)
    assert first.pk == second.pk
    assert first_url == second_url
    assert Payment.objects.filter(registration=registration).count() == 1


def test_only_the_candidate_pays_online_and_only_what_is_owed(personas):
    registration = register(mqp(personas.org), candidate())
    from mentorweb.registrations.payments.services import payment_start_card

    with pytest.raises(DomainError):
        payment_start_card(actor=personas.staff, registration=registration)
    pay_offline(personas.staff, registration)
    with pytest.raises(DomainError) as error:
        start_card_payment(registration)
    assert error.value.code == "conflict"


def test_a_checkout_link_that_was_altered_is_a_404(personas):
    registration = register(mqp(personas.org), candidate())
    _payment, url = start_card_payment(registration)
    assert Client().get(url).status_code == 200
    assert Client().get(url[:-5] + "xxxx/").status_code == 404


def test_a_partial_offline_payment_keeps_the_seat_unconfirmed(personas, mailoutbox, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    with django_capture_on_commit_callbacks(execute=True):
        pay_offline(personas.staff, registration, "400.00", reference="Cheque 118")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert amount_paid(registration) == Decimal("400.00")
    assert balance_due(registration) == Decimal("500.00")
    assert "Still owed: $500.00" in mailoutbox[-1].body

    with django_capture_on_commit_callbacks(execute=True):
        pay_offline(personas.staff, registration, "500.00", method=PaymentMethod.E_TRANSFER)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.confirmed_at is not None


def test_more_than_what_is_owed_is_refused_on_the_amount(personas):
    registration = register(mqp(personas.org), candidate())
    with pytest.raises(DomainError) as error:
        pay_offline(personas.staff, registration, "900.01")
    assert error.value.field == "amount"
    for bad in ("0", "-5", "abc"):
        with pytest.raises(DomainError) as error:
            from mentorweb.registrations.payments.services import payment_record_offline

            payment_record_offline(actor=personas.staff, registration=registration, amount=bad, method="cheque")
        assert error.value.field == "amount"
    with pytest.raises(DomainError) as error:
        pay_offline(personas.staff, registration, method=PaymentMethod.CARD)
    assert error.value.field == "method"


def test_the_same_form_sent_twice_records_one_payment(personas):
    registration = register(mqp(personas.org), candidate())
    first = pay_offline(personas.staff, registration, "100.00", idempotency_key="form-1")
    second = pay_offline(personas.staff, registration, "100.00", idempotency_key="form-1")
    assert first.pk == second.pk
    assert amount_paid(registration) == Decimal("100.00")


def test_members_cannot_record_payments(personas):
    registration = register(mqp(personas.org), candidate())
    with pytest.raises(DomainError) as error:
        pay_offline(personas.member, registration)
    assert error.value.code == "forbidden"
    assert not Payment.objects.exists()


def test_full_payment_waits_for_the_credential_check_then_confirms(personas, django_capture_on_commit_callbacks):
    person = candidate(personas.org, credential=CredentialStatus.DECLARED)
    registration = register(mqp(personas.org), person)
    pay_offline(personas.staff, registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_PAYMENT

    credential = registration_credential_verify(
        actor=personas.staff, registration=registration, status=CredentialStatus.GOOD_STANDING
    )
    assert credential.status == CredentialStatus.GOOD_STANDING
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    # A member of the organization: the organization's trail records the verification too.
    assert AuditEntry.objects.filter(action="membership.credential_verified", organization=personas.org).exists()


def test_a_credential_verified_elsewhere_confirms_through_a_job(personas, django_capture_on_commit_callbacks):
    person = candidate(credential=CredentialStatus.DECLARED)
    registration = register(mqp(personas.org), person)
    pay_offline(personas.staff, registration)
    with django_capture_on_commit_callbacks(execute=True):
        credential_verify(
            actor=personas.staff, credential=person.credentials.get(), status=CredentialStatus.GOOD_STANDING
        )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_a_suspended_credential_never_confirms(personas):
    person = candidate(credential=CredentialStatus.DECLARED)
    registration = register(mqp(personas.org), person)
    pay_offline(personas.staff, registration)
    registration_credential_verify(actor=personas.staff, registration=registration, status=CredentialStatus.SUSPENDED)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING_PAYMENT


def test_one_invoice_for_several_sponsored_candidates(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering = mqp(personas.org)
    sponsor = board()
    registrations = [register(offering, candidate(), sponsor=sponsor) for _ in range(3)]
    invoice = invoice_create(
        actor=personas.staff,
        organization=personas.org,
        sponsor=sponsor,
        registrations=registrations[:2],
        purchase_order="PO-2030-17",
    )
    assert invoice.number.startswith("NORTHERN-LIGHTS-")
    assert invoice.status == Invoice.Status.OPEN
    assert set(invoice.registrations.values_list("pk", flat=True)) == {r.pk for r in registrations[:2]}

    with django_capture_on_commit_callbacks(execute=True):
        payments = invoice_mark_paid(actor=personas.staff, invoice=invoice, reference="EFT 99812")
    assert len(payments) == 2
    assert {p.amount for p in payments} == {Decimal("900.00")}
    assert {p.method for p in payments} == {PaymentMethod.INVOICE}
    for registration in registrations[:2]:
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CONFIRMED
    registrations[2].refresh_from_db()
    assert registrations[2].status == RegistrationStatus.PENDING_PAYMENT
    with pytest.raises(DomainError) as error:
        invoice_mark_paid(actor=personas.staff, invoice=invoice)
    assert error.value.code == "conflict"
    assert Payment.objects.count() == 2


def test_an_invoice_only_covers_the_boards_own_unpaid_candidates(personas):
    offering = mqp(personas.org)
    sponsor, other = board("board-one"), board("board-two")
    mine = register(offering, candidate(), sponsor=sponsor)
    theirs = register(offering, candidate(), sponsor=other)
    with pytest.raises(DomainError) as error:
        invoice_create(actor=personas.staff, organization=personas.org, sponsor=sponsor, registrations=[mine, theirs])
    assert error.value.field == "registrations"
    invoice_create(actor=personas.staff, organization=personas.org, sponsor=sponsor, registrations=[mine])
    with pytest.raises(DomainError) as error:
        invoice_create(actor=personas.staff, organization=personas.org, sponsor=sponsor, registrations=[mine])
    assert error.value.code == "conflict"
    assert Invoice.objects.count() == 1
    with pytest.raises(DomainError):
        invoice_create(actor=personas.staff, organization=personas.org, sponsor=sponsor, registrations=[])
    with pytest.raises(DomainError) as error:
        invoice_create(actor=personas.member, organization=personas.org, sponsor=sponsor, registrations=[mine])
    assert error.value.code == "forbidden"
