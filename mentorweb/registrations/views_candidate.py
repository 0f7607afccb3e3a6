"""The candidate's pages: register, my registrations, one registration (pay, cancel, seat offers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorweb.accounts.models import Credential
from mentorweb.accounts.services import person_ensure_for_user
from mentorweb.core.errors import DomainError
from mentorweb.programs.policies import describe_days, tiers_of
from mentorweb.registrations import selectors, services
from mentorweb.registrations.formatting import format_cad
from mentorweb.registrations.forms import CancelForm, OfferForm, RegisterForm, new_key
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from mentorweb.registrations.payments.services import payment_start_card

PAGE_SIZE = 20


def form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def refund_table(program: Any) -> list[dict[str, Any]]:
    return [{"days": describe_days(tier), "amount": tier.amount, "label": tier.label} for tier in tiers_of(program)]


def _detail(registration: Registration) -> HttpResponse:
    return redirect("registrations:detail", registration_id=registration.pk)


@login_required
def register(request: HttpRequest, offering_id: int) -> HttpResponse:
    offering = selectors.get_open_offering(offering_id)
    program = offering.program
    person = person_ensure_for_user(user=request.user)  # type: ignore[arg-type]
    kind = program.required_credential_kind
    credential = Credential.objects.filter(person=person, kind=kind).first() if kind else None
    existing = (
        selectors.registrations_for_user(request.user)
        .filter(offering=offering)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    form = RegisterForm(
        request.POST or None,
        credential_kind=kind,
        credential=credential,
        sponsors=[org for org in selectors.sponsor_choices(request.user) if org.pk != program.organization_id],
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user,
                offering=offering,
                person=person,
                answers=form.answers(),
                credential_number=form.cleaned_data.get("credential_number") or None,
                sponsor=form.chosen_sponsor(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.success(request, _("The offering is full: you are on the waitlist."))
            else:
                messages.success(request, _("You are registered. Full payment confirms your seat."))
            return _detail(registration)
    refusal = selectors.registration_refusal(offering)
    context = {
        "offering": offering,
        "program": program,
        "organization": program.organization,
        "form": form,
        "existing": existing,
        "refusal": refusal[0] if refusal else "",
        "tiers": refund_table(program),
    }
    return render(request, "registrations/register.html", context)


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    # Applications to pairing programs have their own list: /me/applications/.
    registrations = selectors.registrations_for_user(request.user).exclude(offering__program__kind="pairing")
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/mine.html", {"page": page})


@login_required
def registration_detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, registration_id)
    if registration.role != RegistrationRole.CANDIDATE and registration.offering.program.kind == "pairing":
        return redirect("applications:detail", registration_id=registration.pk)
    cancellable = registration.status in selectors.CANCELLABLE
    context = {
        "registration": registration,
        "offering": registration.offering,
        "organization": registration.offering.program.organization,
        "paid": selectors.amount_paid(registration),
        "refunded": selectors.amount_refunded(registration),
        "owed": selectors.balance_due(registration),
        "fee": selectors.fee_for(registration),
        "payments": list(registration.payments.order_by("created_at", "pk")),
        "refunds": list(registration.refunds.order_by("created_at", "pk")),
        "ahead": selectors.waitlist_ahead(registration),
        "cancellable": cancellable,
        "refund_preview": services.registration_refund_preview(registration) if cancellable else None,
        "credential_ok": selectors.credential_ok(registration),
        "tiers": refund_table(registration.offering.program),
    }
    return render(request, "registrations/detail.html", context)


@login_required
@require_POST
def pay(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, registration_id)
    try:
        _payment, checkout_url = payment_start_card(actor=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, error.message)
        return _detail(registration)
    return redirect(checkout_url)


@login_required
def cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    """A confirmation page that shows the refund first; the cancellation on POST."""
    registration = selectors.get_registration_for_user(request.user, registration_id)
    form = CancelForm(request.POST or None, initial={"idempotency_key": new_key()})
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_cancel(
                actor=request.user,
                registration=registration,
                reason=form.cleaned_data["reason"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            refunded = selectors.amount_refunded(Registration.objects.get(pk=registration.pk))
            messages.success(
                request,
                _("Your registration is cancelled. Refund: %(amount)s.") % {"amount": format_cad(refunded)}
                if refunded
                else _("Your registration is cancelled."),
            )
            return _detail(registration)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "form": form,
        "cancellable": registration.status in selectors.CANCELLABLE,
        "refund": services.registration_refund_preview(registration),
        "paid": selectors.amount_paid(registration),
        "tiers": refund_table(registration.offering.program),
    }
    return render(request, "registrations/cancel.html", context)


@login_required
@require_POST
def offer(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, registration_id)
    form = OfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline the seat."))
        return _detail(registration)
    try:
        if form.cleaned_data["choice"] == "accept":
            services.registration_offer_accept(actor=request.user, registration=registration)
            messages.success(request, _("The seat is yours. Full payment confirms it."))
        else:
            services.registration_offer_decline(actor=request.user, registration=registration)
            messages.success(request, _("You declined the seat. It is offered to the next person waiting."))
    except DomainError as error:
        messages.error(request, error.message)
    return _detail(registration)
