"""Every change to offerings, their sessions and their deadlines.

Session times are entered as a date and wall-clock times in the organization's time zone and
stored in UTC. Each change to a session raises its `sequence`, so calendar programs replace
the copy they already have (iCalendar SEQUENCE); so does a change to what a calendar shows of
it from elsewhere (the offering's title or video-meeting link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.programs import cleaning
from mentorweb.programs.models import (
    CourseModule,
    Deadline,
    DeliveryMode,
    Offering,
    OfferingStatus,
    Program,
    Session,
    SessionKind,
)
from mentorweb.programs.signals import capacity_increased, session_changed
from mentorweb.programs.times import local, to_utc

OFFERING_FIELDS = (
    "title",
    "slug",
    "delivery_mode",
    "start_date",
    "end_date",
    "registration_opens",
    "registration_deadline",
    "capacity",
    "partner_board",
    "customization_notes",
    "video_meeting_url",
    "status",
)
# Statuses set here; cancelling an offering refunds everyone, which the registrations app does.
SETTABLE_STATUSES = (OfferingStatus.DRAFT, OfferingStatus.OPEN, OfferingStatus.CLOSED, OfferingStatus.COMPLETED)
# Addresses under a program's staff page that are pages, not offerings.
RESERVED_OFFERING_SLUGS = frozenset({"edit", "modules", "refund-policy", "offerings", "new", "pairing", "questions"})
MAX_CAPACITY = 100_000
SESSION_FIELDS = ("module", "kind", "title", "date", "start_time", "end_time", "video_meeting_url", "location")
DEADLINE_FIELDS = ("module", "title", "due_on")


def require_manage(actor: Any, organization: Organization) -> None:
    if not actor.has_perm("programs.manage_programs", organization):
        raise DomainError(_("Only administrators and coordinators can set up programs."), code="forbidden")


def _refuse_unknown(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=unknown[0])


def _partner_board(value: Any, program: Program) -> Organization | None:
    if value is None:
        return None
    if not isinstance(value, Organization) or value.kind != OrganizationKind.BOARD:
        raise DomainError(_("Choose a school board."), field="partner_board")
    if value.pk == program.organization_id:
        raise DomainError(_("The partner board must be another organization."), field="partner_board")
    return value


def _clean_offering(data: Mapping[str, Any], program: Program) -> dict[str, Any]:
    _refuse_unknown(data, OFFERING_FIELDS)
    cleaners: dict[str, Any] = {
        "title": lambda v: cleaning.text(v, "title", max_length=200, required=True),
        "slug": lambda v: cleaning.slug(v, "slug", reserved=RESERVED_OFFERING_SLUGS),
        "delivery_mode": lambda v: cleaning.choice(v, "delivery_mode", DeliveryMode.values),
        "start_date": lambda v: cleaning.day(v, "start_date"),
        "end_date": lambda v: cleaning.day(v, "end_date"),
        "registration_opens": lambda v: cleaning.day(v, "registration_opens", required=False),
        "registration_deadline": lambda v: cleaning.day(v, "registration_deadline"),
        "capacity": lambda v: cleaning.integer(v, "capacity", minimum=1, maximum=MAX_CAPACITY),
        "partner_board": lambda v: _partner_board(v, program),
        "customization_notes": lambda v: cleaning.text(v, "customization_notes", max_length=4000, multiline=True),
        "video_meeting_url": lambda v: cleaning.url(v, "video_meeting_url"),
        "status": lambda v: _status(v),
    }
    return {name: cleaners[name](value) for name, value in data.items()}


def _status(value: Any) -> str:
    if value == OfferingStatus.CANCELLED:
        raise DomainError(
            _("Cancel an offering from its registrations page: everyone registered is refunded in full."),
            field="status",
        )
    return cleaning.choice(value, "status", list(SETTABLE_STATUSES))


def _check_dates(offering: Offering) -> None:
    if offering.end_date < offering.start_date:
        raise DomainError(_("The end date must be on or after the start date."), field="end_date")
    if offering.registration_deadline > offering.end_date:
        raise DomainError(
            _("The registration deadline must be on or before the end date."), field="registration_deadline"
        )
    if offering.registration_opens and offering.registration_opens > offering.registration_deadline:
        raise DomainError(_("Registration must open on or before its deadline."), field="registration_opens")
    if offering.pk is None:
        return
    zone = offering.program.organization.time_zone
    for session in offering.sessions.all():
        if not offering.start_date <= local(session.starts_at, zone).date() <= offering.end_date:
            raise DomainError(
                _("The session of %(day)s would fall outside the offering's dates: move it first.")
                % {"day": local(session.starts_at, zone).date().isoformat()},
                field="start_date",
            )
    outside = offering.deadlines.filter(Q(due_on__lt=offering.start_date) | Q(due_on__gt=offering.end_date)).first()
    if outside is not None:
        raise DomainError(
            _("The deadline “%(title)s” would fall outside the offering's dates: move it first.")
            % {"title": outside.title},
            field="end_date",
        )


def _bump_sessions(offering: Offering, only_without_link: bool = False) -> None:
    sessions = Session.objects.select_for_update().filter(offering=offering)
    if only_without_link:
        sessions = sessions.filter(video_meeting_url="")
    for session in sessions:
        session.sequence += 1
        session.save(update_fields=["sequence", "updated_at"])


def offering_create(*, actor: Any, program: Program, data: Mapping[str, Any]) -> Offering:
    require_manage(actor, program.organization)
    values = _clean_offering(data, program)
    for required in ("title", "slug", "start_date", "end_date", "registration_deadline", "capacity"):
        if required not in values:
            raise DomainError(_("This field is required."), field=required)
    offering = Offering(program=program, **values)
    _check_dates(offering)
    try:
        with transaction.atomic():
            if Offering.objects.filter(program=program, slug=offering.slug).exists():
                raise DomainError(_("Another offering of this program uses this address name."), field="slug")
            offering.save()
            audit_record(
                actor=actor,
                action="offering.created",
                obj=offering,
                organization=program.organization,
                changes=diff(offering, {}, [name for name in OFFERING_FIELDS if name != "customization_notes"]),
            )
    except IntegrityError as error:
        raise DomainError(_("Another offering of this program uses this address name."), field="slug") from error
    return offering


def offering_update(*, actor: Any, offering: Offering, data: Mapping[str, Any]) -> Offering:
    """Change an offering. The capacity never goes below the seats already taken: the row is
    locked, and the database refuses it anyway (offering_never_over_capacity)."""
    program = offering.program
    require_manage(actor, program.organization)
    if offering.status == OfferingStatus.CANCELLED:
        raise DomainError(_("This offering was cancelled and can no longer be changed."), field="status")
    values = _clean_offering(data, program)
    try:
        with transaction.atomic():
            locked = Offering.objects.select_for_update().select_related("program__organization").get(pk=offering.pk)
            if locked.status == OfferingStatus.CANCELLED:
                raise DomainError(_("This offering was cancelled and can no longer be changed."), field="status")
            fields = [name for name in OFFERING_FIELDS if name in values]
            before = snapshot(locked, fields)
            for name in fields:
                setattr(locked, name, values[name])
            changes = diff(locked, before, fields)
            if not changes:
                return locked
            if "capacity" in changes and locked.capacity < locked.seats_taken:
                raise DomainError(
                    ngettext(
                        "%(taken)s seat is already taken: the capacity cannot be less.",
                        "%(taken)s seats are already taken: the capacity cannot be less.",
                        locked.seats_taken,
                    )
                    % {"taken": locked.seats_taken},
                    field="capacity",
                )
            if "status" in changes and locked.status == OfferingStatus.DRAFT and locked.registrations.exists():
                raise DomainError(
                    _("People have registered: close registration instead of making it a draft again."),
                    field="status",
                )
            if "slug" in changes and (
                Offering.objects.filter(program=program, slug=locked.slug).exclude(pk=locked.pk).exists()
            ):
                raise DomainError(_("Another offering of this program uses this address name."), field="slug")
            if {"start_date", "end_date", "registration_deadline", "registration_opens"} & set(changes):
                _check_dates(locked)
            locked.save(update_fields=list(changes))
            if "title" in changes:
                _bump_sessions(locked)
            elif "video_meeting_url" in changes:
                _bump_sessions(locked, only_without_link=True)
            audit_record(
                actor=actor, action="offering.updated", obj=locked, organization=program.organization, changes=changes
            )
            if "capacity" in changes and locked.capacity > before["capacity"]:
                # The registrations app offers the new seats to the waitlist, once this is committed.
                old_capacity = before["capacity"]
                transaction.on_commit(
                    lambda: capacity_increased.send(
                        sender=Offering, offering=locked, old_capacity=old_capacity, new_capacity=locked.capacity
                    )
                )
    except IntegrityError as error:
        # A registration took the last seats between the check and the save.
        raise DomainError(_("More seats were just taken: reload the page."), field="capacity") from error
    return locked


# --- sessions -----------------------------------------------------------------------------------


def _module(value: Any, program: Program, field: str = "module") -> CourseModule | None:
    if value is None:
        return None
    if not isinstance(value, CourseModule) or value.program_id != program.pk:
        raise DomainError(_("Choose a module of this program."), field=field)
    return value


def _clean_session(data: Mapping[str, Any], offering: Offering) -> dict[str, Any]:
    _refuse_unknown(data, SESSION_FIELDS)
    program = offering.program
    cleaners: dict[str, Any] = {
        "module": lambda v: _module(v, program),
        "kind": lambda v: cleaning.choice(v, "kind", SessionKind.values),
        "title": lambda v: cleaning.text(v, "title", max_length=200),
        "date": lambda v: cleaning.day(v, "date"),
        "start_time": lambda v: cleaning.clock(v, "start_time"),
        "end_time": lambda v: cleaning.clock(v, "end_time"),
        "video_meeting_url": lambda v: cleaning.url(v, "video_meeting_url"),
        "location": lambda v: cleaning.text(v, "location", max_length=200),
    }
    return {name: cleaners[name](value) for name, value in data.items()}


def _place(session: Session, offering: Offering, day: dt.date, start: dt.time, end: dt.time) -> None:
    zone = offering.program.organization.time_zone
    if not offering.start_date <= day <= offering.end_date:
        raise DomainError(
            _("Choose a date from %(start)s to %(end)s, the offering's dates.")
            % {"start": offering.start_date.isoformat(), "end": offering.end_date.isoformat()},
            field="date",
        )
    if end <= start:
        raise DomainError(_("The session must end after it starts."), field="end_time")
    for field, clock in (("start_time", start), ("end_time", end)):
        try:
            instant = to_utc(day, clock, zone)
        except ValueError as error:
            raise DomainError(
                _("%(time)s does not exist on that day in %(zone)s: the clocks move forward.")
                % {"time": clock.strftime("%H:%M"), "zone": zone},
                field=field,
            ) from error
        if field == "start_time":
            session.starts_at = instant
        else:
            session.ends_at = instant


def _session_plain(session: Session) -> dict[str, Any]:
    return {
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "module": session.module_id,
        "kind": session.kind,
        "title": session.title,
        "video_meeting_url": session.video_meeting_url,
        "location": session.location,
    }


def session_create(
    *,
    actor: Any,
    offering: Offering,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    module: CourseModule | None = None,
    kind: str = SessionKind.CLASS_DAY,
    title: str = "",
    video_meeting_url: str = "",
    location: str = "",
) -> Session:
    """Schedule a session: `date`, `start_time` and `end_time` are in the organization's time zone."""
    program = offering.program
    require_manage(actor, program.organization)
    values = _clean_session(
        {
            "module": module,
            "kind": kind,
            "title": title,
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "video_meeting_url": video_meeting_url,
            "location": location,
        },
        offering,
    )
    session = Session(
        offering=offering,
        module=values["module"],
        kind=values["kind"],
        title=values["title"],
        video_meeting_url=values["video_meeting_url"],
        location=values["location"],
    )
    _place(session, offering, values["date"], values["start_time"], values["end_time"])
    with transaction.atomic():
        session.save()
        audit_record(
            actor=actor,
            action="session.created",
            obj=session,
            organization=program.organization,
            changes={name: [None, value] for name, value in _session_plain(session).items()},
        )
    return session


