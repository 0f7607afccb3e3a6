"""Applications to pairing programs: the same services and rules as the pages.

An applicant reads and changes their own applications (/applications). Administrators,
coordinators and the advisory team of the program's organization review them under
/organizations/{slug}/offerings/{pairing_offering_id}/applications. A board's contacts give input on
mentors under /organizations/{board}/board-input. Another organization's offering or
application is a 404 for every role; a role that does not open it a 403.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Pagination, Slug, Text, optional, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema, RegistrationRefsOut
from mentorweb.core.errors import NotFound
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import Offering, ProgramKind
from mentorweb.registrations.models import DeclineReason, Registration, RegistrationRole, RegistrationStatus
from mentorweb.registrations.pairing import selectors, services
from mentorweb.registrations.pairing.display import SHARED_LABELS, shared_value, shared_view
from mentorweb.registrations.pairing.eligibility import eligibility_problems

router = Router(tags=["applications"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# Path parameters are named for what they hold (a pairing offering, an application), apart from
# the courses' {offering_id} and {registration_id}.
OFFERING = "/organizations/{slug}/offerings/{pairing_offering_id}/applications"
ONE = OFFERING + "/{application_id}"
BOARD = "/organizations/{slug}/board-input"

Short = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)]
Long = Annotated[Text, StringConstraints(max_length=4000)]
Message = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=4000)]
Years = Annotated[float, Field(ge=0, le=60, allow_inf_nan=False)]
Answer = bool | Annotated[Text, StringConstraints(max_length=4000)] | list[Short]


# --- output -------------------------------------------------------------------------------------


class ApplicationOut(RegistrationRefsOut):
    id: int
    offering_id: int
    offering: str
    program: str
    organization: str
    role: str
    status: str
    applicant: str
    email: str
    board: str | None = Field(None, description="Address name (slug) of the applicant's board or district")
    capacity: int | None
    partnerships_taken: int
    answers: dict[str, Any]
    submitted_at: datetime | None
    decided_at: datetime | None
    decline_reason: str
    staff_message: str

    @staticmethod
    def resolve_applicant(obj: Registration) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_board(obj: Registration) -> str | None:
        return obj.board.slug if obj.board else None


class ReviewOut(ApplicationOut):
    eligibility: list[str] = Field(
        description="The program's rules the applicant does not meet now; empty when eligible"
    )
    ranked_mentor_ids: list[int]


class MentorCardOut(Schema):
    id: int
    title: str
    fields: dict[str, str] = Field(description="Only the fields the program shares with mentees")


class PreferencesOut(Schema):
    mentor_ids: list[int] = Field(description="The mentee's ranking, most preferred first")
    board_preference: str
    ranking_depth: int
    mentors: list[MentorCardOut] = Field(description="The accepted mentors a mentee may rank")


class BoardOfferingOut(Schema):
    id: int
    title: str
    program: str
    organization: str
    board_mentees: int


class BoardMentorOut(Schema):
    mentor_id: int
    name: str
    fields: dict[str, str]
    acceptable: bool | None
    reason: str


# --- input --------------------------------------------------------------------------------------


class ApplicationFields(InputSchema):
    """The answers of an application; which ones apply depends on the side (see the README's
    contract): a field of the other side is refused, naming it."""

    needs: list[Short] = optional(max_length=50)
    expertise: list[Short] = optional(max_length=50)
    interests: Long = optional()
    portfolio: Short = optional()
    experience: dict[Short, Years] = optional(max_length=50)
    experience_summary: Long = optional()
    years_in_role: int | None = Field(None, ge=0, le=60)
    role_change: bool = optional()
    region: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)] = optional()
    remote: bool = optional()
    remote_experience: bool = optional()
    languages: list[Literal["en", "fr"]] = optional(max_length=2)
    availability: list[Annotated[Text, StringConstraints(max_length=20)]] = optional(max_length=20)
    board: Annotated[Text, StringConstraints(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")] | None = Field(
        None, description="Address name (slug) of your school board or district"
    )
    board_preference: Literal["same", "different", ""] = optional()
    capacity: int = optional(ge=1, le=100)
    questions: dict[Annotated[Text, StringConstraints(max_length=20)], Answer | None] = optional(max_length=100)


class ApplicationCreate(ApplicationFields):
    offering_id: int = Field(ge=1, le=MAX_ID)
    role: Literal["mentor", "mentee"]


class DecisionIn(InputSchema):
    message: Message = ""


class DeclineIn(InputSchema):
    reason: DeclineReason
    message: Message = ""


class RequestInfoIn(InputSchema):
    message: Message


class PreferencesIn(InputSchema):
    mentor_ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(max_length=20)
    board_preference: Literal["same", "different", ""] | None = None


class BoardInputIn(InputSchema):
    acceptable: bool | None = Field(description="true: acceptable; false: not (a veto, with a reason); null: no answer")
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)] = ""


class ApplicationFilters(FilterSchema):
    role: Literal["mentor", "mentee"] | None = None
    status: RegistrationStatus | None = None
    board: Annotated[str, StringConstraints(max_length=60)] | None = Field(None, description="Board's address name")
    region: Annotated[Text, StringConstraints(max_length=100)] | None = None


def _data(payload: ApplicationFields) -> dict[str, Any]:
    # Only the fields sent: an update changes those and keeps the rest.
    return payload.model_dump(exclude_unset=True, exclude={"offering_id", "role"})


def _review_out(registration: Registration) -> Registration:
    """The application with what reviewers also read: its eligibility now and the mentee's ranking."""
    registration.eligibility = eligibility_problems(  # type: ignore[attr-defined]
        registration.person, registration.offering.program, registration.role, answers=registration.answers
    )
    registration.ranked_mentor_ids = [p.mentor_id for p in selectors.preferences_of(registration)]  # type: ignore[attr-defined]
    return registration


