"""Refund policies: checking a table of tiers, and reading the refund off it.

A tier refunds its amount for a cancellation made between `min_days_before` (included) and
`max_days_before` (excluded) days before the offering's start date; a missing bound is open.
Days are whole calendar days in the organization's time zone: a cancellation on the start
date itself is 0 days before, the day after is -1.

A valid policy gives every possible day exactly one tier, never refunds more than the
refundable part of the fee, and never refunds more as the start gets closer.
"""

from __future__ import annotations

import itertools
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.errors import DomainError
from mentorweb.core.money import ZERO, cad

# Bounds further than this are certainly a typing mistake, and would overflow date arithmetic.
MAX_DAYS = 3650


@dataclass(frozen=True)
class Tier:
    min_days_before: int | None
    max_days_before: int | None
    amount: Decimal
    label: str = ""

    def covers(self, days_before: int) -> bool:
        above_min = self.min_days_before is None or days_before >= self.min_days_before
        below_max = self.max_days_before is None or days_before < self.max_days_before
        return above_min and below_max


class TierError(DomainError):
    """A refund tier is wrong. `index` is its position in the list given (0-based), and
    `field` names it and its input, e.g. "tiers.1.amount"."""

    def __init__(self, message: str, *, index: int, column: str) -> None:
        super().__init__(message, field=f"tiers.{index}.{column}", code="invalid_refund_tier")
        self.index = index
        self.column = column


def tier_name(number: int, tier: Tier) -> str:
    """How an error message names a tier: its row number and its bounds as entered."""
    low, high = tier.min_days_before, tier.max_days_before
    if low is not None and high is not None:
        bounds = _("%(low)s to %(high)s days before") % {"low": low, "high": high}
    elif low is not None:
        bounds = _("%(low)s days or more before") % {"low": low}
    elif high is not None:
        bounds = _("less than %(high)s days before") % {"high": high}
    else:
        bounds = _("any day")
    return _("Tier %(number)s (%(bounds)s)") % {"number": number, "bounds": bounds}


def _day(days_before: int) -> str:
    if days_before > 0:
        return ngettext("%(days)s day before the start date", "%(days)s days before the start date", days_before) % {
            "days": days_before
        }
    if days_before == 0:
        return _("the start date")
    return ngettext("%(days)s day after the start date", "%(days)s days after the start date", -days_before) % {
        "days": -days_before
    }


def describe_days(tier: Tier) -> str:
    """The days a tier covers, in words, both ends included: what the catalogue shows."""
    low = tier.min_days_before
    # The upper bound is exclusive: the last day covered is one day closer to the start.
    high = tier.max_days_before - 1 if tier.max_days_before is not None else None
    if low is None and high is None:
        return _("Any time")
    if high is None:
        return _("%(day)s or earlier") % {"day": _day(low)}  # type: ignore[arg-type]
    if low is None:
        if high == -1:
            return _("After the start date")
        return _("%(day)s or later") % {"day": _day(high)}
    if low == high:
        if low == 0:
            return _("On the start date")
        return _("Exactly %(day)s") % {"day": _day(low)}
    return _("From %(first)s to %(last)s") % {"first": _day(high), "last": _day(low)}


def _upper(tier: Tier) -> float:
    return float("inf") if tier.max_days_before is None else tier.max_days_before


def _check_one(number: int, index: int, tier: Tier, refundable: Decimal) -> None:
    name = tier_name(number, tier)
    for column in ("min_days_before", "max_days_before"):
        value = getattr(tier, column)
        if value is not None and abs(value) > MAX_DAYS:
            raise TierError(
                _("%(tier)s: enter a number of days between -%(max)s and %(max)s.") % {"tier": name, "max": MAX_DAYS},
                index=index,
                column=column,
            )
    low, high = tier.min_days_before, tier.max_days_before
    if low is not None and high is not None and low >= high:
        raise TierError(
            _("%(tier)s: the first day must be smaller than the limit, which is not included.") % {"tier": name},
            index=index,
            column="max_days_before",
        )
    if tier.amount < ZERO:
        raise TierError(_("%(tier)s: a refund cannot be negative.") % {"tier": name}, index=index, column="amount")
    if tier.amount > refundable:
        raise TierError(
            _("%(tier)s: the refund of %(amount)s is more than the refundable part of the fee, %(refundable)s.")
            % {"tier": name, "amount": f"${cad(tier.amount)}", "refundable": f"${cad(refundable)}"},
            index=index,
            column="amount",
        )


