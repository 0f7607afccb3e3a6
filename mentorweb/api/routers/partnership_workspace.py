"""A partnership's workspace: the agreement and its versions, meetings, goals, and the caller's
own private notes; ending a partnership early and completing it.

The same services and rules as the pages. Only the partnership's two people reach its
workspace: anyone else, administrators included, gets a 404. Private notes are their author's
alone: another person's note id is a 404, never its text. Ending early is open to the pair and
to program staff of the partnership's organization; completing, to program staff.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictBool, StrictInt, StringConstraints, field_validator

from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Text, optional
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.organizations.selectors import membership_in
from mentorweb.partnerships import agreements, goals, lifecycle, meetings, notes
from mentorweb.partnerships import selectors_workspace as sel
from mentorweb.partnerships.models import Agreement, Goal, GoalStatus, Meeting, MeetingMode, Partnership
from mentorweb.programs.times import local

router = Router(tags=["partnership workspace"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
BASE = "/partnerships/{partnership_id}"

Channel = Literal["text", "phone", "email", "video", "messaging"]
Mode = Literal["face_to_face", "video", "phone", "email"]
Short = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=300)]
Topic = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Minutes = Annotated[StrictInt, Field(ge=1, le=720)]
Text2000 = Annotated[Text, StringConstraints(max_length=2000)]
Text4000 = Annotated[Text, StringConstraints(max_length=4000)]
Text20000 = Annotated[Text, StringConstraints(max_length=20000)]
Title = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


def _finite(value: Decimal | None) -> Decimal | None:
    if value is not None and not value.is_finite():
        raise ValueError(_("must be a number"))
    return value


# --- reading the partnership -----------------------------------------------------------------


def _partnership(request: HttpRequest, partnership_id: int) -> Partnership:
    """The caller's own partnership with a workspace; a 404 for anyone else."""
    return sel.get_workspace_partnership(request.user, partnership_id)


def _for_closing(request: HttpRequest, partnership_id: int) -> Partnership:
    """The pair's own partnership, or one of an organization the caller belongs to (the service
    then refuses anyone who is not program staff with a 403). Anyone else: 404."""
    partnership = (
        Partnership.objects.select_related("organization", "program", "mentor__user", "mentee__user")
        .filter(pk=partnership_id)
        .first()
    )
    if partnership is None:
        raise NotFound()
    if sel.role_in(request.user, partnership) or membership_in(request.user, partnership.organization) is not None:
        return partnership
    raise NotFound()


# --- schemas ---------------------------------------------------------------------------------


class AgreementOut(Schema):
    id: int
    version: int
    status: str
    informal_channels: list[str]
    informal_notes: str
    formal_planning: str
    meeting_every_days: int
    meeting_modes: list[str]
    hours_per_month: Decimal | None
    proposed_by: Literal["mentor", "mentee"] | None = Field(description="Which of the two proposed this version")
    proposed_at: dt.datetime
    mentor_acknowledged_at: dt.datetime | None
    mentee_acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_proposed_by(obj: Agreement) -> str | None:
        # By role: the partner's name is shown only where the program shares it.
        partnership = obj.partnership
        if obj.proposed_by_id is None:
            return None
        if obj.proposed_by_id == partnership.mentor.user_id:
            return "mentor"
        return "mentee" if obj.proposed_by_id == partnership.mentee.user_id else None


class AgreementIn(InputSchema):
    informal_channels: list[Channel] = Field(min_length=1, max_length=5)
    informal_notes: Text2000 = ""
    formal_planning: Text4000 = ""
    meeting_every_days: int = Field(ge=1, le=365)
    meeting_modes: list[Mode] = Field(min_length=1, max_length=4)
    hours_per_month: Decimal | None = Field(None, ge=0, le=200, max_digits=5, decimal_places=2)
    confidentiality: StrictBool = Field(description="I acknowledge that what we share stays confidential")

    _check_hours = field_validator("hours_per_month")(_finite)


class AcknowledgeIn(InputSchema):
    confidentiality: StrictBool = Field(description="I acknowledge that what we share stays confidential")


