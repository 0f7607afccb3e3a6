"""Rows whose ids go into the programs URLs of the two permission matrices
(tests/test_permission_matrix.py and mentorweb/api/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorweb.programs.models import Offering
from mentorweb.programs.tests.factories import course_with_offering


def programs_matrix_ids(personas: Any) -> dict[str, Any]:
    """A published course of the personas' organization with an open offering, a module, a
    session and a deadline. Keys start with pg_ so they cannot clash with other apps' ids."""
    offering = course_with_offering(personas.org, slug="matrix-offering")
    return {
        "pg_program": offering.program.slug,
        "pg_offering": offering.slug,
        "pg_module": offering.program.modules.get(number=1).pk,
        "pg_session": offering.sessions.get().pk,
        "pg_deadline": offering.deadlines.get().pk,
    }


def programs_api_ids(personas: Any) -> dict[str, Any]:
    """For the API: a published program and a session of its offering, in the personas'
    organization. Offerings are reached with the registrations matrix's `offering_id`."""
    offering = course_with_offering(personas.org)
    return {"program_id": offering.program.pk, "session_id": offering.sessions.get().pk}


def session_body(ids: dict[str, Any]) -> dict[str, Any]:
    """A valid new session for the offering `offering_id`: its second day, in the morning."""
    offering = Offering.objects.get(pk=ids["offering_id"])
    return {
        "date": (offering.start_date + dt.timedelta(days=1)).isoformat(),
        "start_time": "08:30",
        "end_time": "13:00",
    }
