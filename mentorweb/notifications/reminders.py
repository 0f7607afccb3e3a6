"""Session e-mails: a reminder the day before each session, and a notice when a session changes.

Both go through queue_email with a key, so a job run twice, or a change saved twice with the
same sequence number, sends each e-mail once.
"""

from __future__ import annotations

import zoneinfo
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from mentorweb.core.links import site_url
from mentorweb.notifications.calendar import session_meeting_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.programs.models import OfferingStatus, Session
from mentorweb.registrations.models import SEAT_HOLDING, Registration, RegistrationStatus

# Sessions far enough ahead to be "tomorrow" somewhere in Canada when the job runs.
LOOKAHEAD = timedelta(hours=60)


def _when(session: Session, zone: zoneinfo.ZoneInfo, language: str) -> dict[str, str]:
    """The session's day and times, written in the person's language and the organization's zone."""
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    with translation.override(language):
        return {
            "day": date_format(starts, "l j F Y" if language == "fr" else "l, F j, Y"),
            "starts": time_format(starts, "TIME_FORMAT"),
            "ends": time_format(ends, "TIME_FORMAT"),
            "time_zone": zone.key,
        }


def _context(session: Session, registration: Registration, zone: zoneinfo.ZoneInfo) -> dict[str, Any]:
    person = registration.person
    offering = session.offering
    return {
        "given_name": person.given_name,
        "offering": str(offering),
        "session_title": session.title or (str(session.module) if session.module_id else session.get_kind_display()),
        "meeting_url": session_meeting_url(session),
        "location": session.location,
        "calendar_url": site_url(reverse("calendar:ics", kwargs={"registration_id": registration.pk})),
        "registration_url": site_url(reverse("registrations:detail", kwargs={"registration_id": registration.pk})),
        **_when(session, zone, person.preferred_language),
    }


def _send(session: Session, registrations: Any, *, key: str, template: str) -> int:
    zone = zoneinfo.ZoneInfo(session.offering.program.organization.time_zone)
    sent = 0
    for registration in registrations:
        person = registration.person
        queue_email(
            key=key.format(registration=registration.pk),
            to=person.user.email,
            template=template,
            context=_context(session, registration, zone),
            language=person.preferred_language,
        )
        sent += 1
    return sent


def session_reminders_send() -> int:
    """Queue a reminder to each confirmed candidate of every session that starts tomorrow,
    "tomorrow" read in the session's organization's zone. Returns how many were queued."""
    now = timezone.now()
    sessions = (
        Session.objects.filter(starts_at__gt=now, starts_at__lt=now + LOOKAHEAD)
        .exclude(offering__status=OfferingStatus.CANCELLED)
        .select_related("offering__program__organization", "module")
        .order_by("starts_at")
    )
    queued = 0
    for session in sessions:
        zone = zoneinfo.ZoneInfo(session.offering.program.organization.time_zone)
        if session.starts_at.astimezone(zone).date() != now.astimezone(zone).date() + timedelta(days=1):
            continue
        registrations = Registration.objects.filter(
            offering_id=session.offering_id, status=RegistrationStatus.CONFIRMED
        ).select_related("person__user")
        queued += _send(
            session,
            registrations,
            key=f"session-reminder:{session.pk}:{{registration}}",
            template="emails/session_reminder",
        )
    return queued


def notify_session_changed(session: Session) -> int:
    """Tell everyone holding a seat that a session moved or changed. Call it after raising the
    session's sequence (the e-mail key includes it: one notice per change, however often called).
    The e-mails go out after the surrounding transaction commits."""
    session = Session.objects.select_related("offering__program__organization", "module").get(pk=session.pk)
    if session.ends_at <= timezone.now():
        return 0
    registrations = Registration.objects.filter(
        offering_id=session.offering_id, status__in=SEAT_HOLDING
    ).select_related("person__user")
    return _send(
        session,
        registrations,
        key=f"session-changed:{session.pk}:{session.sequence}:{{registration}}",
        template="emails/session_changed",
    )
