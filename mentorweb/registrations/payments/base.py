"""What Mentorweb needs from a card-payment provider, and how its webhooks are signed.

A provider creates a payment intent (pending until the candidate pays on the provider's own
checkout page), refunds a payment, and reports what happened through signed webhooks. Every
call that moves money carries an idempotency key: the same key twice is the same intent or
the same refund, never a second one.

Webhook signatures follow the usual scheme: the header holds a Unix timestamp and an
HMAC-SHA256, keyed with the shared secret, of "<timestamp>.<raw body>". The timestamp must be
close to now (PAYMENT_WEBHOOK_TOLERANCE), so a captured webhook cannot be replayed later; one
replayed within the window changes nothing because the handlers are idempotent.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SIGNATURE_HEADER = "Mentorweb-Signature"


class WebhookRejected(Exception):
    """The webhook is not one we can trust or read; the view answers 400."""


@dataclass(frozen=True)
class PaymentIntent:
    reference: str
    status: str
    checkout_url: str


@dataclass(frozen=True)
class ProviderRefund:
    reference: str
    status: str
    failure_reason: str = ""


@dataclass(frozen=True)
class WebhookEvent:
    """A provider's event, reduced to what the handlers need."""

    id: str
    kind: str  # "payment.succeeded", "payment.failed" or anything else (ignored)
    reference: str
    amount: Decimal | None = None
    currency: str = ""
    failure_reason: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


class PaymentProvider(ABC):
    name: str

    @abstractmethod
    def create_intent(
        self, *, amount: Decimal, currency: str, idempotency_key: str, description: str, return_url: str
    ) -> PaymentIntent: ...

    @abstractmethod
    def refund(self, *, payment_reference: str, amount: Decimal, idempotency_key: str) -> ProviderRefund: ...

    @abstractmethod
    def parse_webhook(self, *, body: bytes, headers: Mapping[str, str]) -> WebhookEvent:
        """Check the signature and read the event, or raise WebhookRejected."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify_signature(secret: str, header: str, body: bytes, *, tolerance: int, now: float | None = None) -> None:
    """Raise WebhookRejected unless `header` signs `body` with `secret` at a time close to now."""
    parts: dict[str, list[str]] = {}
    for item in header.split(","):
        key, _sep, value = item.strip().partition("=")
        parts.setdefault(key, []).append(value)
    try:
        timestamp = int(parts["t"][0])
    except (KeyError, ValueError):
        raise WebhookRejected("signature header without a timestamp") from None
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise WebhookRejected("timestamp outside the tolerance")
    expected = signature(secret, timestamp, body)
    # Compared in constant time, each candidate (a provider may send several during a key change).
    if not any(hmac.compare_digest(expected, candidate) for candidate in parts.get("v1", [])):
        raise WebhookRejected("signature does not match")
