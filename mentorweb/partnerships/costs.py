"""What partnerships cost: mentor honoraria and the shares of the mentor's costs, as payables,
and invoices to the boards (or individuals) that owe the shares.

Seed 003 (BCPVPA) pays each mentor "a small honorarium of $300"; seed 004 (OPSOA) shares the
"$2,500 cost per mentor per year" half and half between the association and the participating
board, or the participating individual. A program's PairingRules hold the figures
(mentor_honorarium, cost_per_mentor_year, cost_share_percent); programs without them (course
practicums, mentoring webs) cost nothing here.

Rules, decided here:
- A partnership is charged in the year its commitment starts (starts_on; the day it was created
  when it has no start yet), in the organization's calendar, once it is active or completed: a
  one-year commitment from September to August is one year of costs, not two.
- One payable per partnership, kind and year (the database's payable_once_per_year). Preparing
  again adds only the missing ones; a payable already made keeps its amount and payer.
- The share owed is cost_per_mentor_year × cost_share_percent / 100, to the cent (half up). The
  mentee's board (Registration.board of the mentee's application) owes it; without a board,
  the mentee owes it as an individual.
- Invoices cover the DUE cost shares of one payer for one program and year. Numbers run per
  organization and year (OPSOA-2026-0001, OPSOA-2026-0002, ...), handed out under a lock on the
  organization's row, so two runs at once never hand out one number twice.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.money import CENT, ZERO
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import (
    CostInvoice,
    Partnership,
    PartnershipStatus,
    Payable,
    PayableKind,
    PayableStatus,
)
from mentorweb.programs.models import PairingRules, Program
from mentorweb.programs.times import today_in
from mentorweb.registrations.documents import organization_prefix

MANAGE_COSTS = "partnerships.manage_costs"
# Partnerships that cost money: the pair has started (or finished) mentoring.
COSTED_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED)
FIRST_YEAR = 2000
LAST_YEAR = 2100
DEFAULT_COMMITMENT_MONTHS = 12
# Shown on the invoice: when the payment is due.
PAYMENT_TERMS_DAYS = 30
MAX_IDS = 1000
_NUMBER = re.compile(r"-(?P<seq>\d+)$")


# --- terms and small helpers ------------------------------------------------------------------


@dataclass(frozen=True)
class CostTerms:
    """A program's cost figures; all zero for a program without pairing rules."""

    honorarium: Decimal
    cost_per_mentor_year: Decimal
    share_percent: int
    commitment_months: int

    @property
    def share(self) -> Decimal:
        return share_amount(self.cost_per_mentor_year, self.share_percent)

    @property
    def has_costs(self) -> bool:
        return self.honorarium > 0 or self.share > 0


def share_amount(cost_per_mentor_year: Decimal, percent: int) -> Decimal:
    """The board's or individual's share, to the cent: $2,500 × 50% = $1,250.00."""
    return (Decimal(cost_per_mentor_year) * Decimal(percent) / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)


def cost_terms(program: Program) -> CostTerms:
    try:
        rules = program.pairing
    except PairingRules.DoesNotExist:
        return CostTerms(ZERO, ZERO, 0, DEFAULT_COMMITMENT_MONTHS)
    return CostTerms(
        honorarium=rules.mentor_honorarium,
        cost_per_mentor_year=rules.cost_per_mentor_year,
        share_percent=rules.cost_share_percent,
        commitment_months=rules.commitment_months or DEFAULT_COMMITMENT_MONTHS,
    )


def clean_year(value: Any) -> int:
    if isinstance(value, bool):
        value = None
    try:
        year = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (TypeError, ValueError, OverflowError) as error:
        raise DomainError(_("Enter a year, such as 2026."), field="year") from error
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("Enter a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}, field="year"
        )
    return year


def _clean_ids(value: Any, field: str) -> list[int]:
    if not isinstance(value, (list, tuple, set)) or len(value) > MAX_IDS:
        raise DomainError(_("Choose at most %(max)s rows.") % {"max": MAX_IDS}, field=field)
    ids = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item < 2**63:
            raise DomainError(_("Choose rows from the list."), field=field)
        ids.append(item)
    return sorted(set(ids))


def _clean_paid_on(value: Any, organization: Organization, *, not_before: dt.date | None = None) -> dt.date:
    today = today_in(organization.time_zone)
    if value is None or value == "":
        return today
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DomainError(_("Enter the date of the payment."), field="paid_on")
    if value > today:
        raise DomainError(_("The payment date cannot be in the future."), field="paid_on")
    if value < dt.date(FIRST_YEAR, 1, 1):
        raise DomainError(_("Enter a payment date after %(year)s.") % {"year": FIRST_YEAR}, field="paid_on")
    if not_before is not None and value < not_before:
        raise DomainError(_("The payment date cannot be before the invoice date."), field="paid_on")
    return value


def _require_manage(actor: Any, program: Program) -> None:
    if actor is None or not actor.has_perm(MANAGE_COSTS, program.organization):
        raise DomainError(_("Only the program's administrators and coordinators manage its costs."), code="forbidden")


def year_bounds(organization: Organization, year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    return dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone)


