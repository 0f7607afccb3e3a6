"""Every change to payments and invoices.

A payment row exists before any money moves (pending, with its idempotency key), and only a
conditional UPDATE on its old status makes it succeed: a webhook delivered five times, or a
form sent twice, records one payment. Each success then tries to confirm the registration.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.money import ZERO, cad
from mentorweb.organizations.models import Organization
from mentorweb.registrations import emails
from mentorweb.registrations.formatting import format_cad
from mentorweb.registrations.models import (
    Invoice,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.payments import card_provider
from mentorweb.registrations.selectors import balance_due, org_today
from mentorweb.registrations.services import lock_registration, registration_confirm_if_ready

OFFLINE_METHODS = (PaymentMethod.CHEQUE, PaymentMethod.E_TRANSFER, PaymentMethod.INVOICE)
INVOICE_DUE_DAYS = 30


def _require_manage(actor: Any, organization: Organization) -> None:
    if not actor.has_perm("registrations.manage_registrations", organization):
        raise DomainError(_("Only administrators and coordinators can record payments."), code="forbidden")


def _after_success(*, actor: Any, payment: Payment) -> None:
    """What follows a payment's success, inside its transaction: the e-mail, then confirmation."""
    registration = payment.registration
    registration_confirm_if_ready(actor=actor, registration=registration)
    emails.send_payment_received(payment, owed=balance_due(registration))


# --- card payments ---------------------------------------------------------------------------------


def payment_start_card(*, actor: Any, registration: Registration) -> tuple[Payment, str]:
    """Open a card payment of the balance with the provider; returns the payment and its checkout page.

    Pressing "Pay" again reuses the pending payment (same idempotency key, same intent), so two
    clicks never open two charges for the same balance.
    """
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the candidate can pay online."), code="forbidden")
    provider = card_provider()
    with transaction.atomic():
        registration = lock_registration(registration.pk)
        if registration.status != RegistrationStatus.PENDING_PAYMENT:
            raise DomainError(_("There is nothing to pay on this registration."), code="conflict")
        owed = balance_due(registration)
        if owed <= ZERO:
            raise DomainError(_("There is nothing to pay on this registration."), code="conflict")
        payment = (
            Payment.objects.filter(
                registration=registration,
                method=PaymentMethod.CARD,
                provider=provider.name,
                status=PaymentStatus.PENDING,
                amount=owed,
            )
            .order_by("-created_at")
            .first()
        )
        created = payment is None
        if payment is None:
            payment = Payment.objects.create(
                registration=registration,
                amount=owed,
                method=PaymentMethod.CARD,
                provider=provider.name,
                idempotency_key=f"pay_{uuid.uuid4().hex}",
                recorded_by=actor,
            )
        offering = registration.offering
        intent = provider.create_intent(
            amount=owed,
            currency="CAD",
            idempotency_key=payment.idempotency_key,
            description=f"{offering.program.name} – {offering.title}",
            return_url=reverse("registrations:detail", kwargs={"registration_id": registration.pk}),
        )
        if payment.provider_reference != intent.reference:
            payment.provider_reference = intent.reference
            payment.save(update_fields=["provider_reference"])
        if created:
            audit_record(
                actor=actor,
                action="payment.started",
                obj=payment,
                organization=offering.program.organization,
                changes={
                    "amount": [None, str(owed)],
                    "method": [None, payment.method],
                    "provider": [None, provider.name],
                },
            )
    return payment, intent.checkout_url


