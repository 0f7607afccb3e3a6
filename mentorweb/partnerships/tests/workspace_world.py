"""Builders for the workspace tests (agreements, meetings, goals, private notes, lifecycle), and
the rows whose ids go into the two permission matrices (tests/test_permission_matrix.py and
mentorweb/api/tests/test_permission_matrix.py).

They write rows directly: tests set up a world; the code under test goes through services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person
from mentorweb.organizations.models import Organization
from mentorweb.partnerships import crypto
from mentorweb.partnerships.models import (
    Agreement,
    Goal,
    Meeting,
    MeetingMode,
    MeetingStatus,
    Partnership,
    PartnershipStatus,
    PrivateNote,
    Response,
)
from mentorweb.programs.models import Program
from mentorweb.programs.times import to_utc, today_in
from mentorweb.registrations.models import Registration, RegistrationRole
from tests.pairing import application, member_of, pairing_offering, pairing_program

# Seed 004: OPSOA's topics for the first and later meetings.
OPSOA_TOPICS = [
    "Exchange of résumés",
    "Overview of the program",
    "Schedule of meetings",
    "Types of communication",
    "Expectations/outcomes",
    "Mentee strengths/needs",
    "Entry plan",
    "Current hot issues",
    "What are you proud of since our last meeting?",
    "What's keeping you awake at night?",
    "How are you staying balanced?",
]
SECRET = "Private: I worry my mentee's superintendent is undermining her"


@dataclass
class Pair:
    partnership: Partnership
    mentor: Person
    mentee: Person
    mentor_registration: Registration
    mentee_registration: Registration

    @property
    def program(self) -> Program:
        return self.partnership.program

    def refresh(self) -> Partnership:
        self.partnership.refresh_from_db()
        return self.partnership


def active_pair(
    organization: Organization,
    *,
    mentor: Person | None = None,
    mentee: Person | None = None,
    program: Program | None = None,
    slug: str = "mentorship",
    status: str = PartnershipStatus.ACTIVE,
    topics: list[str] | None = None,
    **rules: Any,
) -> Pair:
    """An active partnership of a pairing program of `organization`, from two accepted
    applications; the mentor's one place is taken."""
    if program is None:
        program = pairing_program(organization, slug=slug, **rules)
        program.meeting_topics = OPSOA_TOPICS if topics is None else topics
        program.save(update_fields=["meeting_topics"])
    offering = program.offerings.first() or pairing_offering(program)
    mentor = mentor or member_of(organization, given_name="Marguerite", family_name="Mentor")
    mentee = mentee or member_of(organization, given_name="Ezra", family_name="Mentee")
    mentor_registration = application(offering, mentor, RegistrationRole.MENTOR)
    mentee_registration = application(offering, mentee, RegistrationRole.MENTEE)
    Registration.objects.filter(pk=mentor_registration.pk).update(partnerships_taken=1)
    today = today_in(organization.time_zone)
    partnership = Partnership.objects.create(
        organization=organization,
        program=program,
        offering=offering,
        mentor=mentor,
        mentee=mentee,
        mentor_registration=mentor_registration,
        mentee_registration=mentee_registration,
        status=status,
        mentor_response=Response.ACCEPTED,
        mentee_response=Response.ACCEPTED,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=335),
    )
    return Pair(partnership, mentor, mentee, mentor_registration, mentee_registration)


def local_moment(partnership: Partnership, days: int, clock: dt.time = dt.time(10, 0)) -> dt.datetime:
    """`clock` on the day `days` from today, in the organization's zone, as a UTC instant."""
    zone = partnership.organization.time_zone
    return to_utc(today_in(zone) + dt.timedelta(days=days), clock, zone)


def meeting_row(
    partnership: Partnership, days: int, *, status: str = MeetingStatus.SCHEDULED, **fields: Any
) -> Meeting:
    return Meeting.objects.create(
        partnership=partnership,
        starts_at=local_moment(partnership, days),
        mode=fields.pop("mode", MeetingMode.VIDEO),
        status=status,
        **fields,
    )


def note_row(partnership: Partnership, author: Person, text: str = SECRET) -> PrivateNote:
    return PrivateNote.objects.create(partnership=partnership, author=author.user, ciphertext=crypto.encrypt(text))


def _world(personas: Any) -> dict[str, Any]:
    """The member is the mentee of an active partnership with a scheduled meeting yesterday (so
    it can still be changed, cancelled or logged), an open agreement proposal from the mentor, a
    goal and the member's own private note."""
    pair = active_pair(personas.org, mentee=personas.member.person, slug="workspace-matrix")
    partnership = pair.partnership
    meeting = meeting_row(partnership, -1)
    agreement = Agreement.objects.create(
        partnership=partnership,
        version=1,
        informal_channels=["email"],
        meeting_every_days=14,
        meeting_modes=["video"],
        proposed_by=pair.mentor.user,
        mentor_acknowledged_at=timezone.now(),
    )
    goal = Goal.objects.create(partnership=partnership, title="Matrix goal", created_by=pair.mentor.user)
    note = note_row(partnership, personas.member.person)
    return {"partnership": partnership, "meeting": meeting, "agreement": agreement, "goal": goal, "note": note}


def workspace_matrix_ids(personas: Any) -> dict[str, Any]:
    """Ids for the page matrix; keys start with ws_ so they cannot clash with other apps' ids."""
    rows = _world(personas)
    return {f"ws_{name}": row.pk for name, row in rows.items()}


def workspace_api_ids(personas: Any) -> dict[str, Any]:
    """Ids for the API matrix, named as the API's path parameters."""
    rows = _world(personas)
    return {f"{name}_id": row.pk for name, row in rows.items()}


def meeting_body(ids: dict[str, Any]) -> dict[str, Any]:
    """A valid new meeting for the API matrix: ten days from now, in the afternoon."""
    partnership = Partnership.objects.select_related("organization").get(pk=ids["partnership_id"])
    day = today_in(partnership.organization.time_zone) + dt.timedelta(days=10)
    return {"date": day.isoformat(), "time": "15:00", "duration_minutes": 60, "mode": "video"}
