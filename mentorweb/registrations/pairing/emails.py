"""The e-mails of an application's life, in the applicant's language, text and HTML.

One template set (emails/application_status) says what changed; the key names the audit entry
of the change, so a job run twice sends once while every new change sends again.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import translation

from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.registrations.formatting import format_date
from mentorweb.registrations.models import DeclineReason, Registration, RegistrationRole, RegistrationStatus

EVENTS = ("submitted", "answered", "accepted", "declined", "info_requested", "withdrawn")


def send_status(registration: Registration, event: str, *, entry_id: int) -> None:
    """Queue the e-mail for `event` (one of EVENTS); it leaves after the transaction commits."""
    assert event in EVENTS
    person = registration.person
    language = person.preferred_language or "en"
    offering = registration.offering
    program = offering.program
    organization = program.organization
    with translation.override(language):
        role = str(RegistrationRole(registration.role).label).lower()
        status_label = str(RegistrationStatus(registration.status).label)
        reason = str(DeclineReason(registration.decline_reason).label) if registration.decline_reason else ""
    context: dict[str, Any] = {
        "event": event,
        "given_name": person.given_name,
        "role": role,
        "is_mentor": registration.role == RegistrationRole.MENTOR,
        "program_name": program.name,
        "offering_title": offering.title,
        "organization_name": organization.name,
        "contact_email": program.contact_email or organization.contact_email,
        "status_label": status_label,
        "staff_message": registration.staff_message if event in ("accepted", "declined", "info_requested") else "",
        "reason": reason,
        "deadline": format_date(offering.registration_deadline, language),
        "link": site_url(reverse("applications:detail", kwargs={"registration_id": registration.pk})),
    }
    queue_email(
        key=f"application:{registration.pk}:{event}:{entry_id}",
        to=person.user.email,
        template="emails/application_status",
        language=language,
        context=context,
    )
