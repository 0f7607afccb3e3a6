"""The e-mails of a partnership's start: proposed, declined, active. Each person gets theirs in
their own language, text and HTML; keys name the event, so a job run twice sends once.

E-mails never name the partner: what one side may see of the other is chosen by the program
(PairingRules.shared_fields) and shown on the partnership's page, behind the login.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mentorweb.accounts.models import Person
from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.models import Partnership, PartnershipKind
from mentorweb.registrations.formatting import format_date


def partnership_url(partnership: Partnership) -> str:
    """The full address of the partnership's page, for the e-mails that link to it."""
    return site_url(reverse("partnerships:detail", kwargs={"partnership_id": partnership.pk}))


def _context(partnership: Partnership, person: Person, language: str) -> dict[str, Any]:
    program = partnership.program
    organization = program.organization
    return {
        "given_name": person.given_name,
        "program_name": program.name,
        "offering_title": partnership.offering.title if partnership.offering else "",
        "organization_name": organization.name,
        "contact_email": program.contact_email or organization.contact_email,
        "role": "mentor" if person.pk == partnership.mentor_id else "mentee",
        "link": partnership_url(partnership),
        "starts_on": format_date(partnership.starts_on, language) if partnership.starts_on else "",
        "ends_on": format_date(partnership.ends_on, language) if partnership.ends_on else "",
    }


def _send(partnership: Partnership, person: Person, event: str, **extra: Any) -> None:
    language = person.preferred_language or "en"
    queue_email(
        key=f"partnership:{partnership.pk}:{event}:{person.pk}",
        to=person.user.email,
        template=f"emails/partnership_{event}",
        language=language,
        context={**_context(partnership, person, language), **extra},
    )


def send_proposed(partnership: Partnership) -> None:
    """Both people: a partnership is proposed to you, answer it."""
    for person in (partnership.mentor, partnership.mentee):
        _send(partnership, person, "proposed")


def send_declined(partnership: Partnership, *, declined_by: Person) -> None:
    """The other person, and the program's contact when it has one (with the names and the reason)."""
    other = partnership.mentee if declined_by.pk == partnership.mentor_id else partnership.mentor
    _send(partnership, other, "declined")
    program = partnership.program
    contact = program.contact_email
    # A mentoring web's connections are between the two people: staff see counts, not who declined whom.
    if contact and partnership.kind not in (PartnershipKind.WEB, PartnershipKind.PEER):
        organization = program.organization
        language = (organization.languages or ["en"])[0]
        queue_email(
            key=f"partnership:{partnership.pk}:declined:staff",
            to=contact,
            template="emails/partnership_declined_staff",
            language=language if language in ("en", "fr") else "en",
            context={
                "program_name": program.name,
                "offering_title": partnership.offering.title if partnership.offering else "",
                "organization_name": organization.name,
                "mentor_name": partnership.mentor.full_name,
                "mentee_name": partnership.mentee.full_name,
                "declined_by": declined_by.full_name,
                "reason": partnership.decline_reason,
            },
        )


def send_active(partnership: Partnership) -> None:
    """Both people: you both accepted, the partnership starts."""
    for person in (partnership.mentor, partnership.mentee):
        _send(partnership, person, "active")
