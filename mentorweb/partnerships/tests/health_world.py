"""Builders for the health and survey tests, and the rows whose ids go into the two permission
matrices (tests/test_permission_matrix.py and mentorweb/api/tests/test_permission_matrix.py).

They write rows directly: tests set up a world; the code under test goes through services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mentorweb.accounts.models import Person
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import (
    Meeting,
    MeetingMode,
    MeetingStatus,
    Partnership,
    PartnershipStatus,
    Response,
    SurveyKind,
    SurveyRequest,
)
from mentorweb.partnerships.surveys import survey_for
from mentorweb.programs.models import Offering, Program
from mentorweb.programs.times import to_utc
from tests.pairing import member_of, pairing_offering, pairing_program

SHARED_NOTE = "Shared note: the budget worry about the Grade 9 timetable"
TOPIC = "What's keeping you awake at night?"
AGENDA = "Agenda: the staffing plan for the portable classrooms"
GOAL = "Goal: build a school improvement plan with the staff"


def partnership(
    program: Program,
    *,
    offering: Offering | None = None,
    mentor: Person | None = None,
    mentee: Person | None = None,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    status: str = PartnershipStatus.ACTIVE,
    **fields: Any,
) -> Partnership:
    organization = program.organization
    return Partnership.objects.create(
        organization=organization,
        program=program,
        offering=offering,
        mentor=mentor or member_of(organization),
        mentee=mentee or member_of(organization),
        status=status,
        mentor_response=Response.ACCEPTED,
        mentee_response=Response.ACCEPTED,
        starts_on=starts_on,
        ends_on=ends_on if ends_on is not None else starts_on + dt.timedelta(days=365),
        **fields,
    )


def meeting(
    partnership: Partnership,
    day: dt.date,
    minutes: int = 60,
    *,
    status: str = MeetingStatus.HELD,
    clock: dt.time = dt.time(16, 0),
    with_content: bool = False,
) -> Meeting:
    """A meeting at `clock` on `day` in the organization's zone."""
    content: dict[str, Any] = (
        {"shared_notes": SHARED_NOTE, "topics": [TOPIC], "agenda": AGENDA, "next_plan": "Plan: entry plan review"}
        if with_content
        else {}
    )
    return Meeting.objects.create(
        partnership=partnership,
        starts_at=to_utc(day, clock, partnership.organization.time_zone),
        duration_minutes=minutes,
        mode=MeetingMode.VIDEO,
        status=status,
        **content,
    )


def survey_request(
    partnership: Partnership, person: Person, *, kind: str = SurveyKind.CHECKIN, due_on: dt.date, **fields: Any
) -> SurveyRequest:
    survey = survey_for(partnership.program, kind)
    return SurveyRequest.objects.create(survey=survey, partnership=partnership, person=person, due_on=due_on, **fields)


def world_program(organization: Organization, *, slug: str = "health-mentorship", **rules: Any) -> Program:
    return pairing_program(organization, slug=slug, **rules)


def health_matrix_ids(personas: Any) -> dict[str, Any]:
    """A pairing program of the personas' organization with an offering, an active partnership in
    which the member is the mentee, and a check-in due from the member. Keys start with hs_."""
    program = world_program(personas.org, slug="matrix-health")
    offering = pairing_offering(program, slug="matrix-health-2026")
    today = dt.date.today()
    pair = partnership(
        program, offering=offering, mentee=personas.member.person, starts_on=today - dt.timedelta(days=40)
    )
    request = survey_request(pair, personas.member.person, due_on=today - dt.timedelta(days=10))
    return {
        "hs_program": program.pk,
        "hs_offering": offering.pk,
        "hs_request": request.pk,
        "hs_question": request.survey.questions[0]["key"],
    }


def health_api_ids(personas: Any) -> dict[str, Any]:
    ids = health_matrix_ids(personas)
    return {"survey_request_id": ids["hs_request"]}
