"""`{% hours_ledger registration as ledger %}`: the hours ledger for the include that other pages use."""

from __future__ import annotations

from django import template

from mentorweb.registrations.hours import HoursLedger
from mentorweb.registrations.hours import hours_ledger as _hours_ledger
from mentorweb.registrations.models import Registration

register = template.Library()


@register.simple_tag
def hours_ledger(registration: Registration) -> HoursLedger:
    return _hours_ledger(registration)
