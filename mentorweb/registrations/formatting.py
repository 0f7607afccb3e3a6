"""Amounts and dates as a person reads them, in English or French."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, translation

from mentorweb.core.money import cad

NBSP = "\u00a0"


def format_cad(amount: Decimal | int | str, language: str | None = None) -> str:
    """$1,234.50 in English, 1 234,50 $ in French (the usage in Canada)."""
    value = cad(amount)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):,.2f}".split(".")
    language = (language or translation.get_language() or "en")[:2]
    if language == "fr":
        # French puts a no-break space between thousands and before the dollar sign.
        return sign + whole.replace(",", NBSP) + "," + cents + NBSP + "$"
    return f"{sign}${whole}.{cents}"


def format_date(value: date | datetime, language: str) -> str:
    with translation.override(language):
        return str(formats.date_format(value, "DATE_FORMAT"))


def format_datetime(value: datetime, language: str, time_zone: str) -> str:
    local = value.astimezone(zoneinfo.ZoneInfo(time_zone))
    with translation.override(language):
        return str(formats.date_format(local, "DATETIME_FORMAT"))
