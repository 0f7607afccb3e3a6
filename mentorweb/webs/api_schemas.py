"""What goes in and out of the mentoring web's API (mentorweb/api/routers/webs.py).

Outputs show a person of the web as the "Find a mentor" page does: name, role group, position,
schools and languages; never an e-mail address, needs or anything else of the profile. A
connection is shown from the caller's side (`relation`: they mentor me, I mentor them, or peers).

No `from __future__ import annotations` here: ninja reads the annotations at import.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StringConstraints

from mentorweb.accounts.models import Language, Person, RoleGroup
from mentorweb.api.common import MAX_ID, InputSchema, Text, optional
from mentorweb.api.schemas import FilterSchema
from mentorweb.partnerships.models import Partnership, PartnershipKind
from mentorweb.programs.models import Program
from mentorweb.webs import selectors
from mentorweb.webs.models import MAX_AREAS, MAX_CAPACITY, LearningEntry, MentorOffer

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Area = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Words = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)]


class Box(StrEnum):
    """Which of my connections: the groups of the "My web" page."""

    ACTIVE = "active"
    INCOMING = "incoming"
    OUTGOING = "outgoing"
    PAST = "past"


class WebOut(Schema):
    id: int
    organization: str = Field(description="The board's slug")
    organization_name: str
    name: str
    summary: str
    meeting_topics: list[str]

    @staticmethod
    def resolve_organization(obj: Program) -> str:
        return obj.organization.slug

    @staticmethod
    def resolve_organization_name(obj: Program) -> str:
        return obj.organization.name

    @staticmethod
    def resolve_meeting_topics(obj: Program) -> list[str]:
        return [str(topic) for topic in obj.meeting_topics or []]


class PersonCardOut(Schema):
    id: int
    name: str
    role_group: str
    position: str
    schools: list[str] = Field(description="The person's schools in this board")
    languages: list[str] = Field(description="Languages of service")

    @staticmethod
    def resolve_name(obj: Person) -> str:
        return obj.full_name

    @staticmethod
    def resolve_schools(obj: Person) -> list[str]:
        return selectors.school_names(obj)

    @staticmethod
    def resolve_languages(obj: Person) -> list[str]:
        return selectors.languages_of(obj)


class OfferOut(Schema):
    id: int
    web_id: int
    person: PersonCardOut
    summary: str
    areas: list[str]
    capacity: int
    places_left: int
    is_open: bool
    updated_at: datetime

    @staticmethod
    def resolve_web_id(obj: MentorOffer) -> int:
        return obj.program_id

    @staticmethod
    def resolve_areas(obj: MentorOffer) -> list[str]:
        return [area.area for area in obj.areas.all()]


class MyOfferOut(OfferOut):
    taken: int = Field(description="People I mentor now in the web")


class OfferFilters(FilterSchema):
    q: Words | None = Field(None, description="Words found in the name, position, summary or areas (each must match)")
    area: Area | None = Field(None, description="Offers in this area (the whole name, any case)")
    role_group: RoleGroup | None = None
    school: int | None = Field(None, ge=1, le=MAX_ID, description="Offers of people of this school (its id)")
    language: Language | None = Field(None, description="A language the mentor serves in")


class OfferIn(InputSchema):
    """My offer: everything is optional when changing it; creating it needs at least one area."""

    summary: Annotated[Text, StringConstraints(max_length=500)] = optional()
    capacity: int = optional(ge=1, le=MAX_CAPACITY)
    is_open: bool = optional()
    areas: list[Area] = optional(max_length=MAX_AREAS)


class ConnectionOut(Schema):
    """A connection from the caller's side."""

    id: int
    web_id: int
    kind: str = Field(description="web (a mentor and a mentee) or peer (reciprocal)")
    status: str
    relation: str = Field(description="mentor (they mentor me), mentee (I mentor them) or peer")
    asked_by_me: bool
    waits_for_me: bool = Field(description="A request that I am asked to answer")
    other: PersonCardOut
    area: str
    purpose: str
    decline_reason: str
    ended_reason: str
    starts_on: date | None
    created_at: datetime

    @staticmethod
    def _link(obj: Partnership, context: dict[str, Any]) -> selectors.Link:
        return selectors.link_of(obj, context["request"].user.person)

    @staticmethod
    def resolve_web_id(obj: Partnership) -> int:
        return obj.program_id

    @staticmethod
    def resolve_relation(obj: Partnership, context: dict[str, Any]) -> str:
        return ConnectionOut._link(obj, context).relation

    @staticmethod
    def resolve_asked_by_me(obj: Partnership, context: dict[str, Any]) -> bool:
        return ConnectionOut._link(obj, context).asked_by_me

    @staticmethod
    def resolve_waits_for_me(obj: Partnership, context: dict[str, Any]) -> bool:
        link = ConnectionOut._link(obj, context)
        return not link.asked_by_me and obj.status == "proposed" and obj.mentor_response == "pending"

    @staticmethod
    def resolve_other(obj: Partnership, context: dict[str, Any]) -> Person:
        return ConnectionOut._link(obj, context).other


class ConnectionFilters(FilterSchema):
    box: Box | None = Field(
        None,
        description="active, incoming (requests waiting for my answer), outgoing (my requests waiting), "
        "past (declined, withdrawn, ended, completed); left out: all",
    )
    kind: PartnershipKind | None = Field(None, description="web or peer")


class ConnectionIn(InputSchema):
    to: Id = Field(description="The person asked (a person id from an offer, or anyone of the board for a peer)")
    purpose: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    area: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    peer: bool = Field(False, description="A reciprocal peer connection instead of asking for a mentor")


class RespondIn(InputSchema):
    accept: bool
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)] = Field(
        "", description="Required when declining: the person who asked reads it"
    )


class LearningOut(Schema):
    id: int
    author: str
    mine: bool
    text: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: LearningEntry) -> str:
        return obj.author.full_name

    @staticmethod
    def resolve_mine(obj: LearningEntry, context: dict[str, Any]) -> bool:
        return obj.author_id == context["request"].user.person.pk


class LearningIn(InputSchema):
    text: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class SteeringMemberOut(Schema):
    id: int
    person: PersonCardOut
    represents: str
    added_at: datetime


class SteeringMemberIn(InputSchema):
    person: Id = Field(description="A person of the board (their id)")
    represents: RoleGroup