def partnerships_for_year(program: Program, year: int) -> QuerySet[Partnership]:
    """The program's active or completed partnerships whose commitment starts in `year`."""
    start, end = year_bounds(program.organization, year)
    started = Q(starts_on__gte=dt.date(year, 1, 1), starts_on__lte=dt.date(year, 12, 31))
    created = Q(starts_on__isnull=True, created_at__gte=start, created_at__lt=end)
    return Partnership.objects.filter(program=program, status__in=COSTED_STATUSES).filter(started | created)


def months_of(partnership: Partnership, terms: CostTerms) -> int:
    """The partnership's length in whole months (rounded up), or the program's commitment."""
    start, end = partnership.starts_on, partnership.ends_on
    if start is None or end is None or end < start:
        return terms.commitment_months
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day >= start.day:
        months += 1
    return max(months, 1)


# --- payables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrepareResult:
    honoraria: int
    cost_shares: int

    @property
    def created(self) -> int:
        return self.honoraria + self.cost_shares


def payables_prepare(*, actor: Any, program: Program, year: int) -> PrepareResult:
    """Create the missing payables of the program's partnerships for the year; safe to run again."""
    _require_manage(actor, program)
    year = clean_year(year)
    terms = cost_terms(program)
    if not terms.has_costs:
        raise DomainError(
            _("This program has no mentor honorarium and no cost sharing: set them in its pairing rules first."),
            field="program",
            code="no_costs",
        )
    try:
        with transaction.atomic():
            # The program's row is the lock: two runs at once take turns, and the second finds
            # the first one's payables. The unique constraint stays the last word.
            program = Program.objects.select_for_update(of=("self",)).select_related("organization").get(pk=program.pk)
            partnerships = list(
                partnerships_for_year(program, year).select_related("mentee_registration").order_by("pk")
            )
            existing = set(
                Payable.objects.filter(partnership__program=program, year=year).values_list("partnership_id", "kind")
            )
            new: list[Payable] = []
            for partnership in partnerships:
                if terms.honorarium > 0 and (partnership.pk, PayableKind.HONORARIUM) not in existing:
                    new.append(
                        Payable(
                            partnership=partnership,
                            kind=PayableKind.HONORARIUM,
                            year=year,
                            amount=terms.honorarium,
                            payee_id=partnership.mentor_id,
                        )
                    )
                if terms.share > 0 and (partnership.pk, PayableKind.COST_SHARE) not in existing:
                    registration = partnership.mentee_registration
                    board_id = registration.board_id if registration is not None else None
                    new.append(
                        Payable(
                            partnership=partnership,
                            kind=PayableKind.COST_SHARE,
                            year=year,
                            amount=terms.share,
                            payer_board_id=board_id,
                            payer_person_id=None if board_id else partnership.mentee_id,
                        )
                    )
            Payable.objects.bulk_create(new)
            result = PrepareResult(
                honoraria=sum(p.kind == PayableKind.HONORARIUM for p in new),
                cost_shares=sum(p.kind == PayableKind.COST_SHARE for p in new),
            )
            if new:
                audit_record(
                    actor=actor,
                    action="payables.prepared",
                    obj=program,
                    organization=program.organization,
                    changes={
                        "year": year,
                        "honoraria": [None, result.honoraria],
                        "cost_shares": [None, result.cost_shares],
                    },
                )
    except IntegrityError as error:
        raise DomainError(
            _("The payables were being prepared at the same moment. Reload the page: nothing is missing."),
            field="year",
            code="conflict",
        ) from error
    return result


def honoraria_mark_paid(
    *,
    actor: Any,
    program: Program,
    year: int,
    payable_ids: list[int] | None = None,
    paid_on: dt.date | None = None,
) -> int:
    """Mark the program's due honoraria of the year paid (all of them, or the ones chosen)."""
    _require_manage(actor, program)
    year = clean_year(year)
    ids = None if payable_ids is None else _clean_ids(payable_ids, "payables")
    paid_on = _clean_paid_on(paid_on, program.organization)
    with transaction.atomic():
        due = Payable.objects.filter(
            partnership__program=program, year=year, kind=PayableKind.HONORARIUM, status=PayableStatus.DUE
        )
        if ids is not None:
            due = due.filter(pk__in=ids)
        rows = list(due.select_for_update(of=("self",)).order_by("pk"))
        if ids is not None and len(rows) != len(ids):
            raise DomainError(
                _("Some of the honoraria chosen are not due any more. Reload the page."), field="payables"
            )
        if not rows:
            raise DomainError(_("No honorarium is due for %(year)s.") % {"year": year}, field="payables")
        paid = [row.pk for row in rows]
        updated = Payable.objects.filter(pk__in=paid, status=PayableStatus.DUE).update(
            status=PayableStatus.PAID, paid_on=paid_on
        )
        audit_record(
            actor=actor,
            action="honoraria.paid",
            obj=program,
            organization=program.organization,
            changes={"year": year, "payables": [None, paid], "paid_on": [None, paid_on.isoformat()]},
        )
    return updated


# --- invoices -------------------------------------------------------------------------------