def validate_tiers(
    tiers: Sequence[Tier], *, fee: Decimal, non_refundable: Decimal, numbers: Sequence[int] | None = None
) -> list[Tier]:
    """The tiers ordered from the earliest cancellation to the latest, or a TierError naming the
    tier at fault: by `numbers` (the rows as the person sees them) or else as given, from 1.

    An empty policy refunds nothing; it is accepted only when nothing could be refunded anyway.
    """
    refundable = cad(fee) - cad(non_refundable)
    if not tiers:
        if refundable > ZERO:
            raise DomainError(
                _(
                    "Add at least one tier. To refund nothing, add one tier with no first day and no limit "
                    "and the amount 0."
                ),
                field="tiers",
                code="invalid_refund_tier",
            )
        return []
    row = list(numbers) if numbers is not None else list(range(1, len(tiers) + 1))
    for index, tier in enumerate(tiers):
        _check_one(row[index], index, tier, refundable)

    # From the earliest cancellation (highest days before) to the latest.
    order = sorted(range(len(tiers)), key=lambda i: _upper(tiers[i]), reverse=True)

    def name(i: int) -> str:
        return tier_name(row[i], tiers[i])

    first = order[0]
    if tiers[first].max_days_before is not None:
        raise TierError(
            _(
                "%(tier)s: cancellations %(days)s or more days before the start are in no tier. "
                "Leave the limit of the earliest tier empty."
            )
            % {"tier": name(first), "days": tiers[first].max_days_before},
            index=first,
            column="max_days_before",
        )
    for earlier, later in itertools.pairwise(order):
        e, lt = tiers[earlier], tiers[later]
        if e.min_days_before is None or lt.max_days_before is None:
            # Two tiers open at the same end cover the same days.
            raise TierError(
                _("%(tier)s overlaps %(other)s.") % {"tier": name(later), "other": name(earlier)},
                index=later,
                column="max_days_before" if lt.max_days_before is None else "min_days_before",
            )
        if lt.max_days_before > e.min_days_before:
            raise TierError(
                _("%(tier)s overlaps %(other)s on %(first)s to %(last)s days before the start.")
                % {
                    "tier": name(later),
                    "other": name(earlier),
                    "first": e.min_days_before,
                    "last": lt.max_days_before - 1,
                },
                index=later,
                column="max_days_before",
            )
        if lt.max_days_before < e.min_days_before:
            raise TierError(
                _(
                    "%(tier)s: cancellations %(first)s to %(last)s days before the start are in no tier. "
                    "Make its limit %(limit)s."
                )
                % {
                    "tier": name(later),
                    "first": lt.max_days_before,
                    "last": e.min_days_before - 1,
                    "limit": e.min_days_before,
                },
                index=later,
                column="max_days_before",
            )
        if lt.amount > e.amount:
            raise TierError(
                _(
                    "%(tier)s: refunds %(amount)s, more than %(other)s (%(other_amount)s), which applies earlier. "
                    "A refund must not grow as the start gets closer."
                )
                % {
                    "tier": name(later),
                    "amount": f"${cad(lt.amount)}",
                    "other": name(earlier),
                    "other_amount": f"${cad(e.amount)}",
                },
                index=later,
                column="amount",
            )
    last = order[-1]
    if tiers[last].min_days_before is not None:
        raise TierError(
            _(
                "%(tier)s: cancellations less than %(days)s days before the start (or after it) are in no tier. "
                "Leave the first day of the latest tier empty."
            )
            % {"tier": name(last), "days": tiers[last].min_days_before},
            index=last,
            column="min_days_before",
        )
    return [tiers[i] for i in order]


def tier_for(tiers: Iterable[Tier], days_before: int) -> Tier | None:
    for tier in tiers:
        if tier.covers(days_before):
            return tier
    return None


def tiers_of(program: Any) -> list[Tier]:
    """A program's stored tiers, from the earliest cancellation to the latest (prefetched ones are used)."""
    rows = program.refund_tiers.all()
    tiers = [Tier(row.min_days_before, row.max_days_before, row.amount, row.label) for row in rows]
    return sorted(tiers, key=_upper, reverse=True)


def local_date(moment: date, time_zone: str) -> date:
    """The calendar day of `moment` in the organization's zone (a plain date is taken as it is)."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError("a cancellation time must be timezone-aware")
        return moment.astimezone(zoneinfo.ZoneInfo(time_zone)).date()
    return moment


def days_before_start(start_date: date, cancelled_on: date) -> int:
    return (start_date - cancelled_on).days


def refund_for(target: Any, cancelled_on: date, *, start_date: date | None = None) -> Decimal:
    """What the refund policy gives back for a cancellation on `cancelled_on`.

    `target` is an offering (its program's policy, its start date), or a program with the
    `start_date` to count from. `cancelled_on` may be a date or an aware datetime, which is
    read in the organization's time zone. A program without a policy refunds nothing. This is
    the policy alone: the registrations app caps it at what was actually paid, and refunds in
    full when an offering is cancelled for low enrolment.
    """
    if hasattr(target, "program"):
        program, start = target.program, target.start_date
    elif start_date is None:
        raise TypeError("refund_for(program, ...) needs the start_date to count from")
    else:
        program, start = target, start_date
    day = local_date(cancelled_on, program.organization.time_zone)
    tier = tier_for(tiers_of(program), days_before_start(start, day))
    return cad(tier.amount) if tier is not None else ZERO
