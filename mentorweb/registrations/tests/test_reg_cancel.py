"""Cancelling: the refund by the policy and never more than paid, never twice; the freed seat
offered to the waitlist in order; an offering cancelled for low enrolment refunds everything."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from mentorweb.core.errors import DomainError
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations.jobs import expire_seat_offers
from mentorweb.registrations.models import PaymentMethod, Refund, RefundStatus, Registration, RegistrationStatus
from mentorweb.registrations.payments.refunds import refund_mark_sent
from mentorweb.registrations.selectors import amount_refunded, balance_due
from mentorweb.registrations.services import (
    offering_cancel_for_low_enrolment,
    registration_cancel,
    registration_offer_accept,
    registration_offer_decline,
    registration_refund_preview,
)
from mentorweb.registrations.tests.reg_world import (
    candidate,
    event_body,
    mqp,
    pay_offline,
    post_webhook,
    register,
    start_card_payment,
    toronto,
)

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def _card_paid(offering, django_capture_on_commit_callbacks) -> Registration:
    registration = register(offering, candidate())
    payment, _url = start_card_payment(registration)
    with django_capture_on_commit_callbacks(execute=True):
        post_webhook(event_body(payment.provider_reference, 90000))
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    return registration


def _cancel(registration, key="key-1", actor=None):
    return registration_cancel(
        actor=actor or registration.person.user, registration=registration, reason="Family move", idempotency_key=key
    )


@pytest.mark.parametrize(
    ("when", "refund"),
    [
        (toronto(2030, 1, 12, 9), Decimal("850.00")),  # 14 days before the start on 26 January
        (toronto(2030, 1, 13, 9), Decimal("250.00")),  # 13 days before
        (toronto(2030, 1, 26, 23, 50), Decimal("250.00")),  # the start date itself
        (toronto(2030, 1, 27, 0, 10), Decimal("0.00")),  # after the start date
    ],
)
def test_the_refund_follows_the_policy_by_the_day_in_the_organizations_zone(
    personas, django_capture_on_commit_callbacks, mailoutbox, when, refund
):
    registration = _card_paid(mqp(personas.org), django_capture_on_commit_callbacks)
    with time_machine.travel(when, tick=False):
        assert registration_refund_preview(registration) == refund
        with django_capture_on_commit_callbacks(execute=True):
            _cancel(registration)
    refunds = list(Refund.objects.filter(registration=registration))
    assert sum((r.amount for r in refunds), Decimal("0.00")) == refund
    # Card refunds go back through the provider, in a job after the commit: they succeed.
    assert all(r.status == RefundStatus.SUCCEEDED and r.provider_reference.startswith("re_test_") for r in refunds)
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert registration.cancellation_reason == "Family move"
    message = mailoutbox[-1]
    assert message.subject.startswith("Cancelled:")
    if refund:
        assert f"Refund: ${refund:,}" in message.body
        assert f"<strong>${refund:,}</strong>" in message.alternatives[0][0]
    else:
        assert "No refund is due" in message.body


def test_the_refund_never_exceeds_what_was_paid(personas):
    registration = register(mqp(personas.org), candidate())
    pay_offline(personas.staff, registration, "100.00")
    assert registration_refund_preview(registration) == Decimal("100.00")
    _cancel(registration)
    assert amount_refunded(registration) == Decimal("100.00")


def test_an_offline_payment_is_refunded_by_hand(personas, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    pay_offline(personas.staff, registration, method=PaymentMethod.E_TRANSFER)
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(registration)
    refund = Refund.objects.get(registration=registration)
    assert (refund.amount, refund.status) == (Decimal("850.00"), RefundStatus.PENDING)
    with pytest.raises(DomainError):
        refund_mark_sent(actor=personas.member, refund=refund)
    refund_mark_sent(actor=personas.staff, refund=refund, reference="e-transfer 7731")
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED
    with pytest.raises(DomainError):
        refund_mark_sent(actor=personas.staff, refund=refund)


def test_a_repeated_request_never_refunds_twice(personas, django_capture_on_commit_callbacks):
    registration = _card_paid(mqp(personas.org), django_capture_on_commit_callbacks)
    first = _cancel(registration, key="same")
    again = _cancel(registration, key="same")
    assert again.pk == first.pk
    with pytest.raises(DomainError) as error:
        _cancel(registration, key="another")
    assert error.value.code == "conflict"
    assert Refund.objects.filter(registration=registration).count() == 1
    assert amount_refunded(registration) == Decimal("850.00")


def test_only_the_candidate_or_staff_cancel(personas):
    registration = register(mqp(personas.org), candidate())
    with pytest.raises(DomainError) as error:
        _cancel(registration, actor=personas.member)
    assert error.value.code == "forbidden"
    _cancel(registration, actor=personas.staff)
    registration.refresh_from_db()
    assert registration.cancelled_by == personas.staff


def test_a_bad_idempotency_key_is_refused(personas):
    registration = register(mqp(personas.org), candidate())
    for key in ("", "x" * 65, "bad\nkey"):
        with pytest.raises(DomainError) as error:
            _cancel(registration, key=key)
        assert error.value.field == "idempotency_key"


def test_a_completed_registration_cannot_be_cancelled(personas):
    registration = register(mqp(personas.org), candidate())
    Registration.objects.filter(pk=registration.pk).update(status=S.COMPLETED)
    with pytest.raises(DomainError):
        _cancel(registration)


def _full_with_waitlist(personas, waiting: int = 2):
    offering = mqp(personas.org, capacity=1)
    seated = register(offering, candidate())
    queue = [register(offering, candidate()) for _ in range(waiting)]
    return offering, seated, queue


def test_a_freed_seat_is_offered_to_the_first_person_waiting(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering, seated, (first, second) = _full_with_waitlist(personas)
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(seated)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.OFFERED
    assert first.waitlist_position is None
    assert timedelta(hours=71) < first.offer_expires_at - timezone.now() <= timedelta(hours=72)
    assert (second.status, second.waitlist_position) == (S.WAITLISTED, 2)
    # The seat passed from one person to the next: still one seat taken, never over capacity.
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1
    offer_mail = next(m for m in mailoutbox if m.to == [first.person.user.email])
    assert "Accept it on your registration page before" in offer_mail.body
    assert "<strong>" in offer_mail.alternatives[0][0]


def test_an_accepted_offer_awaits_payment(personas):
    _offering, seated, (first, _second) = _full_with_waitlist(personas)
    _cancel(seated)
    first.refresh_from_db()
    accepted = registration_offer_accept(actor=first.person.user, registration=first)
    assert accepted.status == S.PENDING_PAYMENT
    assert balance_due(accepted) == Decimal("900.00")
    with pytest.raises(DomainError):
        registration_offer_accept(actor=first.person.user, registration=first)


def test_a_declined_offer_goes_to_the_next_in_line(personas):
    offering, seated, (first, second) = _full_with_waitlist(personas)
    _cancel(seated)
    first.refresh_from_db()
    with pytest.raises(DomainError):
        registration_offer_decline(actor=second.person.user, registration=first)
    registration_offer_decline(actor=first.person.user, registration=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.CANCELLED
    assert second.status == S.OFFERED
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1


def test_an_expired_offer_goes_to_the_next_in_line_by_a_job(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering, seated, (first, second) = _full_with_waitlist(personas)
    _cancel(seated)
    # Not yet expired: the job changes nothing.
    assert expire_seat_offers.call() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=73)), django_capture_on_commit_callbacks(execute=True):
        assert expire_seat_offers.call() == 1
        with pytest.raises(DomainError):
            first.refresh_from_db()
            registration_offer_accept(actor=first.person.user, registration=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.CANCELLED
    assert second.status == S.OFFERED
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1
    assert any("was not accepted in time" in m.body for m in mailoutbox if m.to == [first.person.user.email])


def test_leaving_the_waitlist_frees_no_seat(personas):
    offering, _seated, (first, second) = _full_with_waitlist(personas)
    _cancel(first)
    second.refresh_from_db()
    assert second.status == S.WAITLISTED
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1


def test_a_seat_freed_with_nobody_waiting_is_given_back(personas):
    offering = mqp(personas.org)
    registration = register(offering, candidate())
    _cancel(registration)
    assert Offering.objects.get(pk=offering.pk).seats_taken == 0


def test_low_enrolment_refunds_everyone_in_full(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering = mqp(personas.org, capacity=2)
    offering.program.minimum_enrolment = 12
    offering.program.save(update_fields=["minimum_enrolment"])
    card = _card_paid(offering, django_capture_on_commit_callbacks)
    cheque = register(offering, candidate())
    pay_offline(personas.staff, cheque, "300.00")
    waiting = register(offering, candidate())
    assert waiting.status == S.WAITLISTED

    with time_machine.travel(toronto(2030, 1, 27), tick=False), django_capture_on_commit_callbacks(execute=True):
        # After the start the policy refunds nothing; a cancelled offering refunds everything.
        assert offering_cancel_for_low_enrolment(actor=personas.staff, offering=offering) == 3

    offering.refresh_from_db()
    assert (offering.status, offering.seats_taken) == (OfferingStatus.CANCELLED, 0)
    assert amount_refunded(card) == Decimal("900.00")
    assert amount_refunded(cheque) == Decimal("300.00")
    assert not Refund.objects.filter(registration=waiting).exists()
    assert set(Registration.objects.filter(offering=offering).values_list("status", flat=True)) == {S.CANCELLED}
    cancelled_mail = [m for m in mailoutbox if m.subject.startswith("Offering cancelled:")]
    assert len(cancelled_mail) == 3
    assert any("the registration fee included: $900.00" in m.body for m in cancelled_mail)
    with pytest.raises(DomainError):
        offering_cancel_for_low_enrolment(actor=personas.staff, offering=offering)


def test_an_offering_that_meets_its_minimum_is_not_cancelled_for_low_enrolment(personas):
    offering = mqp(personas.org)
    offering.program.minimum_enrolment = 1
    offering.program.save(update_fields=["minimum_enrolment"])
    register(offering, candidate())
    with pytest.raises(DomainError):
        offering_cancel_for_low_enrolment(actor=personas.staff, offering=offering)
    with pytest.raises(DomainError) as error:
        offering_cancel_for_low_enrolment(actor=personas.member, offering=offering)
    assert error.value.code == "forbidden"
    assert Offering.objects.get(pk=offering.pk).status == OfferingStatus.OPEN
