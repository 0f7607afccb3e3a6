"""Reads of the resource library, scoped to what the user may see.

A signed-in person sees the published shared library and the published items of the
organizations they belong to (and of those organizations' parents: a school's people see their
board's items). Staff pages see all of their own organization's items, published or not.
Anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import Http404

from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships
from mentorweb.resources.models import Resource, ResourceAudience, ResourceTheme, Theme

# Longer searches are cut here: each word adds a condition to the query.
MAX_SEARCH_WORDS = 5


def reader_organization_ids(user: Any) -> set[int]:
    """The organizations whose own items the user reads: from the memberships read once per request."""
    ids: set[int] = set()
    for membership in active_memberships(user):
        ids.add(membership.organization_id)
        if membership.organization.parent_id:
            ids.add(membership.organization.parent_id)
    return ids


def visible_resources(user: Any) -> QuerySet[Resource]:
    shared = Q(organization__isnull=True)
    if getattr(user, "is_authenticated", False):
        shared |= Q(organization_id__in=reader_organization_ids(user))
    return Resource.objects.filter(shared, is_published=True)


def with_labels(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """Everything a list shows, in a bounded number of queries whatever the number of items."""
    return resources.select_related("organization").prefetch_related("themes", "audiences")


def normalize_theme(value: str) -> str:
    """A theme from its key ("goal_setting") or its words ("goal setting", "Goal setting"); "" if none."""
    text = " ".join(str(value).split()).lower()
    key = text.replace(" ", "_").replace("-", "_")
    if key in Theme.values:
        return key
    for choice in Theme:
        if str(choice.label).lower() == text:
            return str(choice.value)
    return ""


def filter_resources(
    resources: QuerySet[Resource],
    *,
    query: str = "",
    type: str = "",
    theme: str = "",
    audience: str = "",
    language: str = "",
) -> QuerySet[Resource]:
    for word in query.split()[:MAX_SEARCH_WORDS]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(source__icontains=word))
    if type:
        resources = resources.filter(type=type)
    if theme:
        resources = resources.filter(Exists(ResourceTheme.objects.filter(resource=OuterRef("pk"), theme=theme)))
    if audience:
        # An item meant for no group in particular is meant for every group.
        resources = resources.filter(
            Exists(ResourceAudience.objects.filter(resource=OuterRef("pk"), role_group=audience))
            | ~Exists(ResourceAudience.objects.filter(resource=OuterRef("pk")))
        )
    if language:
        resources = resources.filter(language=language)
    return resources


def library(user: Any, **filters: str) -> QuerySet[Resource]:
    """The library page: the organization's own items first, then the shared library, by title."""
    resources = filter_resources(visible_resources(user), **filters)
    own_first = Case(When(organization__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    return with_labels(resources).order_by(own_first, "title", "pk")


def get_resource_for_user(user: Any, resource_id: int) -> Resource:
    resource = with_labels(visible_resources(user).filter(pk=resource_id)).first()
    if resource is None:
        raise Http404
    return resource


def related_resources(
    user: Any, *, theme: str = "", audience: str = "", key: str = "", limit: int = 3
) -> list[Resource]:
    """A few items for an aside: the one named by `key` first, then the organization's own items, in one query."""
    theme = normalize_theme(theme) if theme else ""
    if theme == "" and not key:
        return []
    resources = visible_resources(user)
    if theme:
        matches = Exists(ResourceTheme.objects.filter(resource=OuterRef("pk"), theme=theme))
        resources = resources.filter(matches | Q(key=key)) if key else resources.filter(matches)
    else:
        resources = resources.filter(key=key, organization__isnull=True)
    if audience:
        resources = filter_resources(resources, audience=audience)
    order = Case(
        When(Q(key=key) & Q(organization__isnull=True) & ~Q(key=""), then=Value(0)),
        When(organization__isnull=False, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(resources.order_by(order, "title", "pk")[: max(1, min(limit, 10))])


# --- staff --------------------------------------------------------------------------------------


def organization_resources(organization: Organization, *, query: str = "", published: str = "") -> QuerySet[Resource]:
    resources = filter_resources(Resource.objects.filter(organization=organization), query=query)
    if published == "yes":
        resources = resources.filter(is_published=True)
    elif published == "no":
        resources = resources.filter(is_published=False)
    return with_labels(resources).order_by("title", "pk")


def get_own_resource(organization: Organization, resource_id: int) -> Resource:
    """One of the organization's own items; a shared item or another organization's is a 404."""
    resource = with_labels(Resource.objects.filter(organization=organization, pk=resource_id)).first()
    if resource is None:
        raise Http404
    return resource
