"""Matching: match runs of a pairing offering, their proposals, the advisory team's decisions,
publishing, and the pool's export and a result's import — the same services and rules as the
pages. For administrators, coordinators and the advisory team of the program's organization;
another organization's offering, run or proposal is a 404 for every role.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from mentorweb.api.common import InputSchema, ObjectId, Pagination, Slug, Text, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema
from mentorweb.core.errors import DomainError
from mentorweb.matching import selectors, services
from mentorweb.matching.models import Decision, MatchRun, Proposal, ProposalStatus
from mentorweb.matching.wording import step_text
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import Offering, ProgramKind

router = Router(tags=["matching"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
RUN_MATCHING = "matching.run_matching"
ORG = "/organizations/{slug}"
OFFERING = ORG + "/offerings/{pairing_offering_id}"
RUN = ORG + "/match-runs/{run_id}"
PROPOSAL = ORG + "/proposals/{proposal_id}"


class RunOut(Schema):
    id: int
    offering_id: int
    number: int
    status: str
    status_label: str
    objective: str
    source: str
    progress: int
    progress_step: str
    progress_message: str
    error: str
    n_mentees: int
    n_mentors: int
    n_candidates: int
    n_pairs: int
    total_score: float | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    published_at: datetime | None

    @staticmethod
    def resolve_status_label(obj: MatchRun) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_source(obj: MatchRun) -> str:
        return str((obj.parameters or {}).get("source", "engine"))

    @staticmethod
    def resolve_progress_step(obj: MatchRun) -> str:
        return obj.progress_message or "queued"

    @staticmethod
    def resolve_progress_message(obj: MatchRun) -> str:
        return step_text(obj.progress_message or "queued")


class ProposalOut(Schema):
    id: int
    run_id: int
    mentee_id: int
    mentee: str
    mentor_id: int
    mentor: str
    score: float
    components: dict[str, float]
    locked: bool
    status: str

    @staticmethod
    def resolve_mentee(obj: Proposal) -> str:
        return obj.mentee.person.full_name

    @staticmethod
    def resolve_mentor(obj: Proposal) -> str:
        return obj.mentor.person.full_name


class DecisionOut(Schema):
    id: int
    proposal_id: int | None
    mentee_id: int
    mentor_id: int
    kind: str
    rationale: str
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Decision) -> str | None:
        return obj.author.email if obj.author else None


class RunStart(InputSchema):
    objective: Literal["participation", "score"] | None = None


class DecisionIn(InputSchema):
    kind: Literal["comment", "approve", "reject", "lock", "exclude", "release"]
    rationale: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class ResultIn(InputSchema):
    """A result as `mentorweb-match` prints it; each row is checked against the pool by the service."""

    pairs: list[dict[str, Any]]
    unmatched: list[dict[str, Any]] = []
    objective: Literal["participation", "score"] | None = None
    max_pairs: int | None = None
    matched: int | None = None
    total_score: float | None = None


class ProposalFilters(FilterSchema):
    status: ProposalStatus | None = None


def _offering(request: HttpRequest, slug: str, offering_id: int) -> Offering:
    organization = get_organization_for_user(request.user, slug)
    offering = (
        Offering.objects.select_related("program__organization", "program__pairing")
        .filter(pk=offering_id, program__organization=organization, program__kind=ProgramKind.PAIRING)
        .first()
    )
    if offering is None or not hasattr(offering.program, "pairing"):
        raise Http404
    require_perm(request, RUN_MATCHING, organization)
    return offering


def _run(request: HttpRequest, slug: str, run_id: int) -> MatchRun:
    organization = get_organization_for_user(request.user, slug)
    run = (
        MatchRun.objects.select_related("offering__program__organization")
        .filter(pk=run_id, offering__program__organization=organization)
        .first()
    )
    if run is None:
        raise Http404
    require_perm(request, RUN_MATCHING, organization)
    return run


def _proposal(request: HttpRequest, slug: str, proposal_id: int) -> Proposal:
    organization = get_organization_for_user(request.user, slug)
    proposal = (
        Proposal.objects.select_related("run__offering__program__organization", *selectors.PAIR_RELATED)
        .filter(pk=proposal_id, run__offering__program__organization=organization)
        .first()
    )
    if proposal is None:
        raise Http404
    require_perm(request, RUN_MATCHING, organization)
    return proposal


@router.get(OFFERING + "/match-runs", response={200: list[RunOut], **READ_ERRORS}, summary="Match runs, newest first")
@paginate(Pagination)
def match_runs_list(request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId) -> QuerySet[MatchRun]:
    return selectors.offering_runs(_offering(request, slug, pairing_offering_id))


@router.post(
    OFFERING + "/match-runs",
    response={201: RunOut, **WRITE_ERRORS},
    summary="Start a match run (one at a time per offering); poll it for its progress",
)
def match_run_start(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, payload: RunStart
) -> Status[MatchRun]:
    offering = _offering(request, slug, pairing_offering_id)
    run = services.run_start(actor=request.user, offering=offering, objective=payload.objective)
    run.refresh_from_db()
    return Status(201, run)


@router.get(RUN, response={200: RunOut, **READ_ERRORS}, summary="A match run with its progress")
def match_run_get(request: HttpRequest, slug: Slug, run_id: ObjectId) -> MatchRun:
    return _run(request, slug, run_id)


@router.get(RUN + "/proposals", response={200: list[ProposalOut], **READ_ERRORS}, summary="A run's proposed pairs")
@paginate(Pagination)
def match_run_proposals(
    request: HttpRequest, slug: Slug, run_id: ObjectId, filters: Query[ProposalFilters]
) -> QuerySet[Proposal]:
    return selectors.run_proposals(_run(request, slug, run_id), status=filters.status or "")


@router.post(
    RUN + "/publish",
    response={200: RunOut, **WRITE_ERRORS},
    summary="Publish the approved pairs: partnerships are proposed and both people e-mailed",
)
def match_run_publish(request: HttpRequest, slug: Slug, run_id: ObjectId) -> MatchRun:
    run = _run(request, slug, run_id)
    return services.run_publish(actor=request.user, run=run)


@router.get(PROPOSAL, response={200: ProposalOut, **READ_ERRORS}, summary="A proposed pair with its score breakdown")
def proposal_get(request: HttpRequest, slug: Slug, proposal_id: ObjectId) -> Proposal:
    return _proposal(request, slug, proposal_id)


@router.get(PROPOSAL + "/decisions", response={200: list[DecisionOut], **READ_ERRORS}, summary="Decisions on this pair")
def proposal_decisions(request: HttpRequest, slug: Slug, proposal_id: ObjectId) -> list[Decision]:
    proposal = _proposal(request, slug, proposal_id)
    return selectors.pair_decisions(proposal.run.offering, proposal.mentee_id, proposal.mentor_id)


@router.post(
    PROPOSAL + "/decisions",
    response={201: DecisionOut, **WRITE_ERRORS},
    summary="Decide on the pair with a rationale: comment, approve, reject, lock, exclude or release",
)
def proposal_decide(request: HttpRequest, slug: Slug, proposal_id: ObjectId, payload: DecisionIn) -> Status[Decision]:
    proposal = _proposal(request, slug, proposal_id)
    decision = services.decision_record(
        actor=request.user,
        offering=proposal.run.offering,
        mentee=proposal.mentee,
        mentor=proposal.mentor,
        kind=payload.kind,
        rationale=payload.rationale,
        proposal=proposal,
    )
    return Status(201, decision)


@router.get(
    OFFERING + "/match-pool",
    response={200: dict[str, Any], **WRITE_ERRORS},
    summary="The pool as a mentorweb-match instance (candidate pairs with their scores)",
)
def match_pool_export(request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId) -> dict[str, Any]:
    return services.pool_export(_offering(request, slug, pairing_offering_id))


@router.post(
    OFFERING + "/match-results",
    response={201: RunOut, **WRITE_ERRORS},
    summary="Import a mentorweb-match result for the pool as a run ready for review",
)
def match_result_import(
    request: HttpRequest, slug: Slug, pairing_offering_id: ObjectId, payload: ResultIn
) -> Status[MatchRun]:
    offering = _offering(request, slug, pairing_offering_id)
    try:
        run = services.result_import(actor=request.user, offering=offering, data=payload.model_dump())
    except DomainError as error:
        # The pages upload a file; here the result is the body itself (the message names the row).
        raise DomainError(
            error.message, field="body" if error.field == "file" else error.field, code=error.code
        ) from error
    run.refresh_from_db()
    return Status(201, run)
