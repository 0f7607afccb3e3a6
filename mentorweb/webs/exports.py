"""The steering committee's tables as CSV: the same figures as the page, counts only.

Text cells (group and school names) that a spreadsheet would run as a formula get a leading
quote, by the project's one rule (organizations.exports.csv_safe): a school's name is typed by
staff, and an export is opened in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorweb.organizations.exports import csv_safe
from mentorweb.programs.models import Program
from mentorweb.programs.times import today_in
from mentorweb.webs import coverage as selectors

TABLES = {
    "groups": gettext_lazy("Coverage by role group"),
    "schools": gettext_lazy("Coverage by school"),
    "matrix": gettext_lazy("Cross-role connections"),
    "trend": gettext_lazy("Trend by month"),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return csv_safe(value)


def _coverage_rows(rows: list[selectors.CoverageRow], first: str) -> list[list[Any]]:
    header = [
        first,
        _("People"),
        _("With a mentor"),
        _("Mentoring someone"),
        _("In a peer connection"),
        _("Covered (percent)"),
    ]
    body = [[row.label, row.people, row.with_mentor, row.mentoring, row.peer, row.covered_percent] for row in rows]
    return [header, *body]


def table_rows(program: Program, table: str) -> list[list[Any]]:
    if table == "groups":
        return _coverage_rows(selectors.group_rows(program), _("Role group"))
    if table == "schools":
        return _coverage_rows(selectors.school_rows(program), _("School"))
    if table == "matrix":
        cross = selectors.cross_role(program)
        header = [_("Mentor's group \\ mentee's group"), *(label for _key, label in cross.groups), _("Total")]
        body = [[label, *counts, total] for label, counts, total in cross.rows()]
        totals = [_("Total"), *cross.column_totals(), cross.web_total]
        return [header, *body, totals]
    if table == "trend":
        groups = selectors.group_rows(program)
        today = today_in(program.organization.time_zone)
        months = selectors.trend(program, today, sum(r.with_mentor for r in groups)).months
        header = [_("Month"), _("Connections started"), _("People with a mentor")]
        return [header, *([m.month.strftime("%Y-%m"), m.started, m.covered] for m in months)]
    raise KeyError(table)


def table_csv(program: Program, table: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in table_rows(program, table):
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()
