"""The e-mails of a registration's life, in the candidate's language, text and HTML.

Each is queued (the tasks backend enqueues after commit) with a key that names the event, so a
job run twice sends once while a new event (a second payment, a new offer) sends again.
Values are formatted here, in the candidate's language, because the job only renders.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import translation

from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.registrations.formatting import format_cad, format_date, format_datetime
from mentorweb.registrations.models import Payment, Registration, RegistrationStatus


def _context(registration: Registration, language: str) -> dict[str, Any]:
    offering = registration.offering
    program = offering.program
    organization = program.organization
    with translation.override(language):
        status_label = str(RegistrationStatus(registration.status).label)
    return {
        "given_name": registration.person.given_name,
        "program_name": program.name,
        "offering_title": offering.title,
        "organization_name": organization.name,
        "contact_email": program.contact_email or organization.contact_email,
        "start_date": format_date(offering.start_date, language),
        "fee": format_cad(program.fee, language),
        "status_label": status_label,
        "link": site_url(reverse("registrations:detail", kwargs={"registration_id": registration.pk})),
    }


def _send(registration: Registration, event: str, key: str, **extra: Any) -> None:
    person = registration.person
    language = person.preferred_language or "en"
    context = {**_context(registration, language), **extra}
    for name, value in list(context.items()):
        if isinstance(value, Decimal):
            context[name] = format_cad(value, language)
    queue_email(
        key=key,
        to=person.user.email,
        template=f"emails/registration_{event}",
        language=language,
        context=context,
    )


def send_received(registration: Registration, *, owed: Decimal) -> None:
    _send(registration, "received", f"registration:{registration.pk}:received:{registration.status}", owed=owed)


def send_waitlisted(registration: Registration) -> None:
    _send(
        registration,
        "waitlisted",
        f"registration:{registration.pk}:waitlisted",
        position=registration.waitlist_position,
    )


def send_confirmed(registration: Registration) -> None:
    _send(registration, "confirmed", f"registration:{registration.pk}:confirmed")


def send_payment_received(payment: Payment, *, owed: Decimal) -> None:
    registration = payment.registration
    language = registration.person.preferred_language or "en"
    with translation.override(language):
        method = str(payment.get_method_display())
    _send(
        registration,
        "payment",
        f"payment:{payment.pk}:received",
        amount=payment.amount,
        method=method,
        owed=owed,
        paid_in_full=owed <= 0,
    )


def send_offered(registration: Registration) -> None:
    assert registration.offer_expires_at is not None
    language = registration.person.preferred_language or "en"
    expires = format_datetime(
        registration.offer_expires_at, language, registration.offering.program.organization.time_zone
    )
    _send(
        registration,
        "offered",
        f"registration:{registration.pk}:offered:{registration.offer_expires_at.timestamp():.0f}",
        expires=expires,
    )


def send_offer_expired(registration: Registration) -> None:
    _send(registration, "offer_expired", f"registration:{registration.pk}:offer_expired")


def send_cancelled(registration: Registration, *, refund: Decimal, manual: bool, by_staff: bool) -> None:
    _send(
        registration,
        "cancelled",
        f"registration:{registration.pk}:cancelled",
        refund=refund,
        has_refund=refund > 0,
        manual_refund=manual,
        by_staff=by_staff,
        reason=registration.cancellation_reason,
    )


def send_offering_cancelled(registration: Registration, *, refund: Decimal) -> None:
    _send(
        registration,
        "offering_cancelled",
        f"registration:{registration.pk}:offering_cancelled",
        refund=refund,
        has_refund=refund > 0,
    )
