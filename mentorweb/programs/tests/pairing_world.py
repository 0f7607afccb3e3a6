"""Rows whose ids go into the pairing set-up URLs of the two permission matrices
(tests/test_permission_matrix.py and mentorweb/api/tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorweb.programs.models import ApplicationQuestion, Offering, QuestionKind
from tests.pairing import pairing_offering, pairing_program


def _world(personas: Any) -> tuple[Offering, ApplicationQuestion]:
    program = pairing_program(personas.org, slug="matrix-mentorship")
    offering = pairing_offering(program, slug="matrix-2030")
    question = ApplicationQuestion.objects.create(
        program=program, side="mentee", position=1, label="What keeps you awake at night?", kind=QuestionKind.LONG_TEXT
    )
    return offering, question


def pairing_setup_matrix_ids(personas: Any) -> dict[str, Any]:
    """A pairing program of the personas' organization with an open offering and one question.
    Keys start with ps_ so they cannot clash with other apps' ids."""
    offering, question = _world(personas)
    return {"ps_program": offering.program.slug, "ps_offering": offering.slug, "ps_question": question.pk}


def pairing_setup_api_ids(personas: Any) -> dict[str, Any]:
    offering, question = _world(personas)
    return {
        "pairing_program_id": offering.program.pk,
        "pairing_offering_id": offering.pk,
        "question_id": question.pk,
    }


def extend_body(ids: dict[str, Any]) -> dict[str, Any]:
    """A valid extension of the deadline of the API matrix's offering (`offering_id`, from the
    registrations' world): a day later, and never after its end."""
    offering = Offering.objects.get(pk=ids["offering_id"])
    return {"new_deadline": (offering.registration_deadline + dt.timedelta(days=1)).isoformat(), "notify": True}