# --- the applicant's own --------------------------------------------------------------------------


@router.get("/applications", response=list[ApplicationOut], summary="My applications to pairing programs")
@paginate(Pagination)
def applications_mine(request: HttpRequest) -> QuerySet[Registration]:
    return selectors.applications_for_user(request.user)


@router.post(
    "/applications",
    response={201: ApplicationOut, **WRITE_ERRORS},
    summary="Apply to a pairing offering as a mentor or a mentee",
)
def application_create(request: HttpRequest, payload: ApplicationCreate) -> Status[Registration]:
    offering = selectors.get_pairing_offering(payload.offering_id)
    registration = services.application_submit(
        actor=request.user, offering=offering, role=payload.role, data=_data(payload)
    )
    return Status(201, selectors.get_application_for_user(request.user, registration.pk))


@router.get(
    "/applications/{application_id}", response={200: ApplicationOut, **READ_ERRORS}, summary="One of my applications"
)
def application_get(request: HttpRequest, application_id: ObjectId) -> Registration:
    return selectors.get_application_for_user(request.user, application_id)


@router.patch(
    "/applications/{application_id}",
    response={200: ApplicationOut, **WRITE_ERRORS},
    summary="Change my application (the fields sent); answering a request for information sends it back for review",
)
def application_update(request: HttpRequest, application_id: ObjectId, payload: ApplicationFields) -> Registration:
    registration = selectors.get_application_for_user(request.user, application_id)
    services.application_update(actor=request.user, registration=registration, data=_data(payload))
    return selectors.get_application_for_user(request.user, application_id)


@router.post(
    "/applications/{application_id}/withdraw",
    response={200: ApplicationOut, **WRITE_ERRORS},
    summary="Withdraw my application",
)
def application_withdraw(request: HttpRequest, application_id: ObjectId) -> Registration:
    registration = selectors.get_application_for_user(request.user, application_id)
    services.application_withdraw(actor=request.user, registration=registration)
    return selectors.get_application_for_user(request.user, application_id)


