"""Exports: the offering's registrations as CSV and XLSX, completions for the certifying body,
and the roster as a Canvas SIS import.

Every text cell that a spreadsheet would run as a formula gets a leading quote (the same rule as
the audit export, organizations.exports.csv_safe). In XLSX that matters twice: openpyxl itself
stores a string starting with "=" as a formula.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zoneinfo
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from mentorweb.organizations.exports import csv_safe
from mentorweb.programs.models import Offering
from mentorweb.registrations.documents import certificate_number
from mentorweb.registrations.hours import hours_ledgers
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.reports.selectors import Dashboard, RegistrationRow


def _cell(value: Any) -> Any:
    """Numbers and dates stay as they are; text is made safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return value
    return csv_safe(value)


def _local(moment: datetime | None, zone: zoneinfo.ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d") if moment else ""


def registration_header() -> list[str]:
    return [
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Status"),
        _("Registered on"),
        _("Paid"),
        _("Refunded"),
        _("Sessions attended"),
        _("Synchronous hours"),
        _("Asynchronous hours"),
        _("Total hours"),
        _("Completed on"),
    ]


def registration_values(rows: Iterable[RegistrationRow], zone: zoneinfo.ZoneInfo) -> Iterator[list[Any]]:
    statuses = dict(RegistrationStatus.choices)
    for row in rows:
        registration, ledger = row.registration, row.ledger
        person = registration.person
        yield [
            _cell(value)
            for value in (
                person.family_name,
                person.given_name,
                person.user.email,
                str(statuses.get(registration.status, registration.status)),
                _local(registration.registered_at, zone),
                row.paid,
                row.refunded,
                row.sessions_attended,
                ledger.sync_earned if ledger else "",
                ledger.async_earned if ledger else "",
                ledger.earned if ledger else "",
                _local(registration.completed_at, zone),
            )
        ]


def registrations_csv(rows: list[RegistrationRow], zone: zoneinfo.ZoneInfo) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_cell(label) for label in registration_header()])
    writer.writerows(registration_values(rows, zone))
    return out.getvalue()


def dashboard_summary(dashboard: Dashboard) -> list[tuple[str, Any]]:
    offering = dashboard.offering
    return [
        (_("Offering"), str(offering)),
        (_("Capacity"), offering.capacity),
        (_("Seats taken"), offering.seats_taken),
        (_("Seats left"), offering.seats_left),
        (_("Waitlisted"), dashboard.waitlisted),
        (_("Paid in full"), dashboard.paid_in_full),
        (_("Balance owing"), dashboard.owing),
        (_("Revenue"), dashboard.revenue),
        (_("Refunded"), dashboard.refunded),
        (_("Refunds pending"), dashboard.refunds_pending),
        (_("Net revenue"), dashboard.net_revenue),
        (_("Confirmed candidates"), dashboard.in_course),
        (_("Attendance rate (%)"), "" if dashboard.attendance_rate is None else dashboard.attendance_rate),
        (_("Average hours earned"), dashboard.average_hours),
        (_("Hours required"), dashboard.hours_required),
        (_("Completed"), dashboard.completed),
    ]