def _payer_key(payable: Payable) -> tuple[str, int]:
    if payable.payer_board_id:
        return ("board", payable.payer_board_id)
    assert payable.payer_person_id is not None
    return ("person", payable.payer_person_id)


def _next_sequence(organization: Organization, year: int) -> int:
    numbers = CostInvoice.objects.filter(organization=organization, year=year).values_list("number", flat=True)
    found = [int(match["seq"]) for number in numbers if (match := _NUMBER.search(number))]
    return max(found, default=0) + 1


def invoice_number(organization: Organization, year: int, sequence: int) -> str:
    return f"{organization_prefix(organization)}-{year}-{sequence:04d}"


def invoices_issue(*, actor: Any, program: Program, year: int) -> list[CostInvoice]:
    """One invoice per payer (board or individual) over its due cost shares of the program and year."""
    _require_manage(actor, program)
    year = clean_year(year)
    invoices: list[CostInvoice] = []
    try:
        with transaction.atomic():
            # Numbers are handed out under the organization's lock (see the module's docstring).
            organization = Organization.objects.select_for_update().get(pk=program.organization_id)
            due = list(
                Payable.objects.select_for_update(of=("self",))
                .filter(
                    partnership__program=program,
                    year=year,
                    kind=PayableKind.COST_SHARE,
                    status=PayableStatus.DUE,
                    invoice__isnull=True,
                )
                .order_by("pk")
            )
            if not due:
                raise DomainError(
                    _("No cost share of %(year)s is waiting to be invoiced. Prepare the payables first.")
                    % {"year": year},
                    field="year",
                    code="nothing_due",
                )
            by_payer: dict[tuple[str, int], list[Payable]] = defaultdict(list)
            for payable in due:
                by_payer[_payer_key(payable)].append(payable)
            sequence = _next_sequence(organization, year)
            issued_on = today_in(organization.time_zone)
            for kind, payer_id in sorted(by_payer):
                lines = by_payer[(kind, payer_id)]
                total = sum((line.amount for line in lines), ZERO)
                invoice = CostInvoice.objects.create(
                    organization=organization,
                    board_id=payer_id if kind == "board" else None,
                    person_id=payer_id if kind == "person" else None,
                    program=program,
                    year=year,
                    number=invoice_number(organization, year, sequence),
                    issued_on=issued_on,
                    total=total,
                    status=PayableStatus.INVOICED,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                sequence += 1
                ids = [line.pk for line in lines]
                updated = Payable.objects.filter(pk__in=ids, status=PayableStatus.DUE, invoice__isnull=True).update(
                    status=PayableStatus.INVOICED, invoice=invoice
                )
                if updated != len(ids):
                    raise DomainError(
                        _("The cost shares changed while the invoices were being made. Try again."),
                        field="year",
                        code="conflict",
                    )
                audit_record(
                    actor=actor,
                    action="cost_invoice.issued",
                    obj=invoice,
                    organization=organization,
                    changes={
                        "program": program.pk,
                        "year": year,
                        kind: [None, payer_id],
                        "payables": [None, ids],
                        "total": [None, str(total)],
                    },
                )
                invoices.append(invoice)
    except IntegrityError as error:
        raise DomainError(
            _("Invoices were being issued at the same moment. Reload the page and check them."),
            field="year",
            code="conflict",
        ) from error
    return invoices


def invoice_mark_paid(*, actor: Any, invoice: CostInvoice, paid_on: dt.date | None = None) -> CostInvoice:
    """The payer paid the invoice: it and its lines are paid."""
    program = invoice.program
    _require_manage(actor, program)
    if invoice.organization_id != program.organization_id:
        raise DomainError(_("This invoice is not one of this organization's."), code="forbidden")
    paid_on = _clean_paid_on(paid_on, program.organization, not_before=invoice.issued_on)
    with transaction.atomic():
        if not CostInvoice.objects.filter(pk=invoice.pk, status=PayableStatus.INVOICED).update(
            status=PayableStatus.PAID
        ):
            raise DomainError(_("This invoice is not waiting for payment."), field="status", code="conflict")
        lines = Payable.objects.filter(invoice=invoice, status=PayableStatus.INVOICED).update(
            status=PayableStatus.PAID, paid_on=paid_on
        )
        invoice.status = PayableStatus.PAID
        audit_record(
            actor=actor,
            action="cost_invoice.paid",
            obj=invoice,
            organization=program.organization,
            changes={
                "status": [PayableStatus.INVOICED, PayableStatus.PAID],
                "paid_on": [None, paid_on.isoformat()],
                "lines": lines,
            },
        )
    return invoice


def prepare_message(result: PrepareResult) -> str:
    """What a preparation did, for a page or a log."""
    if not result.created:
        return _("Every payable was already there: nothing was added.")
    return ngettext(
        "%(count)s payable added (%(honoraria)s honoraria, %(shares)s cost shares).",
        "%(count)s payables added (%(honoraria)s honoraria, %(shares)s cost shares).",
        result.created,
    ) % {"count": result.created, "honoraria": result.honoraria, "shares": result.cost_shares}
