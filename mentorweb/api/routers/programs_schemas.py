"""Schemas of the programs API, and how an offering or a session is turned into an answer.

Input schemas carry the same limits as the services, so most bad input is a 422 naming the
field before any service runs; the services check again and answer 400 with the field.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from mentorweb.accounts.models import CredentialKind
from mentorweb.api.common import InputSchema, Text, optional
from mentorweb.api.schemas import FilterSchema
from mentorweb.programs import selectors
from mentorweb.programs.models import CourseModule, DeliveryMode, Offering, Program, ProgramKind, Session, SessionKind
from mentorweb.programs.policies import MAX_DAYS, tiers_of
from mentorweb.programs.schedule import SETTABLE_STATUSES
from mentorweb.programs.services import MAX_MEETING_TOPIC_LENGTH, MAX_MEETING_TOPICS
from mentorweb.programs.times import local

LongText = Annotated[Text, StringConstraints(max_length=20000)]
SlugIn = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000"), max_digits=8, decimal_places=2, allow_inf_nan=False)]
Hours = Annotated[Decimal, Field(ge=0, le=Decimal("1000"), max_digits=6, decimal_places=2, allow_inf_nan=False)]
Days = Annotated[int, Field(ge=-MAX_DAYS, le=MAX_DAYS)]
Component = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)]
# The statuses the services set; cancelling (which refunds everyone) is a registrations operation.
OfferingStatusIn = Literal["draft", "open", "closed", "completed"]
assert set(OfferingStatusIn.__args__) == set(SETTABLE_STATUSES)  # type: ignore[attr-defined]


# --- schemas ------------------------------------------------------------------------------------


class ModuleOut(Schema):
    number: int
    title: str
    components: list[str]
    synchronous_hours: Decimal
    asynchronous_hours: Decimal


class TierOut(Schema):
    min_days_before: int | None
    max_days_before: int | None
    amount: Decimal
    label: str


class HoursOut(Schema):
    synchronous: Decimal
    asynchronous: Decimal
    total: Decimal


class ProgramSummaryOut(Schema):
    id: int
    organization: str
    slug: str
    name: str
    short_name: str
    kind: str
    summary: str
    fee: Decimal
    non_refundable_fee: Decimal
    is_published: bool

    @staticmethod
    def resolve_organization(obj: Program) -> str:
        return obj.organization.slug


class ProgramOut(ProgramSummaryOut):
    description: str
    learning_components: list[str]
    required_credential_kind: str
    admission_requirements: str
    full_payment_confirms: bool
    minimum_enrolment: int
    contact_email: str
    partnership_note: str
    access_opens_days_before: int
    access_closes_days_after: int
    modules: list[ModuleOut]
    refund_tiers: list[TierOut]
    hours: HoursOut

    @staticmethod
    def resolve_modules(obj: Program) -> list[CourseModule]:
        return list(obj.modules.all())

    @staticmethod
    def resolve_refund_tiers(obj: Program) -> list[Any]:
        return tiers_of(obj)

    @staticmethod
    def resolve_hours(obj: Program) -> dict[str, Decimal]:
        hours = selectors.program_hours(obj)
        return {"synchronous": hours.synchronous, "asynchronous": hours.asynchronous, "total": hours.total}


class ProgramStaffOut(ProgramOut):
    """A program as its staff set it up; the catalogue's answer leaves out what the catalogue does not show."""

    meeting_topics: list[str] = Field(description="The standard meeting topics, offered as a checklist")

    @staticmethod
    def resolve_meeting_topics(obj: Program) -> list[str]:
        return [str(topic) for topic in obj.meeting_topics or []]


class SessionOut(Schema):
    id: int
    module: int | None
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    local_date: dt.date
    local_start: dt.time
    local_end: dt.time
    location: str
    sequence: int
    video_meeting_url: str | None = Field(None, description="Set-up (staff) answers only")


class DeadlineOut(Schema):
    module: int | None
    title: str
    due_on: dt.date


class OfferingOut(Schema):
    id: int
    program_id: int
    slug: str
    title: str
    delivery_mode: str
    status: str
    start_date: dt.date
    end_date: dt.date
    registration_opens: dt.date | None
    registration_deadline: dt.date
    deadline_extended_from: dt.date | None = Field(None, description="The original deadline, once extended")
    capacity: int
    seats_taken: int
    seats_left: int
    partner_board: str | None
    materials_open_on: dt.date
    materials_close_on: dt.date
    customization_notes: str
    video_meeting_url: str | None = Field(None, description="Set-up (staff) answers only")


class OfferingDetailOut(OfferingOut):
    sessions: list[SessionOut]
    deadlines: list[DeadlineOut]


class ModuleIn(InputSchema):
    number: int = Field(ge=1, le=99)
    title: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    components: list[Component] = Field(default_factory=list, max_length=50)
    synchronous_hours: Hours = Decimal(0)
    asynchronous_hours: Hours = Decimal(0)


