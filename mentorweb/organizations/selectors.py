"""Reads of organizations, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mentorweb.organizations.models import STAFF_ROLES, Membership, Organization

_CACHE_ATTR = "_mentorweb_memberships"


def active_memberships(user: Any) -> list[Membership]:
    """The user's active memberships, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(person__user=user, deactivated_at__isnull=True)
            .select_related("organization")
            .order_by("organization__name")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def membership_in(user: Any, organization: Organization) -> Membership | None:
    for membership in active_memberships(user):
        if membership.organization_id == organization.pk:
            return membership
    return None


def user_has_staff_role(user: Any) -> bool:
    return any(m.role in STAFF_ROLES for m in active_memberships(user))


def organizations_for_user(user: Any) -> QuerySet[Organization]:
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__person__user=user, memberships__deactivated_at__isnull=True
    ).order_by("name")


def get_organization_for_user(user: Any, slug: str) -> Organization:
    """The organization if the user is an active member of it; otherwise 404, never 403."""
    for membership in active_memberships(user):
        if membership.organization.slug == slug:
            return membership.organization
    raise Http404
