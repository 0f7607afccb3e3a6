"""The e-mail of a mentoring web request: the person asked reads who asks, why, and where to answer.
Answers (accepted, declined) use the partnership e-mails. Text and HTML, in the reader's language;
the key names the request, so a job run twice sends once."""

from __future__ import annotations

from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.emails import partnership_url
from mentorweb.partnerships.models import Partnership, PartnershipKind


def send_requested(connection: Partnership) -> None:
    asked, asking = connection.mentor, connection.mentee
    language = asked.preferred_language or "en"
    queue_email(
        key=f"web:{connection.pk}:requested",
        to=asked.user.email,
        template="emails/web_requested",
        language=language,
        context={
            "given_name": asked.given_name,
            "requester_name": asking.full_name,
            "peer": connection.kind == PartnershipKind.PEER,
            "purpose": connection.purpose,
            "area": connection.area,
            "program_name": connection.program.name,
            "organization_name": connection.program.organization.name,
            "link": partnership_url(connection),
        },
    )
