"""Yearly tax receipts: one per candidate, organization and calendar year, for the fees the
candidate paid in that year net of the refunds made in that year.

Rules, decided here and shown on the receipt:
- A payment counts in the year it succeeded and a refund in the year it was made, by the
  calendar of the organization's time zone (a payment at 8 p.m. on December 31 in Toronto
  belongs to that year, although it is already January in UTC).
- Fees paid by a school board on an invoice are the board's, not the candidate's: they and
  their refunds are left out.
- Generating again gives the same receipt, with the same number and amount. When the amount
  changed since (a late refund, a payment recorded late), the receipt is corrected: its amount
  is updated, it gets a new issue date and its number gets a version suffix ("-v2"), so the
  corrected PDF can never be mistaken for the earlier one. A candidate whose net amount is zero
  or less and who has no receipt yet gets none.
- Numbers run per organization and year: OPC-2025-000001, OPC-2025-000002, ... They are
  given out under a lock on the organization, so two runs at once cannot hand out one twice.
"""

from __future__ import annotations

import re
import zoneinfo
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.money import ZERO, cad
from mentorweb.organizations.models import Organization
from mentorweb.registrations.documents import organization_prefix
from mentorweb.registrations.models import (
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
    Refund,
    RefundStatus,
)

_NUMBER = re.compile(r"-(?P<year>\d{4})-(?P<seq>\d{6})(?:-v(?P<version>\d+))?$")
FIRST_TAX_YEAR = 2000


@dataclass
class ReceiptRun:
    created: int = 0
    corrected: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _year_bounds(organization: Organization, year: int) -> tuple[datetime, datetime]:
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)


def _check_year(year: int) -> None:
    if not FIRST_TAX_YEAR <= year <= timezone.now().year:
        raise DomainError(
            _("Choose a tax year between %(first)s and this year.") % {"first": FIRST_TAX_YEAR}, field="year"
        )


def _payments(organization: Organization, year: int) -> Any:
    start, end = _year_bounds(organization, year)
    return Payment.objects.filter(
        registration__offering__program__organization=organization,
        status=PaymentStatus.SUCCEEDED,
        succeeded_at__gte=start,
        succeeded_at__lt=end,
    ).exclude(method=PaymentMethod.INVOICE)


def _refunds(organization: Organization, year: int) -> Any:
    start, end = _year_bounds(organization, year)
    return Refund.objects.filter(
        registration__offering__program__organization=organization,
        status=RefundStatus.SUCCEEDED,
        processed_at__gte=start,
        processed_at__lt=end,
    ).exclude(Q(payment__isnull=False) & Q(payment__method=PaymentMethod.INVOICE))


def receipt_amounts(*, organization: Organization, year: int) -> dict[int, Decimal]:
    """Net fees per person id for the year, in two queries."""
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in _payments(organization, year).values("registration__person_id").annotate(total=Sum("amount")):
        net[row["registration__person_id"]] += row["total"]
    for row in _refunds(organization, year).values("registration__person_id").annotate(total=Sum("amount")):
        net[row["registration__person_id"]] -= row["total"]
    return {person_id: cad(amount) for person_id, amount in net.items()}


def receipt_lines(receipt: Receipt) -> list[tuple[str, Decimal, Decimal]]:
    """(offering, paid, refunded) of the receipt's person and year, for the PDF."""
    organization, year = receipt.organization, receipt.year
    lines: dict[int, list[Any]] = {}
    for source, index in ((_payments(organization, year), 1), (_refunds(organization, year), 2)):
        rows = (
            source.filter(registration__person=receipt.person)
            .values(
                "registration__offering_id", "registration__offering__title", "registration__offering__program__name"
            )
            .annotate(total=Sum("amount"))
        )
        for row in rows:
            line = lines.setdefault(
                row["registration__offering_id"],
                [f"{row['registration__offering__program__name']}, {row['registration__offering__title']}", ZERO, ZERO],
            )
            line[index] += row["total"]
    return [(label, cad(paid), cad(refunded)) for label, paid, refunded in lines.values()]


def _split_number(number: str) -> tuple[int, int]:
    match = _NUMBER.search(number)
    if match is None:
        return 0, 1
    return int(match["seq"]), int(match["version"] or 1)


def _numbered(organization: Organization, year: int, sequence: int, version: int) -> str:
    base = f"{organization_prefix(organization)}-{year}-{sequence:06d}"
    return base if version == 1 else f"{base}-v{version}"


def receipt_generate_for_year(*, organization: Organization, year: int, actor: Any = None) -> ReceiptRun:
    """Create or correct the receipts of one organization and tax year; safe to run again."""
    _check_year(year)
    run = ReceiptRun()
    with transaction.atomic():
        # The organization's row is the lock that numbers are handed out under.
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        amounts = receipt_amounts(organization=organization, year=year)
        existing = {
            receipt.person_id: receipt
            for receipt in Receipt.objects.select_for_update().filter(organization=organization, year=year)
        }
        next_sequence = max((_split_number(r.number)[0] for r in existing.values()), default=0) + 1
        people = Person.objects.in_bulk([pid for pid, amount in amounts.items() if amount > 0 or pid in existing])
        for person_id in sorted(people):
            amount = max(amounts.get(person_id, ZERO), ZERO)
            receipt = existing.get(person_id)
            if receipt is None:
                receipt = Receipt.objects.create(
                    person=people[person_id],
                    organization=organization,
                    year=year,
                    number=_numbered(organization, year, next_sequence, 1),
                    amount=amount,
                )
                next_sequence += 1
                run.created += 1
                audit_record(
                    actor=actor,
                    action="receipt.issued",
                    obj=receipt,
                    organization=organization,
                    changes={"amount": [None, str(amount)]},
                )
            elif receipt.amount != amount:
                sequence, version = _split_number(receipt.number)
                old_amount, old_number = receipt.amount, receipt.number
                receipt.amount = amount
                receipt.number = _numbered(organization, year, sequence, version + 1)
                receipt.issued_at = timezone.now()
                receipt.save(update_fields=["amount", "number", "issued_at"])
                run.corrected += 1
                audit_record(
                    actor=actor,
                    action="receipt.corrected",
                    obj=receipt,
                    organization=organization,
                    changes={"amount": [str(old_amount), str(amount)], "number": [old_number, receipt.number]},
                )
            else:
                run.unchanged += 1
    return run


def organizations_with_fees(year: int) -> list[int]:
    """Organizations with a payment or a refund around the year (a day either side, for time zones)."""
    start = datetime(year, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC")) - timedelta(days=1)
    end = datetime(year + 1, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC")) + timedelta(days=1)
    paid = (
        Payment.objects.filter(status=PaymentStatus.SUCCEEDED, succeeded_at__gte=start, succeeded_at__lt=end)
        .values_list("registration__offering__program__organization_id", flat=True)
        .order_by()
        .distinct()
    )
    refunded = (
        Refund.objects.filter(status=RefundStatus.SUCCEEDED, processed_at__gte=start, processed_at__lt=end)
        .values_list("registration__offering__program__organization_id", flat=True)
        .order_by()
        .distinct()
    )
    return sorted(set(paid) | set(refunded))
