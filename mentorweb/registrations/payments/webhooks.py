"""Receiving a provider's webhook: check it, read it, record what it says, idempotently."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from mentorweb.core.errors import DomainError
from mentorweb.registrations.payments import get_provider
from mentorweb.registrations.payments.base import WebhookRejected
from mentorweb.registrations.payments.services import payment_mark_failed, payment_mark_succeeded

logger = logging.getLogger(__name__)


def webhook_receive(*, provider_name: str, body: bytes, headers: Mapping[str, str]) -> str:
    """Handle one delivery; returns what was done. Raises KeyError for an unknown provider and
    WebhookRejected for a webhook that is not signed right or cannot be read.

    Providers deliver at least once, sometimes several times and out of order: each handler
    changes a payment only from the status it expects, so a repeat changes nothing.
    """
    provider = get_provider(provider_name)
    event = provider.parse_webhook(body=body, headers=headers)
    try:
        if event.kind == "payment.succeeded":
            payment = payment_mark_succeeded(provider=provider.name, reference=event.reference, amount=event.amount)
        elif event.kind == "payment.failed":
            payment = payment_mark_failed(
                provider=provider.name, reference=event.reference, reason=event.failure_reason
            )
        else:
            return "ignored"
    except DomainError as error:
        logger.warning("Webhook %s from %s refused: %s", event.id, provider.name, error.message)
        raise WebhookRejected(str(error.message)) from error
    if payment is None:
        # Not ours (another site sharing the account, or a test event): acknowledged so the
        # provider stops sending it, and logged.
        logger.info("Webhook %s from %s names an unknown payment", event.id, provider.name)
        return "unknown"
    return payment.status