def dashboard_xlsx(dashboard: Dashboard, rows: list[RegistrationRow], zone: zoneinfo.ZoneInfo) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _("Summary")[:31]
    for label, value in dashboard_summary(dashboard):
        summary.append([_cell(label), _cell(value)])
    people = workbook.create_sheet(_("Registrations")[:31])
    people.append([_cell(label) for label in registration_header()])
    for values in registration_values(rows, zone):
        people.append(values)
    sessions = workbook.create_sheet(_("Sessions")[:31])
    sessions.append([_cell(_("Starts")), _cell(_("Module")), _cell(_("Present")), _cell(_("Absent"))])
    for session in dashboard.sessions:
        sessions.append(
            [
                _cell(session.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")),
                _cell(str(session.module) if session.module_id else ""),
                session.present_count,  # type: ignore[attr-defined]
                session.absent_count,  # type: ignore[attr-defined]
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- completions for the certifying body ---------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def completions_csv_lines(registrations: Iterable[Registration], time_zone: str) -> Iterator[str]:
    """One line per completed registration. Labels are translated now, before the response streams."""
    header = [
        _("Certificate number"),
        _("Registration number (credential)"),
        _("Family name"),
        _("Given name"),
        _("E-mail"),
        _("Program"),
        _("Offering"),
        _("Start date"),
        _("End date"),
        _("Completed on"),
        _("Synchronous hours"),
        _("Asynchronous hours"),
        _("Total hours"),
    ]
    return _completion_lines(header, registrations, zoneinfo.ZoneInfo(time_zone))


def _completion_lines(
    header: list[str], registrations: Iterable[Registration], zone: zoneinfo.ZoneInfo
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([_cell(label) for label in header])
    batch: list[Registration] = []
    for registration in registrations:
        batch.append(registration)
        if len(batch) == 500:
            yield from _completion_batch(writer, batch, zone)
            batch = []
    yield from _completion_batch(writer, batch, zone)


def _completion_batch(writer: Any, batch: list[Registration], zone: zoneinfo.ZoneInfo) -> Iterator[str]:
    # Ledgers by batch: a fixed number of queries per 500 completions, whatever the total.
    ledgers = hours_ledgers(batch)
    for registration in batch:
        ledger = ledgers[registration.pk]
        offering, person = registration.offering, registration.person
        credential = registration.credential
        yield writer.writerow(
            [
                _cell(value)
                for value in (
                    certificate_number(registration),
                    credential.number if credential is not None else "",
                    person.family_name,
                    person.given_name,
                    person.user.email,
                    offering.program.name,
                    offering.title,
                    offering.start_date.isoformat(),
                    offering.end_date.isoformat(),
                    _local(registration.completed_at, zone),
                    ledger.sync_earned,
                    ledger.async_earned,
                    ledger.earned,
                )
            ]
        )


# --- Canvas SIS import ----------------------------------------------------------------------------

CANVAS_USERS = ["user_id", "login_id", "first_name", "last_name", "email", "status"]
CANVAS_COURSES = ["course_id", "short_name", "long_name", "status"]
CANVAS_SECTIONS = ["section_id", "course_id", "name", "status"]
CANVAS_ENROLLMENTS = ["course_id", "user_id", "role", "section_id", "status"]
CANVAS_ENROLLMENT_STATUS: dict[str, str] = {
    RegistrationStatus.CONFIRMED: "active",
    RegistrationStatus.COMPLETED: "completed",
    RegistrationStatus.CANCELLED: "deleted",
}


def canvas_ids(offering: Offering) -> tuple[str, str]:
    """Stable SIS ids: importing again updates the same course and section in Canvas."""
    return f"mentorweb-offering-{offering.pk}", f"mentorweb-offering-{offering.pk}-main"


def _csv_text(header: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def canvas_roster_files(offering: Offering, registrations: Iterable[Registration]) -> dict[str, str]:
    """The four CSV files of a Canvas SIS import, by file name."""
    course_id, section_id = canvas_ids(offering)
    program = offering.program
    users: dict[str, list[Any]] = {}
    enrollments: list[list[Any]] = []
    for registration in registrations:
        person = registration.person
        user_id = f"mentorweb-person-{person.pk}"
        users.setdefault(
            user_id, [user_id, person.user.email, person.given_name, person.family_name, person.user.email, "active"]
        )
        status = CANVAS_ENROLLMENT_STATUS.get(registration.status)
        if status is not None:
            enrollments.append([course_id, user_id, "student", section_id, status])
    short_name = f"{program.short_name or program.name} {offering.slug}"[:255]
    return {
        "users.csv": _csv_text(CANVAS_USERS, users.values()),
        "courses.csv": _csv_text(CANVAS_COURSES, [[course_id, short_name, str(offering), "active"]]),
        "sections.csv": _csv_text(CANVAS_SECTIONS, [[section_id, course_id, offering.title, "active"]]),
        "enrollments.csv": _csv_text(CANVAS_ENROLLMENTS, enrollments),
    }


def canvas_roster_zip(offering: Offering, registrations: Iterable[Registration]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in canvas_roster_files(offering, registrations).items():
            archive.writestr(name, text)
    return out.getvalue()
