"""The cost report as CSV and XLSX: the totals by payer, and one row per payable.

Every text cell that a spreadsheet would run as a formula gets a leading quote (the rule of the
other exports, organizations.exports.csv_safe): names and board names are typed by people, and
openpyxl itself would store a text starting with "=" as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from mentorweb.organizations.exports import csv_safe
from mentorweb.partnerships.costs_selectors import CostOverview
from mentorweb.partnerships.models import Payable, PayableKind, PayableStatus


def cell(value: Any) -> Any:
    """Numbers stay numbers; text is made safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    return csv_safe(value)


def payable_header() -> list[str]:
    return [
        _("Year"),
        _("Kind"),
        _("Status"),
        _("Mentee"),
        _("Mentor"),
        _("Owed by"),
        _("Paid to"),
        _("Amount"),
        _("Invoice"),
        _("Paid on"),
    ]


def payable_values(payables: Iterable[Payable], organization_name: str) -> Iterator[list[Any]]:
    kinds, statuses = dict(PayableKind.choices), dict(PayableStatus.choices)
    for payable in payables:
        partnership = payable.partnership
        if payable.kind == PayableKind.HONORARIUM:
            owed_by, paid_to = organization_name, payable.payee.full_name if payable.payee else ""
        else:
            payer = payable.payer_board.name if payable.payer_board else ""
            payer = payer or (payable.payer_person.full_name if payable.payer_person else "")
            owed_by, paid_to = payer, organization_name
        yield [
            cell(value)
            for value in (
                payable.year,
                str(kinds.get(payable.kind, payable.kind)),
                str(statuses.get(payable.status, payable.status)),
                partnership.mentee.full_name,
                partnership.mentor.full_name,
                owed_by,
                paid_to,
                payable.amount,
                payable.invoice.number if payable.invoice else "",
                payable.paid_on.isoformat() if payable.paid_on else "",
            )
        ]


def payer_header() -> list[str]:
    return [_("Payer"), _("Kind"), _("Partnerships"), _("Due"), _("Invoiced"), _("Paid"), _("Total")]


def payer_values(overview: CostOverview) -> Iterator[list[Any]]:
    for payer in overview.by_payer:
        yield [
            cell(value)
            for value in (
                payer.name,
                str(payer.kind_label),
                payer.partnerships,
                payer.due,
                payer.invoiced,
                payer.paid,
                payer.total,
            )
        ]


def report_csv(overview: CostOverview, payables: Iterable[Payable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell(label) for label in payable_header()])
    writer.writerows(payable_values(payables, overview.program.organization.name))
    return out.getvalue()


def report_xlsx(overview: CostOverview, payables: Iterable[Payable]) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("By payer")[:31]
    summary.append([cell(_("Program")), cell(overview.program.name)])
    summary.append([cell(_("Year")), overview.year])
    summary.append([cell(_("Partnerships")), overview.partnerships])
    summary.append([])
    summary.append([cell(label) for label in payer_header()])
    for values in payer_values(overview):
        summary.append(values)
    rows = workbook.create_sheet(_("Payables")[:31])
    rows.append([cell(label) for label in payable_header()])
    for values in payable_values(payables, overview.program.organization.name):
        rows.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
