"""The course-progress part of the demo: what happened in the MQP's Winter and Summer 2025 offerings.

It runs after the programs demo (the MQP and its offerings) and the registrations demo (the
candidates), and builds on whatever confirmed candidates those left in the two past offerings:
- every confirmed candidate attended every class day (marked by the OPC facilitator);
- modules 1 to 3 are complete for all of them;
- one candidate also finished module 4 and is completed, with a certificate; their completion
  date is set to the offering's end, when it happened in the story;
- the 2025 tax receipts of the OPC are generated.

Everything goes through the progress services, so the audit trail shows the facilitator's
work. Loading again finds every mark and decision already there and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.db.models import Q

from mentorweb.core.audit import audit_record
from mentorweb.programs.models import Offering
from mentorweb.registrations import progress
from mentorweb.registrations.models import (
    Attendance,
    CompletionStatus,
    ModuleCompletion,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.receipts import receipt_generate_for_year

ORGANIZATION = "opc"
PROGRAM_SLUG = "mqp"
PAST_OFFERINGS = ("winter-2025-online", "summer-2025-online")
FACILITATOR = "facilitator.opc@example.org"
COORDINATOR = "coordinator.opc@example.org"
# The candidate who completes, when the registrations demo gave them a seat in a past offering.
PREFERRED_GRADUATE = "candidate.opc@example.org"
RECEIPT_YEAR = 2025


def load_demo(context: Any) -> None:
    organization = context.organizations.get(ORGANIZATION)
    facilitator = context.people.get(FACILITATOR)
    if organization is None or facilitator is None:
        return
    actor = facilitator.user
    offerings = list(
        Offering.objects.filter(
            program__organization=organization, program__slug=PROGRAM_SLUG, slug__in=PAST_OFFERINGS
        ).select_related("program__organization")
    )
    for offering in offerings:
        _attendance(actor, offering, context.report)
        _modules_1_to_3(actor, offering, context.report)
    _graduate(actor, offerings, context.report)
    coordinator = context.people.get(COORDINATOR)
    run = receipt_generate_for_year(
        organization=organization, year=RECEIPT_YEAR, actor=coordinator.user if coordinator else None
    )
    context.report.created["tax receipts"] += run.created
    context.report.updated["tax receipts"] += run.corrected


def _in_course(offering: Offering) -> list[Registration]:
    return list(
        Registration.objects.filter(offering=offering, status__in=progress.IN_COURSE)
        .select_related("person__user")
        .order_by("person__user__email")
    )


def _attendance(actor: Any, offering: Offering, report: Any) -> None:
    registrations = _in_course(offering)
    ids = [r.pk for r in registrations]
    for session in offering.sessions.order_by("starts_at"):
        marked = set(
            Attendance.objects.filter(session=session, registration_id__in=ids, present=True).values_list(
                "registration_id", flat=True
            )
        )
        if marked != set(ids):
            changed = progress.attendance_record_session(actor=actor, session=session, present_ids=ids)
            report.created["attendance marks"] += changed


def _modules_1_to_3(actor: Any, offering: Offering, report: Any) -> None:
    modules = list(offering.program.modules.filter(number__lte=3).order_by("number"))
    for registration in _in_course(offering):
        _accept(actor, registration, modules, report)


def _accept(actor: Any, registration: Registration, modules: list[Any], report: Any) -> None:
    accepted = set(
        ModuleCompletion.objects.filter(registration=registration, status=CompletionStatus.ACCEPTED).values_list(
            "module_id", flat=True
        )
    )
    for module in modules:
        if module.pk in accepted or registration.status != RegistrationStatus.CONFIRMED:
            continue
        progress.module_mark_complete(actor=actor, registration=registration, module=module)
        registration.refresh_from_db(fields=["status", "completed_at"])
        report.created["completed modules"] += 1


def _graduate(actor: Any, offerings: list[Offering], report: Any) -> None:
    in_past = Registration.objects.filter(offering__in=offerings).select_related(
        "offering__program__organization", "person__user"
    )
    graduate = (
        in_past.filter(status=RegistrationStatus.COMPLETED).order_by("completed_at", "pk").first()
        or in_past.filter(status=RegistrationStatus.CONFIRMED, person__user__email=PREFERRED_GRADUATE).first()
        or in_past.filter(status=RegistrationStatus.CONFIRMED)
        .order_by("offering__start_date", "person__user__email")
        .first()
    )
    if graduate is None:
        return
    if graduate.status == RegistrationStatus.CONFIRMED:
        _accept(actor, graduate, list(graduate.offering.program.modules.order_by("number")), report)
        graduate.refresh_from_db()
    if graduate.status != RegistrationStatus.COMPLETED:
        return
    _record_missing_modules(actor, graduate, report)
    # The story: the candidate finished when the offering did, not on the day the demo was loaded.
    offering = graduate.offering
    zone = zoneinfo.ZoneInfo(offering.program.organization.time_zone)
    finished = dt.datetime.combine(offering.end_date, dt.time(17, 0), tzinfo=zone)
    updated = (
        Registration.objects.filter(pk=graduate.pk).filter(~Q(completed_at=finished)).update(completed_at=finished)
    )
    if updated:
        report.updated["completion dates"] += 1


def _record_missing_modules(actor: Any, graduate: Registration, report: Any) -> None:
    """A graduate the registrations demo made completed directly has no module decisions: record
    them, as the facilitator, so that the certificate and the ledger show the full 125 hours."""
    done = set(graduate.completions.values_list("module_id", flat=True))
    organization = graduate.offering.program.organization
    for module in graduate.offering.program.modules.order_by("number"):
        if module.pk in done:
            continue
        completion = ModuleCompletion.objects.create(
            registration=graduate,
            module=module,
            status=CompletionStatus.ACCEPTED,
            decided_by=actor,
            decided_at=graduate.completed_at,
        )
        audit_record(
            actor=actor,
            action="module.marked_complete",
            obj=completion,
            organization=organization,
            changes={"status": [None, CompletionStatus.ACCEPTED]},
        )
        report.created["completed modules"] += 1
