"""Refund rows: created inside the cancellation's transaction, paid back afterwards.

A card refund goes back through the provider that took the payment, in a job that runs after
the commit (the row exists first, so a crash between the two leaves a pending refund to retry,
never money returned with no record). Cheques, e-transfers and invoices are refunded by hand:
their refund stays pending until staff record that it was sent.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from mentorweb.core.audit import audit_record, audit_source
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditSource
from mentorweb.core.money import ZERO, cad
from mentorweb.registrations.models import Payment, PaymentMethod, PaymentStatus, Refund, RefundStatus, Registration
from mentorweb.registrations.payments import get_provider
from mentorweb.registrations.selectors import COMMITTED_REFUNDS, MONEY_FIELD


def _refund_key(base_key: str, registration: Registration, payment: Payment) -> str:
    # Hashed: the caller's key can be up to 64 characters, and the row's key must stay short.
    digest = hashlib.sha256(f"{registration.pk}:{base_key}:{payment.pk}".encode()).hexdigest()
    return f"rf_{digest[:48]}"


def refunds_create(
    *, actor: Any, registration: Registration, amount: Decimal, base_key: str, reason: str
) -> list[Refund]:
    """Spread `amount` over the registration's payments, card payments first, never more than
    any payment has left unrefunded. Call inside the transaction that holds the registration's lock."""
    remaining = cad(amount)
    refunds: list[Refund] = []
    if remaining <= ZERO:
        return refunds
    payments = (
        Payment.objects.filter(registration=registration, status=PaymentStatus.SUCCEEDED)
        .annotate(
            refunded=Coalesce(
                Sum("refunds__amount", filter=Q(refunds__status__in=COMMITTED_REFUNDS)),
                Value(ZERO),
                output_field=MONEY_FIELD,
            ),
            card_first=Case(
                When(method=PaymentMethod.CARD, then=Value(0)), default=Value(1), output_field=IntegerField()
            ),
        )
        .order_by("card_first", "-succeeded_at", "-pk")
    )
    organization = registration.offering.program.organization
    for payment in payments:
        part = min(payment.amount - cad(payment.refunded), remaining)
        if part <= ZERO:
            continue
        refund, created = Refund.objects.get_or_create(
            idempotency_key=_refund_key(base_key, registration, payment),
            defaults={
                "registration": registration,
                "payment": payment,
                "amount": part,
                "reason": reason[:200],
                "created_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        refund.payment = payment
        refunds.append(refund)
        if created:
            audit_record(
                actor=actor,
                action="refund.created",
                obj=refund,
                organization=organization,
                changes={
                    "amount": [None, str(part)],
                    "method": [None, payment.method],
                    "status": [None, refund.status],
                },
            )
            if payment.method == PaymentMethod.CARD:
                process_card_refund.enqueue(refund_id=refund.pk)
        remaining -= part
        if remaining <= ZERO:
            break
    return refunds


@task()
def process_card_refund(*, refund_id: int) -> str:
    """Ask the provider to return a pending card refund (the job queued by refunds_create)."""
    with audit_source(AuditSource.JOB):
        return refund_process(refund=Refund.objects.get(pk=refund_id))


def refund_process(*, refund: Refund) -> str:
    """Return a pending card refund through the provider that took the payment. Safe to run
    twice: the provider takes the refund's own idempotency key, and the row changes only from pending."""
    refund = Refund.objects.select_related("payment", "registration__offering__program__organization").get(pk=refund.pk)
    if refund.status != RefundStatus.PENDING or refund.payment is None:
        return refund.status
    payment = refund.payment
    result = get_provider(payment.provider).refund(
        payment_reference=payment.provider_reference or "",
        amount=refund.amount,
        idempotency_key=refund.idempotency_key,
    )
    status = RefundStatus.SUCCEEDED if result.status == "succeeded" else RefundStatus.FAILED
    with transaction.atomic():
        updated = Refund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(
            status=status, provider_reference=result.reference, processed_at=timezone.now()
        )
        if updated:
            audit_record(
                actor=None,
                action="refund.processed",
                obj=refund,
                organization=refund.registration.offering.program.organization,
                changes={"status": [RefundStatus.PENDING, status]},
            )
    return status


def refund_mark_sent(*, actor: Any, refund: Refund, reference: str = "") -> Refund:
    """Staff record that a refund by cheque or transfer was sent."""
    organization = refund.registration.offering.program.organization
    if not actor.has_perm("registrations.manage_registrations", organization):
        raise DomainError(_("Only administrators and coordinators can record a refund."), code="forbidden")
    if len(reference) > 100:
        raise DomainError(_("Enter a reference of at most 100 characters."), field="reference")
    with transaction.atomic():
        updated = Refund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(
            status=RefundStatus.SUCCEEDED, processed_at=timezone.now()
        )
        if not updated:
            raise DomainError(_("This refund is not waiting to be sent."), code="conflict")
        refund.refresh_from_db()
        audit_record(
            actor=actor,
            action="refund.sent",
            obj=refund,
            organization=organization,
            changes={"status": [RefundStatus.PENDING, RefundStatus.SUCCEEDED], "reference": [None, reference]},
        )
    return refund