class ProgramPatch(InputSchema):
    """Only the fields sent are changed; `modules`, when sent, replaces the modules (matched by number)."""

    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = optional()
    short_name: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=40)] = optional()
    slug: SlugIn = optional()
    kind: ProgramKind = optional()
    summary: Annotated[Text, StringConstraints(max_length=2000)] = optional()
    description: LongText = optional()
    learning_components: list[Component] = optional(max_length=50)
    required_credential_kind: CredentialKind | Literal[""] = optional()
    admission_requirements: Annotated[Text, StringConstraints(max_length=4000)] = optional()
    fee: Money = optional()
    non_refundable_fee: Money = optional()
    full_payment_confirms: bool = optional()
    minimum_enrolment: int = optional(ge=0, le=100_000)
    contact_email: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=254)] = optional(
        json_schema_extra={"format": "email"}
    )
    partnership_note: Annotated[Text, StringConstraints(max_length=4000)] = optional()
    access_opens_days_before: int = optional(ge=0, le=365)
    access_closes_days_after: int = optional(ge=0, le=365)
    is_published: bool = optional()
    # The services' rules need the whole list (blank items and repeats are dropped before the
    # limits apply): only its size is bounded here, and a topic breaking them is a 400 naming
    # its position, with the same message as on the page.
    meeting_topics: list[Annotated[Text, StringConstraints(max_length=1000)]] = optional(
        max_length=200,
        description=(
            "The standard meeting topics, replacing the list: blank items and repeats (ignoring case) are "
            f"dropped, then at most {MAX_MEETING_TOPICS} topics of at most {MAX_MEETING_TOPIC_LENGTH} characters each"
        ),
    )
    modules: list[ModuleIn] = optional(max_length=99)


class ProgramCreate(ProgramPatch):
    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class TierIn(InputSchema):
    min_days_before: Days | None = None
    max_days_before: Days | None = None
    amount: Money
    label: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=120)] = ""


class RefundPolicyIn(InputSchema):
    tiers: list[TierIn] = Field(max_length=20)


class OfferingPatch(InputSchema):
    title: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = optional()
    slug: SlugIn = optional()
    delivery_mode: DeliveryMode = optional()
    start_date: dt.date = optional()
    end_date: dt.date = optional()
    registration_opens: dt.date | None = None
    registration_deadline: dt.date = optional()
    capacity: int = optional(ge=1, le=100_000)
    partner_board: SlugIn | None = Field(None, description="Address name (slug) of a school board, or null")
    customization_notes: Annotated[Text, StringConstraints(max_length=4000)] = optional()
    video_meeting_url: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()
    status: OfferingStatusIn = optional()


class OfferingCreate(OfferingPatch):
    title: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    slug: SlugIn
    start_date: dt.date
    end_date: dt.date
    registration_deadline: dt.date
    capacity: int = Field(ge=1, le=100_000)


class SessionPatch(InputSchema):
    """Times are wall-clock times in the organization's time zone, without an offset."""

    date: dt.date = optional()
    start_time: dt.time = optional()
    end_time: dt.time = optional()
    module: int | None = Field(None, ge=1, le=99, description="The module's number, or null")
    kind: SessionKind = optional()
    title: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()
    video_meeting_url: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()
    location: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()


class SessionCreate(SessionPatch):
    date: dt.date
    start_time: dt.time
    end_time: dt.time


class CatalogueFilters(FilterSchema):
    organization: Annotated[Text, StringConstraints(max_length=60)] | None = Field(
        None, description="Only this organization's programs (its address name)"
    )


# --- building answers ---------------------------------------------------------------------------


def session_out(session: Session, zone: str, *, staff: bool) -> dict[str, Any]:
    start, end = local(session.starts_at, zone), local(session.ends_at, zone)
    return {
        "id": session.pk,
        "module": session.module.number if session.module else None,
        "kind": session.kind,
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "time_zone": zone,
        "local_date": start.date(),
        "local_start": start.time().replace(tzinfo=None),
        "local_end": end.time().replace(tzinfo=None),
        "location": session.location,
        "sequence": session.sequence,
        "video_meeting_url": session.video_meeting_url if staff else None,
    }


def offering_out(offering: Offering, *, staff: bool, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: getattr(offering, name)
        for name in (
            "id",
            "program_id",
            "slug",
            "title",
            "delivery_mode",
            "status",
            "start_date",
            "end_date",
            "registration_opens",
            "registration_deadline",
            "deadline_extended_from",
            "capacity",
            "seats_taken",
            "seats_left",
            "materials_open_on",
            "materials_close_on",
            "customization_notes",
        )
    }
    out["partner_board"] = offering.partner_board.slug if offering.partner_board else None
    out["video_meeting_url"] = offering.video_meeting_url if staff else None
    if detail:
        zone = offering.program.organization.time_zone
        out["sessions"] = [session_out(s, zone, staff=staff) for s in offering.sessions.all()]
        out["deadlines"] = [
            {"module": d.module.number if d.module else None, "title": d.title, "due_on": d.due_on}
            for d in offering.deadlines.all()
        ]
    return out
