"""The resource library: what a signed-in person may read (the shared library and their
organizations' published items), and the staff's own items under /organizations/{slug}/resources.

The same selectors and services as the pages: another organization's item is a 404, a shared
item cannot be changed by anyone. Files are added through the pages; the API gives their address.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import datetime
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints

from mentorweb.accounts.models import Language, RoleGroup
from mentorweb.api.auth import caller
from mentorweb.api.common import InputSchema, ObjectId, Pagination, Slug, Text, optional, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.resources import selectors, services
from mentorweb.resources.models import Resource, ResourceType, Theme

router = Router(tags=["resources"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
MANAGE = "resources.manage_resources"

Title = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Link = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=500)]
Short = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)]
Summary = Annotated[Text, StringConstraints(max_length=2000)]


class ResourceOut(Schema):
    id: int
    organization: str | None = Field(description="The owning organization's slug; null for the shared library")
    title: str
    type: str
    link: str
    file_url: str | None = Field(description="Where to download the file (same access rules), or null")
    source: str
    summary: str
    themes: list[str]
    audiences: list[str] = Field(description="Role groups it is meant for; empty means everyone")
    language: str
    is_published: bool
    updated_at: datetime

    @staticmethod
    def resolve_organization(obj: Resource) -> str | None:
        return obj.organization.slug if obj.organization is not None else None

    @staticmethod
    def resolve_file_url(obj: Resource) -> str | None:
        return reverse("resources:file", args=[obj.pk]) if obj.file else None

    @staticmethod
    def resolve_themes(obj: Resource) -> list[str]:
        return obj.theme_values()

    @staticmethod
    def resolve_audiences(obj: Resource) -> list[str]:
        return obj.audience_values()


class ResourceFilters(FilterSchema):
    q: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] | None = Field(
        None, description="Words found in the title, summary or source (each word must match)"
    )
    type: ResourceType | None = None
    theme: Theme | None = None
    audience: RoleGroup | None = Field(None, description="Items meant for this role group, or for everyone")
    language: Language | None = None


class ResourceCreate(InputSchema):
    title: Title
    type: ResourceType
    link: Link = ""
    source: Short = ""
    summary: Summary = ""
    themes: list[Theme] = Field(default_factory=list, max_length=len(Theme.values))
    audiences: list[RoleGroup] = Field(default_factory=list, max_length=len(RoleGroup.values))
    language: Language = Language.EN
    is_published: bool = True


class ResourcePatch(InputSchema):
    title: Title = optional()
    type: ResourceType = optional()
    link: Link = optional()
    source: Short = optional()
    summary: Summary = optional()
    themes: list[Theme] = optional(max_length=len(Theme.values))
    audiences: list[RoleGroup] = optional(max_length=len(RoleGroup.values))
    language: Language = optional()
    is_published: bool = optional()


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, MANAGE, organization)
    return organization


def _fresh(resource: Resource) -> Resource:
    return selectors.with_labels(Resource.objects.filter(pk=resource.pk)).get()


@router.get("/resources", response=list[ResourceOut], summary="The library: shared items and my organizations' own")
@paginate(Pagination)
def resources_list(request: HttpRequest, filters: Query[ResourceFilters]) -> QuerySet[Resource]:
    return selectors.library(
        caller(request),
        query=filters.q or "",
        type=filters.type or "",
        theme=filters.theme or "",
        audience=filters.audience or "",
        language=filters.language or "",
    )


@router.get("/resources/{resource_id}", response={200: ResourceOut, 404: ErrorOut}, summary="One library item")
def resource_get(request: HttpRequest, resource_id: ObjectId) -> Resource:
    return selectors.get_resource_for_user(caller(request), resource_id)


@router.post(
    "/organizations/{slug}/resources",
    response={201: ResourceOut, **WRITE_ERRORS},
    summary="Add an item to the organization's own library (staff)",
)
def resource_create(request: HttpRequest, slug: Slug, payload: ResourceCreate) -> Status[Resource]:
    organization = _organization(request, slug)
    resource = services.resource_create(actor=caller(request), organization=organization, data=payload.model_dump())
    return Status(201, _fresh(resource))


@router.patch(
    "/organizations/{slug}/resources/{resource_id}",
    response={200: ResourceOut, **WRITE_ERRORS},
    summary="Change one of the organization's own items, or unpublish it with is_published false (staff)",
)
def resource_patch(request: HttpRequest, slug: Slug, resource_id: ObjectId, payload: ResourcePatch) -> Resource:
    resource = selectors.get_own_resource(_organization(request, slug), resource_id)
    services.resource_update(actor=caller(request), resource=resource, data=payload.model_dump(exclude_unset=True))
    return _fresh(resource)
