"""What goes in and out of the API. Input schemas carry the same limits as the models, so
that bad input is refused with a 422 naming the field before any service runs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints, field_validator

from mentorweb.accounts.models import Language, RoleGroup
from mentorweb.api.common import InputSchema, Text, optional
from mentorweb.api.selectors import token_status
from mentorweb.core.models import AuditSource
from mentorweb.organizations.models import MembershipStatus, StaffRole
from mentorweb.registrations.models import Registration

Name = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Tag = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


# --- me -------------------------------------------------------------------------------------


class PersonOut(Schema):
    email: str
    given_name: str
    family_name: str
    preferred_language: str
    role_group: str
    position: str
    portfolio: str
    years_in_role: int | None
    region: str
    remote_or_isolated: bool
    languages_of_service: list[str]
    needs: list[str]
    expertise: list[str]
    bio: str
    updated_at: datetime

    @staticmethod
    def resolve_email(obj: object) -> str:
        return obj.user.email  # type: ignore[attr-defined]


class PersonPatch(InputSchema):
    """Only the fields sent are changed. A field that cannot be empty cannot be sent as null."""

    given_name: Name = optional()
    family_name: Name = optional()
    preferred_language: Language = optional()
    role_group: RoleGroup = optional()
    position: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()
    portfolio: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = optional()
    years_in_role: int | None = Field(None, ge=0, le=80)
    region: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)] = optional()
    remote_or_isolated: bool = optional()
    languages_of_service: list[Language] = optional(max_length=2)
    needs: list[Tag] = optional(max_length=30)
    expertise: list[Tag] = optional(max_length=30)
    bio: Annotated[Text, StringConstraints(max_length=1500)] = optional()

    @field_validator("languages_of_service", "needs", "expertise")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        seen: list[str] = []
        for item in value:
            if item.lower() not in (s.lower() for s in seen):
                seen.append(item)
        return seen


# --- organizations and members ---------------------------------------------------------------


class OrganizationOut(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    time_zone: str
    languages: list[str]
    province: str
    contact_email: str
    my_role: str


class PersonSummary(Schema):
    given_name: str
    family_name: str
    email: str

    @staticmethod
    def resolve_email(obj: object) -> str:
        return obj.user.email  # type: ignore[attr-defined]


class MemberOut(Schema):
    id: int
    person: PersonSummary
    role: str
    status: str
    joined_at: datetime
    deactivated_at: datetime | None
    is_active: bool


class FilterSchema(Schema):
    """Query parameters: unknown ones are ignored (a client may add its own, e.g. to defeat a cache)."""

    model_config = ConfigDict(use_enum_values=True)


class MemberFilters(FilterSchema):
    role: StaffRole | None = None
    role_group: RoleGroup | None = None
    status: MembershipStatus | None = None
    active: bool | None = Field(
        None, description="true: active members only; false: deactivated only; left out: everyone"
    )
    q: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)] | None = Field(
        None, description="Words found in the name or e-mail address (each word must match)"
    )


class MemberInvite(InputSchema):
    # Checked by the service (Django's validator); "format" tells clients and schemathesis what to send.
    email: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=3, max_length=254)] = Field(
        json_schema_extra={"format": "email"}
    )
    given_name: Name
    family_name: Name
    role: StaffRole = StaffRole.MEMBER
    status: MembershipStatus = MembershipStatus.ACTIVE


class MemberRoleChange(InputSchema):
    role: StaffRole


# --- registrations and applications ---------------------------------------------------------


class RegistrationRefsOut(Schema):
    """A registration's offering, program, organization and e-mail address, for the outputs of
    course registrations and of pairing applications (both are Registration rows)."""

    @staticmethod
    def resolve_offering(obj: Registration) -> str:
        return obj.offering.title

    @staticmethod
    def resolve_program(obj: Registration) -> str:
        return obj.offering.program.name

    @staticmethod
    def resolve_organization(obj: Registration) -> str:
        return obj.offering.program.organization.slug

    @staticmethod
    def resolve_email(obj: Registration) -> str:
        return obj.person.user.email


# --- audit ----------------------------------------------------------------------------------


class AuditEntryOut(Schema):
    id: int
    at: datetime
    actor_label: str
    source: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    changes: dict[str, object]


class AuditFilters(FilterSchema):
    action: Annotated[Text, StringConstraints(max_length=64)] | None = Field(
        None, description="Start of the action, e.g. 'membership.' or 'membership.invited'"
    )
    object_type: Annotated[Text, StringConstraints(max_length=64)] | None = Field(
        None, description="Start of the object type, e.g. 'organizations.membership'"
    )
    actor: Annotated[Text, StringConstraints(max_length=254)] | None = Field(
        None, description="Part of the actor's e-mail address"
    )
    source: AuditSource | None = None
    since: datetime | None = Field(None, description="From this time, included")
    until: datetime | None = Field(None, description="Up to this time, excluded")

    @field_validator("since", "until")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        # The database compares in UTC. An offset PostgreSQL cannot store (beyond ±15:59) or a
        # time that overflows when moved to UTC is bad input, never a server error; a time
        # without an offset is taken as UTC.
        if value is None:
            return None
        try:
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        except OverflowError:
            raise ValueError("the time is out of range") from None


# --- tokens ---------------------------------------------------------------------------------


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: Literal["active", "expired", "revoked"]

    @staticmethod
    def resolve_status(obj: object) -> str:
        return token_status(obj)  # type: ignore[arg-type]


class TokenCreate(InputSchema):
    name: Name
    expires_in_days: Literal[30, 90, 365] | None = Field(90, description="null: the token never expires")


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself. It is shown only this once: store it safely.")
