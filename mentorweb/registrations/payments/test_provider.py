"""A payment provider for development, demos and tests that behaves like a real one.

- Creating an intent with an idempotency key gives the same intent every time for that key.
- The candidate pays on the provider's hosted checkout page (served by Mentorweb at
  /payments/test/checkout/<token>/) with a test card: 4242 4242 4242 4242 succeeds,
  4000 0000 0000 0002 is declined. No other number is accepted, so a real card can never be
  typed in by mistake and go anywhere.
- The outcome arrives later, as a signed webhook delivered by a background job, exactly as a
  real provider's would: the checkout page itself changes nothing in Mentorweb.
- Refunds succeed at once.

It keeps no state of its own: the checkout token is signed and carries the intent, and ids
are derived from the idempotency keys. Paying the same intent twice sends two "succeeded"
events, which is what real providers do on retries and what the webhook handler must absorb.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from mentorweb.core.audit import audit_source
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditSource
from mentorweb.registrations.payments.base import (
    SIGNATURE_HEADER,
    PaymentIntent,
    PaymentProvider,
    ProviderRefund,
    WebhookEvent,
    WebhookRejected,
    signature_header,
    verify_signature,
)

SUCCESS_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"
CHECKOUT_SALT = "mentorweb.registrations.test_checkout"
# A checkout page stays usable for a day, like a hosted checkout session.
CHECKOUT_MAX_AGE = 24 * 3600
EVENT_KINDS = {"payment_intent.succeeded": "payment.succeeded", "payment_intent.payment_failed": "payment.failed"}


def _derived_id(prefix: str, key: str) -> str:
    digest = hmac.new(settings.PAYMENT_WEBHOOK_SECRET.encode(), key.encode(), hashlib.sha256).hexdigest()
    return f"{prefix}_test_{digest[:24]}"


@dataclass(frozen=True)
class CheckoutSession:
    reference: str
    amount: Decimal
    currency: str
    description: str
    return_url: str


class TestProvider(PaymentProvider):
    name = "test"

    def create_intent(
        self, *, amount: Decimal, currency: str, idempotency_key: str, description: str, return_url: str
    ) -> PaymentIntent:
        reference = _derived_id("pi", f"intent:{idempotency_key}")
        token = signing.dumps(
            {"ref": reference, "amount": str(amount), "cur": currency, "desc": description, "ret": return_url},
            salt=CHECKOUT_SALT,
            compress=True,
        )
        url = reverse("registrations:test_checkout", kwargs={"token": token})
        return PaymentIntent(reference=reference, status="pending", checkout_url=url)

    def refund(self, *, payment_reference: str, amount: Decimal, idempotency_key: str) -> ProviderRefund:
        return ProviderRefund(reference=_derived_id("re", f"refund:{idempotency_key}"), status="succeeded")

    def parse_webhook(self, *, body: bytes, headers: Mapping[str, str]) -> WebhookEvent:
        verify_signature(
            settings.PAYMENT_WEBHOOK_SECRET,
            headers.get(SIGNATURE_HEADER, ""),
            body,
            tolerance=settings.PAYMENT_WEBHOOK_TOLERANCE,
        )
        try:
            data = json.loads(body)
            obj = data["data"]["object"]
            reference = str(obj["id"])
            cents = obj["amount"]
            if not isinstance(cents, int) or isinstance(cents, bool):
                raise TypeError("amount must be an integer number of cents")
            return WebhookEvent(
                id=str(data["id"]),
                kind=EVENT_KINDS.get(str(data["type"]), str(data["type"])),
                reference=reference,
                amount=Decimal(cents) / 100,
                currency=str(obj.get("currency", "")).upper(),
                failure_reason=str((obj.get("last_error") or {}).get("message", ""))[:200],
                raw=data,
            )
        except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation) as error:
            raise WebhookRejected(f"unreadable event: {error}") from None


# --- the hosted checkout page's side -------------------------------------------------------------


def checkout_session(token: str) -> CheckoutSession:
    """The intent behind a checkout link; a link that was altered or is too old is refused."""
    try:
        data = signing.loads(token, salt=CHECKOUT_SALT, max_age=CHECKOUT_MAX_AGE)
        return CheckoutSession(
            reference=data["ref"],
            amount=Decimal(data["amount"]),
            currency=data["cur"],
            description=data["desc"],
            return_url=data["ret"],
        )
    except (signing.BadSignature, KeyError, TypeError, InvalidOperation) as error:
        raise DomainError(_("This payment link is not valid or has expired."), code="not_found") from error


def checkout_pay(session: CheckoutSession, card_number: str) -> bool:
    """Charge a test card: True when it succeeds. The result reaches Mentorweb by webhook, later."""
    number = "".join(card_number.split()).replace("-", "")
    if number not in (SUCCESS_CARD, DECLINED_CARD):
        raise DomainError(
            _(
                "This is the test payment provider: use the test card 4242 4242 4242 4242 (or 4000 0000 0000 0002 to see a refusal)."
            ),
            field="card_number",
        )
    succeeded = number == SUCCESS_CARD
    # Delivered by a job, after this request: like a real provider, the answer comes separately.
    deliver_test_webhook.enqueue(
        body=event_json(
            reference=session.reference, amount=session.amount, currency=session.currency, succeeded=succeeded
        )
    )
    return succeeded


def event_json(*, reference: str, amount: Decimal, currency: str = "CAD", succeeded: bool = True) -> str:
    """The event the provider sends about an intent, amounts in cents as real providers send them."""
    event: dict[str, Any] = {
        "id": f"evt_test_{secrets.token_hex(12)}",
        "type": "payment_intent.succeeded" if succeeded else "payment_intent.payment_failed",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": reference,
                "amount": int(amount * 100),
                "currency": currency.lower(),
                "last_error": None if succeeded else {"message": "Your card was declined."},
            }
        },
    }
    return json.dumps(event, separators=(",", ":"))


@task()
def deliver_test_webhook(*, body: str) -> str:
    """Sign the event at the moment of sending and hand it to the webhook endpoint's handler.

    A real provider would POST these bytes to /payments/webhook/<provider>/; the view there
    passes the raw body and headers to the same `webhook_receive`, so the signature, the
    timestamp tolerance and the idempotency are checked the same way on both paths.
    """
    from mentorweb.registrations.payments.webhooks import webhook_receive

    raw = body.encode()
    headers = {SIGNATURE_HEADER: signature_header(settings.PAYMENT_WEBHOOK_SECRET, raw)}
    with audit_source(AuditSource.JOB):
        return webhook_receive(provider_name=TestProvider.name, body=raw, headers=headers)
