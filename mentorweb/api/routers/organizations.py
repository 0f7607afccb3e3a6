"""The caller's organizations."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router
from pydantic import StringConstraints

from mentorweb.accounts.models import Language
from mentorweb.api.common import InputSchema, Slug, Text, optional, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import OrganizationOut
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships, get_organization_for_user, membership_in
from mentorweb.organizations.services import organization_update

router = Router(tags=["organizations"])


class OrganizationPatch(InputSchema):
    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = optional()
    short_name: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=40)] = optional()
    time_zone: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] = optional()
    languages: list[Language] = optional(max_length=2)
    contact_email: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=254)] = optional(
        json_schema_extra={"format": "email"}
    )


def _out(organization: Organization, role: str) -> dict[str, Any]:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "short_name": organization.short_name,
        "kind": organization.kind,
        "time_zone": organization.time_zone,
        "languages": organization.languages,
        "province": organization.province,
        "contact_email": organization.contact_email,
        "my_role": role,
    }


def _my_role(request: HttpRequest, organization: Organization) -> str:
    membership = membership_in(request.user, organization)
    return membership.role if membership is not None else ""


@router.get("", response=list[OrganizationOut], summary="Organizations I belong to")
def organizations_list(request: HttpRequest) -> list[dict[str, Any]]:
    # The memberships are read once per request and already carry their organization.
    return [_out(m.organization, m.role) for m in active_memberships(request.user)]


@router.get("/{slug}", response={200: OrganizationOut, 404: ErrorOut}, summary="One of my organizations")
def organization_get(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    organization = get_organization_for_user(request.user, slug)
    return _out(organization, _my_role(request, organization))


@router.patch(
    "/{slug}",
    response={200: OrganizationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
    summary="Change the organization's details (administrators)",
)
def organization_patch(request: HttpRequest, slug: Slug, payload: OrganizationPatch) -> dict[str, Any]:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, "organizations.change_organization", organization)
    data = payload.model_dump(exclude_unset=True)
    organization = organization_update(actor=request.user, organization=organization, data=data)
    return _out(organization, _my_role(request, organization))