def session_update(*, actor: Any, session: Session, data: Mapping[str, Any]) -> Session:
    """Change a session; a date or time left out keeps its current local value."""
    offering = session.offering
    program = offering.program
    require_manage(actor, program.organization)
    values = _clean_session(data, offering)
    zone = program.organization.time_zone
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        before = _session_plain(locked)
        for name in ("module", "kind", "title", "video_meeting_url", "location"):
            if name in values:
                setattr(locked, name, values[name])
        start, end = local(locked.starts_at, zone), local(locked.ends_at, zone)
        _place(
            locked,
            offering,
            values.get("date", start.date()),
            values.get("start_time", start.time().replace(tzinfo=None)),
            values.get("end_time", end.time().replace(tzinfo=None)),
        )
        after = _session_plain(locked)
        changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
        if not changes:
            return locked
        locked.sequence += 1
        locked.save(
            update_fields=[
                "module",
                "kind",
                "title",
                "video_meeting_url",
                "location",
                "starts_at",
                "ends_at",
                "sequence",
                "updated_at",
            ]
        )
        changes["sequence"] = [locked.sequence - 1, locked.sequence]
        audit_record(
            actor=actor, action="session.updated", obj=locked, organization=program.organization, changes=changes
        )
        # Candidates are told once the change is committed (their calendars update by SEQUENCE).
        transaction.on_commit(lambda: session_changed.send(sender=Session, session=locked))
    return locked


