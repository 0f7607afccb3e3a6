"""Members of one organization: the directory for staff, changes for administrators."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from mentorweb.api.common import ObjectId, Pagination, Slug, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import MemberFilters, MemberInvite, MemberOut, MemberRoleChange
from mentorweb.organizations.models import Membership, Organization
from mentorweb.organizations.selectors import (
    directory_memberships,
    get_membership_for_user,
    get_organization_for_user,
)
from mentorweb.organizations.services import (
    membership_change_role,
    membership_deactivate,
    membership_invite,
    membership_reactivate,
)

router = Router(tags=["members"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def _organization(request: HttpRequest, slug: str, perm: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    require_perm(request, perm, organization)
    return organization


def _member(request: HttpRequest, slug: str, member_id: int, perm: str) -> Membership:
    organization = get_organization_for_user(request.user, slug)
    # Looked up inside the organization before any permission check: another organization's
    # membership is a 404 for every role, never a 403 that would confirm it exists.
    membership = get_membership_for_user(request.user, organization, member_id)
    require_perm(request, perm, organization)
    return membership


def _fresh(membership: Membership) -> Membership:
    return Membership.objects.select_related("person__user").get(pk=membership.pk)


@router.get(
    "/{slug}/members", response={200: list[MemberOut], **READ_ERRORS}, summary="Members of the organization (staff)"
)
@paginate(Pagination)
def members_list(request: HttpRequest, slug: Slug, filters: Query[MemberFilters]) -> QuerySet[Membership]:
    organization = _organization(request, slug, "organizations.view_directory")
    state = {True: "active", False: "deactivated", None: "all"}[filters.active]
    # The same selector as the web directory, so both answer the same question the same way.
    return directory_memberships(
        organization,
        query=filters.q or "",
        role=filters.role or "",
        role_group=filters.role_group or "",
        status=filters.status or "",
        state=state,
    )


@router.post("/{slug}/members", response={201: MemberOut, **WRITE_ERRORS}, summary="Invite a person (administrators)")
def members_invite(request: HttpRequest, slug: Slug, payload: MemberInvite) -> Status[Membership]:
    organization = _organization(request, slug, "organizations.manage_members")
    membership = membership_invite(actor=request.user, organization=organization, **payload.model_dump())
    return Status(201, _fresh(membership))


@router.get("/{slug}/members/{member_id}", response={200: MemberOut, **READ_ERRORS}, summary="One member (staff)")
def member_get(request: HttpRequest, slug: Slug, member_id: ObjectId) -> Membership:
    return _member(request, slug, member_id, "organizations.view_directory")


@router.patch(
    "/{slug}/members/{member_id}", response={200: MemberOut, **WRITE_ERRORS}, summary="Change a role (administrators)"
)
def member_patch(request: HttpRequest, slug: Slug, member_id: ObjectId, payload: MemberRoleChange) -> Membership:
    membership = _member(request, slug, member_id, "organizations.manage_members")
    return _fresh(membership_change_role(actor=request.user, membership=membership, role=payload.role))


@router.post(
    "/{slug}/members/{member_id}/deactivate",
    response={200: MemberOut, **WRITE_ERRORS},
    summary="End a membership and log the person out (administrators)",
)
def member_deactivate(request: HttpRequest, slug: Slug, member_id: ObjectId) -> Membership:
    membership = _member(request, slug, member_id, "organizations.manage_members")
    return _fresh(membership_deactivate(actor=request.user, membership=membership))


@router.post(
    "/{slug}/members/{member_id}/reactivate",
    response={200: MemberOut, **WRITE_ERRORS},
    summary="Restore a membership (administrators)",
)
def member_reactivate(request: HttpRequest, slug: Slug, member_id: ObjectId) -> Membership:
    membership = _member(request, slug, member_id, "organizations.manage_members")
    return _fresh(membership_reactivate(actor=request.user, membership=membership))
