"""Setting up pairing programs: their rules, their application questions, and extending an
offering's deadline. For the organization's administrators and coordinators, through the same
services as the pages (mentorweb.programs.pairing); another organization's program, question
or offering is a 404 for every role, and a course program has no pairing rules (404).
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from mentorweb.accounts.models import RoleGroup
from mentorweb.api.common import InputSchema, ObjectId, Slug, Text, optional, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.core.errors import NotFound
from mentorweb.organizations.models import MembershipStatus, Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs import pairing
from mentorweb.programs.models import (
    MATCH_COMPONENTS,
    SHAREABLE_FIELDS,
    ApplicationQuestion,
    ApplicationSide,
    MatchObjective,
    Offering,
    PairingRules,
    Program,
    ProgramKind,
    QuestionKind,
)

router = Router(tags=["pairing set-up"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
MANAGE = "programs.manage_programs"
# The program's id is named apart from the course set-up's {program_id}: it must be a pairing program.
PROGRAM = "/organizations/{slug}/programs/{pairing_program_id}"

OrganizationSlug = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]
Option = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("100000"), max_digits=8, decimal_places=2, allow_inf_nan=False)]
HoursAMonth = Annotated[Decimal, Field(ge=0, le=200, max_digits=5, decimal_places=2, allow_inf_nan=False)]
Weight = Annotated[Decimal, Field(ge=0, le=10, max_digits=4, decimal_places=2, allow_inf_nan=False)]
SharedField = Literal[SHAREABLE_FIELDS]  # type: ignore[valid-type]


# --- schemas ------------------------------------------------------------------------------------


class PairingRulesIn(InputSchema):
    """Only the fields sent change. Organizations are given by address name (slug), or null for
    no rule; `weights` may name some parts of the score only (the others keep their weight)."""

    mentor_membership_organization: OrganizationSlug | None = Field(None, description="Address name, or null")
    mentor_membership_statuses: list[MembershipStatus] = optional(max_length=10)
    mentor_role_groups: list[RoleGroup] = optional(max_length=20)
    mentor_min_years_in_role: int | None = Field(None, ge=0, le=pairing.MAX_YEARS)
    mentee_membership_organization: OrganizationSlug | None = Field(None, description="Address name, or null")
    mentee_membership_statuses: list[MembershipStatus] = optional(max_length=10)
    mentee_role_groups: list[RoleGroup] = optional(max_length=20)
    mentee_max_years_in_role: int | None = Field(None, ge=0, le=pairing.MAX_YEARS)
    mentee_role_change_qualifies: bool = optional()
    max_partnerships: int | None = Field(None, ge=1, le=100_000, description="Null: no limit")
    mentor_capacity_default: int = optional(ge=1, le=pairing.MAX_CAPACITY)
    mentor_capacity_max: int = optional(ge=1, le=pairing.MAX_CAPACITY)
    commitment_months: int = optional(ge=1, le=120)
    min_hours_per_month: HoursAMonth = optional()
    max_hours_per_month: HoursAMonth | None = None
    contact_every_days: int = optional(ge=1, le=365)
    commitment_text: Annotated[Text, StringConstraints(max_length=2000)] = optional()
    needs_options: list[Option] = optional(max_length=100)
    portfolio_options: list[Option] = optional(max_length=100)
    mentee_may_rank: bool = optional()
    ranking_depth: int = optional(ge=1, le=20)
    board_input: bool = optional()
    objective: MatchObjective = optional()
    weights: dict[str, Weight] = optional(description=f"Parts of the score: {', '.join(MATCH_COMPONENTS)}")
    shared_fields: list[SharedField] = optional(max_length=len(SHAREABLE_FIELDS))
    mentor_honorarium: Money = optional()
    cost_per_mentor_year: Money = optional()
    cost_share_percent: int = optional(ge=0, le=100)


class PairingRulesOut(Schema):
    program_id: int
    mentor_membership_organization: str | None
    mentor_membership_statuses: list[str]
    mentor_role_groups: list[str]
    mentor_min_years_in_role: int | None
    mentee_membership_organization: str | None
    mentee_membership_statuses: list[str]
    mentee_role_groups: list[str]
    mentee_max_years_in_role: int | None
    mentee_role_change_qualifies: bool
    max_partnerships: int | None
    mentor_capacity_default: int
    mentor_capacity_max: int
    commitment_months: int
    min_hours_per_month: Decimal
    max_hours_per_month: Decimal | None
    contact_every_days: int
    commitment_text: str
    needs_options: list[str]
    portfolio_options: list[str]
    mentee_may_rank: bool
    ranking_depth: int
    board_input: bool
    objective: str
    weights: dict[str, float]
    shared_fields: list[str]
    mentor_honorarium: Decimal
    cost_per_mentor_year: Decimal
    cost_share_percent: int
    who_may_mentor: list[str] = Field(description="The mentors' eligibility, in words")
    who_may_be_mentored: list[str] = Field(description="The mentees' eligibility, in words")
    commitment: str = Field(description="The commitment, in words")


class QuestionPatch(InputSchema):
    side: ApplicationSide = optional()
    label: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = optional()
    help_text: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)] = optional()
    kind: QuestionKind = optional()
    options: list[Option] = optional(max_length=100, description="At least two for the kinds with choices")
    required: bool = optional()


class QuestionCreate(QuestionPatch):
    side: ApplicationSide
    label: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    kind: QuestionKind


class QuestionOut(Schema):
    id: int
    side: str
    position: int
    label: str
    help_text: str
    kind: str
    options: list[str]
    required: bool


class QuestionOrderIn(InputSchema):
    order: list[Annotated[int, Field(ge=1)]] = Field(max_length=pairing.MAX_QUESTIONS)


class ExtendDeadlineIn(InputSchema):
    new_deadline: dt.date
    notify: bool = Field(False, description="E-mail the people whose applications are in progress")


class DeadlineOut(Schema):
    offering_id: int
    registration_opens: dt.date | None
    registration_deadline: dt.date
    deadline_extended_from: dt.date | None = Field(description="The original deadline, once extended")


# --- lookups ------------------------------------------------------------------------------------


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, MANAGE, organization)
    return organization


def _program(request: HttpRequest, slug: str, program_id: int) -> Program:
    organization = _organization(request, slug)
    program = (
        Program.objects.select_related("organization")
        .filter(organization=organization, pk=program_id, kind=ProgramKind.PAIRING)
        .first()
    )
    if program is None:
        raise NotFound()
    return program


def _question(request: HttpRequest, slug: str, program_id: int, question_id: int) -> ApplicationQuestion:
    program = _program(request, slug, program_id)
    question = ApplicationQuestion.objects.filter(program=program, pk=question_id).first()
    if question is None:
        raise NotFound()
    question.program = program
    return question


def _rules_out(program: Program) -> dict[str, Any]:
    rules: PairingRules = pairing.rules_of(program)
    out = {name: getattr(rules, name) for name in pairing.RULES_FIELDS}
    for name in pairing.ORGANIZATION_FIELDS:
        organization = getattr(rules, name)
        out[name] = organization.slug if organization is not None else None
    out["program_id"] = program.pk
    out["weights"] = rules.weight_map()
    out["who_may_mentor"] = pairing.describe_eligibility(rules, pairing.MENTOR)
    out["who_may_be_mentored"] = pairing.describe_eligibility(rules, pairing.MENTEE)
    out["commitment"] = pairing.describe_commitment(rules)
    return out


# --- rules --------------------------------------------------------------------------------------


@router.get(
    PROGRAM + "/pairing-rules",
    response={200: PairingRulesOut, **READ_ERRORS},
    summary="A pairing program's rules (staff)",
)
def pairing_rules_get(request: HttpRequest, slug: Slug, pairing_program_id: ObjectId) -> dict[str, Any]:
    return _rules_out(_program(request, slug, pairing_program_id))


@router.put(
    PROGRAM + "/pairing-rules",
    response={200: PairingRulesOut, **WRITE_ERRORS},
    summary="Change a pairing program's rules (staff); the fields left out keep their value",
)
def pairing_rules_put(
    request: HttpRequest, slug: Slug, pairing_program_id: ObjectId, payload: PairingRulesIn
) -> dict[str, Any]:
    program = _program(request, slug, pairing_program_id)
    data = payload.model_dump(exclude_unset=True)
    pairing.pairing_rules_update(actor=request.user, program=program, data=data)
    return _rules_out(program)


# --- questions ----------------------------------------------------------------------------------


@router.get(
    PROGRAM + "/questions",
    response={200: list[QuestionOut], **READ_ERRORS},
    summary="A pairing program's application questions, in the order asked (staff)",
)
def questions_list(request: HttpRequest, slug: Slug, pairing_program_id: ObjectId) -> list[ApplicationQuestion]:
    program = _program(request, slug, pairing_program_id)
    return list(ApplicationQuestion.objects.filter(program=program).order_by("position", "pk"))


@router.post(
    PROGRAM + "/questions",
    response={201: QuestionOut, **WRITE_ERRORS},
    summary="Add an application question at the end of the form (staff)",
)
def question_create(
    request: HttpRequest, slug: Slug, pairing_program_id: ObjectId, payload: QuestionCreate
) -> Status[ApplicationQuestion]:
    program = _program(request, slug, pairing_program_id)
    question = pairing.question_create(actor=request.user, program=program, data=payload.model_dump(exclude_unset=True))
    return Status(201, question)


@router.patch(
    PROGRAM + "/questions/{question_id}",
    response={200: QuestionOut, **WRITE_ERRORS},
    summary="Change an application question (staff); an answered one keeps its kind of answer",
)
def question_patch(
    request: HttpRequest, slug: Slug, pairing_program_id: ObjectId, question_id: ObjectId, payload: QuestionPatch
) -> ApplicationQuestion:
    question = _question(request, slug, pairing_program_id, question_id)
    return pairing.question_update(actor=request.user, question=question, data=payload.model_dump(exclude_unset=True))


@router.delete(
    PROGRAM + "/questions/{question_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete an application question nobody has answered (staff)",
)
def question_delete(
    request: HttpRequest, slug: Slug, pairing_program_id: ObjectId, question_id: ObjectId
) -> Status[None]:
    question = _question(request, slug, pairing_program_id, question_id)
    pairing.question_delete(actor=request.user, question=question)
    return Status(204, None)


@router.put(
    PROGRAM + "/question-order",
    response={200: list[QuestionOut], **WRITE_ERRORS},
    summary="Put the application questions in a new order: every question's id, once (staff)",
)
def questions_reorder(
    request: HttpRequest, slug: Slug, pairing_program_id: ObjectId, payload: QuestionOrderIn
) -> list[ApplicationQuestion]:
    program = _program(request, slug, pairing_program_id)
    return pairing.questions_reorder(actor=request.user, program=program, order=payload.order)


# --- offerings ----------------------------------------------------------------------------------


@router.post(
    "/organizations/{slug}/offerings/{offering_id}/extend-deadline",
    response={200: DeadlineOut, **WRITE_ERRORS},
    summary="Move an offering's deadline later (staff); the original deadline is kept",
)
def offering_extend_deadline(
    request: HttpRequest, slug: Slug, offering_id: ObjectId, payload: ExtendDeadlineIn
) -> dict[str, Any]:
    organization = _organization(request, slug)
    offering = (
        Offering.objects.select_related("program__organization")
        .filter(program__organization=organization, pk=offering_id)
        .first()
    )
    if offering is None:
        raise NotFound()
    extended = pairing.offering_extend_deadline(
        actor=request.user, offering=offering, new_deadline=payload.new_deadline, notify=payload.notify
    )
    return {
        "offering_id": extended.pk,
        "registration_opens": extended.registration_opens,
        "registration_deadline": extended.registration_deadline,
        "deadline_extended_from": extended.deadline_extended_from,
    }
