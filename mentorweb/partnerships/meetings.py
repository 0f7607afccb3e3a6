"""A pair's meetings: scheduled with an invitation to both, logged as held with the program's
standard topics, shared notes and the plan for next time, changed or cancelled.

Seed 004: "At each meeting we set the plan for what we would discuss the next time": a new
meeting's agenda starts from the plan written at the last meeting held.

Dates and times are given in the organization's zone and stored in UTC. A change of date,
time, length, mode or place raises the meeting's sequence and sends the invitation again
(calendars replace the older version); cancelling sends a cancellation. Logging a meeting
keeps partnership.last_meeting_on up to date and asks the health module, when there is one,
to look again.

Staff never read what is written here: the audit trail records dates, lengths and modes, and
names the content fields that changed without their values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.meeting_calendar import CANCEL, REQUEST, send_invitations
from mentorweb.partnerships.models import Meeting, MeetingMode, MeetingStatus, Partnership
from mentorweb.partnerships.selectors_workspace import previous_plan
from mentorweb.partnerships.workspace_guards import HIDDEN, lock_active, private_diff, require_active, require_pair
from mentorweb.programs import cleaning
from mentorweb.programs.times import local, to_utc, today_in

MAX_DURATION = 12 * 60
SCHEDULE_FIELDS = ("date", "time", "duration_minutes", "mode", "location", "agenda")
LOG_FIELDS = ("topics", "other_topics", "shared_notes", "next_plan", "duration_minutes")
# What a calendar shows: a change to any of these is a new version of the invitation.
CALENDAR_FIELDS = ("starts_at", "duration_minutes", "mode", "location")
# The pair's own words: named in the audit trail, never shown there.
PRIVATE_FIELDS = frozenset({"location", "agenda", "topics", "shared_notes", "next_plan"})
MAX_OTHER_TOPICS = 20


def _refuse_unknown(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(_("This field cannot be set here: %s") % name, field=name)


def _starts_at(day: Any, clock: Any, partnership: Partnership) -> dt.datetime:
    clean_day = cleaning.day(day, "date")
    assert clean_day is not None
    clean_clock = cleaning.clock(clock, "time")
    try:
        return to_utc(clean_day, clean_clock, partnership.organization.time_zone)
    except ValueError as error:
        raise DomainError(
            _("This time does not exist on that day (the clocks move forward): choose another."), field="time"
        ) from error


def _duration(value: Any) -> int:
    return cleaning.integer(value, "duration_minutes", minimum=1, maximum=MAX_DURATION)


def _mode(value: Any) -> str:
    return cleaning.choice(value, "mode", MeetingMode.values)


def _location(value: Any) -> str:
    return cleaning.text(value, "location", max_length=300)


def _agenda(value: Any) -> str:
    return cleaning.text(value, "agenda", max_length=4000, multiline=True)


def _topics(value: Any, other: Any, partnership: Partnership, kept: list[str]) -> list[str]:
    """The checked standard topics (the program's list, or ones the meeting already had) and
    the other topics, one a line, in that order and without repeats."""
    if value is None:
        value = []
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Choose topics from the list."), field="topics")
    allowed = [str(topic) for topic in partnership.program.meeting_topics or []] + list(kept)
    topics: list[str] = []
    for topic in value:
        if topic not in allowed:
            raise DomainError(_("Choose topics from the list."), field="topics")
        if topic not in topics:
            topics.append(str(topic))
    others = cleaning.lines(other, "other_topics", max_items=MAX_OTHER_TOPICS, max_length=200)
    return topics + [topic for topic in others if topic not in topics]


def _record_last_meeting(partnership: Partnership) -> None:
    """last_meeting_on is the local date of the latest meeting held; the health module reads it."""
    latest = (
        partnership.meetings.filter(status=MeetingStatus.HELD)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    last = local(latest, partnership.organization.time_zone).date() if latest else None
    if partnership.last_meeting_on != last:
        Partnership.objects.filter(pk=partnership.pk).update(last_meeting_on=last)
        partnership.last_meeting_on = last
    _refresh_health(partnership)


def _refresh_health(partnership: Partnership) -> None:
    # The health module is written alongside this one; until it exists there is nothing to refresh.
    try:
        from mentorweb.partnerships import health  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return
    refresh = getattr(health, "refresh", None)
    if refresh is not None:
        refresh(partnership)


def _audit_values(meeting: Meeting, names: tuple[str, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(meeting, name)
        if name in PRIVATE_FIELDS:
            values[name] = [None, HIDDEN if value else value]
        elif isinstance(value, dt.datetime):
            values[name] = [None, value.isoformat()]
        else:
            values[name] = [None, value]
    return values


def _not_past(starts_at: dt.datetime) -> None:
    if starts_at <= timezone.now():
        raise DomainError(
            _("Choose a time that has not passed. To record a meeting that took place, log it instead."), field="date"
        )


def meeting_schedule(
    *,
    actor: Any,
    partnership: Partnership,
    date: dt.date,
    time: dt.time,
    duration_minutes: int = 60,
    mode: str = MeetingMode.FACE_TO_FACE,
    location: str = "",
    agenda: str | None = None,
) -> Meeting:
    """Schedule a meeting and send both people the invitation. Without an agenda, it starts
    from the plan for next time written at the last meeting held."""
    require_pair(actor, partnership)
    require_active(partnership)
    starts_at = _starts_at(date, time, partnership)
    values = {
        "duration_minutes": _duration(duration_minutes),
        "mode": _mode(mode),
        "location": _location(location),
    }
    _not_past(starts_at)
    with transaction.atomic():
        locked = lock_active(partnership)
        meeting = Meeting.objects.create(
            partnership=locked,
            starts_at=starts_at,
            agenda=_agenda(agenda) if agenda is not None else previous_plan(locked),
            created_by=actor,
            **values,
        )
        audit_record(
            actor=actor,
            action="meeting.scheduled",
            obj=meeting,
            organization=locked.organization,
            changes=_audit_values(meeting, ("starts_at", "duration_minutes", "mode", "location", "agenda")),
        )
        send_invitations(meeting, method=REQUEST)
    return meeting


def meeting_update(*, actor: Any, meeting: Meeting, data: Mapping[str, Any]) -> Meeting:
    """Change a scheduled meeting. Leaving out the date or the time keeps its current local
    value. A change a calendar shows raises the sequence and sends the invitation again."""
    partnership = meeting.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    _refuse_unknown(data, SCHEDULE_FIELDS)
    cleaners = {"duration_minutes": _duration, "mode": _mode, "location": _location, "agenda": _agenda}
    values = {name: cleaners[name](value) for name, value in data.items() if name in cleaners}
    with transaction.atomic():
        locked = lock_active(partnership)
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        current.partnership = locked
        if current.status != MeetingStatus.SCHEDULED:
            raise DomainError(_("Only a scheduled meeting can be changed: this one is %(status)s.") % _status(current))
        if "date" in data or "time" in data:
            start = local(current.starts_at, locked.organization.time_zone)
            starts_at = _starts_at(
                data.get("date", start.date()), data.get("time", start.time().replace(tzinfo=None)), locked
            )
            if starts_at != current.starts_at:
                _not_past(starts_at)
                values["starts_at"] = starts_at
        fields = [name for name in ("starts_at", *values) if name in values]
        before = {name: getattr(current, name) for name in fields}
        for name, value in values.items():
            setattr(current, name, value)
        changes = private_diff(current, before, fields, PRIVATE_FIELDS)
        if "starts_at" in changes:
            changes["starts_at"] = [before["starts_at"].isoformat(), current.starts_at.isoformat()]
        if not changes:
            return current
        resend = any(name in changes for name in CALENDAR_FIELDS)
        if resend:
            current.sequence += 1
            changes["sequence"] = [current.sequence - 1, current.sequence]
        current.save(update_fields=[*changes.keys(), "updated_at"])
        audit_record(
            actor=actor, action="meeting.updated", obj=current, organization=locked.organization, changes=changes
        )
        if resend:
            send_invitations(current, method=REQUEST, changed=True)
    return current


def meeting_cancel(*, actor: Any, meeting: Meeting) -> Meeting:
    """Cancel a scheduled meeting; both people get the cancellation for their calendars."""
    partnership = meeting.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        current.partnership = locked
        if current.status != MeetingStatus.SCHEDULED:
            raise DomainError(
                _("Only a scheduled meeting can be cancelled: this one is %(status)s.") % _status(current)
            )
        current.status = MeetingStatus.CANCELLED
        current.sequence += 1
        current.save(update_fields=["status", "sequence", "updated_at"])
        audit_record(
            actor=actor,
            action="meeting.cancelled",
            obj=current,
            organization=locked.organization,
            changes={
                "status": [MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED],
                "sequence": [current.sequence - 1, current.sequence],
            },
        )
        send_invitations(current, method=CANCEL)
    return current


def _status(meeting: Meeting) -> dict[str, str]:
    return {"status": MeetingStatus(meeting.status).label.lower()}


def _apply_log(meeting: Meeting, partnership: Partnership, data: Mapping[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, LOG_FIELDS)
    kept = list(meeting.topics or [])
    values: dict[str, Any] = {
        "topics": _topics(data.get("topics"), data.get("other_topics"), partnership, kept),
        "shared_notes": cleaning.text(data.get("shared_notes"), "shared_notes", max_length=20000, multiline=True),
        "next_plan": cleaning.text(data.get("next_plan"), "next_plan", max_length=4000, multiline=True),
    }
    if data.get("duration_minutes") is not None:
        values["duration_minutes"] = _duration(data["duration_minutes"])
    return values


def meeting_log(*, actor: Any, meeting: Meeting, data: Mapping[str, Any]) -> Meeting:
    """Record that a meeting took place: the topics covered (the program's checklist and
    others), shared notes and the plan for next time. Logging again edits the log.
    `data`: topics (list), other_topics (list or lines), shared_notes, next_plan, duration_minutes."""
    partnership = meeting.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        current.partnership = locked
        if current.status == MeetingStatus.CANCELLED:
            raise DomainError(_("A cancelled meeting cannot be logged."))
        zone = locked.organization.time_zone
        if local(current.starts_at, zone).date() > today_in(zone):
            raise DomainError(_("This meeting has not taken place yet: log it on the day or after."))
        values = _apply_log(current, locked, data)
        fields = [*values, "status"]
        before = {name: getattr(current, name) for name in fields}
        for name, value in values.items():
            setattr(current, name, value)
        current.status = MeetingStatus.HELD
        changes = private_diff(current, before, fields, PRIVATE_FIELDS)
        if not changes:
            return current
        current.save(update_fields=[*changes.keys(), "updated_at"])
        audit_record(
            actor=actor,
            action="meeting.logged" if before["status"] != MeetingStatus.HELD else "meeting.log_updated",
            obj=current,
            organization=locked.organization,
            changes=changes,
        )
        _record_last_meeting(locked)
    return current


def meeting_record(
    *,
    actor: Any,
    partnership: Partnership,
    date: dt.date,
    time: dt.time,
    duration_minutes: int,
    mode: str,
    location: str = "",
    data: Mapping[str, Any] | None = None,
) -> Meeting:
    """Log a meeting that took place without being scheduled here (a phone call, say). No
    invitation goes out: it is over."""
    require_pair(actor, partnership)
    require_active(partnership)
    starts_at = _starts_at(date, time, partnership)
    zone = partnership.organization.time_zone
    if local(starts_at, zone).date() > today_in(zone):
        raise DomainError(_("Log a meeting on the day it takes place or after; schedule a later one."), field="date")
    meeting = Meeting(
        starts_at=starts_at,
        duration_minutes=_duration(duration_minutes),
        mode=_mode(mode),
        location=_location(location),
        status=MeetingStatus.HELD,
        created_by=actor,
    )
    values = _apply_log(meeting, partnership, data or {})
    with transaction.atomic():
        locked = lock_active(partnership)
        meeting.partnership = locked
        for name, value in values.items():
            setattr(meeting, name, value)
        meeting.save()
        audit_record(
            actor=actor,
            action="meeting.recorded",
            obj=meeting,
            organization=locked.organization,
            changes=_audit_values(
                meeting, ("starts_at", "duration_minutes", "mode", "location", "topics", "shared_notes", "next_plan")
            ),
        )
        _record_last_meeting(locked)
    return meeting


def log_initial(meeting: Meeting) -> dict[str, Any]:
    """The log form's starting values: the standard topics checked, the rest as other topics."""
    standard = set(meeting.partnership.program.meeting_topics or [])
    topics = list(meeting.topics or [])
    return {
        "topics": [topic for topic in topics if topic in standard],
        "other_topics": "\n".join(topic for topic in topics if topic not in standard),
        "shared_notes": meeting.shared_notes,
        "next_plan": meeting.next_plan,
        "duration_minutes": meeting.duration_minutes,
    }
