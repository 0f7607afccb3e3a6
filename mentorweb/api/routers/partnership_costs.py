"""Partnership costs: payables, cost-sharing invoices and the cost report; the course practicum.

The same services and rules as the pages. A program's costs are for the administrators and
coordinators of its organization; an invoice is visible to them and to the contacts of the
board it is addressed to (another board's is a 404). A candidate chooses a practicum mentee
for their own course registration only; anyone else's registration is a 404.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import StringConstraints

from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Pagination, Slug, Text, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema
from mentorweb.core.errors import NotFound
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships import costs, practicum
from mentorweb.partnerships import costs_selectors as selectors
from mentorweb.partnerships.models import CostInvoice, Partnership, Payable, PayableKind, PayableStatus
from mentorweb.programs.models import Program

router = Router(tags=["partnership costs"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
Year = Annotated[int, Path(ge=costs.FIRST_YEAR, le=costs.LAST_YEAR)]
COSTS = "/organizations/{slug}/programs/{cost_program_id}/costs/{cost_year}"
INVOICES = "/organizations/{slug}/cost-invoices"


# --- schemas ----------------------------------------------------------------------------------


class PayableOut(Schema):
    id: int
    partnership_id: int
    kind: PayableKind
    year: int
    amount: Decimal
    status: PayableStatus
    payee_id: int | None
    payer_board: str | None
    payer_person_id: int | None
    invoice: str | None
    paid_on: date | None

    @staticmethod
    def resolve_payer_board(obj: Payable) -> str | None:
        return obj.payer_board.slug if obj.payer_board else None

    @staticmethod
    def resolve_invoice(obj: Payable) -> str | None:
        return obj.invoice.number if obj.invoice else None


class PrepareOut(Schema):
    honoraria: int
    cost_shares: int


class HonorariaPaidIn(InputSchema):
    paid_on: date | None = None
    payable_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, max_length=costs.MAX_IDS, description="The honoraria to mark paid; left out: every due honorarium"
    )


class CountOut(Schema):
    count: int


class InvoiceOut(Schema):
    id: int
    number: str
    organization: str
    program_id: int
    program: str
    year: int
    board: str | None
    payer: str
    issued_on: date
    total: Decimal
    status: PayableStatus

    @staticmethod
    def resolve_organization(obj: CostInvoice) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_program(obj: CostInvoice) -> str:
        return obj.program.name

    @staticmethod
    def resolve_board(obj: CostInvoice) -> str | None:
        return obj.board.slug if obj.board else None

    @staticmethod
    def resolve_payer(obj: CostInvoice) -> str:
        return selectors.payer_name(obj)


class InvoiceLineOut(Schema):
    mentee: str
    mentor: str
    months: int
    amount: Decimal


class InvoiceDetailOut(InvoiceOut):
    lines: list[InvoiceLineOut]

    @staticmethod
    def resolve_lines(obj: CostInvoice) -> list[selectors.InvoiceLine]:
        return selectors.invoice_lines(obj)


class InvoicePaidIn(InputSchema):
    paid_on: date | None = None


class InvoiceFilters(FilterSchema):
    program_id: int | None = Field(None, ge=1, le=MAX_ID)
    year: int | None = Field(None, ge=costs.FIRST_YEAR, le=costs.LAST_YEAR)
    status: PayableStatus | None = None


class PayerOut(Schema):
    name: str
    kind: str
    partnerships: int
    due: Decimal
    invoiced: Decimal
    paid: Decimal
    total: Decimal


class ReportOut(Schema):
    program_id: int
    year: int
    partnerships: int
    honorarium: Decimal
    cost_per_mentor_year: Decimal
    share_percent: int
    share: Decimal
    honoraria_total: Decimal
    shares_total: Decimal
    payers: list[PayerOut]


class PracticumCreate(InputSchema):
    mentee_email: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)]
    message: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=practicum.MAX_MESSAGE)] = ""


class PracticumOut(Schema):
    id: int
    kind: str
    status: str
    course_registration_id: int | None
    mentee: str
    mentor_response: str
    mentee_response: str
    created_at: datetime

    @staticmethod
    def resolve_mentee(obj: Partnership) -> str:
        return obj.mentee.full_name


# --- lookups --------------------------------------------------------------------------------


def _program(request: HttpRequest, slug: str, program_id: int) -> Program:
    """The organization's program, for those who manage its costs; another's is a 404."""
    organization = get_organization_for_user(request.user, slug)
    program = (
        Program.objects.select_related("organization", "pairing")
        .filter(organization=organization, pk=program_id)
        .first()
    )
    if program is None:
        raise NotFound()
    require_perm(request, costs.MANAGE_COSTS, organization)
    return program


# --- payables ---------------------------------------------------------------------------------


@router.get(
    COSTS + "/payables",
    response={200: list[PayableOut], **READ_ERRORS},
    summary="Payables of a program's partnerships for a year (administrators and coordinators)",
)
@paginate(Pagination)
def payables_list(request: HttpRequest, slug: Slug, cost_program_id: ObjectId, cost_year: Year) -> QuerySet[Payable]:
    program = _program(request, slug, cost_program_id)
    return (
        Payable.objects.filter(partnership__program=program, year=cost_year)
        .select_related("payer_board", "invoice")
        .order_by("kind", "pk")
    )


@router.post(
    COSTS + "/prepare",
    response={200: PrepareOut, **WRITE_ERRORS},
    summary="Create the missing honoraria and cost shares for the year; running it again adds nothing twice",
)
def payables_prepare(
    request: HttpRequest, slug: Slug, cost_program_id: ObjectId, cost_year: Year
) -> costs.PrepareResult:
    program = _program(request, slug, cost_program_id)
    return costs.payables_prepare(actor=request.user, program=program, year=cost_year)


@router.post(
    COSTS + "/honoraria/paid",
    response={200: CountOut, **WRITE_ERRORS},
    summary="Mark the year's due mentor honoraria paid (all, or the ones listed)",
)
def honoraria_paid(
    request: HttpRequest, slug: Slug, cost_program_id: ObjectId, cost_year: Year, payload: HonorariaPaidIn
) -> dict[str, int]:
    program = _program(request, slug, cost_program_id)
    count = costs.honoraria_mark_paid(
        actor=request.user, program=program, year=cost_year, payable_ids=payload.payable_ids, paid_on=payload.paid_on
    )
    return {"count": count}


@router.get(
    COSTS + "/report", response={200: ReportOut, **READ_ERRORS}, summary="The cost report of a program and year"
)
def costs_report(request: HttpRequest, slug: Slug, cost_program_id: ObjectId, cost_year: Year) -> dict[str, object]:
    program = _program(request, slug, cost_program_id)
    overview = selectors.cost_overview(program, cost_year, with_invoices=False)
    terms = overview.terms
    return {
        "program_id": program.pk,
        "year": cost_year,
        "partnerships": overview.partnerships,
        "honorarium": terms.honorarium,
        "cost_per_mentor_year": terms.cost_per_mentor_year,
        "share_percent": terms.share_percent,
        "share": terms.share,
        "honoraria_total": overview.honoraria_total,
        "shares_total": overview.shares_total,
        "payers": [
            {
                "name": payer.name,
                "kind": payer.kind,
                "partnerships": payer.partnerships,
                "due": payer.due,
                "invoiced": payer.invoiced,
                "paid": payer.paid,
                "total": payer.total,
            }
            for payer in overview.by_payer
        ],
    }


# --- invoices ---------------------------------------------------------------------------------


@router.post(
    COSTS + "/invoices",
    response={201: list[InvoiceOut], **WRITE_ERRORS},
    summary="Issue one invoice per board (or individual) for the year's cost shares not yet invoiced",
)
def invoices_issue(
    request: HttpRequest, slug: Slug, cost_program_id: ObjectId, cost_year: Year
) -> Status[list[CostInvoice]]:
    program = _program(request, slug, cost_program_id)
    invoices = costs.invoices_issue(actor=request.user, program=program, year=cost_year)
    fresh = list(
        CostInvoice.objects.select_related("organization", "program", "board", "person")
        .filter(pk__in=[invoice.pk for invoice in invoices])
        .order_by("number")
    )
    return Status(201, fresh)


@router.get(
    INVOICES,
    response={200: list[InvoiceOut], **READ_ERRORS},
    summary="Cost-sharing invoices the organization issued (administrators and coordinators) "
    "or received as a board (its contacts)",
)
@paginate(Pagination)
def invoices_list(request: HttpRequest, slug: Slug, filters: Query[InvoiceFilters]) -> QuerySet[CostInvoice]:
    organization = get_organization_for_user(request.user, slug)
    if not (
        request.user.has_perm(costs.MANAGE_COSTS, organization)
        or request.user.has_perm(selectors.VIEW_BOARD_INVOICES, organization)
    ):
        raise HttpError(403, _("You do not have permission to do this."))
    invoices = selectors.visible_invoices(request.user, organization)
    if filters.program_id is not None:
        invoices = invoices.filter(program_id=filters.program_id)
    if filters.year is not None:
        invoices = invoices.filter(year=filters.year)
    if filters.status is not None:
        invoices = invoices.filter(status=filters.status)
    return invoices


@router.get(INVOICES + "/{cost_invoice_id}", response={200: InvoiceDetailOut, **READ_ERRORS}, summary="One invoice")
def invoice_get(request: HttpRequest, slug: Slug, cost_invoice_id: ObjectId) -> CostInvoice:
    organization = get_organization_for_user(request.user, slug)
    return selectors.get_visible_invoice(request.user, organization, cost_invoice_id)


@router.post(
    INVOICES + "/{cost_invoice_id}/paid",
    response={200: InvoiceDetailOut, **WRITE_ERRORS},
    summary="Mark an invoice paid (administrators and coordinators of the organization that issued it)",
)
def invoice_paid(request: HttpRequest, slug: Slug, cost_invoice_id: ObjectId, payload: InvoicePaidIn) -> CostInvoice:
    organization = get_organization_for_user(request.user, slug)
    invoice = (
        CostInvoice.objects.select_related("organization", "program__organization", "board", "person")
        .filter(organization=organization, pk=cost_invoice_id)
        .first()
    )
    if invoice is None:
        raise NotFound()
    require_perm(request, costs.MANAGE_COSTS, organization)
    costs.invoice_mark_paid(actor=request.user, invoice=invoice, paid_on=payload.paid_on)
    invoice.refresh_from_db()
    return invoice


# --- the course practicum ------------------------------------------------------------------------


@router.post(
    "/registrations/{practicum_registration_id}/practicum",
    response={201: PracticumOut, **WRITE_ERRORS},
    summary="Choose my practicum mentee (a confirmed course registration of mine); the mentee accepts",
)
def practicum_create(
    request: HttpRequest, practicum_registration_id: ObjectId, payload: PracticumCreate
) -> Status[Partnership]:
    registration = practicum.get_course_registration_for_user(request.user, practicum_registration_id)
    partnership = practicum.practicum_create(
        actor=request.user, registration=registration, mentee_email=payload.mentee_email, message=payload.message
    )
    return Status(201, Partnership.objects.select_related("mentee").get(pk=partnership.pk))
