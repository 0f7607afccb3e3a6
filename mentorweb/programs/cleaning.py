"""Checking one input value for the programs services, with a message naming its field.

The web forms and the API parse input first; these checks are the services' own, so that
nothing reaches the database that the database would refuse with a server error.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.core.money import cad

# Dates outside these years are typing mistakes, and far ones overflow date arithmetic.
FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_FEE = Decimal("100000.00")
MAX_HOURS = Decimal("1000")


def text(value: Any, field: str, *, max_length: int, required: bool = False, multiline: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("Enter text."), field=field)
    value = value.strip() if multiline else " ".join(value.split())
    if "\x00" in value:
        raise DomainError(_("The text must not contain NUL characters."), field=field)
    if required and not value:
        raise DomainError(_("This field is required."), field=field)
    if len(value) > max_length:
        raise DomainError(
            _("Enter at most %(max)s characters (it has %(length)s).") % {"max": max_length, "length": len(value)},
            field=field,
        )
    return value


def lines(value: Any, field: str, *, max_items: int = 50, max_length: int = 500) -> list[str]:
    """A list of short texts (learning components), from a list or from text, one item a line."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Enter one item a line."), field=field)
    items = [text(item, field, max_length=max_length) for item in value]
    items = [item for item in items if item]
    if len(items) > max_items:
        raise DomainError(_("Enter at most %(max)s items.") % {"max": max_items}, field=field)
    return items


def topics(value: Any, field: str, *, max_items: int, max_length: int) -> list[str]:
    """A list of topics (a program's standard meeting topics), from a list or from text, one a
    line: blank lines and repeats (ignoring case) are dropped, the first spelling kept.

    An error names its line as typed, blank lines included, so that it points to the right place
    in the textarea; for a list it is the item's position, counted from 1.
    """
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Enter one topic a line."), field=field)
    kept: list[str] = []
    seen: set[str] = set()
    for line, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise DomainError(_("Line %(line)s is not text.") % {"line": line}, field=field)
        item = " ".join(item.split())
        if "\x00" in item:
            raise DomainError(_("Line %(line)s must not contain NUL characters.") % {"line": line}, field=field)
        if not item:
            continue
        if len(item) > max_length:
            raise DomainError(
                _("Line %(line)s is longer than %(max)s characters.") % {"line": line, "max": max_length},
                field=field,
            )
        key = item.casefold()
        if key in seen:
            continue
        if len(kept) == max_items:
            raise DomainError(
                _("Enter at most %(max)s topics: line %(line)s is one too many.") % {"max": max_items, "line": line},
                field=field,
            )
        seen.add(key)
        kept.append(item)
    return kept


def decimal(value: Any, field: str, *, maximum: Decimal, places: int = 2) -> Decimal:
    if isinstance(value, (bool, float)) or value is None or value == "":
        raise DomainError(_("Enter an amount."), field=field)
    try:
        number = Decimal(str(value).strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DomainError(_("Enter an amount."), field=field) from error
    if not number.is_finite():
        raise DomainError(_("Enter an amount."), field=field)
    if number < 0:
        raise DomainError(_("The amount cannot be negative."), field=field)
    if number > maximum:
        raise DomainError(_("Enter at most %(max)s.") % {"max": maximum}, field=field)
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise DomainError(_("Enter at most %(places)s decimal places.") % {"places": places}, field=field)
    return number


def money(value: Any, field: str) -> Decimal:
    return cad(decimal(value, field, maximum=MAX_FEE))


def hours(value: Any, field: str) -> Decimal:
    return decimal(value, field, maximum=MAX_HOURS)


def integer(value: Any, field: str, *, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(_("Enter a whole number."), field=field)
    if not minimum <= value <= maximum:
        raise DomainError(
            _("Enter a number between %(min)s and %(max)s.") % {"min": minimum, "max": maximum}, field=field
        )
    return value


def boolean(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise DomainError(_("Answer yes or no."), field=field)
    return value


def day(value: Any, field: str, *, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("Enter a date."), field=field)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise DomainError(
            _("Enter a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}, field=field
        )
    return value


def clock(value: Any, field: str) -> dt.time:
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        raise DomainError(_("Enter a time of day."), field=field)
    return value.replace(second=0, microsecond=0)


def choice(value: Any, field: str, choices: list[str], *, blank: bool = False) -> str:
    if blank and value in (None, ""):
        return ""
    if value not in choices:
        raise DomainError(_("Choose one of the options."), field=field)
    return str(value)


def email(value: Any, field: str) -> str:
    value = text(value, field, max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise DomainError(_("Enter a valid e-mail address."), field=field) from error
    return value.lower()


def url(value: Any, field: str) -> str:
    value = text(value, field, max_length=200)
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError as error:
            raise DomainError(_("Enter a web address starting with https://."), field=field) from error
    return value


def slug(value: Any, field: str, *, reserved: frozenset[str] = frozenset()) -> str:
    value = text(value, field, max_length=80, required=True).lower()
    try:
        validate_slug(value)
    except ValidationError as error:
        raise DomainError(_("Use only letters, numbers, hyphens and underscores."), field=field) from error
    if value in reserved:
        raise DomainError(_("“%(slug)s” is used by a page of its own: choose another.") % {"slug": value}, field=field)
    return value
