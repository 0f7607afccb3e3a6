"""Cost pages: honoraria, cost shares and invoices of a program and year, for the administrators
and coordinators of the program's organization; the cost report and its exports; a board's own
invoices for the board's contacts.

Lookups start from the organizations the user belongs to (costs_selectors): another
organization's program or invoice is a 404, a page the role does not open is a 403. The actions
check the method after the lookup, so that an outsider's GET is a 404 like every other answer.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.errors import DomainError
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships import costs, costs_exports
from mentorweb.partnerships import costs_selectors as selectors
from mentorweb.partnerships.forms_costs import PaidOnForm
from mentorweb.partnerships.invoices_pdf import invoice_pdf, payment_terms, sharing_explanation
from mentorweb.partnerships.models import CostInvoice, PayableStatus
from mentorweb.programs.models import Program
from mentorweb.programs.times import today_in

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: Any, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _year(year: int) -> int:
    try:
        return costs.clean_year(year)
    except DomainError as error:
        raise Http404 from error


def _program_year(request: HttpRequest, slug: str, program_id: int, year: int) -> tuple[Any, Program, int]:
    organization, program = selectors.get_program_for_costs(request.user, slug, program_id)
    return organization, program, _year(year)


def _overview_url(program: Program, year: int) -> HttpResponse:
    return redirect("partnerships:costs_overview", slug=program.organization.slug, program_id=program.pk, year=year)


def _invoice_context(invoice: CostInvoice) -> dict[str, Any]:
    return {
        "invoice": invoice,
        "payer": selectors.payer_name(invoice),
        "lines": selectors.invoice_lines(invoice),
        "explanation": sharing_explanation(invoice),
        "terms": payment_terms(invoice),
    }


# --- staff: overview and actions ------------------------------------------------------------------


@login_required
def costs_index(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(costs.MANAGE_COSTS, organization):
        raise PermissionDenied
    context = {
        "organization": organization,
        "programs": selectors.programs_with_costs(organization),
        "this_year": today_in(organization.time_zone).year,
    }
    return render(request, "partnerships/costs/index.html", context)


@login_required
def costs_overview(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    organization, program, year = _program_year(request, slug, program_id, year)
    context = {
        "organization": organization,
        "program": program,
        "year": year,
        "overview": selectors.cost_overview(program, year),
        "paid_form": PaidOnForm(prefix="honoraria"),
    }
    return render(request, "partnerships/costs/overview.html", context)


@login_required
def costs_prepare(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    _organization, program, year = _program_year(request, slug, program_id, year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        result = costs.payables_prepare(actor=request.user, program=program, year=year)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, costs.prepare_message(result))
    return _overview_url(program, year)


@login_required
def costs_issue(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    _organization, program, year = _program_year(request, slug, program_id, year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        invoices = costs.invoices_issue(actor=request.user, program=program, year=year)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext("%(count)s invoice issued.", "%(count)s invoices issued.", len(invoices))
            % {"count": len(invoices)},
        )
    return _overview_url(program, year)


@login_required
def costs_honoraria_paid(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    _organization, program, year = _program_year(request, slug, program_id, year)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PaidOnForm(request.POST, prefix="honoraria")
    if not form.is_valid():
        messages.error(request, _("Enter the date of the payment, or leave it empty for today."))
        return _overview_url(program, year)
    try:
        count = costs.honoraria_mark_paid(
            actor=request.user, program=program, year=year, paid_on=form.cleaned_data.get("paid_on")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext("%(count)s honorarium marked paid.", "%(count)s honoraria marked paid.", count) % {"count": count},
        )
    return _overview_url(program, year)


@login_required
def cost_invoice(request: HttpRequest, slug: str, invoice_id: int) -> HttpResponse:
    """An invoice the organization issued; a POST marks it paid."""
    organization, invoice = selectors.get_invoice_for_staff(request.user, slug, invoice_id)
    form = PaidOnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            costs.invoice_mark_paid(actor=request.user, invoice=invoice, paid_on=form.cleaned_data.get("paid_on"))
        except DomainError as error:
            form.add_error("paid_on" if error.field == "paid_on" else None, error.message)
        else:
            messages.success(request, _("Invoice %(number)s is marked paid.") % {"number": invoice.number})
            return redirect("partnerships:cost_invoice", slug=organization.slug, invoice_id=invoice.pk)
    context = {
        "organization": organization,
        "form": form,
        "staff": True,
        "is_open": invoice.status == PayableStatus.INVOICED,
        **_invoice_context(invoice),
    }
    return render(request, "partnerships/costs/invoice.html", context)


@login_required
def cost_invoice_pdf(request: HttpRequest, slug: str, invoice_id: int) -> HttpResponse:
    _organization, invoice = selectors.get_invoice_for_staff(request.user, slug, invoice_id)
    return _download(invoice_pdf(invoice), "application/pdf", f"invoice-{invoice.number}.pdf")


# --- staff: the cost report -------------------------------------------------------------------------


def _report_filename(program: Program, year: int, extension: str) -> str:
    return f"costs-{program.slug}-{year}.{extension}"


@login_required
def costs_report(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    organization, program, year = _program_year(request, slug, program_id, year)
    context = {
        "organization": organization,
        "program": program,
        "year": year,
        "overview": selectors.cost_overview(program, year, with_invoices=False),
    }
    return render(request, "partnerships/costs/report.html", context)


@login_required
def costs_report_csv(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    _organization, program, year = _program_year(request, slug, program_id, year)
    overview = selectors.cost_overview(program, year, with_invoices=False)
    content = costs_exports.report_csv(overview, selectors.report_payables(program, year))
    return _download(content, "text/csv; charset=utf-8", _report_filename(program, year, "csv"))


@login_required
def costs_report_xlsx(request: HttpRequest, slug: str, program_id: int, year: int) -> HttpResponse:
    _organization, program, year = _program_year(request, slug, program_id, year)
    overview = selectors.cost_overview(program, year, with_invoices=False)
    content = costs_exports.report_xlsx(overview, selectors.report_payables(program, year))
    return _download(content, XLSX, _report_filename(program, year, "xlsx"))


# --- a board's own invoices -----------------------------------------------------------------------


@login_required
def board_invoices(request: HttpRequest, slug: str) -> HttpResponse:
    board = selectors.get_board_for_invoices(request.user, slug)
    page = Paginator(selectors.board_invoices(board), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerships/costs/board_invoices.html", {"organization": board, "page": page})


@login_required
def board_invoice(request: HttpRequest, slug: str, invoice_id: int) -> HttpResponse:
    board, invoice = selectors.get_board_invoice(request.user, slug, invoice_id)
    context = {"organization": board, "staff": False, "is_open": False, **_invoice_context(invoice)}
    return render(request, "partnerships/costs/invoice.html", context)


@login_required
def board_invoice_pdf(request: HttpRequest, slug: str, invoice_id: int) -> HttpResponse:
    _board, invoice = selectors.get_board_invoice(request.user, slug, invoice_id)
    return _download(invoice_pdf(invoice), "application/pdf", f"invoice-{invoice.number}.pdf")
