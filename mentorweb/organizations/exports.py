"""The audit trail as CSV, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

from mentorweb.core.models import AuditEntry, AuditSource

# A spreadsheet runs a cell starting with one of these as a formula ("CSV injection").
# Tab and carriage return are on the list too: some spreadsheets skip them before reading.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def change_rows(changes: Any) -> list[tuple[str, str]]:
    """An audit entry's changes as (field, "old → new") pairs for the page."""
    if not isinstance(changes, dict):
        return [("", str(changes))] if changes else []
    rows = []
    for name, value in changes.items():
        if isinstance(value, (list, tuple)) and len(value) == 2:
            old, new = ("—" if v is None else str(v) for v in value)
            rows.append((str(name), f"{old} → {new}"))
        else:
            rows.append((str(name), str(value)))
    return rows


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def audit_csv_lines(entries: Iterable[AuditEntry], time_zone: str) -> Iterator[str]:
    """CSV lines of the entries, times in `time_zone`.

    The labels are translated now, in the request's language: the lines themselves are
    produced later, while the response streams, when that language may be gone.
    """
    header = [
        _("Time"),
        _("Actor"),
        _("Source"),
        _("Action"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Changes"),
    ]
    sources = {value: str(label) for value, label in AuditSource.choices}
    return _lines(header, sources, entries, zoneinfo.ZoneInfo(time_zone))


def _lines(
    header: list[str], sources: dict[str, str], entries: Iterable[AuditEntry], zone: zoneinfo.ZoneInfo
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for entry in entries:
        yield writer.writerow(
            [
                csv_safe(value)
                for value in (
                    entry.at.astimezone(zone).isoformat(timespec="seconds"),
                    entry.actor_label,
                    sources.get(entry.source, entry.source),
                    entry.action,
                    entry.object_type,
                    entry.object_id,
                    entry.object_label,
                    json.dumps(entry.changes, ensure_ascii=False, sort_keys=True) if entry.changes else "",
                )
            ]
        )
