"""Template filters of the programs pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats, translation

from mentorweb.core.money import cad

register = template.Library()


@register.filter(name="cad")
def cad_filter(value: Any) -> str:
    """An amount in Canadian dollars the way the reader's language writes it: $1,234.50 or 1 234,50 $."""
    if value is None or value == "":
        return ""
    amount = formats.number_format(cad(Decimal(value)), 2, use_l10n=True, force_grouping=True)
    if (translation.get_language() or "en").startswith("fr"):
        return f"{amount}\xa0$"
    return f"${amount}"


@register.filter
def hours(value: Any) -> str:
    """Hours without trailing zeros: 36, 7.5, 4.25."""
    if value is None or value == "":
        return ""
    text = format(Decimal(value).normalize(), "f")
    places = len(text.partition(".")[2])
    return formats.number_format(Decimal(text), places, use_l10n=True)