class MeetingOut(Schema):
    id: int
    status: str
    starts_at: dt.datetime
    local_date: dt.date
    local_time: dt.time
    time_zone: str
    duration_minutes: int
    mode: str
    location: str
    agenda: str
    topics: list[str]
    shared_notes: str
    next_plan: str
    sequence: int

    @staticmethod
    def resolve_local_date(obj: Meeting) -> dt.date:
        return local(obj.starts_at, obj.partnership.organization.time_zone).date()

    @staticmethod
    def resolve_local_time(obj: Meeting) -> dt.time:
        return local(obj.starts_at, obj.partnership.organization.time_zone).time().replace(tzinfo=None)

    @staticmethod
    def resolve_time_zone(obj: Meeting) -> str:
        return str(obj.partnership.organization.time_zone)


class MeetingCreate(InputSchema):
    date: dt.date = Field(description="In the organization's time zone")
    time: dt.time = Field(description="Start, in the organization's time zone")
    duration_minutes: Minutes = 60
    mode: Mode = "face_to_face"
    location: Short = ""
    agenda: Text4000 | None = Field(
        None, description="Left out: the plan for next time written at the last meeting held"
    )


class MeetingUpdate(InputSchema):
    date: dt.date = optional(description="In the organization's time zone")
    time: dt.time = optional(description="In the organization's time zone")
    duration_minutes: Minutes = optional()
    mode: Mode = optional()
    location: Short = optional()
    agenda: Text4000 = optional()


class MeetingLogIn(InputSchema):
    topics: list[Topic] = Field(default_factory=list, max_length=50, description="From the program's standard topics")
    other_topics: list[Topic] = Field(default_factory=list, max_length=20)
    shared_notes: Text20000 = ""
    next_plan: Text4000 = ""
    duration_minutes: Minutes | None = None


class GoalOut(Schema):
    id: int
    title: str
    description: str
    success_indicators: str
    next_steps: str
    progress: int
    due_on: dt.date | None
    status: str
    set_at_meeting_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


Progress = Annotated[StrictInt, Field(ge=0, le=100)]
GoalStatusIn = Literal["open", "achieved", "dropped"]


class GoalCreate(InputSchema):
    title: Title
    description: Text4000 = ""
    success_indicators: Text4000 = ""
    next_steps: Text4000 = ""
    progress: Progress = 0
    due_on: dt.date | None = None
    status: GoalStatusIn = "open"
    set_at_meeting_id: int | None = Field(None, ge=1, le=MAX_ID)


class GoalUpdate(InputSchema):
    title: Title = optional()
    description: Text4000 = optional()
    success_indicators: Text4000 = optional()
    next_steps: Text4000 = optional()
    progress: Progress = optional()
    due_on: dt.date | None = None
    status: GoalStatusIn = optional()
    set_at_meeting_id: int | None = Field(None, ge=1, le=MAX_ID)


class NoteOut(Schema):
    id: int
    text: str | None = Field(description="Null when it cannot be decrypted")
    meeting_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime


class NoteIn(InputSchema):
    text: Annotated[Text, StringConstraints(min_length=1, max_length=20000)]
    meeting_id: int | None = Field(None, ge=1, le=MAX_ID)


class EndIn(InputSchema):
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class PartnershipStateOut(Schema):
    id: int
    status: str
    ended_at: dt.datetime | None
    ended_reason: str


# --- agreements ------------------------------------------------------------------------------


@router.get(BASE + "/agreements", response={200: list[AgreementOut], **READ_ERRORS}, summary="Every agreement version")
def agreements_list(request: HttpRequest, partnership_id: ObjectId) -> list[Agreement]:
    partnership = _partnership(request, partnership_id)
    rows = list(sel.agreements_of(partnership))
    for row in rows:
        row.partnership = partnership
    return rows


@router.post(
    BASE + "/agreements",
    response={201: AgreementOut, **WRITE_ERRORS},
    summary="Propose a (new version of the) agreement; proposing acknowledges it",
)
def agreement_propose(request: HttpRequest, partnership_id: ObjectId, payload: AgreementIn) -> Status[Agreement]:
    partnership = _partnership(request, partnership_id)
    data = payload.model_dump()
    confidentiality = data.pop("confidentiality")
    agreement = agreements.agreement_propose(
        actor=request.user, partnership=partnership, data=data, confidentiality=confidentiality
    )
    return Status(201, sel.get_agreement(partnership, agreement.pk))


