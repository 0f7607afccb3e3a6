"""Course progress: the access window, attendance, module completion and completing a registration.

Only registrations whose seat is confirmed take part: they attend, submit work and earn hours.
Decisions are conditional UPDATEs on the old status, so two facilitators acting at once on the
same piece of work make one decision, not two.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.programs.models import CourseModule, Offering, ProgramKind, Session
from mentorweb.registrations.hours import hours_ledgers
from mentorweb.registrations.models import (
    Attendance,
    CompletionStatus,
    ModuleCompletion,
    Registration,
    RegistrationStatus,
)

# Registrations whose seat is confirmed: the only ones that attend, submit and earn hours.
IN_COURSE = (RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED)
# A pairing program's accepted mentors and mentees attend its events (welcome webinar, training, closure day).
PAIRING_ATTENDING = (RegistrationStatus.ACCEPTED, RegistrationStatus.COMPLETED)
MAX_SUBMISSION_LENGTH = 50_000

BEFORE = "before"
OPEN = "open"
CLOSED = "closed"


def attending_statuses(offering: Offering) -> tuple[str, ...]:
    """The statuses of the registrations on an offering's attendance sheets."""
    if offering.program.kind == ProgramKind.PAIRING:
        return PAIRING_ATTENDING
    return IN_COURSE


# --- the access window ---------------------------------------------------------------------


def organization_zone(offering: Offering) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(offering.program.organization.time_zone)


def access_window(offering: Offering) -> tuple[datetime, datetime]:
    """When the offering's materials and assignment pages open and close, in the organization's zone.

    They open at the start of the day `access_opens_days_before` days before the start and close
    at the end of the day `access_closes_days_after` days after the end (seed 000: one week
    before, two weeks after). The second value is exclusive: the first moment of the day after.
    """
    program = offering.program
    zone = organization_zone(offering)
    opens_on = offering.start_date - timedelta(days=program.access_opens_days_before)
    last_day = offering.end_date + timedelta(days=program.access_closes_days_after)
    opens = datetime.combine(opens_on, time.min, tzinfo=zone)
    closes = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return opens, closes


@dataclass(frozen=True)
class AccessState:
    phase: str
    opens: datetime
    closes: datetime

    @property
    def is_open(self) -> bool:
        return self.phase == OPEN

    @property
    def first_day(self) -> date:
        return self.opens.date()

    @property
    def last_day(self) -> date:
        return (self.closes - timedelta(days=1)).date()


def access_state(offering: Offering, *, now: datetime | None = None) -> AccessState:
    opens, closes = access_window(offering)
    moment = now or timezone.now()
    phase = BEFORE if moment < opens else CLOSED if moment >= closes else OPEN
    return AccessState(phase=phase, opens=opens, closes=closes)


def _require_open(offering: Offering) -> None:
    state = access_state(offering)
    if state.phase == BEFORE:
        raise DomainError(
            _("The course materials open on %(date)s. You can submit your work from then.")
            % {"date": date_format(state.first_day, "DATE_FORMAT")},
            field="submission",
            code="access_not_open",
        )
    if state.phase == CLOSED:
        raise DomainError(
            _("The course materials closed after %(date)s. Work can no longer be submitted.")
            % {"date": date_format(state.last_day, "DATE_FORMAT")},
            field="submission",
            code="access_closed",
        )


# --- permissions -----------------------------------------------------------------------------


def _organization(offering: Offering) -> Organization:
    return offering.program.organization


def _require_perm(actor: Any, perm: str, offering: Offering, message: str) -> None:
    if not actor.has_perm(perm, _organization(offering)):
        raise DomainError(message, code="forbidden")


def _locked_registration(registration: Registration) -> Registration:
    return Registration.objects.select_for_update().get(pk=registration.pk)


# --- attendance ------------------------------------------------------------------------------


def _require_started(session: Session) -> None:
    if session.starts_at > timezone.now():
        raise DomainError(_("Attendance can be taken once the session has started."), code="session_not_started")


def attendance_mark(*, actor: Any, session: Session, registration: Registration, present: bool) -> Attendance:
    """Mark one confirmed registration present or absent at one session."""
    offering = session.offering
    _require_perm(
        actor, "progress.mark_attendance", offering, _("Only the offering's facilitators and staff take attendance.")
    )
    if registration.offering_id != session.offering_id:
        raise DomainError(_("This person is not registered in this offering."), field="registration")
    _require_started(session)
    with transaction.atomic():
        current = _locked_registration(registration)
        if current.status not in attending_statuses(offering):
            raise DomainError(_("Only confirmed registrations are marked present or absent."), field="registration")
        _apply_attendance(actor=actor, session=session, wanted={current.pk: present})
    attendance = Attendance.objects.get(session=session, registration=current)
    _try_complete_many(actor=actor, registrations=[current])
    return attendance


