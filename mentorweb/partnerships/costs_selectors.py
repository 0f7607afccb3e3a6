"""Reads for the cost pages, the cost report and the API, scoped to what the user may see.

Another organization's program or invoice is a 404; a page of one's own organization that the
role does not open is a 403. A board's contacts reach the invoices addressed to their board
only: another board's invoice is a 404 for them. Every figure is counted by the database in a
fixed number of queries, whatever the number of partnerships.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.core.money import ZERO, cad
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships.costs import (
    COSTED_STATUSES,
    MANAGE_COSTS,
    CostTerms,
    cost_terms,
    months_of,
    partnerships_for_year,
)
from mentorweb.partnerships.models import CostInvoice, Partnership, Payable, PayableKind, PayableStatus
from mentorweb.programs.models import Program

VIEW_BOARD_INVOICES = "partnerships.view_board_invoices"
BOARD = "board"
PERSON = "person"
ORGANIZATION = "organization"


# --- scoped lookups ---------------------------------------------------------------------------


def get_program_for_costs(user: Any, slug: str, program_id: int) -> tuple[Organization, Program]:
    """The organization's program, for its administrators and coordinators."""
    organization = get_organization_for_user(user, slug)
    program = (
        Program.objects.select_related("organization", "pairing")
        .filter(pk=program_id, organization=organization)
        .first()
    )
    if program is None:
        raise Http404
    if not user.has_perm(MANAGE_COSTS, organization):
        raise PermissionDenied
    return organization, program


def _invoices() -> QuerySet[CostInvoice]:
    return CostInvoice.objects.select_related("organization", "program__organization", "board", "person__user")


def get_invoice_for_staff(user: Any, slug: str, invoice_id: int) -> tuple[Organization, CostInvoice]:
    """An invoice the organization issued, for its administrators and coordinators."""
    organization = get_organization_for_user(user, slug)
    invoice = _invoices().filter(pk=invoice_id, organization=organization).first()
    if invoice is None:
        raise Http404
    if not user.has_perm(MANAGE_COSTS, organization):
        raise PermissionDenied
    return organization, invoice


def get_board_for_invoices(user: Any, slug: str) -> Organization:
    board = get_organization_for_user(user, slug)
    if not user.has_perm(VIEW_BOARD_INVOICES, board):
        raise PermissionDenied
    return board


def board_invoices(board: Organization) -> QuerySet[CostInvoice]:
    return _invoices().filter(board=board).order_by("-issued_on", "-pk")


def get_board_invoice(user: Any, slug: str, invoice_id: int) -> tuple[Organization, CostInvoice]:
    """An invoice addressed to the board, for the board's contacts; any other invoice is a 404."""
    board = get_organization_for_user(user, slug)
    invoice = board_invoices(board).filter(pk=invoice_id).first()
    if invoice is None:
        raise Http404
    if not user.has_perm(VIEW_BOARD_INVOICES, board):
        raise PermissionDenied
    return board, invoice


def visible_invoices(user: Any, organization: Organization) -> QuerySet[CostInvoice]:
    """For the API: the invoices the organization issued (to those who manage its costs) and the
    ones addressed to it as a board (to its contacts)."""
    condition = Q(pk__in=[])
    if user.has_perm(MANAGE_COSTS, organization):
        condition |= Q(organization=organization)
    if user.has_perm(VIEW_BOARD_INVOICES, organization):
        condition |= Q(board=organization)
    return _invoices().filter(condition).order_by("-issued_on", "-pk")


def get_visible_invoice(user: Any, organization: Organization, invoice_id: int) -> CostInvoice:
    """For the API: one of visible_invoices; refused (DomainError "forbidden", a 403) to people of
    the organization whose role does not show it, and a 404 for anything else."""
    invoice = visible_invoices(user, organization).filter(pk=invoice_id).first()
    if invoice is None:
        # The organization's own invoice is there for a coordinator to see: say "not allowed"
        # only to people of the organization who are not; anything else is not found.
        if CostInvoice.objects.filter(Q(organization=organization) | Q(board=organization), pk=invoice_id).exists():
            raise DomainError(_("You do not have permission to do this."), code="forbidden")
        raise Http404
    return invoice


# --- the programs and years with costs --------------------------------------------------------


