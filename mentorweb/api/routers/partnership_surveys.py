"""Partnership surveys and health: a person's own survey requests (list, read, answer), and for
staff of the program's organization the health list (metadata only) and a program's survey results.

The same services and rules as the pages. A survey request is its person's alone: anyone
else's, staff included, is a 404. The health list carries dates, counts, hours and health, never
notes, topics or goals; survey results carry no names, and quotes only with consent.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import StrictInt, StringConstraints

from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Pagination, Slug, Text, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema
from mentorweb.core.errors import NotFound
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships import selectors_staff
from mentorweb.partnerships.models import Health, PartnershipStatus, SurveyRequest
from mentorweb.partnerships.surveys import (
    MAX_QUESTIONS,
    MAX_TEXT_ANSWER,
    current_questions,
    get_request_for_user,
    label_of,
    offers_quote,
    requests_for_user,
    survey_answer,
)
from mentorweb.partnerships.surveys_evaluation import evaluation

router = Router(tags=["partnership surveys"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
VIEW = "partnerships.view_health"
REQUEST = "/survey-requests/{survey_request_id}"


# --- schemas ----------------------------------------------------------------------------------


class QuestionOut(Schema):
    key: str
    label: str
    kind: str
    options: list[str]
    required: bool


class SurveyRequestOut(Schema):
    id: int
    partnership_id: int
    program: str
    kind: str
    title: str
    due_on: date
    answered_at: datetime | None
    offers_quote: bool
    questions: list[QuestionOut]
    answers: dict[str, int | str]
    quote: str
    quote_consent: bool

    @staticmethod
    def resolve_program(obj: SurveyRequest) -> str:
        return str(obj.partnership.program)

    @staticmethod
    def resolve_kind(obj: SurveyRequest) -> str:
        return obj.survey.kind

    @staticmethod
    def resolve_title(obj: SurveyRequest) -> str:
        return label_of(obj.survey.title)

    @staticmethod
    def resolve_offers_quote(obj: SurveyRequest) -> bool:
        return offers_quote(obj.survey)

    @staticmethod
    def resolve_questions(obj: SurveyRequest) -> list[dict[str, Any]]:
        return [
            {
                "key": question["key"],
                "label": label_of(question["label"]),
                "kind": question["kind"],
                "options": list(question.get("options", [])),
                "required": bool(question.get("required")),
            }
            for question in current_questions(obj.survey)
        ]


AnswerValue = StrictInt | Annotated[Text, StringConstraints(max_length=MAX_TEXT_ANSWER)] | None


class SurveyAnswerIn(InputSchema):
    answers: dict[Annotated[Text, StringConstraints(max_length=40)], AnswerValue] = Field(
        default_factory=dict,
        max_length=MAX_QUESTIONS,
        description="By question key: 1-5 for a scale, one of the options for a choice, text for a text question",
    )
    quote: Annotated[Text, StringConstraints(max_length=1000)] = Field(
        "", description="Closing survey only: a quote that may be published without your name"
    )
    quote_consent: bool = Field(False, description="Required with a quote: you agree to its publication")


class SurveyRequestFilters(FilterSchema):
    due: bool | None = Field(None, description="true: only those due and not answered yet")


class HealthRowOut(Schema):
    id: int
    program: str
    offering: str
    kind: str
    mentor: str
    mentee: str
    status: str
    starts_on: date | None
    ends_on: date | None
    meetings: int
    hours: Decimal
    last_meeting_on: date | None
    health: str
    surveys_answered: int
    surveys_requested: int

    @staticmethod
    def resolve_id(obj: selectors_staff.StaffRow) -> int:
        return obj.pk


class HealthFilters(FilterSchema):
    program_id: int | None = Field(None, ge=1, le=MAX_ID)
    offering_id: int | None = Field(None, ge=1, le=MAX_ID)
    health: Health | None = None
    status: PartnershipStatus | None = None


class ScaleOut(Schema):
    key: str
    label: str
    answers: int
    average: Decimal | None
    distribution: dict[str, int]


class ChoiceOut(Schema):
    key: str
    label: str
    counts: dict[str, int]


class TextOut(Schema):
    key: str
    label: str
    total: int
    answers: list[str] = Field(description="The most recent answers, without names")


class SurveySummaryOut(Schema):
    kind: str
    title: str
    requested: int
    answered: int
    response_rate: int | None
    scales: list[ScaleOut]
    choices: list[ChoiceOut]
    texts: list[TextOut]
    quotes: list[str] = Field(description="Quotes offered for publication, with consent only")


class SurveyResultsOut(Schema):
    program_id: int
    program: str
    offering_id: int | None
    surveys: list[SurveySummaryOut]


class ResultsFilters(FilterSchema):
    offering_id: int | None = Field(None, ge=1, le=MAX_ID)


# --- a person's own survey requests ------------------------------------------------------------


@router.get("/survey-requests", response=list[SurveyRequestOut], summary="My survey requests")
@paginate(Pagination)
def survey_requests_mine(request: HttpRequest, filters: Query[SurveyRequestFilters]) -> Any:
    requests = requests_for_user(request.user)
    if filters.due:
        requests = requests.filter(answered_at__isnull=True, due_on__lte=date.today())
    return requests


@router.get(REQUEST, response={200: SurveyRequestOut, **READ_ERRORS}, summary="One of my survey requests")
def survey_request_get(request: HttpRequest, survey_request_id: ObjectId) -> SurveyRequest:
    return get_request_for_user(request.user, survey_request_id)


@router.post(
    REQUEST + "/answer",
    response={200: SurveyRequestOut, **WRITE_ERRORS},
    summary="Answer one of my surveys (once)",
)
def survey_request_answer(request: HttpRequest, survey_request_id: ObjectId, payload: SurveyAnswerIn) -> SurveyRequest:
    survey_request = get_request_for_user(request.user, survey_request_id)
    survey_answer(
        actor=request.user,
        survey_request=survey_request,
        answers={key: value for key, value in payload.answers.items() if value is not None},
        quote=payload.quote,
        quote_consent=payload.quote_consent,
    )
    return get_request_for_user(request.user, survey_request_id)


# --- staff ---------------------------------------------------------------------------------------


class _Rows:
    """The health list's rows, built a page at a time from the metadata columns only."""

    def __init__(self, values: Any) -> None:
        self.values = values

    def all(self) -> "_Rows":
        return self

    def count(self) -> int:
        return int(self.values.count())

    def __getitem__(self, window: slice) -> list[Any]:
        return list(selectors_staff.staff_rows(self.values[window]))


