from __future__ import annotations

from decimal import Decimal

from django import template

from mentorweb.registrations.formatting import format_cad
from mentorweb.registrations.models import Registration
from mentorweb.registrations.selectors import amount_paid, balance_due

register = template.Library()


@register.filter
def cad(value: Decimal | int | str | None) -> str:
    """An amount in the page's language: $900.00 or 900,00 $."""
    if value is None or value == "":
        return ""
    return format_cad(value)


@register.filter
def balance(registration: Registration) -> Decimal:
    """What the registration still owes (reads the sums annotated by selectors.with_money)."""
    return balance_due(registration)


@register.filter
def paid(registration: Registration) -> Decimal:
    return amount_paid(registration)
