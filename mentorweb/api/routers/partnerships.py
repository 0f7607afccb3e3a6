"""A person's own partnerships and their answer to a proposed one: the same services and rules as
the pages. Only a partnership's mentor and mentee reach it; anyone else's is a 404, whatever
their role. The partner is shown through the program's shared fields only.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints

from mentorweb.api.common import InputSchema, ObjectId, Pagination, Text
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.partnerships import selectors, services
from mentorweb.partnerships.models import Partnership, PartnershipKind
from mentorweb.webs import services as web_services

router = Router(tags=["partnerships"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


class SharedFieldOut(Schema):
    field: str
    label: str
    value: str


class PartnershipOut(Schema):
    """Read from a partnership as the selectors return it (program, offering, people joined);
    `role`, the responses and the partner depend on who asks (the request in the context)."""

    id: int
    organization: str
    program: str
    offering: str | None
    role: str
    status: str
    my_response: str
    partner_response: str
    starts_on: date | None
    ends_on: date | None
    created_at: datetime
    partner: list[SharedFieldOut]

    @staticmethod
    def resolve_organization(obj: Partnership) -> str:
        return obj.program.organization.slug

    @staticmethod
    def resolve_program(obj: Partnership) -> str:
        return obj.program.name

    @staticmethod
    def resolve_offering(obj: Partnership) -> str | None:
        return obj.offering.title if obj.offering else None

    @staticmethod
    def resolve_role(obj: Partnership, context: dict[str, Any]) -> str:
        return selectors.side_of(obj, context["request"].user)

    @staticmethod
    def resolve_my_response(obj: Partnership, context: dict[str, Any]) -> str:
        side = selectors.side_of(obj, context["request"].user)
        return str(getattr(obj, f"{side}_response"))

    @staticmethod
    def resolve_partner_response(obj: Partnership, context: dict[str, Any]) -> str:
        side = selectors.side_of(obj, context["request"].user)
        return str(obj.mentee_response if side == "mentor" else obj.mentor_response)

    @staticmethod
    def resolve_partner(obj: Partnership, context: dict[str, Any]) -> list[dict[str, str]]:
        shared = selectors.shared_profile(obj, context["request"].user)
        return [{"field": f.name, "label": f.label, "value": f.value} for f in shared]


class RespondIn(InputSchema):
    accept: bool
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)] = ""


@router.get("/partnerships", response=list[PartnershipOut], summary="My partnerships, as mentor or mentee")
@paginate(Pagination)
def partnerships_mine(request: HttpRequest) -> QuerySet[Partnership]:
    return selectors.partnerships_for_user(request.user)


@router.get(
    "/partnerships/{partnership_id}",
    response={200: PartnershipOut, **READ_ERRORS},
    summary="One of my partnerships, with what the program shares of my partner",
)
def partnership_get(request: HttpRequest, partnership_id: ObjectId) -> Partnership:
    return selectors.get_partnership_for_user(request.user, partnership_id)


@router.post(
    "/partnerships/{partnership_id}/respond",
    response={200: PartnershipOut, **WRITE_ERRORS},
    summary="Accept or decline (with a reason) a proposed partnership",
)
def partnership_respond(request: HttpRequest, partnership_id: ObjectId, payload: RespondIn) -> Partnership:
    partnership = selectors.get_partnership_for_user(request.user, partnership_id)
    if partnership.kind in (PartnershipKind.WEB, PartnershipKind.PEER):
        # A mentoring web's connection is answered by the web's service, which takes the mentor's place.
        web_services.connection_respond(
            actor=request.user, connection=partnership, accept=payload.accept, reason=payload.reason
        )
    else:
        services.partnership_respond(
            actor=request.user, partnership=partnership, accept=payload.accept, reason=payload.reason
        )
    return selectors.get_partnership_for_user(request.user, partnership_id)
