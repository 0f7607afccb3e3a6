"""The payment webhook: signed, recent, idempotent."""

from __future__ import annotations

import time

import pytest
import time_machine

from mentorweb.core.models import AuditEntry
from mentorweb.notifications.models import SentEmail
from mentorweb.registrations.models import Payment, PaymentStatus, RegistrationStatus
from mentorweb.registrations.payments.base import WebhookRejected, signature_header, verify_signature
from mentorweb.registrations.tests.reg_world import (
    WEBHOOK_SECRET,
    candidate,
    event_body,
    mqp,
    post_webhook,
    register,
    start_card_payment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(personas):
    registration = register(mqp(personas.org), candidate())
    payment, _url = start_card_payment(registration)
    return payment


def test_a_signed_webhook_records_the_payment(pending, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_webhook(event_body(pending.provider_reference, 90000))
    assert response.status_code == 200
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.SUCCEEDED
    assert pending.registration.status == RegistrationStatus.CONFIRMED


def test_a_bad_signature_is_refused(pending):
    body = event_body(pending.provider_reference, 90000)
    response = post_webhook(body, header=signature_header("not-the-secret", body))
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING


def test_a_body_changed_after_signing_is_refused(pending):
    header = signature_header(WEBHOOK_SECRET, event_body(pending.provider_reference, 100))
    assert post_webhook(event_body(pending.provider_reference, 90000), header=header).status_code == 400
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.PENDING


@pytest.mark.parametrize("header", ["", "v1=abc", "t=notanumber,v1=abc", "t=1,v1="])
def test_a_missing_or_malformed_signature_is_refused(pending, header):
    assert post_webhook(event_body(pending.provider_reference, 90000), header=header).status_code == 400


def test_an_old_timestamp_is_refused_even_with_a_good_signature(pending):
    body = event_body(pending.provider_reference, 90000)
    header = signature_header(WEBHOOK_SECRET, body, timestamp=int(time.time()) - 301)
    assert post_webhook(body, header=header).status_code == 400
    # Within the tolerance (five minutes) it is accepted.
    header = signature_header(WEBHOOK_SECRET, body, timestamp=int(time.time()) - 290)
    assert post_webhook(body, header=header).status_code == 200


def test_a_replayed_webhook_records_one_payment(pending, mailoutbox, django_capture_on_commit_callbacks):
    body = event_body(pending.provider_reference, 90000)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [post_webhook(body) for _ in range(5)]
    assert [r.status_code for r in responses] == [200] * 5
    assert Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count() == 1
    assert AuditEntry.objects.filter(action="payment.succeeded").count() == 1
    assert AuditEntry.objects.filter(action="registration.confirmed").count() == 1
    assert SentEmail.objects.filter(key__startswith="payment:").count() == 1


def test_a_failure_after_success_changes_nothing(pending):
    post_webhook(event_body(pending.provider_reference, 90000))
    post_webhook(event_body(pending.provider_reference, 90000, kind="payment_intent.payment_failed"))
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.SUCCEEDED


def test_an_amount_that_does_not_match_is_refused(pending):
    assert post_webhook(event_body(pending.provider_reference, 100)).status_code == 400
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.PENDING


def test_an_unknown_payment_is_acknowledged_and_changes_nothing(pending):
    response = post_webhook(event_body("pi_test_someone_else", 90000))
    assert response.status_code == 200
    assert response.content == b"unknown"
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.PENDING


@pytest.mark.parametrize(
    "body", [b"not json", b"{}", b'{"id": "e", "type": "x", "data": {"object": {"id": "p", "amount": "1"}}}']
)
def test_an_unreadable_event_is_refused(db, body):
    assert post_webhook(body).status_code == 400


def test_other_event_types_are_ignored(pending):
    response = post_webhook(event_body(pending.provider_reference, 90000, kind="charge.dispute.created"))
    assert response.status_code == 200
    assert response.content == b"ignored"


def test_an_unknown_provider_is_a_404_and_get_is_not_allowed(db, client):
    assert post_webhook(b"{}", provider="nobody").status_code == 404
    assert client.get("/payments/webhook/test/").status_code == 405


def test_verify_signature_compares_every_v1_and_checks_the_clock():
    body = b"{}"
    good = signature_header(WEBHOOK_SECRET, body, timestamp=1_700_000_000)
    timestamp, signature = good.split(",")
    verify_signature(WEBHOOK_SECRET, f"{timestamp},v1=stale,{signature}", body, tolerance=300, now=1_700_000_100)
    with pytest.raises(WebhookRejected):
        verify_signature(WEBHOOK_SECRET, good, body, tolerance=300, now=1_700_000_301)
    with pytest.raises(WebhookRejected):
        verify_signature(WEBHOOK_SECRET, good, body + b" ", tolerance=300, now=1_700_000_000)


def test_the_checkout_delivers_a_webhook_signed_at_delivery_time(pending, django_capture_on_commit_callbacks):
    from mentorweb.registrations.payments.test_provider import checkout_pay, checkout_session

    url = start_card_payment(pending.registration)[1]
    session = checkout_session(url.rstrip("/").rsplit("/", 1)[1])
    # Long after the checkout page was made, the delivery is still fresh: it is signed when sent.
    with time_machine.travel(time.time() + 3600), django_capture_on_commit_callbacks(execute=True):
        assert checkout_pay(session, "4242424242424242") is True
    assert Payment.objects.get(pk=pending.pk).status == PaymentStatus.SUCCEEDED
