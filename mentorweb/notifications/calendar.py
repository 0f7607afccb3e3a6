"""Calendar files (iCalendar, RFC 5545) of a candidate's sessions, and the private subscription link.

Each session is one event whose UID never changes, so a calendar that imported it once
replaces it when it changes; its SEQUENCE is the session's `sequence`, which the programs
app raises at every change, so calendar programs take the new version over the old one.
Times are written in the organization's zone with its VTIMEZONE, so a candidate travelling
elsewhere still sees the session at the right moment.
"""

from __future__ import annotations

import secrets
import zoneinfo
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.links import site_host, site_url
from mentorweb.programs.models import Offering, OfferingStatus, Session
from mentorweb.registrations.models import SEAT_HOLDING, Registration

PRODID = "-//Mentorweb//Course sessions//EN"


def session_uid(session: Session) -> str:
    """Stable for the life of the session, and unique across Mentorweb sites."""
    return f"session-{session.pk}@{site_host()}"


def session_meeting_url(session: Session) -> str:
    return session.video_meeting_url or session.offering.video_meeting_url


def _event(session: Session, offering: Offering, zone: zoneinfo.ZoneInfo) -> Event:
    program = offering.program
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    # The moment the session was last changed: stable between downloads, new at each change.
    event.add("dtstamp", session.updated_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("last-modified", session.updated_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    title = session.title or (str(session.module) if session.module_id else session.get_kind_display())
    event.add("summary", f"{program}: {title}")
    meeting_url = session_meeting_url(session)
    description = [str(offering)]
    if meeting_url:
        event.add("url", meeting_url)
        description.append(_("Join online: %(url)s") % {"url": meeting_url})
    location = session.location or meeting_url
    if location:
        event.add("location", location)
    event.add("description", "\n".join(description))
    event.add("status", "CANCELLED" if offering.status == OfferingStatus.CANCELLED else "CONFIRMED")
    return event


def sessions_calendar(*, name: str, time_zone: str, sessions: Iterable[Session]) -> bytes:
    """A VCALENDAR of the sessions, with the VTIMEZONE of `time_zone`."""
    zone = zoneinfo.ZoneInfo(time_zone)
    sessions = list(sessions)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", time_zone)
    # The zone's rules for the years the sessions fall in, not the 68 years icalendar writes by default.
    years = [s.starts_at.astimezone(zone).year for s in sessions] or [timezone.now().year]
    calendar.add_component(
        Timezone.from_tzinfo(
            zone, tzid=time_zone, first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1)
        )
    )
    for session in sessions:
        calendar.add_component(_event(session, session.offering, zone))
    return bytes(calendar.to_ical())


def registration_calendar(registration: Registration) -> bytes:
    """The sessions of the registration's offering while it holds a seat; an empty calendar otherwise,
    so that a subscribed calendar drops the events of a cancelled registration."""
    offering = registration.offering
    organization = offering.program.organization
    sessions: list[Session] = []
    if registration.status in SEAT_HOLDING:
        sessions = list(offering.sessions.select_related("module", "offering__program").order_by("starts_at"))
    return sessions_calendar(name=str(offering), time_zone=organization.time_zone, sessions=sessions)


def feed_url(registration: Registration) -> str:
    if not registration.calendar_token:
        return ""
    path = reverse("calendar:feed", kwargs={"token": registration.calendar_token})
    return site_url(path)


def registration_for_feed(token: str) -> Registration | None:
    if not token:
        return None
    return Registration.objects.select_related("offering__program__organization").filter(calendar_token=token).first()


def calendar_token_rotate(*, actor: Any, registration: Registration) -> Registration:
    """Give the registration a new private subscription link; the old one stops working at once."""
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the candidate manages their calendar link."), code="forbidden")
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        had_link = bool(current.calendar_token)
        # 32 random bytes, 43 URL-safe characters: the link is the only key to the feed.
        current.calendar_token = secrets.token_urlsafe(32)
        current.save(update_fields=["calendar_token"])
        # Never the token itself: the trail is read by administrators.
        audit_record(
            actor=actor,
            action="registration.calendar_link_rotated" if had_link else "registration.calendar_link_created",
            obj=current,
            organization=current.offering.program.organization,
            changes={"calendar_token": ["…" if had_link else None, "…"]},
        )
    registration.calendar_token = current.calendar_token
    return registration
