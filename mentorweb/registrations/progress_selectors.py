"""Reads for the progress pages, scoped to what the user may see.

Staff lookups start from the user's organizations (R's `get_offering_for_staff`): another
organization's offering, session or work is a 404; a page of one's own organization that the
role does not open is a 403. Candidates only ever reach their own registrations and receipts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from mentorweb.organizations.models import Organization
from mentorweb.programs.models import CourseModule, Offering, Session
from mentorweb.registrations.hours import HoursLedger, hours_ledgers
from mentorweb.registrations.models import (
    Attendance,
    ModuleCompletion,
    Receipt,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.progress import IN_COURSE, attending_statuses
from mentorweb.registrations.selectors import get_offering_for_staff, get_registration_for_user


def get_session_for_staff(
    user: Any, slug: str, offering_id: int, session_id: int, perm: str
) -> tuple[Organization, Offering, Session]:
    organization, offering = get_offering_for_staff(user, slug, offering_id, perm)
    session = Session.objects.select_related("module").filter(pk=session_id, offering=offering).first()
    if session is None:
        raise Http404
    session.offering = offering
    return organization, offering, session


def get_completion_for_staff(offering: Offering, completion_id: int) -> ModuleCompletion:
    completion = (
        ModuleCompletion.objects.select_related("registration__person__user", "module", "decided_by")
        .filter(pk=completion_id, registration__offering=offering)
        .first()
    )
    if completion is None:
        raise Http404
    completion.registration.offering = offering
    return completion


def in_course_registrations(offering: Offering) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(offering=offering, status__in=IN_COURSE)
        .select_related("person__user")
        .order_by("person__family_name", "person__given_name", "pk")
    )


@dataclass(frozen=True)
class SheetRow:
    registration: Registration
    present: bool | None


def attendance_sheet(session: Session) -> list[SheetRow]:
    """The session's class list (a pairing offering's: its accepted mentors and mentees) with
    each person's mark (None: not taken yet), in two queries."""
    offering = session.offering
    registrations = list(
        Registration.objects.filter(offering=offering, status__in=attending_statuses(offering))
        .select_related("person__user")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    marks = dict(
        Attendance.objects.filter(session=session, registration__in=registrations).values_list(
            "registration_id", "present"
        )
    )
    return [SheetRow(registration, marks.get(registration.pk)) for registration in registrations]


def sessions_with_counts(offering: Offering) -> QuerySet[Session]:
    """The offering's sessions with how many were marked present and absent, in one query."""
    return (
        Session.objects.filter(offering=offering)
        .select_related("module")
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True)),
            absent_count=Count("attendance", filter=Q(attendance__present=False)),
        )
        .order_by("starts_at")
    )


@dataclass(frozen=True)
class ProgressRow:
    registration: Registration
    ledger: HoursLedger
    # (module, its work or None) in module order, for the table's cells.
    cells: list[tuple[CourseModule, ModuleCompletion | None]]


def progress_rows(
    offering: Offering, registrations: list[Registration], modules: list[CourseModule]
) -> list[ProgressRow]:
    """Each registration of a page with its ledger and its module work, in a fixed number of queries."""
    ledgers = hours_ledgers(registrations)
    completions: dict[int, dict[int, ModuleCompletion]] = {r.pk: {} for r in registrations}
    for completion in ModuleCompletion.objects.filter(registration__in=registrations):
        completions[completion.registration_id][completion.module_id] = completion
    return [ProgressRow(r, ledgers[r.pk], [(m, completions[r.pk].get(m.pk)) for m in modules]) for r in registrations]


def get_in_course_registration(offering: Offering, registration_id: int) -> Registration:
    registration = in_course_registrations(offering).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    registration.offering = offering
    return registration


def program_modules(offering: Offering) -> list[CourseModule]:
    return list(CourseModule.objects.filter(program_id=offering.program_id).order_by("number"))


def get_module_for_registration(registration: Registration, module_id: int) -> CourseModule:
    module = CourseModule.objects.filter(pk=module_id, program_id=registration.offering.program_id).first()
    if module is None:
        raise Http404
    return module


def completion_of(registration: Registration, module: CourseModule) -> ModuleCompletion | None:
    return ModuleCompletion.objects.filter(registration=registration, module=module).first()


def get_completed_registration_for_user(user: Any, registration_id: int) -> Registration:
    registration = get_registration_for_user(user, registration_id)
    if registration.status != RegistrationStatus.COMPLETED:
        raise Http404
    return registration


def receipts_for_user(user: Any) -> QuerySet[Receipt]:
    if not getattr(user, "is_authenticated", False):
        return Receipt.objects.none()
    return (
        Receipt.objects.filter(person__user=user).select_related("organization").order_by("-year", "organization__name")
    )


def get_receipt_for_user(user: Any, receipt_id: int) -> Receipt:
    receipt = receipts_for_user(user).select_related("person__user").filter(pk=receipt_id).first()
    if receipt is None:
        raise Http404
    return receipt


def receipt_years(organization: Organization) -> list[dict[str, Any]]:
    """Receipts issued by year for the staff page, newest first, in one query."""
    rows = Receipt.objects.filter(organization=organization).values("year").annotate(count=Count("pk"))
    return [dict(row) for row in rows.order_by("-year")]


def receipt_count(organization: Organization, year: Any) -> int:
    if not isinstance(year, int):
        return 0
    return Receipt.objects.filter(organization=organization, year=year).count()