@dataclass(frozen=True)
class ProgramYears:
    program: Program
    terms: CostTerms
    years: list[int]


def programs_with_costs(organization: Organization) -> list[ProgramYears]:
    """The organization's programs with an honorarium or cost sharing, and the years in which
    they have partnerships to pay for (two queries)."""
    programs = list(
        Program.objects.filter(organization=organization, pairing__isnull=False)
        .filter(Q(pairing__mentor_honorarium__gt=0) | (Q(pairing__cost_per_mentor_year__gt=0)))
        .select_related("pairing", "organization")
        .order_by("name")
    )
    years: dict[int, set[int]] = {p.pk: set() for p in programs}
    rows = (
        Partnership.objects.filter(program__in=programs, status__in=COSTED_STATUSES, starts_on__isnull=False)
        .annotate(year=ExtractYear("starts_on"))
        .values_list("program_id", "year")
        .distinct()
    )
    for program_id, year in rows:
        years[program_id].add(year)
    for program_id, year in (
        Payable.objects.filter(partnership__program__in=programs)
        .values_list("partnership__program_id", "year")
        .distinct()
    ):
        years[program_id].add(year)
    return [ProgramYears(p, cost_terms(p), sorted(years[p.pk], reverse=True)) for p in programs]


# --- overview and report --------------------------------------------------------------------


@dataclass(frozen=True)
class PayerTotal:
    """What one payer owes (cost shares) or pays (the organization: honoraria and its share)."""

    kind: str
    payer_id: int
    name: str
    partnerships: int
    due: Decimal = ZERO
    invoiced: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.due + self.invoiced + self.paid

    @property
    def kind_label(self) -> str:
        return {BOARD: _("Board"), PERSON: _("Individual"), ORGANIZATION: _("Program's organization")}[self.kind]


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    whole: Decimal

    @property
    def percent(self) -> int:
        if self.whole <= 0:
            return 0
        return min(100, int(self.value * 100 / self.whole))


@dataclass
class CostOverview:
    program: Program
    year: int
    terms: CostTerms
    partnerships: int
    without_honorarium: int
    without_cost_share: int
    honoraria: dict[str, tuple[int, Decimal]]
    payers: list[PayerTotal]
    invoices: list[CostInvoice] = field(default_factory=list)

    def _honoraria(self, status: str) -> tuple[int, Decimal]:
        return self.honoraria.get(status, (0, ZERO))

    @property
    def honoraria_due(self) -> tuple[int, Decimal]:
        return self._honoraria(PayableStatus.DUE)

    @property
    def honoraria_paid(self) -> tuple[int, Decimal]:
        return self._honoraria(PayableStatus.PAID)

    @property
    def missing(self) -> int:
        """Payables still to prepare for the year's partnerships."""
        missing = self.without_honorarium if self.terms.honorarium > 0 else 0
        return missing + (self.without_cost_share if self.terms.share > 0 else 0)

    @property
    def shares_due(self) -> Decimal:
        return sum((payer.due for payer in self.payers), ZERO)

    @property
    def shares_total(self) -> Decimal:
        return sum((payer.total for payer in self.payers), ZERO)

    @property
    def cost_share_count(self) -> int:
        return sum(payer.partnerships for payer in self.payers)

    @property
    def honoraria_total(self) -> Decimal:
        return sum((amount for _count, amount in self.honoraria.values()), ZERO)

    @property
    def organization_share(self) -> Decimal:
        """What the program's organization carries: the honoraria and its own part of the costs."""
        own_part = (self.terms.cost_per_mentor_year - self.terms.share) * self.cost_share_count
        return self.honoraria_total + max(own_part, ZERO)

    @property
    def by_payer(self) -> list[PayerTotal]:
        """Every payer with the program's organization first, for the report and its chart."""
        organization = self.program.organization
        own = PayerTotal(
            kind=ORGANIZATION,
            payer_id=organization.pk,
            name=organization.name,
            partnerships=self.partnerships,
            paid=self.honoraria_paid[1],
            due=self.organization_share - self.honoraria_paid[1],
        )
        return ([own] if own.total > 0 else []) + self.payers

    @property
    def bars(self) -> list[Bar]:
        rows = self.by_payer
        whole = max((row.total for row in rows), default=ZERO)
        return [Bar(row.name, row.total, whole) for row in rows]


