"""Meeting invitations: an iCalendar file (RFC 5545/5546) e-mailed to both people.

Each meeting is one event whose UID never changes; its SEQUENCE is the meeting's `sequence`,
raised at every change of date, time, length, mode or place, so a calendar replaces the event
it holds with the newer one. Scheduling and changing send METHOD:REQUEST, cancelling sends
METHOD:CANCEL. The event carries the time in the organization's zone with its VTIMEZONE, and
a link to the meeting's page rather than its agenda: the agenda is read in Mentorweb.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress

from mentorweb.accounts.models import Person
from mentorweb.core.links import site_host, site_url
from mentorweb.notifications.tasks import send_prepared_email
from mentorweb.partnerships.models import Meeting, MeetingMode, MeetingStatus, Partnership
from mentorweb.partnerships.selectors_workspace import partner_email_shared, partner_label

PRODID = "-//Mentorweb//Mentoring meetings//EN"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, and unique across Mentorweb sites."""
    host = site_host()
    return f"partnership-meeting-{meeting.pk}@{host}"


def meeting_url(meeting: Meeting) -> str:
    path = reverse("partnerships:meeting", kwargs={"partnership_id": meeting.partnership_id, "meeting_id": meeting.pk})
    return site_url(path)


def _address(person: Person) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.user.email}")
    address.params["cn"] = person.full_name
    address.params["role"] = "REQ-PARTICIPANT"
    # Replies would go to the organizer, a no-reply address: the pair answer each other.
    address.params["rsvp"] = "FALSE"
    return address


def _organizer() -> vCalAddress:
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{email or 'no-reply@mentorweb.localhost'}")
    organizer.params["cn"] = name or "Mentorweb"
    return organizer


def summary(partnership: Partnership, recipient: Person) -> str:
    return _("Mentoring meeting with %(partner)s") % {"partner": partner_label(partnership, recipient)}


def meeting_ics(meeting: Meeting, *, method: str, recipient: Person) -> str:
    """The invitation (REQUEST) or cancellation (CANCEL) of the meeting for one of the two
    people, in the active language. The partner is named, and listed as an attendee with their
    address, only as far as the program shares names and e-mail addresses."""
    partnership = meeting.partnership
    time_zone = partnership.organization.time_zone
    zone = zoneinfo.ZoneInfo(time_zone)
    starts = meeting.starts_at.astimezone(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(
        Timezone.from_tzinfo(
            zone, tzid=time_zone, first_date=date(starts.year, 1, 1), last_date=date(starts.year + 1, 1, 1)
        )
    )
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=meeting.duration_minutes))
    event.add("summary", summary(partnership, recipient))
    event.add("organizer", _organizer())
    share_email = partner_email_shared(partnership)
    for person in (partnership.mentor, partnership.mentee):
        if person.pk == recipient.pk or share_email:
            event.add("attendee", _address(person))
    url = meeting_url(meeting)
    event.add("url", url)
    event.add(
        "description",
        "\n".join(
            [str(MeetingMode(meeting.mode).label), _("The agenda and notes are in Mentorweb: %(url)s") % {"url": url}]
        ),
    )
    if meeting.location:
        event.add("location", meeting.location)
    cancelled = method == CANCEL or meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return bytes(calendar.to_ical()).decode("utf-8")


def _when(meeting: Meeting, language: str) -> dict[str, str]:
    zone = zoneinfo.ZoneInfo(meeting.partnership.organization.time_zone)
    starts = meeting.starts_at.astimezone(zone)
    ends = starts + timedelta(minutes=meeting.duration_minutes)
    return {
        "day": date_format(starts, "l j F Y" if language == "fr" else "l, F j, Y"),
        "starts": time_format(starts, "TIME_FORMAT"),
        "ends": time_format(ends, "TIME_FORMAT"),
        "time_zone": zone.key,
    }


def send_invitations(meeting: Meeting, *, method: str, changed: bool = False) -> None:
    """Queue the invitation (or cancellation) to both people, each in their language, with the
    .ics attached. The key names the sequence: each version is sent once, a new one always."""
    partnership = meeting.partnership
    kind = "cancelled" if method == CANCEL else "changed" if changed else "invitation"
    for person in (partnership.mentor, partnership.mentee):
        language = person.preferred_language
        with translation.override(language):
            context: dict[str, Any] = {
                "given_name": person.given_name,
                "other": partner_label(partnership, person),
                "mode": MeetingMode(meeting.mode).label,
                "location": meeting.location,
                "url": meeting_url(meeting),
                "site_url": settings.SITE_URL,
                "kind": kind,
                **_when(meeting, language),
            }
            subject = render_to_string("emails/partnership_meeting_subject.txt", context).strip()
            context["subject"] = subject
            text = render_to_string("emails/partnership_meeting.txt", context)
            html = render_to_string("emails/partnership_meeting.html", context)
            ics = meeting_ics(meeting, method=method, recipient=person)
        send_prepared_email.enqueue(
            key=f"partnership-meeting:{meeting.pk}:{meeting.sequence}:{method}:{person.pk}",
            to=[person.user.email],
            subject=subject,
            text=text,
            html=html,
            attachments=[
                {
                    "filename": "cancel.ics" if method == CANCEL else "invite.ics",
                    "content": ics,
                    "mimetype": f"text/calendar; method={method}",
                }
            ],
        )
