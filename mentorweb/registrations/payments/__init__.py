"""Card payments through a provider: the interface (base), the providers, and their webhooks."""

from __future__ import annotations

from mentorweb.registrations.payments.base import PaymentProvider


def get_provider(name: str) -> PaymentProvider:
    """The provider called `name`; KeyError for a name we do not know (the webhook URL answers 404)."""
    # Imported here: the providers import the services, which import this package.
    from mentorweb.registrations.payments.test_provider import TestProvider

    providers: dict[str, type[PaymentProvider]] = {TestProvider.name: TestProvider}
    return providers[name]()


def card_provider() -> PaymentProvider:
    """The provider that takes card payments. Only the test provider exists so far; a real one
    (Stripe, Moneris, ...) implements PaymentProvider and is chosen here."""
    return get_provider("test")