def _payer_name(row: Mapping[str, Any]) -> str:
    if row["payer_board_id"]:
        return str(row["payer_board__name"])
    return f"{row['payer_person__given_name']} {row['payer_person__family_name']}".strip()


def cost_overview(program: Program, year: int, *, with_invoices: bool = True) -> CostOverview:
    """The year's partnerships, honoraria and cost shares of a program, in four queries."""
    terms = cost_terms(program)
    payables = Payable.objects.filter(partnership_id=OuterRef("pk"), year=year)
    counts = (
        partnerships_for_year(program, year)
        .annotate(
            has_honorarium=Exists(payables.filter(kind=PayableKind.HONORARIUM)),
            has_share=Exists(payables.filter(kind=PayableKind.COST_SHARE)),
        )
        .aggregate(
            total=Count("pk"),
            without_honorarium=Count("pk", filter=Q(has_honorarium=False)),
            without_share=Count("pk", filter=Q(has_share=False)),
        )
    )
    honoraria = {
        # SQLite sums decimals without their places: back to cents.
        row["status"]: (row["n"], cad(row["amount"]))
        for row in Payable.objects.filter(partnership__program=program, year=year, kind=PayableKind.HONORARIUM)
        .values("status")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    }
    shares: dict[tuple[str, int], dict[str, Any]] = {}
    rows = (
        Payable.objects.filter(partnership__program=program, year=year, kind=PayableKind.COST_SHARE)
        .exclude(status=PayableStatus.VOID)
        .values(
            "status",
            "payer_board_id",
            "payer_board__name",
            "payer_person_id",
            "payer_person__given_name",
            "payer_person__family_name",
        )
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by()
    )
    for row in rows:
        key = (BOARD, row["payer_board_id"]) if row["payer_board_id"] else (PERSON, row["payer_person_id"])
        entry = shares.setdefault(key, {"name": _payer_name(row), "n": 0, "amounts": {}})
        entry["n"] += row["n"]
        entry["amounts"][row["status"]] = cad(row["amount"])
    payers = [
        PayerTotal(
            kind=kind,
            payer_id=payer_id,
            name=entry["name"],
            partnerships=entry["n"],
            due=entry["amounts"].get(PayableStatus.DUE, ZERO),
            invoiced=entry["amounts"].get(PayableStatus.INVOICED, ZERO),
            paid=entry["amounts"].get(PayableStatus.PAID, ZERO),
        )
        for (kind, payer_id), entry in sorted(shares.items(), key=lambda item: (item[0][0], item[1]["name"]))
    ]
    invoices = list(_invoices().filter(program=program, year=year).order_by("number")) if with_invoices else []
    return CostOverview(
        program=program,
        year=year,
        terms=terms,
        partnerships=counts["total"],
        without_honorarium=counts["without_honorarium"],
        without_cost_share=counts["without_share"],
        honoraria=honoraria,
        payers=payers,
        invoices=invoices,
    )


def report_payables(program: Program, year: int) -> QuerySet[Payable]:
    """Every payable of the program and year with the names the report shows, in one query."""
    return (
        Payable.objects.filter(partnership__program=program, year=year)
        .select_related("partnership__mentor", "partnership__mentee", "payer_board", "payer_person", "payee", "invoice")
        .order_by("kind", "partnership__mentee__family_name", "partnership__mentee__given_name", "pk")
    )


@dataclass(frozen=True)
class InvoiceLine:
    mentee: str
    mentor: str
    months: int
    amount: Decimal


def invoice_lines(invoice: CostInvoice) -> list[InvoiceLine]:
    """The invoice's lines: names and months only, nothing the pair shared (one query)."""
    terms = cost_terms(invoice.program)
    lines = invoice.lines.select_related("partnership__mentor", "partnership__mentee").order_by(
        "partnership__mentee__family_name", "partnership__mentee__given_name", "pk"
    )
    return [
        InvoiceLine(
            mentee=line.partnership.mentee.full_name,
            mentor=line.partnership.mentor.full_name,
            months=months_of(line.partnership, terms),
            amount=line.amount,
        )
        for line in lines
    ]


def payer_name(invoice: CostInvoice) -> str:
    if invoice.board is not None:
        return invoice.board.name
    return invoice.person.full_name if invoice.person is not None else ""