@router.get(
    "/organizations/{slug}/partnerships/health",
    response={200: list[HealthRowOut], **READ_ERRORS},
    summary="Partnerships of the organization's programs with their health (metadata only)",
)
@paginate(Pagination)
def partnerships_health(request: HttpRequest, slug: Slug, filters: Query[HealthFilters]) -> Any:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, VIEW, organization)
    values = selectors_staff.staff_partnerships(
        organization,
        program_id=filters.program_id,
        offering_id=filters.offering_id,
        health=filters.health or "",
        status=filters.status or "",
    )
    return _Rows(values)


@router.get(
    "/organizations/{slug}/programs/{program_id}/survey-results",
    response={200: SurveyResultsOut, **READ_ERRORS},
    summary="A program's survey results: counts, averages, text answers without names, quotes with consent",
)
def survey_results(
    request: HttpRequest, slug: Slug, program_id: ObjectId, filters: Query[ResultsFilters]
) -> dict[str, Any]:
    organization = get_organization_for_user(request.user, slug)
    program = selectors_staff.get_program(organization, program_id)
    require_perm(request, VIEW, organization)
    offering = None
    if filters.offering_id is not None:
        offering = program.offerings.filter(pk=filters.offering_id).first()
        if offering is None:
            raise NotFound()
    summaries = evaluation(program, offering=offering)
    return {
        "program_id": program.pk,
        "program": str(program),
        "offering_id": offering.pk if offering else None,
        "surveys": [
            {
                "kind": summary.survey.kind,
                "title": summary.title,
                "requested": summary.requested,
                "answered": summary.answered,
                "response_rate": summary.response_rate,
                "scales": [
                    {
                        "key": scale.key,
                        "label": scale.label,
                        "answers": scale.count,
                        "average": scale.average,
                        "distribution": {str(value): count for value, count in scale.rows},
                    }
                    for scale in summary.scales
                ],
                "choices": [
                    {"key": choice.key, "label": choice.label, "counts": dict(choice.rows)}
                    for choice in summary.choices
                ],
                "texts": [
                    {"key": text.key, "label": text.label, "total": text.count, "answers": text.answers}
                    for text in summary.texts
                ],
                "quotes": summary.quotes,
            }
            for summary in summaries
        ],
    }
