"""Programs, offerings and sessions: the catalogue for every caller, set-up for staff.

Catalogue reads (/programs, /offerings) show what the public catalogue shows: published
programs and their offerings that are not drafts, without video-meeting links. Set-up under
/organizations/{slug}/ is for the organization's administrators and coordinators, through the
same services as the pages; another organization's program is a 404 there for every role.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from mentorweb.api.common import ObjectId, Pagination, Slug, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.routers.programs_schemas import (
    CatalogueFilters,
    OfferingCreate,
    OfferingDetailOut,
    OfferingOut,
    OfferingPatch,
    ProgramCreate,
    ProgramOut,
    ProgramPatch,
    ProgramStaffOut,
    ProgramSummaryOut,
    RefundPolicyIn,
    SessionCreate,
    SessionOut,
    SessionPatch,
    offering_out,
    session_out,
)
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs import selectors, services
from mentorweb.programs.models import (
    CourseModule,
    Offering,
    Program,
    Session,
)

router = Router(tags=["programs"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
MANAGE = "programs.manage_programs"


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, MANAGE, organization)
    return organization


def _program(request: HttpRequest, slug: str, program_id: int) -> Program:
    organization = _organization(request, slug)
    program = (
        Program.objects.select_related("organization")
        .prefetch_related("modules", "refund_tiers")
        .filter(organization=organization, pk=program_id)
        .first()
    )
    if program is None:
        raise NotFound()
    return program


def _offering(request: HttpRequest, slug: str, offering_id: int) -> Offering:
    organization = _organization(request, slug)
    offering = selectors.offerings_with_schedule(
        Offering.objects.filter(program__organization=organization, pk=offering_id)
    ).first()
    if offering is None:
        raise NotFound()
    return offering


def _fresh_program(program: Program) -> Program:
    return Program.objects.select_related("organization").prefetch_related("modules", "refund_tiers").get(pk=program.pk)


def _fresh_offering(offering: Offering) -> Offering:
    return selectors.offerings_with_schedule(Offering.objects.filter(pk=offering.pk)).get()


def _board(slug: str | None) -> Organization | None:
    if slug is None:
        return None
    board = Organization.objects.filter(slug=slug, kind=OrganizationKind.BOARD).first()
    if board is None:
        raise DomainError(_("No school board has this address name."), field="partner_board")
    return board


def _module_by_number(program: Program, number: int | None) -> CourseModule | None:
    if number is None:
        return None
    module = program.modules.filter(number=number).first()
    if module is None:
        raise DomainError(_("This program has no module with this number."), field="module")
    return module


# --- catalogue ----------------------------------------------------------------------------------


@router.get("/programs", response=list[ProgramSummaryOut], summary="Published programs (the catalogue)")
@paginate(Pagination)
def programs_list(request: HttpRequest, filters: Query[CatalogueFilters]) -> QuerySet[Program]:
    return selectors.published_programs(organization_slug=filters.organization or "")


def _published(program_id: int) -> Program:
    program = (
        Program.objects.filter(is_published=True, pk=program_id)
        .select_related("organization")
        .prefetch_related("modules", "refund_tiers")
        .first()
    )
    if program is None:
        raise NotFound()
    return program


@router.get("/programs/{program_id}", response={200: ProgramOut, 404: ErrorOut}, summary="A published program")
def program_get(request: HttpRequest, program_id: ObjectId) -> Program:
    return _published(program_id)


@router.get(
    "/programs/{program_id}/offerings",
    response={200: list[OfferingOut], 404: ErrorOut},
    summary="Offerings of a published program, latest first (drafts left out)",
)
def program_offerings(request: HttpRequest, program_id: ObjectId) -> list[dict[str, Any]]:
    program = _published(program_id)
    offerings = (
        Offering.objects.filter(program=program, status__in=selectors.PUBLIC_STATUSES)
        .select_related("partner_board", "program")
        .order_by("-start_date", "pk")
    )
    return [offering_out(o, staff=False) for o in offerings]


def _public_offering(offering_id: int) -> Offering:
    offering = selectors.offerings_with_schedule(
        Offering.objects.filter(pk=offering_id, program__is_published=True, status__in=selectors.PUBLIC_STATUSES)
    ).first()
    if offering is None:
        raise NotFound()
    return offering


@router.get(
    "/offerings/{offering_id}",
    response={200: OfferingDetailOut, 404: ErrorOut},
    summary="An offering in the catalogue, with its sessions and deadlines",
)
def offering_get(request: HttpRequest, offering_id: ObjectId) -> dict[str, Any]:
    return offering_out(_public_offering(offering_id), staff=False, detail=True)


@router.get(
    "/offerings/{offering_id}/sessions",
    response={200: list[SessionOut], 404: ErrorOut},
    summary="Sessions of an offering in the catalogue, times in UTC and in the organization's zone",
)
def offering_sessions(request: HttpRequest, offering_id: ObjectId) -> list[dict[str, Any]]:
    offering = _public_offering(offering_id)
    zone = offering.program.organization.time_zone
    return [session_out(s, zone, staff=False) for s in offering.sessions.all()]


# --- set-up (administrators and coordinators) ---------------------------------------------------


@router.get(
    "/organizations/{slug}/programs",
    response={200: list[ProgramSummaryOut], **READ_ERRORS},
    summary="All programs of the organization, published or not (staff)",
)
@paginate(Pagination)
def programs_manage_list(request: HttpRequest, slug: Slug) -> QuerySet[Program]:
    return selectors.organization_programs(_organization(request, slug)).select_related("organization")


@router.post(
    "/organizations/{slug}/programs",
    response={201: ProgramStaffOut, **WRITE_ERRORS},
    summary="Create a program (staff)",
)
def program_create(request: HttpRequest, slug: Slug, payload: ProgramCreate) -> Status[Program]:
    organization = _organization(request, slug)
    data = payload.model_dump(exclude_unset=True)
    modules = data.pop("modules", None)
    program = services.program_create(actor=request.user, organization=organization, data=data, modules=modules)
    return Status(201, _fresh_program(program))


@router.get(
    "/organizations/{slug}/programs/{program_id}",
    response={200: ProgramStaffOut, **READ_ERRORS},
    summary="A program of the organization (staff)",
)
def program_manage_get(request: HttpRequest, slug: Slug, program_id: ObjectId) -> Program:
    return _program(request, slug, program_id)


@router.patch(
    "/organizations/{slug}/programs/{program_id}",
    response={200: ProgramStaffOut, **WRITE_ERRORS},
    summary="Change a program (staff)",
)
def program_patch(request: HttpRequest, slug: Slug, program_id: ObjectId, payload: ProgramPatch) -> Program:
    program = _program(request, slug, program_id)
    data = payload.model_dump(exclude_unset=True)
    modules = data.pop("modules", None)
    services.program_update(actor=request.user, program=program, data=data, modules=modules)
    return _fresh_program(program)


@router.put(
    "/organizations/{slug}/programs/{program_id}/refund-policy",
    response={200: ProgramStaffOut, **WRITE_ERRORS},
    summary="Replace the refund policy (staff); an error's field names the tier, e.g. tiers.1.amount",
)
def program_refund_policy(request: HttpRequest, slug: Slug, program_id: ObjectId, payload: RefundPolicyIn) -> Program:
    program = _program(request, slug, program_id)
    tiers = [tier.model_dump() for tier in payload.tiers]
    services.refund_policy_replace(actor=request.user, program=program, tiers=tiers)
    return _fresh_program(program)


@router.get(
    "/organizations/{slug}/programs/{program_id}/offerings",
    response={200: list[OfferingOut], **READ_ERRORS},
    summary="Every offering of a program, drafts included, latest first (staff)",
)
def program_manage_offerings(request: HttpRequest, slug: Slug, program_id: ObjectId) -> list[dict[str, Any]]:
    program = _program(request, slug, program_id)
    return [offering_out(o, staff=True) for o in selectors.program_offerings(program).select_related("program")]


@router.post(
    "/organizations/{slug}/programs/{program_id}/offerings",
    response={201: OfferingDetailOut, **WRITE_ERRORS},
    summary="Create an offering (staff)",
)
def offering_create(
    request: HttpRequest, slug: Slug, program_id: ObjectId, payload: OfferingCreate
) -> Status[dict[str, Any]]:
    program = _program(request, slug, program_id)
    data = payload.model_dump(exclude_unset=True)
    if "partner_board" in data:
        data["partner_board"] = _board(data["partner_board"])
    offering = services.offering_create(actor=request.user, program=program, data=data)
    return Status(201, offering_out(_fresh_offering(offering), staff=True, detail=True))


@router.get(
    "/organizations/{slug}/offerings/{offering_id}",
    response={200: OfferingDetailOut, **READ_ERRORS},
    summary="An offering with its sessions and deadlines (staff)",
)
def offering_manage_get(request: HttpRequest, slug: Slug, offering_id: ObjectId) -> dict[str, Any]:
    return offering_out(_offering(request, slug, offering_id), staff=True, detail=True)


@router.patch(
    "/organizations/{slug}/offerings/{offering_id}",
    response={200: OfferingDetailOut, **WRITE_ERRORS},
    summary="Change an offering (staff); the capacity never goes below the seats taken",
)
def offering_patch(request: HttpRequest, slug: Slug, offering_id: ObjectId, payload: OfferingPatch) -> dict[str, Any]:
    offering = _offering(request, slug, offering_id)
    data = payload.model_dump(exclude_unset=True)
    if "partner_board" in data:
        data["partner_board"] = _board(data["partner_board"])
    services.offering_update(actor=request.user, offering=offering, data=data)
    return offering_out(_fresh_offering(offering), staff=True, detail=True)


@router.post(
    "/organizations/{slug}/offerings/{offering_id}/sessions",
    response={201: SessionOut, **WRITE_ERRORS},
    summary="Schedule a session (staff); date and times in the organization's time zone",
)
def session_create(
    request: HttpRequest, slug: Slug, offering_id: ObjectId, payload: SessionCreate
) -> Status[dict[str, Any]]:
    offering = _offering(request, slug, offering_id)
    data = payload.model_dump(exclude_unset=True)
    data["module"] = _module_by_number(offering.program, data.get("module"))
    session = services.session_create(actor=request.user, offering=offering, **data)
    session.module = data["module"]
    return Status(201, session_out(session, offering.program.organization.time_zone, staff=True))


def _session(request: HttpRequest, slug: str, session_id: int) -> Session:
    organization = _organization(request, slug)
    session = (
        Session.objects.select_related("offering__program__organization", "module")
        .filter(offering__program__organization=organization, pk=session_id)
        .first()
    )
    if session is None:
        raise NotFound()
    return session


@router.patch(
    "/organizations/{slug}/sessions/{session_id}",
    response={200: SessionOut, **WRITE_ERRORS},
    summary="Change a session (staff); its sequence goes up so calendars replace it",
)
def session_patch(request: HttpRequest, slug: Slug, session_id: ObjectId, payload: SessionPatch) -> dict[str, Any]:
    session = _session(request, slug, session_id)
    data = payload.model_dump(exclude_unset=True)
    if "module" in data:
        data["module"] = _module_by_number(session.offering.program, data["module"])
    updated = services.session_update(actor=request.user, session=session, data=data)
    fresh = Session.objects.select_related("module").get(pk=updated.pk)
    return session_out(fresh, session.offering.program.organization.time_zone, staff=True)


@router.delete(
    "/organizations/{slug}/sessions/{session_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Delete a session without attendance (staff)",
)
def session_delete(request: HttpRequest, slug: Slug, session_id: ObjectId) -> Status[None]:
    session = _session(request, slug, session_id)
    services.session_delete(actor=request.user, session=session)
    return Status(204, None)