def _preferences(registration: Registration) -> dict[str, Any]:
    rules = registration.offering.program.pairing
    fields = [name for name in rules.shared_fields or [] if name in SHARED_LABELS]
    mentors = [m for m in selectors.eligible_mentors(registration.offering) if m.person_id != registration.person_id]
    return {
        "mentor_ids": [p.mentor_id for p in selectors.preferences_of(registration)],
        "board_preference": registration.answers.get("board_preference", ""),
        "ranking_depth": rules.ranking_depth,
        "mentors": [
            {
                "id": mentor.pk,
                "title": shared_view(mentor, fields, number=index).title,
                "fields": {name: shared_value(mentor, name) for name in fields if name != "name"},
            }
            for index, mentor in enumerate(mentors, 1)
        ],
    }


def _accepted_mentee(request: HttpRequest, application_id: int) -> Registration:
    registration = selectors.get_application_for_user(request.user, application_id)
    if registration.role != RegistrationRole.MENTEE or registration.status != RegistrationStatus.ACCEPTED:
        raise NotFound()
    return registration


@router.get(
    "/applications/{mentee_application_id}/preferences",
    response={200: PreferencesOut, **READ_ERRORS},
    summary="An accepted mentee's ranking of mentors, and the mentors they may rank",
)
def preferences_get(request: HttpRequest, mentee_application_id: ObjectId) -> dict[str, Any]:
    return _preferences(_accepted_mentee(request, mentee_application_id))


@router.put(
    "/applications/{mentee_application_id}/preferences",
    response={200: PreferencesOut, **WRITE_ERRORS},
    summary="Replace an accepted mentee's ranking of mentors (most preferred first)",
)
def preferences_put(request: HttpRequest, mentee_application_id: ObjectId, payload: PreferencesIn) -> dict[str, Any]:
    registration = _accepted_mentee(request, mentee_application_id)
    services.preferences_set(
        actor=request.user,
        registration=registration,
        mentor_ids=list(payload.mentor_ids),
        board_preference=payload.board_preference,
    )
    return _preferences(selectors.get_application_for_user(request.user, mentee_application_id))


# --- staff ---------------------------------------------------------------------------------------


def _review_offering(request: HttpRequest, slug: str, pairing_offering_id: int) -> Offering:
    organization = get_organization_for_user(request.user, slug)
    offering = (
        Offering.objects.select_related("program__organization", "program__pairing")
        .filter(pk=pairing_offering_id, program__organization=organization, program__kind=ProgramKind.PAIRING)
        .first()
    )
    if offering is None:
        raise NotFound()
    require_perm(request, selectors.REVIEW, organization)
    return offering


def _review_application(request: HttpRequest, slug: str, pairing_offering_id: int, application_id: int) -> Registration:
    return selectors.get_application_for_review(_review_offering(request, slug, pairing_offering_id), application_id)


@router.get(
    OFFERING, response={200: list[ApplicationOut], **READ_ERRORS}, summary="An offering's applications (reviewers)"
)
@paginate(Pagination)
def offering_applications(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, filters: Query[ApplicationFilters]
) -> QuerySet[Registration]:
    offering = _review_offering(request, slug, pairing_offering_id)
    board = None
    if filters.board:
        found = Organization.objects.filter(slug=filters.board, kind=OrganizationKind.BOARD).first()
        board = found.pk if found else -1
    return selectors.offering_applications(
        offering, role=filters.role or "", status=filters.status or "", board=board, region=filters.region or ""
    )


@router.get(ONE, response={200: ReviewOut, **READ_ERRORS}, summary="One application, with its eligibility checked now")
def offering_application_get(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, application_id: ObjectId
) -> Registration:
    return _review_out(_review_application(request, slug, pairing_offering_id, application_id))