def session_delete(*, actor: Any, session: Session) -> None:
    program = session.offering.program
    require_manage(actor, program.organization)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        # Attendance rows would go with the session (and the hours they earned): refuse instead.
        if locked.attendance.exists():
            raise DomainError(_("Attendance was taken at this session: it cannot be deleted."), field="session")
        plain = _session_plain(locked)
        audit_record(
            actor=actor,
            action="session.deleted",
            obj=locked,
            organization=program.organization,
            changes={name: [value, None] for name, value in plain.items()},
        )
        locked.delete()


# --- deadlines ----------------------------------------------------------------------------------


def _clean_deadline(data: Mapping[str, Any], offering: Offering) -> dict[str, Any]:
    _refuse_unknown(data, DEADLINE_FIELDS)
    cleaners: dict[str, Any] = {
        "module": lambda v: _module(v, offering.program),
        "title": lambda v: cleaning.text(v, "title", max_length=200, required=True),
        "due_on": lambda v: cleaning.day(v, "due_on"),
    }
    values = {name: cleaners[name](value) for name, value in data.items()}
    due = values.get("due_on")
    if due is not None and not offering.start_date <= due <= offering.end_date:
        raise DomainError(
            _("Choose a date from %(start)s to %(end)s, the offering's dates.")
            % {"start": offering.start_date.isoformat(), "end": offering.end_date.isoformat()},
            field="due_on",
        )
    return values


