"""Test builders for the library, and the rows whose ids go into the two permission matrices."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile

from mentorweb.organizations.models import Organization
from mentorweb.resources.models import Resource, ResourceAudience, ResourceTheme, ResourceType


def resource(
    organization: Organization | None,
    title: str = "Kindergarten team planning template",
    *,
    type: str = ResourceType.TEMPLATE,
    themes: tuple[str, ...] = ("early_learning",),
    audiences: tuple[str, ...] = (),
    is_published: bool = True,
    language: str = "en",
    summary: str = "",
    with_file: bool = False,
) -> Resource:
    item = Resource(
        organization=organization, title=title, type=type, is_published=is_published, language=language, summary=summary
    )
    if with_file:
        item.file.save("planning.pdf", ContentFile(b"%PDF-1.4 planning"), save=False)
    item.save()
    ResourceTheme.objects.bulk_create([ResourceTheme(resource=item, theme=t) for t in themes])
    ResourceAudience.objects.bulk_create([ResourceAudience(resource=item, role_group=a) for a in audiences])
    return item


def resources_matrix_ids(personas: Any) -> dict[str, Any]:
    """A published item of the personas' organization, with a file. Keys start with rs_."""
    return {"rs_resource": resource(personas.org, with_file=True).pk}


def resources_api_ids(personas: Any) -> dict[str, Any]:
    return {"resource_id": resource(personas.org).pk}