@router.post(ONE + "/accept", response={200: ReviewOut, **WRITE_ERRORS}, summary="Accept an application")
def application_accept(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, application_id: ObjectId, payload: DecisionIn
) -> Registration:
    registration = _review_application(request, slug, pairing_offering_id, application_id)
    services.application_accept(actor=request.user, registration=registration, message=payload.message)
    return _review_out(_review_application(request, slug, pairing_offering_id, application_id))


@router.post(ONE + "/decline", response={200: ReviewOut, **WRITE_ERRORS}, summary="Decline with a reason and a message")
def application_decline(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, application_id: ObjectId, payload: DeclineIn
) -> Registration:
    registration = _review_application(request, slug, pairing_offering_id, application_id)
    services.application_decline(
        actor=request.user, registration=registration, reason=str(payload.reason), message=payload.message
    )
    return _review_out(_review_application(request, slug, pairing_offering_id, application_id))


@router.post(
    ONE + "/request-info",
    response={200: ReviewOut, **WRITE_ERRORS},
    summary="Ask the applicant for more information",
)
def application_request_info(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, application_id: ObjectId, payload: RequestInfoIn
) -> Registration:
    registration = _review_application(request, slug, pairing_offering_id, application_id)
    services.application_request_info(actor=request.user, registration=registration, message=payload.message)
    return _review_out(_review_application(request, slug, pairing_offering_id, application_id))


# --- board input ---------------------------------------------------------------------------------


def _board(request: HttpRequest, slug: str) -> Organization:
    board = get_organization_for_user(request.user, slug)
    if board.kind != OrganizationKind.BOARD:
        raise NotFound()
    require_perm(request, selectors.BOARD_INPUT, board)
    return board


@router.get(
    BOARD, response={200: list[BoardOfferingOut], **READ_ERRORS}, summary="Offerings that ask this board's input"
)
def board_offerings(request: HttpRequest, slug: Slug) -> list[dict[str, Any]]:
    board = _board(request, slug)
    return [
        {
            "id": offering.pk,
            "title": offering.title,
            "program": offering.program.name,
            "organization": offering.program.organization.slug,
            "board_mentees": offering.board_mentees,  # type: ignore[attr-defined]
        }
        for offering in selectors.board_offerings(board)[:200]
    ]


def _board_mentors(board: Organization, offering: Offering) -> list[dict[str, Any]]:
    fields = ("position", "board", "region", "expertise", "languages", "bio")
    return [
        {
            "mentor_id": mentor.pk,
            "name": mentor.person.full_name,
            "fields": {name: shared_value(mentor, name) for name in fields},
            "acceptable": current.acceptable if current else None,
            "reason": current.reason if current else "",
        }
        for mentor, current in selectors.board_mentors(board, offering)
    ]


@router.get(
    BOARD + "/{pairing_offering_id}",
    response={200: list[BoardMentorOut], **READ_ERRORS},
    summary="The offering's accepted mentors with this board's input",
)
def board_input_list(request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId) -> list[dict[str, Any]]:
    board = _board(request, slug)
    return _board_mentors(board, selectors.get_board_offering(board, pairing_offering_id))


@router.put(
    BOARD + "/{pairing_offering_id}/mentors/{mentor_application_id}",
    response={200: BoardMentorOut, **WRITE_ERRORS},
    summary="Say whether a mentor is acceptable for this board's mentees (no: a veto, with a reason)",
)
def board_input_put(
    request: HttpRequest,
    slug: Slug,
    pairing_offering_id: ObjectId,
    mentor_application_id: ObjectId,
    payload: BoardInputIn,
) -> dict[str, Any]:
    board = _board(request, slug)
    offering = selectors.get_board_offering(board, pairing_offering_id)
    mentor = selectors.eligible_mentors(offering).filter(pk=mentor_application_id).first()
    if mentor is None:
        raise NotFound()
    services.board_input_set(
        actor=request.user,
        offering=offering,
        board=board,
        mentor=mentor,
        acceptable=payload.acceptable,
        reason=payload.reason,
    )
    return next(row for row in _board_mentors(board, offering) if row["mentor_id"] == mentor.pk)
