"""Writing the audit trail.

The source of a change (web, API, job, command) is set once at the edge (middleware, API
auth, job wrapper, management command) in a context variable, so that services do not
need to pass it around.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.db import models

from mentorweb.core.models import AuditEntry, AuditSource

_source: ContextVar[str] = ContextVar("audit_source", default=AuditSource.COMMAND)


def current_source() -> str:
    return _source.get()


@contextlib.contextmanager
def audit_source(source: str) -> Iterator[None]:
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def set_audit_source(source: str) -> None:
    _source.set(source)


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return str(value)


def diff(instance: models.Model, before: dict[str, Any], fields: Iterable[str]) -> dict[str, list[Any]]:
    """Old and new values of `fields` that changed since `before` was taken."""
    changes: dict[str, list[Any]] = {}
    for name in fields:
        old = before.get(name)
        new = getattr(instance, name)
        if _plain(old) != _plain(new):
            changes[name] = [_plain(old), _plain(new)]
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    organization: Any = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change. Call it inside the transaction that makes the change."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=(getattr(user, "email", "") or "system")[:254],
        source=current_source(),
        organization=organization,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
    )