def attendance_record_session(*, actor: Any, session: Session, present_ids: Iterable[int]) -> int:
    """Record the whole class list of a session at once: the registrations in `present_ids` were
    present, every other confirmed registration was absent. Returns how many marks changed."""
    offering = session.offering
    _require_perm(
        actor, "progress.mark_attendance", offering, _("Only the offering's facilitators and staff take attendance.")
    )
    _require_started(session)
    present = set(present_ids)
    with transaction.atomic():
        registrations = list(
            Registration.objects.select_for_update()
            .filter(offering=offering, status__in=attending_statuses(offering))
            .order_by("pk")
        )
        known = {registration.pk for registration in registrations}
        if present - known:
            raise DomainError(
                _("Some of the people marked present are not confirmed in this offering. Reload the page."),
                field="present",
            )
        changed = _apply_attendance(actor=actor, session=session, wanted={pk: pk in present for pk in sorted(known)})
    _try_complete_many(actor=actor, registrations=registrations)
    return changed


def _apply_attendance(*, actor: Any, session: Session, wanted: dict[int, bool]) -> int:
    """Write the marks that differ from what is stored; one audit entry for the session."""
    existing = {
        attendance.registration_id: attendance
        for attendance in Attendance.objects.select_for_update().filter(session=session, registration_id__in=wanted)
    }
    new_rows, changed_rows, changes = [], [], {}
    for registration_id, present in wanted.items():
        attendance = existing.get(registration_id)
        if attendance is None:
            new_rows.append(
                Attendance(session=session, registration_id=registration_id, present=present, marked_by=actor)
            )
            changes[str(registration_id)] = [None, present]
        elif attendance.present != present:
            changes[str(registration_id)] = [attendance.present, present]
            attendance.present = present
            attendance.marked_by = actor
            changed_rows.append(attendance)
    Attendance.objects.bulk_create(new_rows)
    if changed_rows:
        now = timezone.now()
        for attendance in changed_rows:
            attendance.marked_at = now
        Attendance.objects.bulk_update(changed_rows, ["present", "marked_by", "marked_at"])
    if changes:
        audit_record(
            actor=actor,
            action="attendance.recorded",
            obj=session,
            organization=_organization(session.offering),
            changes={"present": changes},
        )
    return len(changes)


# --- module completion -----------------------------------------------------------------------


def _require_module_of(registration: Registration, module: CourseModule) -> None:
    if module.program_id != registration.offering.program_id:
        raise DomainError(_("This module is not part of the registration's program."), field="module")


def module_submit(*, actor: Any, registration: Registration, module: CourseModule, submission: str) -> ModuleCompletion:
    """The candidate hands in a module's assignment or personalized project, while the
    materials are open."""
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the candidate submits their own work."), code="forbidden")
    _require_module_of(registration, module)
    text = (submission or "").strip()
    if not text:
        raise DomainError(_("Write or paste your work before submitting it."), field="submission")
    if len(text) > MAX_SUBMISSION_LENGTH:
        raise DomainError(
            _("Keep your work under %(count)s characters, or share a link to a document.")
            % {"count": MAX_SUBMISSION_LENGTH},
            field="submission",
        )
    _require_open(registration.offering)
    with transaction.atomic():
        current = _locked_registration(registration)
        if current.status != RegistrationStatus.CONFIRMED:
            raise DomainError(_("Work can be submitted once the registration is confirmed."), field="submission")
        completion = ModuleCompletion.objects.select_for_update().filter(registration=current, module=module).first()
        now = timezone.now()
        if completion is None:
            completion = ModuleCompletion.objects.create(
                registration=current,
                module=module,
                status=CompletionStatus.SUBMITTED,
                submission=text,
                submitted_at=now,
            )
            old_status = None
        elif completion.status == CompletionStatus.ACCEPTED:
            raise DomainError(_("This module is already complete."), field="submission")
        else:
            old_status = completion.status
            completion.status = CompletionStatus.SUBMITTED
            completion.submission = text
            completion.submitted_at = now
            completion.save(update_fields=["status", "submission", "submitted_at"])
        # The work itself stays out of the trail: it is the candidate's, and it can be long.
        audit_record(
            actor=actor,
            action="module.submitted",
            obj=completion,
            organization=_organization(current.offering),
            changes={"status": [old_status, CompletionStatus.SUBMITTED]},
        )
    return completion