@router.post(
    BASE + "/agreements/{agreement_id}/acknowledge",
    response={200: AgreementOut, **WRITE_ERRORS},
    summary="Acknowledge the open version and confidentiality; with both, it is agreed",
)
def agreement_acknowledge(
    request: HttpRequest, partnership_id: ObjectId, agreement_id: ObjectId, payload: AcknowledgeIn
) -> Agreement:
    partnership = _partnership(request, partnership_id)
    agreement = sel.get_agreement(partnership, agreement_id)
    agreements.agreement_acknowledge(actor=request.user, agreement=agreement, confidentiality=payload.confidentiality)
    return sel.get_agreement(partnership, agreement_id)


# --- meetings --------------------------------------------------------------------------------


def _meeting(partnership: Partnership, meeting_id: int) -> Meeting:
    return sel.get_meeting(partnership, meeting_id)


def _chosen_meeting(partnership: Partnership, meeting_id: int | None, field: str) -> Meeting | None:
    """The meeting a goal or note is tied to (None: none); another partnership's is an error on `field`."""
    if meeting_id is None:
        return None
    meeting = Meeting.objects.filter(pk=meeting_id, partnership=partnership).first()
    if meeting is None:
        raise DomainError(_("Choose a meeting of this partnership."), field=field)
    return meeting


@router.get(BASE + "/meetings", response={200: list[MeetingOut], **READ_ERRORS}, summary="Meetings, latest first")
def meetings_list(request: HttpRequest, partnership_id: ObjectId) -> list[Meeting]:
    partnership = _partnership(request, partnership_id)
    # A bounded page: the latest 200 (the workspace's pages page through more).
    rows = list(sel.meetings_of(partnership)[:200])
    for meeting in rows:
        meeting.partnership = partnership
    return rows


@router.post(
    BASE + "/meetings",
    response={201: MeetingOut, **WRITE_ERRORS},
    summary="Schedule a meeting; both people get the invitation (.ics)",
)
def meeting_create(request: HttpRequest, partnership_id: ObjectId, payload: MeetingCreate) -> Status[Meeting]:
    partnership = _partnership(request, partnership_id)
    meeting = meetings.meeting_schedule(actor=request.user, partnership=partnership, **payload.model_dump())
    return Status(201, _meeting(partnership, meeting.pk))


@router.patch(
    BASE + "/meetings/{meeting_id}",
    response={200: MeetingOut, **WRITE_ERRORS},
    summary="Change a scheduled meeting; a change of date, time, length, mode or place re-sends the invitation",
)
def meeting_update(
    request: HttpRequest, partnership_id: ObjectId, meeting_id: ObjectId, payload: MeetingUpdate
) -> Meeting:
    partnership = _partnership(request, partnership_id)
    meeting = _meeting(partnership, meeting_id)
    data = payload.model_dump(exclude_unset=True)
    meetings.meeting_update(actor=request.user, meeting=meeting, data=data)
    return _meeting(partnership, meeting_id)


@router.post(
    BASE + "/meetings/{meeting_id}/cancel",
    response={200: MeetingOut, **WRITE_ERRORS},
    summary="Cancel a scheduled meeting; both people get the cancellation (.ics)",
)
def meeting_cancel(request: HttpRequest, partnership_id: ObjectId, meeting_id: ObjectId) -> Meeting:
    partnership = _partnership(request, partnership_id)
    meetings.meeting_cancel(actor=request.user, meeting=_meeting(partnership, meeting_id))
    return _meeting(partnership, meeting_id)


@router.post(
    BASE + "/meetings/{meeting_id}/log",
    response={200: MeetingOut, **WRITE_ERRORS},
    summary="Log a meeting as held: topics, shared notes and the plan for next time",
)
def meeting_log(request: HttpRequest, partnership_id: ObjectId, meeting_id: ObjectId, payload: MeetingLogIn) -> Meeting:
    partnership = _partnership(request, partnership_id)
    meetings.meeting_log(actor=request.user, meeting=_meeting(partnership, meeting_id), data=payload.model_dump())
    return _meeting(partnership, meeting_id)


# --- goals -----------------------------------------------------------------------------------


def _goal_data(partnership: Partnership, data: dict[str, Any]) -> dict[str, Any]:
    if "set_at_meeting_id" in data:
        data["set_at_meeting"] = _chosen_meeting(partnership, data.pop("set_at_meeting_id"), "set_at_meeting_id")
    return data


@router.get(BASE + "/goals", response={200: list[GoalOut], **READ_ERRORS}, summary="Goals")
def goals_list(request: HttpRequest, partnership_id: ObjectId) -> list[Goal]:
    return list(sel.goals_of(_partnership(request, partnership_id))[: sel.MAX_GOALS * 4])


