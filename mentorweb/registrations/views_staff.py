"""Staff pages for an offering's registrations: payments, credential checks, cancellations,
board invoices, and the board contact's read-only view of what the board sponsors.

Every lookup starts from the organizations the user belongs to: another organization's
offering is a 404; a page of one's own organization that the role does not open is a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.accounts.models import Credential
from mentorweb.core.errors import DomainError
from mentorweb.organizations.forms import CredentialVerifyForm
from mentorweb.organizations.models import Membership
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations import selectors, services
from mentorweb.registrations.forms import (
    CancelForm,
    InvoiceForm,
    OfflinePaymentForm,
    ReferenceForm,
    StatusFilterForm,
    new_key,
)
from mentorweb.registrations.models import Invoice, PaymentMethod, Refund, RefundStatus, Registration
from mentorweb.registrations.payments.refunds import refund_mark_sent
from mentorweb.registrations.payments.services import invoice_create, invoice_mark_paid, payment_record_offline
from mentorweb.registrations.views_candidate import form_error

MANAGE = "registrations.manage_registrations"
PAGE_SIZE = 50


def _offering_url(offering: Offering) -> HttpResponse:
    return redirect(
        "registrations:offering_registrations",
        slug=offering.program.organization.slug,
        offering_id=offering.pk,
    )


def _registration(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> Registration:
    _organization, offering = selectors.get_offering_for_staff(request.user, slug, offering_id, MANAGE)
    return selectors.get_registration_for_staff(request.user, offering, registration_id)


@login_required
def offering_registrations(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_staff(request.user, slug, offering_id, MANAGE)
    filters = StatusFilterForm(request.GET)
    registrations = selectors.offering_registrations(offering, status=filters.status_value())
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dict(
        Registration.objects.filter(offering=offering).values_list("status").annotate(n=Count("pk")).order_by()
    )
    manual_refunds = (
        Refund.objects.filter(registration__offering=offering, status=RefundStatus.PENDING)
        .exclude(payment__method=PaymentMethod.CARD)
        .select_related("registration__person", "payment")
        .order_by("created_at")[:PAGE_SIZE]
    )
    context = {
        "organization": organization,
        "offering": offering,
        "program": offering.program,
        "filters": filters,
        "page": page,
        "counts": counts,
        "invoices": selectors.offering_invoices(offering)[:PAGE_SIZE],
        "manual_refunds": manual_refunds,
        "can_cancel_offering": offering.status in (OfferingStatus.DRAFT, OfferingStatus.OPEN, OfferingStatus.CLOSED),
    }
    return render(request, "registrations/staff/offering.html", context)


@login_required
def registration_payment(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    registration = _registration(request, slug, offering_id, registration_id)
    owed = selectors.balance_due(registration)
    form = OfflinePaymentForm(request.POST or None, initial={"amount": owed, "idempotency_key": new_key()})
    if request.method == "POST" and form.is_valid():
        try:
            payment_record_offline(actor=request.user, registration=registration, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The payment was recorded."))
            return _offering_url(registration.offering)
    context = {"registration": registration, "offering": registration.offering, "form": form, "owed": owed}
    return render(request, "registrations/staff/payment.html", context)


@login_required
def registration_verify(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    registration = _registration(request, slug, offering_id, registration_id)
    organization = registration.offering.program.organization
    kind = registration.offering.program.required_credential_kind
    credential = Credential.objects.filter(person_id=registration.person_id, kind=kind).first() if kind else None
    if credential is None:
        raise Http404
    membership = Membership.objects.filter(
        person_id=registration.person_id, organization=organization, deactivated_at__isnull=True
    ).first()
    form = CredentialVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_credential_verify(
                actor=request.user, registration=registration, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The verification was recorded."))
            return _offering_url(registration.offering)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "organization": organization,
        "credential": credential,
        "membership": membership,
        "form": form,
    }
    return render(request, "registrations/staff/verify.html", context)


@login_required
def registration_cancel(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    registration = _registration(request, slug, offering_id, registration_id)
    form = CancelForm(request.POST or None, initial={"idempotency_key": new_key()})
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_cancel(actor=request.user, registration=registration, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The registration was cancelled."))
            return _offering_url(registration.offering)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "form": form,
        "cancellable": registration.status in selectors.CANCELLABLE,
        "refund": services.registration_refund_preview(registration),
        "paid": selectors.amount_paid(registration),
    }
    return render(request, "registrations/staff/cancel.html", context)


@login_required
def offering_cancel(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_staff(request.user, slug, offering_id, MANAGE)
    if request.method == "POST":
        try:
            count = services.offering_cancel_for_low_enrolment(actor=request.user, offering=offering)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The offering was cancelled; %(count)s registration was cancelled and refunded in full.",
                    "The offering was cancelled; %(count)s registrations were cancelled and refunded in full.",
                    count,
                )
                % {"count": count},
            )
        return _offering_url(offering)
    context = {
        "organization": organization,
        "offering": offering,
        "program": offering.program,
        "live": Registration.objects.filter(offering=offering, status__in=selectors.CANCELLABLE).count(),
        "refund_total": selectors.refund_owed_on_cancelling(offering),
        "can_cancel": offering.status in (OfferingStatus.DRAFT, OfferingStatus.OPEN, OfferingStatus.CLOSED),
    }
    return render(request, "registrations/staff/offering_cancel.html", context)


@login_required
def invoice_new(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_staff(request.user, slug, offering_id, MANAGE)
    candidates = list(selectors.invoiceable_registrations(offering))
    sponsors = selectors.invoice_sponsors(offering, candidates)
    form = InvoiceForm(request.POST or None, sponsors=sponsors, registrations=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            invoice = invoice_create(
                actor=request.user,
                organization=organization,
                sponsor=form.sponsor_map[form.cleaned_data["sponsor"]],
                registrations=[form.registration_map[pk] for pk in form.cleaned_data["registrations"]],
                purchase_order=form.cleaned_data["purchase_order"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Invoice %(number)s was created.") % {"number": invoice.number})
            return redirect("registrations:invoice", slug=organization.slug, invoice_id=invoice.pk)
    context = {"organization": organization, "offering": offering, "form": form, "candidates": candidates}
    return render(request, "registrations/staff/invoice_new.html", context)


@login_required
def invoice_detail(request: HttpRequest, slug: str, invoice_id: int) -> HttpResponse:
    organization, invoice = selectors.get_invoice_for_staff(request.user, slug, invoice_id)
    form = ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            payments = invoice_mark_paid(actor=request.user, invoice=invoice, reference=form.cleaned_data["reference"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Invoice paid: %(count)s payment recorded.",
                    "Invoice paid: %(count)s payments recorded.",
                    len(payments),
                )
                % {"count": len(payments)},
            )
            return redirect("registrations:invoice", slug=organization.slug, invoice_id=invoice.pk)
    registrations = list(selectors.invoice_registrations(invoice))
    context = {
        "organization": organization,
        "invoice": invoice,
        "registrations": registrations,
        "total_owed": sum((selectors.balance_due(r) for r in registrations), start=0),
        "form": form,
        "is_open": invoice.status == Invoice.Status.OPEN,
    }
    return render(request, "registrations/staff/invoice.html", context)


@login_required
def refund_sent(request: HttpRequest, slug: str, offering_id: int, refund_id: int) -> HttpResponse:
    _organization, offering = selectors.get_offering_for_staff(request.user, slug, offering_id, MANAGE)
    refund = selectors.get_refund_for_staff(request.user, offering, refund_id)
    form = ReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            refund_mark_sent(actor=request.user, refund=refund, reference=form.cleaned_data["reference"])
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The refund was recorded as sent."))
            return _offering_url(offering)
    return render(
        request, "registrations/staff/refund_sent.html", {"offering": offering, "refund": refund, "form": form}
    )


@login_required
def sponsored(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_organization_for_user(request.user, slug)
    if not request.user.has_perm("registrations.view_sponsored", board):
        raise PermissionDenied
    page = Paginator(selectors.sponsored_registrations(board), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/staff/sponsored.html", {"organization": board, "page": page})