def payment_mark_succeeded(*, provider: str, reference: str, amount: Decimal | None) -> Payment | None:
    """The provider says the payment went through. None when the intent is not ours."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_related(
                "registration__offering__program__organization", "registration__person__user"
            )
            .filter(provider=provider, provider_reference=reference)
            .first()
        )
        if payment is None:
            return None
        if amount is not None and cad(amount) != payment.amount:
            raise DomainError(_("The amount paid does not match the payment."), field="amount")
        old = payment.status
        now = timezone.now()
        # Failed counts too: a card declined once may be paid on the same intent afterwards.
        updated = Payment.objects.filter(
            pk=payment.pk, status__in=(PaymentStatus.PENDING, PaymentStatus.FAILED)
        ).update(status=PaymentStatus.SUCCEEDED, succeeded_at=now, failure_reason="")
        if not updated:
            return payment
        payment.status, payment.succeeded_at = PaymentStatus.SUCCEEDED, now
        audit_record(
            actor=None,
            action="payment.succeeded",
            obj=payment,
            organization=payment.registration.offering.program.organization,
            changes={"status": [old, PaymentStatus.SUCCEEDED], "amount": [None, str(payment.amount)]},
        )
        _after_success(actor=None, payment=payment)
    return payment


def payment_mark_failed(*, provider: str, reference: str, reason: str) -> Payment | None:
    with transaction.atomic():
        payment = (
            Payment.objects.select_related("registration__offering__program__organization")
            .filter(provider=provider, provider_reference=reference)
            .first()
        )
        if payment is None:
            return None
        updated = Payment.objects.filter(pk=payment.pk, status=PaymentStatus.PENDING).update(
            status=PaymentStatus.FAILED, failure_reason=reason[:200]
        )
        if updated:
            payment.status = PaymentStatus.FAILED
            audit_record(
                actor=None,
                action="payment.failed",
                obj=payment,
                organization=payment.registration.offering.program.organization,
                changes={"status": [PaymentStatus.PENDING, PaymentStatus.FAILED], "reason": [None, reason[:200]]},
            )
    return payment


# --- payments entered by staff -----------------------------------------------------------------------


def _clean_amount(amount: Any) -> Decimal:
    if isinstance(amount, float):
        raise DomainError(_("Enter the amount in dollars and cents."), field="amount")
    try:
        value = cad(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(_("Enter the amount in dollars and cents."), field="amount") from None
    if not value.is_finite() or value <= ZERO or value >= Decimal("1e10"):
        raise DomainError(_("Enter an amount greater than zero."), field="amount")
    return value


def payment_record_offline(
    *,
    actor: Any,
    registration: Registration,
    amount: Any,
    method: str,
    reference: str = "",
    idempotency_key: str | None = None,
) -> Payment:
    """A cheque, e-transfer or board payment received by staff. The same key twice records once."""
    organization = registration.offering.program.organization
    _require_manage(actor, organization)
    if method not in OFFLINE_METHODS:
        raise DomainError(_("Choose cheque, e-transfer or board purchase order."), field="method")
    value = _clean_amount(amount)
    reference = " ".join((reference or "").split())
    if len(reference) > 100:
        raise DomainError(_("Enter a reference of at most 100 characters."), field="reference")
    key = (idempotency_key or f"offline_{uuid.uuid4().hex}")[:100]
    try:
        with transaction.atomic():
            registration = lock_registration(registration.pk)
            existing = Payment.objects.filter(idempotency_key=key).first()
            if existing is not None:
                if existing.registration_id != registration.pk:
                    raise DomainError(_("This key was used for another payment."), field="idempotency_key")
                return existing
            if registration.status != RegistrationStatus.PENDING_PAYMENT:
                raise DomainError(_("Payments are recorded for registrations awaiting payment."), code="conflict")
            owed = balance_due(registration)
            if value > owed:
                raise DomainError(
                    _("This is more than the %(owed)s still owed.") % {"owed": format_cad(owed)}, field="amount"
                )
            payment = Payment.objects.create(
                registration=registration,
                amount=value,
                method=method,
                status=PaymentStatus.SUCCEEDED,
                succeeded_at=timezone.now(),
                idempotency_key=key,
                reference=reference,
                recorded_by=actor,
            )
            audit_record(
                actor=actor,
                action="payment.recorded",
                obj=payment,
                organization=organization,
                changes={"amount": [None, str(value)], "method": [None, method], "reference": [None, reference]},
            )
            _after_success(actor=actor, payment=payment)
    except IntegrityError as error:
        raise DomainError(_("This payment was just recorded. Reload the page."), code="conflict") from error
    return payment


# --- board invoices ---------------------------------------------------------------------------------------


def invoice_create(
    *,
    actor: Any,
    organization: Organization,
    sponsor: Organization,
    registrations: list[Registration],
    purchase_order: str = "",
) -> Invoice:
    """One invoice to a board for the fees of several candidates it sponsors."""
    _require_manage(actor, organization)
    if not registrations:
        raise DomainError(_("Choose at least one registration."), field="registrations")
    purchase_order = " ".join((purchase_order or "").split())
    if len(purchase_order) > 60:
        raise DomainError(_("Enter a purchase order number of at most 60 characters."), field="purchase_order")
    if sponsor.pk == organization.pk:
        raise DomainError(_("Choose the board that pays."), field="sponsor")
    ids = sorted({r.pk for r in registrations})
    with transaction.atomic():
        locked = [lock_registration(pk) for pk in ids]
        for registration in locked:
            name = registration.person.full_name
            if registration.offering.program.organization_id != organization.pk:
                raise DomainError(_("A registration chosen is not one of this organization's."), field="registrations")
            if registration.sponsor_id not in (None, sponsor.pk):
                raise DomainError(_("%(name)s is sponsored by another board.") % {"name": name}, field="registrations")
            if registration.status != RegistrationStatus.PENDING_PAYMENT or balance_due(registration) <= ZERO:
                raise DomainError(_("%(name)s owes nothing.") % {"name": name}, field="registrations")
        issued = org_today(organization)
        invoice = Invoice.objects.create(
            organization=organization,
            sponsor=sponsor,
            number=f"new-{uuid.uuid4().hex}",
            purchase_order=purchase_order,
            issued_on=issued,
            due_on=issued + timedelta(days=INVOICE_DUE_DAYS),
            created_by=actor,
        )
        # Numbered from its id: unique without a counter that concurrent requests would share.
        invoice.number = f"{organization.slug.upper()[:20]}-{issued.year}-{invoice.pk:05d}"
        invoice.save(update_fields=["number"])
        updated = (
            Registration.objects.filter(pk__in=ids, status=RegistrationStatus.PENDING_PAYMENT)
            .filter(Q(invoice__isnull=True) | ~Q(invoice__status=Invoice.Status.OPEN))
            .update(invoice=invoice, sponsor=sponsor)
        )
        if updated != len(ids):
            raise DomainError(
                _("A registration chosen is already on an open invoice."), field="registrations", code="conflict"
            )
        audit_record(
            actor=actor,
            action="invoice.created",
            obj=invoice,
            organization=organization,
            changes={
                "registrations": [None, ids],
                "sponsor": [None, sponsor.pk],
                "purchase_order": [None, purchase_order],
            },
        )
    return invoice


def invoice_mark_paid(*, actor: Any, invoice: Invoice, reference: str = "") -> list[Payment]:
    """The board paid: one payment per registration on the invoice, each for what it still owes."""
    organization = invoice.organization
    _require_manage(actor, organization)
    reference = " ".join((reference or "").split())
    if len(reference) > 100:
        raise DomainError(_("Enter a reference of at most 100 characters."), field="reference")
    payments: list[Payment] = []
    with transaction.atomic():
        if not Invoice.objects.filter(pk=invoice.pk, status=Invoice.Status.OPEN).update(status=Invoice.Status.PAID):
            raise DomainError(_("This invoice is not open."), code="conflict")
        now = timezone.now()
        for registration_id in invoice.registrations.order_by("pk").values_list("pk", flat=True):
            registration = lock_registration(registration_id)
            owed = balance_due(registration)
            if registration.status != RegistrationStatus.PENDING_PAYMENT or owed <= ZERO:
                continue
            payment = Payment.objects.create(
                registration=registration,
                invoice=invoice,
                amount=owed,
                method=PaymentMethod.INVOICE,
                status=PaymentStatus.SUCCEEDED,
                succeeded_at=now,
                idempotency_key=f"invoice:{invoice.pk}:{registration.pk}",
                reference=reference or invoice.purchase_order or invoice.number,
                recorded_by=actor,
            )
            audit_record(
                actor=actor,
                action="payment.recorded",
                obj=payment,
                organization=organization,
                changes={
                    "amount": [None, str(owed)],
                    "method": [None, payment.method],
                    "invoice": [None, invoice.number],
                },
            )
            _after_success(actor=actor, payment=payment)
            payments.append(payment)
        invoice.status = Invoice.Status.PAID
        audit_record(
            actor=actor,
            action="invoice.paid",
            obj=invoice,
            organization=organization,
            changes={"status": [Invoice.Status.OPEN, Invoice.Status.PAID], "payments": [None, len(payments)]},
        )
    return payments
