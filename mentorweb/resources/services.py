"""Every change to an organization's own resources. The shared library is kept by the code
(resources.library); no service changes it, so a shared item can never be edited by one board."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Language, RoleGroup
from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.programs import cleaning
from mentorweb.resources.models import Resource, ResourceAudience, ResourceTheme, ResourceType, Theme

RESOURCE_FIELDS = ("title", "type", "link", "source", "summary", "language", "is_published", "themes", "audiences")
COLUMNS = ("title", "type", "link", "source", "summary", "language", "is_published")
MAX_FILE_BYTES = 25 * 1024 * 1024
# Documents, slides, sheets, pictures and short videos. Never HTML or SVG: a file is served from our
# own address, where markup could run as a page of the site.
ALLOWED_EXTENSIONS = frozenset(
    {".pdf", ".docx", ".doc", ".odt", ".pptx", ".ppt", ".odp", ".xlsx", ".xls", ".ods", ".txt", ".rtf"}
    | {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".m4a", ".mp4", ".webm", ".zip"}
)


def require_manage(actor: Any, organization: Organization) -> None:
    if not actor.has_perm("resources.manage_resources", organization):
        raise DomainError(
            _("Only administrators and coordinators can change the organization's resources."), code="forbidden"
        )


def _link(value: Any) -> str:
    value = cleaning.text(value, "link", max_length=500)
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError as error:
            raise DomainError(_("Enter a web address starting with https://."), field="link") from error
    return value


def _choices(value: Any, field: str, allowed: Sequence[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or any(item not in allowed for item in value):
        raise DomainError(_("Choose among the options."), field=field)
    return [item for item in allowed if item in value]


_CLEANERS: dict[str, Any] = {
    "title": lambda v: cleaning.text(v, "title", max_length=200, required=True),
    "type": lambda v: cleaning.choice(v, "type", ResourceType.values),
    "link": _link,
    "source": lambda v: cleaning.text(v, "source", max_length=200),
    "summary": lambda v: cleaning.text(v, "summary", max_length=2000, multiline=True),
    "language": lambda v: cleaning.choice(v, "language", Language.values),
    "is_published": lambda v: cleaning.boolean(v, "is_published"),
    "themes": lambda v: _choices(v, "themes", Theme.values),
    "audiences": lambda v: _choices(v, "audiences", RoleGroup.values),
}


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(RESOURCE_FIELDS))
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=unknown[0])
    return {name: _CLEANERS[name](value) for name, value in data.items()}


def _check_file(upload: UploadedFile) -> None:
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise DomainError(
            _("This kind of file cannot be added. Use a document, slides, a sheet, a picture or a video."),
            field="file",
        )
    if upload.size is None or upload.size > MAX_FILE_BYTES:
        raise DomainError(
            _("The file is too large: at most %(max)s MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}, field="file"
        )


def _set_rows(resource: Resource, model: Any, column: str, values: list[str]) -> list[str]:
    before = sorted(model.objects.filter(resource=resource).values_list(column, flat=True))
    model.objects.filter(resource=resource).exclude(**{f"{column}__in": values}).delete()
    model.objects.bulk_create(
        [model(resource=resource, **{column: value}) for value in values if value not in before],
        ignore_conflicts=True,
    )
    return before


def _check_link_or_file(resource: Resource) -> None:
    if resource.link and resource.file:
        raise DomainError(_("Give a link or a file, not both."), field="link")


def resource_create(
    *, actor: Any, organization: Organization, data: Mapping[str, Any], file: UploadedFile | None = None
) -> Resource:
    """Add an item to the organization's own library (published unless is_published is false)."""
    require_manage(actor, organization)
    values = _clean(data)
    for required in ("title", "type"):
        if required not in values:
            raise DomainError(_("This field is required."), field=required)
    if file is not None:
        _check_file(file)
    themes = values.pop("themes", [])
    audiences = values.pop("audiences", [])
    resource = Resource(organization=organization, created_by=actor, **values)
    if file is not None:
        resource.file = file
    _check_link_or_file(resource)
    with transaction.atomic():
        resource.save()
        _set_rows(resource, ResourceTheme, "theme", themes)
        _set_rows(resource, ResourceAudience, "role_group", audiences)
        changes = diff(resource, {}, [c for c in COLUMNS if c != "summary"])
        changes.update({"themes": [None, themes], "audiences": [None, audiences]})
        if file is not None:
            changes["file"] = [None, os.path.basename(resource.file.name or "")]
        audit_record(actor=actor, action="resource.created", obj=resource, organization=organization, changes=changes)
    return resource


def resource_update(
    *,
    actor: Any,
    resource: Resource,
    data: Mapping[str, Any],
    file: UploadedFile | None = None,
    remove_file: bool = False,
) -> Resource:
    """Change one of the organization's own items; `file` replaces its file, `remove_file` removes it."""
    organization = resource.organization
    if organization is None:
        raise DomainError(_("The shared library cannot be changed here."), code="forbidden")
    require_manage(actor, organization)
    values = _clean(data)
    if file is not None:
        _check_file(file)
    with transaction.atomic():
        locked = Resource.objects.select_for_update().get(pk=resource.pk)
        columns = [name for name in COLUMNS if name in values]
        before = snapshot(locked, columns)
        old_file = locked.file.name or ""
        for name in columns:
            setattr(locked, name, values[name])
        if file is not None:
            locked.file = file
        elif remove_file:
            locked.file = ""
        _check_link_or_file(locked)
        changes = diff(locked, before, columns)
        new_file = locked.file.name or ""
        if file is not None or new_file != old_file:
            changes["file"] = [os.path.basename(old_file) or None, os.path.basename(new_file) or None]
        if changes:
            locked.save(update_fields=[*changes, "updated_at"])
        for name, model, column in (("themes", ResourceTheme, "theme"), ("audiences", ResourceAudience, "role_group")):
            if name in values:
                old = _set_rows(locked, model, column, values[name])
                if old != sorted(values[name]):
                    changes[name] = [old, values[name]]
        if changes:
            audit_record(actor=actor, action="resource.updated", obj=locked, organization=organization, changes=changes)
    if old_file and "file" in changes:
        # The old file goes once the change is committed; a failed save keeps it.
        storage = locked.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return locked


def resource_unpublish(*, actor: Any, resource: Resource) -> Resource:
    """Take an item out of the library (it stays on the staff list and can be published again)."""
    return resource_update(actor=actor, resource=resource, data={"is_published": False})