def deadline_create(
    *, actor: Any, offering: Offering, title: str, due_on: dt.date, module: CourseModule | None = None
) -> Deadline:
    program = offering.program
    require_manage(actor, program.organization)
    values = _clean_deadline({"title": title, "due_on": due_on, "module": module}, offering)
    deadline = Deadline(offering=offering, **values)
    with transaction.atomic():
        deadline.save()
        audit_record(
            actor=actor,
            action="deadline.created",
            obj=deadline,
            organization=program.organization,
            changes=diff(deadline, {}, DEADLINE_FIELDS),
        )
    return deadline


def deadline_update(*, actor: Any, deadline: Deadline, data: Mapping[str, Any]) -> Deadline:
    offering = deadline.offering
    require_manage(actor, offering.program.organization)
    values = _clean_deadline(data, offering)
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
        fields = [name for name in DEADLINE_FIELDS if name in values]
        before = snapshot(locked, fields)
        for name in fields:
            setattr(locked, name, values[name])
        changes = diff(locked, before, fields)
        if changes:
            locked.save(update_fields=list(changes))
            audit_record(
                actor=actor,
                action="deadline.updated",
                obj=locked,
                organization=offering.program.organization,
                changes=changes,
            )
    return locked


def deadline_delete(*, actor: Any, deadline: Deadline) -> None:
    organization = deadline.offering.program.organization
    require_manage(actor, organization)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="deadline.deleted",
            obj=deadline,
            organization=organization,
            changes={"title": [deadline.title, None], "due_on": [deadline.due_on.isoformat(), None]},
        )
        deadline.delete()