def module_decide(*, actor: Any, completion: ModuleCompletion, accept: bool, feedback: str) -> ModuleCompletion:
    """A facilitator accepts submitted work, or returns it with what to revise."""
    registration = completion.registration
    offering = registration.offering
    _require_perm(
        actor, "progress.decide_modules", offering, _("Only the offering's facilitators and staff decide on work.")
    )
    feedback = (feedback or "").strip()
    if not accept and not feedback:
        raise DomainError(_("Say what to revise before returning the work."), field="feedback")
    new_status = CompletionStatus.ACCEPTED if accept else CompletionStatus.RETURNED
    with transaction.atomic():
        updated = ModuleCompletion.objects.filter(pk=completion.pk, status=CompletionStatus.SUBMITTED).update(
            status=new_status, feedback=feedback, decided_by=actor, decided_at=timezone.now()
        )
        if not updated:
            raise DomainError(_("This work is no longer waiting for a decision."), code="stale")
        completion.refresh_from_db()
        audit_record(
            actor=actor,
            action="module.accepted" if accept else "module.returned",
            obj=completion,
            organization=_organization(offering),
            changes={"status": [CompletionStatus.SUBMITTED, new_status]},
        )
    if accept:
        _try_complete_many(actor=actor, registrations=[registration])
    return completion


def module_mark_complete(
    *, actor: Any, registration: Registration, module: CourseModule, feedback: str = ""
) -> ModuleCompletion:
    """A facilitator marks a module complete without submitted work (e.g. done in class)."""
    offering = registration.offering
    _require_perm(
        actor, "progress.decide_modules", offering, _("Only the offering's facilitators and staff decide on work.")
    )
    _require_module_of(registration, module)
    with transaction.atomic():
        current = _locked_registration(registration)
        if current.status != RegistrationStatus.CONFIRMED:
            raise DomainError(_("Only a confirmed registration's modules can be marked complete."), field="module")
        completion = ModuleCompletion.objects.select_for_update().filter(registration=current, module=module).first()
        now = timezone.now()
        if completion is not None and completion.status == CompletionStatus.ACCEPTED:
            raise DomainError(_("This module is already complete."), field="module")
        old_status = completion.status if completion is not None else None
        if completion is None:
            completion = ModuleCompletion.objects.create(
                registration=current,
                module=module,
                status=CompletionStatus.ACCEPTED,
                feedback=(feedback or "").strip(),
                decided_by=actor,
                decided_at=now,
            )
        else:
            completion.status = CompletionStatus.ACCEPTED
            completion.feedback = (feedback or "").strip() or completion.feedback
            completion.decided_by = actor
            completion.decided_at = now
            completion.save(update_fields=["status", "feedback", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action="module.marked_complete",
            obj=completion,
            organization=_organization(offering),
            changes={"status": [old_status, CompletionStatus.ACCEPTED]},
        )
    _try_complete_many(actor=actor, registrations=[current])
    return completion


# --- completing a registration ---------------------------------------------------------------


def registration_complete(*, actor: Any, registration: Registration) -> Registration:
    """Every module accepted and the program's hours earned: the registration is completed."""
    offering = registration.offering
    _require_perm(
        actor, "progress.decide_modules", offering, _("Only the offering's facilitators and staff complete a course.")
    )
    with transaction.atomic():
        current = _locked_registration(registration)
        # Read under the lock, so that the hours cannot change between the check and the update.
        ledger = hours_ledgers([current])[current.pk]
        if not ledger.all_accepted:
            raise DomainError(
                _("Not every module is complete yet: %(modules)s.")
                % {"modules": ", ".join(str(m.module.number) for m in ledger.modules if not m.accepted)},
                code="modules_missing",
            )
        if not ledger.hours_met:
            raise DomainError(
                _("%(earned)s of the %(required)s hours are earned.")
                % {"earned": ledger.earned, "required": ledger.required},
                code="hours_missing",
            )
        now = timezone.now()
        updated = Registration.objects.filter(pk=current.pk, status=RegistrationStatus.CONFIRMED).update(
            status=RegistrationStatus.COMPLETED, completed_at=now
        )
        if not updated:
            raise DomainError(_("Only a confirmed registration can be completed."), code="not_confirmed")
        current.refresh_from_db()
        audit_record(
            actor=actor,
            action="registration.completed",
            obj=current,
            organization=_organization(offering),
            changes={
                "status": [RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED],
                "hours": str(ledger.earned),
            },
        )
    registration.status = current.status
    registration.completed_at = current.completed_at
    return current


def _try_complete_many(*, actor: Any, registrations: list[Registration]) -> list[Registration]:
    """Complete the confirmed registrations that now meet every requirement; the others stay as they are."""
    candidates = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    if not candidates:
        return []
    ledgers = hours_ledgers(candidates)
    completed = []
    for registration in candidates:
        ledger = ledgers[registration.pk]
        if ledger.all_accepted and ledger.hours_met:
            try:
                completed.append(registration_complete(actor=actor, registration=registration))
            except DomainError:
                # Changed in between (cancelled, or completed by someone else): nothing to do.
                continue
    return completed
