"""Reads of organizations, scoped to what the user may see."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import STAFF_ROLES, Membership, Organization, StaffRole

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


def get_membership_for_user(user: Any, organization: Organization, membership_id: int) -> Membership:
    """A membership of an organization the caller already reached through get_organization_for_user.

    A membership of any other organization is a 404, like one that does not exist.
    """
    membership = (
        Membership.objects.select_related("person__user", "invited_by", "organization")
        .filter(pk=membership_id, organization=organization)
        .first()
    )
    if membership is None or membership_in(user, organization) is None:
        raise Http404
    return membership


# Longer searches are cut here: each word adds a condition to the query.
MAX_SEARCH_WORDS = 5


def directory_memberships(
    organization: Organization,
    *,
    query: str = "",
    role: str = "",
    role_group: str = "",
    status: str = "",
    state: str = "active",
) -> QuerySet[Membership]:
    """The organization's people for the directory, filtered, one row per membership."""
    memberships = Membership.objects.filter(organization=organization).select_related("person__user")
    for word in query.split()[:MAX_SEARCH_WORDS]:
        memberships = memberships.filter(
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__user__email__icontains=word)
        )
    if role:
        memberships = memberships.filter(role=role)
    if role_group:
        memberships = memberships.filter(person__role_group=role_group)
    if status:
        memberships = memberships.filter(status=status)
    if state == "active":
        memberships = memberships.filter(deactivated_at__isnull=True)
    elif state == "deactivated":
        memberships = memberships.filter(deactivated_at__isnull=False)
    return memberships.order_by("person__family_name", "person__given_name", "pk")


def organization_counts(organization: Organization) -> dict[str, int]:
    """Head counts for the overview page, in one query."""
    active = Q(deactivated_at__isnull=True)
    return Membership.objects.filter(organization=organization).aggregate(
        active=Count("pk", filter=active),
        staff=Count("pk", filter=active & Q(role__in=STAFF_ROLES)),
        admins=Count("pk", filter=active & Q(role=StaffRole.ORG_ADMIN)),
        deactivated=Count("pk", filter=Q(deactivated_at__isnull=False)),
    )


def audit_entries(
    organization: Organization,
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    source: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """The organization's audit trail, newest first. `until` is exclusive."""
    entries = AuditEntry.objects.filter(organization=organization)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if action:
        entries = entries.filter(action__startswith=action)
    if object_type:
        entries = entries.filter(object_type__startswith=object_type)
    if source:
        entries = entries.filter(source=source)
    if since is not None:
        entries = entries.filter(at__gte=since)
    if until is not None:
        entries = entries.filter(at__lt=until)
    return entries.order_by("-at", "-id")
