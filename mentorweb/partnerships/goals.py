"""Goals a pair sets in a goal-setting conversation (optionally at one of their meetings): what
the goal means, how they will know it is met, the next steps, progress and a due date.

Either person sets and updates them. Staff see none of it; the audit trail names the text
fields that changed, without their values, and keeps progress, status and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.models import Goal, GoalStatus, Meeting, Partnership
from mentorweb.partnerships.workspace_guards import HIDDEN, lock_active, private_diff, require_active, require_pair
from mentorweb.programs import cleaning

GOAL_FIELDS = (
    "title",
    "description",
    "success_indicators",
    "next_steps",
    "progress",
    "due_on",
    "status",
    "set_at_meeting",
)
PRIVATE_FIELDS = frozenset({"title", "description", "success_indicators", "next_steps"})


def _meeting(value: Any, partnership: Partnership) -> Meeting | None:
    if value is None:
        return None
    if not isinstance(value, Meeting) or value.partnership_id != partnership.pk:
        raise DomainError(_("Choose a meeting of this partnership."), field="set_at_meeting")
    return value


def _due(value: Any) -> dt.date | None:
    return cleaning.day(value, "due_on", required=False)


CLEANERS: dict[str, Any] = {
    "title": lambda v, p: cleaning.text(v, "title", max_length=300, required=True),
    "description": lambda v, p: cleaning.text(v, "description", max_length=4000, multiline=True),
    "success_indicators": lambda v, p: cleaning.text(v, "success_indicators", max_length=4000, multiline=True),
    "next_steps": lambda v, p: cleaning.text(v, "next_steps", max_length=4000, multiline=True),
    "progress": lambda v, p: cleaning.integer(v, "progress", minimum=0, maximum=100),
    "due_on": lambda v, p: _due(v),
    "status": lambda v, p: cleaning.choice(v, "status", GoalStatus.values),
    "set_at_meeting": _meeting,
}


def clean_goal(data: Mapping[str, Any], partnership: Partnership) -> dict[str, Any]:
    unknown = set(data) - set(GOAL_FIELDS)
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(_("This field cannot be set here: %s") % name, field=name)
    return {name: CLEANERS[name](value, partnership) for name, value in data.items()}


def _unlabelled(goal: Goal) -> Goal:
    """The goal as the audit trail sees it: its type and id. Its label would be the goal's title,
    which is the pair's own words."""
    return Goal(pk=goal.pk)


def _audit_value(name: str, value: Any) -> Any:
    if name in PRIVATE_FIELDS:
        return HIDDEN if value else value
    if isinstance(value, Meeting):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def goal_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Goal:
    """Set a goal. `data`: title (required), description, success_indicators, next_steps,
    progress (0–100), due_on, status, set_at_meeting."""
    require_pair(actor, partnership)
    require_active(partnership)
    values = clean_goal(data, partnership)
    if "title" not in values:
        raise DomainError(_("This field is required."), field="title")
    with transaction.atomic():
        locked = lock_active(partnership)
        goal = Goal.objects.create(partnership=locked, created_by=actor, **values)
        audit_record(
            actor=actor,
            action="goal.created",
            obj=_unlabelled(goal),
            organization=locked.organization,
            changes={name: [None, _audit_value(name, value)] for name, value in values.items()},
        )
    return goal


def goal_update(*, actor: Any, goal: Goal, data: Mapping[str, Any]) -> Goal:
    """Change a goal: any of the fields of goal_create, progress included."""
    partnership = goal.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    values = clean_goal(data, partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        fields = list(values)
        before = {name: getattr(current, name) for name in fields}
        for name, value in values.items():
            setattr(current, name, value)
        changes = private_diff(current, before, fields, PRIVATE_FIELDS)
        if "due_on" in changes:
            changes["due_on"] = [_audit_value("due_on", before["due_on"]), _audit_value("due_on", current.due_on)]
        if not changes:
            return current
        current.save(update_fields=[*changes.keys(), "updated_at"])
        audit_record(
            actor=actor,
            action="goal.updated",
            obj=_unlabelled(current),
            organization=locked.organization,
            changes=changes,
        )
    return current


def goal_progress(*, actor: Any, goal: Goal, progress: int, status: str | None = None) -> Goal:
    """Update a goal's progress (and, when given, its status)."""
    data: dict[str, Any] = {"progress": progress}
    if status is not None:
        data["status"] = status
    return goal_update(actor=actor, goal=goal, data=data)