@router.post(BASE + "/goals", response={201: GoalOut, **WRITE_ERRORS}, summary="Set a goal")
def goal_create(request: HttpRequest, partnership_id: ObjectId, payload: GoalCreate) -> Status[Goal]:
    partnership = _partnership(request, partnership_id)
    goal = goals.goal_create(
        actor=request.user, partnership=partnership, data=_goal_data(partnership, payload.model_dump())
    )
    return Status(201, sel.get_goal(partnership, goal.pk))


@router.patch(
    BASE + "/goals/{goal_id}", response={200: GoalOut, **WRITE_ERRORS}, summary="Change a goal or its progress"
)
def goal_update(request: HttpRequest, partnership_id: ObjectId, goal_id: ObjectId, payload: GoalUpdate) -> Goal:
    partnership = _partnership(request, partnership_id)
    goal = sel.get_goal(partnership, goal_id)
    data = payload.model_dump(exclude_unset=True)
    goals.goal_update(actor=request.user, goal=goal, data=_goal_data(partnership, data))
    return sel.get_goal(partnership, goal_id)


# --- private notes ---------------------------------------------------------------------------


def _note_out(request: HttpRequest, partnership: Partnership, note_id: int) -> notes.NoteView:
    return notes.note_view(request.user, sel.get_note_for_author(request.user, partnership, note_id))


@router.get(
    BASE + "/notes",
    response={200: list[NoteOut], **READ_ERRORS},
    summary="My private notes (only their author ever reads them)",
)
def notes_list(request: HttpRequest, partnership_id: ObjectId) -> list[notes.NoteView]:
    return notes.notes_for(request.user, _partnership(request, partnership_id), limit=500)


@router.post(BASE + "/notes", response={201: NoteOut, **WRITE_ERRORS}, summary="Write a private note")
def note_create(request: HttpRequest, partnership_id: ObjectId, payload: NoteIn) -> Status[notes.NoteView]:
    partnership = _partnership(request, partnership_id)
    note = notes.note_create(
        actor=request.user,
        partnership=partnership,
        text=payload.text,
        meeting=_chosen_meeting(partnership, payload.meeting_id, "meeting_id"),
    )
    return Status(201, _note_out(request, partnership, note.pk))


@router.patch(
    BASE + "/notes/{note_id}",
    response={200: NoteOut, **WRITE_ERRORS},
    summary="Change one of my private notes (anyone else's is a 404)",
)
def note_update(request: HttpRequest, partnership_id: ObjectId, note_id: ObjectId, payload: NoteIn) -> notes.NoteView:
    partnership = _partnership(request, partnership_id)
    note = sel.get_note_for_author(request.user, partnership, note_id)
    notes.note_update(
        actor=request.user,
        note=note,
        text=payload.text,
        meeting=_chosen_meeting(partnership, payload.meeting_id, "meeting_id"),
    )
    return _note_out(request, partnership, note_id)


@router.delete(
    BASE + "/notes/{note_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete one of my private notes (anyone else's is a 404)",
)
def note_delete(request: HttpRequest, partnership_id: ObjectId, note_id: ObjectId) -> Status[None]:
    partnership = _partnership(request, partnership_id)
    notes.note_delete(actor=request.user, note=sel.get_note_for_author(request.user, partnership, note_id))
    return Status(204, None)


# --- ending ----------------------------------------------------------------------------------


@router.post(
    BASE + "/end",
    response={200: PartnershipStateOut, **WRITE_ERRORS},
    summary="End a partnership early, with a reason (either person, or program staff)",
)
def partnership_end(request: HttpRequest, partnership_id: ObjectId, payload: EndIn) -> Partnership:
    partnership = _for_closing(request, partnership_id)
    return lifecycle.partnership_end(actor=request.user, partnership=partnership, reason=payload.reason)


@router.post(
    BASE + "/complete",
    response={200: PartnershipStateOut, **WRITE_ERRORS},
    summary="Mark a partnership complete (program staff)",
)
def partnership_complete(request: HttpRequest, partnership_id: ObjectId) -> Partnership:
    partnership = _for_closing(request, partnership_id)
    return lifecycle.partnership_complete(actor=request.user, partnership=partnership)


__all__ = ["GoalStatus", "MeetingMode", "router"]
