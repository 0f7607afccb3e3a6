"""Every change to conversation tools and records.

Tools: an organization's administrators and coordinators add their own and change their own
(including their copies of built-ins); built-ins stay as the code keeps them. Records: written by
one of the partnership's two people while it is active; the audit trail gets their metadata only
(which tool, which meeting or goal), never what was written, because staff read the trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentorweb.conversations import selectors
from mentorweb.conversations.builtins import BUILTIN_KEYS
from mentorweb.conversations.display import localized_copy
from mentorweb.conversations.fields import clean_answers, clean_questions
from mentorweb.conversations.models import Conversation, ConversationTemplate, Tool
from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import Goal, Meeting, Partnership, PartnershipStatus
from mentorweb.programs import cleaning

MANAGE = "conversations.manage_templates"
TEMPLATE_FIELDS = ("key", "name", "tool", "description", "fields", "is_active")
COLUMNS = ("name", "tool", "description", "fields", "is_active")


def require_manage(actor: Any, organization: Organization) -> None:
    if not actor.has_perm(MANAGE, organization):
        raise DomainError(_("Only administrators and coordinators can change conversation tools."), code="forbidden")


def _key(value: Any) -> str:
    value = cleaning.text(value, "key", max_length=60, required=True).lower()
    if slugify(value) != value:
        raise DomainError(_("Use only lower-case letters, numbers and hyphens."), field="key")
    return value


_CLEANERS: dict[str, Any] = {
    "key": _key,
    "name": lambda v: cleaning.text(v, "name", max_length=200, required=True),
    "tool": lambda v: cleaning.choice(v, "tool", Tool.values),
    "description": lambda v: cleaning.text(v, "description", max_length=2000, multiline=True),
    "fields": clean_questions,
    "is_active": lambda v: cleaning.boolean(v, "is_active"),
}


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(TEMPLATE_FIELDS))
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=unknown[0])
    return {name: _CLEANERS[name](value) for name, value in data.items()}


def _changes(
    template: ConversationTemplate, before: dict[str, Any], columns: tuple[str, ...] | list[str]
) -> dict[str, Any]:
    changes = diff(template, before, [name for name in columns if name != "fields"])
    if "fields" in columns and before.get("fields") != template.fields:
        # The question keys say what changed; every label and hint would make the trail hard to read.
        changes["fields"] = [[f["key"] for f in before.get("fields") or []], [f["key"] for f in template.fields]]
    return changes


def _unique_key(organization: Organization, name: str) -> str:
    base = (slugify(name) or "tool")[:50].strip("-") or "tool"
    candidate, n = base, 2
    taken = set(ConversationTemplate.objects.filter(organization=organization).values_list("key", flat=True))
    while candidate in taken or candidate in BUILTIN_KEYS:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def template_create(*, actor: Any, organization: Organization, data: Mapping[str, Any]) -> ConversationTemplate:
    """Add one of the organization's own tools (kind "custom" unless another is given)."""
    require_manage(actor, organization)
    values = _clean(data)
    for required in ("name", "fields"):
        if required not in values:
            raise DomainError(_("This field is required."), field=required)
    if values.get("key") in BUILTIN_KEYS:
        raise DomainError(
            _("This key belongs to a built-in tool: customize the built-in to have your own copy of it."), field="key"
        )
    values.setdefault("tool", Tool.CUSTOM)
    taken = _("Your organization already has a tool with this key.")
    try:
        with transaction.atomic():
            values.setdefault("key", _unique_key(organization, values["name"]))
            if ConversationTemplate.objects.filter(organization=organization, key=values["key"]).exists():
                raise DomainError(taken, field="key")
            template = ConversationTemplate.objects.create(organization=organization, updated_by=actor, **values)
            audit_record(
                actor=actor,
                action="conversation_template.created",
                obj=template,
                organization=organization,
                changes=_changes(template, {}, TEMPLATE_FIELDS),
            )
    except IntegrityError as error:
        # Another coordinator saved a tool with this key at the same moment.
        raise DomainError(taken, field="key") from error
    return template


def template_update(*, actor: Any, template: ConversationTemplate, data: Mapping[str, Any]) -> ConversationTemplate:
    """Change one of the organization's own tools. A built-in is refused: customize it first."""
    organization = template.organization
    if organization is None:
        raise DomainError(
            _("Built-in tools stay as they are: customize this one to change your organization's copy."),
            code="forbidden",
        )
    require_manage(actor, organization)
    values = _clean(data)
    if "key" in values and values["key"] != template.key:
        raise DomainError(_("The key of a tool cannot change: records and links use it."), field="key")
    with transaction.atomic():
        locked = ConversationTemplate.objects.select_for_update().get(pk=template.pk)
        columns = [name for name in COLUMNS if name in values]
        before = snapshot(locked, columns)
        for name in columns:
            setattr(locked, name, values[name])
        changes = _changes(locked, before, columns)
        if changes:
            locked.updated_by = actor
            locked.save(update_fields=[*changes, "updated_by", "updated_at"])
            audit_record(
                actor=actor,
                action="conversation_template.updated",
                obj=locked,
                organization=organization,
                changes=changes,
            )
    return locked


def template_customize(
    *, actor: Any, organization: Organization, template: ConversationTemplate
) -> ConversationTemplate:
    """Copy a built-in into the organization, in the actor's language; the copy then takes the
    built-in's place for the organization's partnerships and can be changed freely."""
    require_manage(actor, organization)
    if not template.is_builtin:
        raise DomainError(_("Only a built-in tool can be customized; change your own tools directly."))
    exists = _("Your organization already has its own copy of this tool: change that one.")
    try:
        with transaction.atomic():
            if ConversationTemplate.objects.filter(organization=organization, key=template.key).exists():
                raise DomainError(exists, code="conflict")
            copy = ConversationTemplate.objects.create(
                organization=organization,
                key=template.key,
                tool=template.tool,
                is_active=True,
                based_on=template,
                updated_by=actor,
                **localized_copy(template),
            )
            audit_record(
                actor=actor,
                action="conversation_template.customized",
                obj=copy,
                organization=organization,
                changes={"based_on": [None, template.pk], "key": [None, template.key]},
            )
    except IntegrityError as error:
        raise DomainError(exists, code="conflict") from error
    return copy


# --- records ------------------------------------------------------------------------------------


def _is_participant(actor: Any, partnership: Partnership) -> bool:
    user_id = getattr(actor, "pk", None)
    return user_id is not None and user_id in (partnership.mentor.user_id, partnership.mentee.user_id)


def conversation_create(
    *,
    actor: Any,
    partnership: Partnership,
    template: ConversationTemplate,
    answers: Mapping[str, Any],
    meeting: Meeting | None = None,
    goal: Goal | None = None,
) -> Conversation:
    """Record a conversation made with a tool, on a meeting or a goal of the partnership."""
    if not _is_participant(actor, partnership):
        # Staff and third persons are told nothing exists, as the pages and the API do.
        raise NotFound()
    if partnership.status != PartnershipStatus.ACTIVE:
        raise DomainError(_("Conversations are recorded while the partnership is active."), code="not_active")
    if (meeting is None) == (goal is None):
        raise DomainError(_("Attach the conversation to a meeting or to a goal."), field="meeting_id")
    subject = meeting or goal
    if subject is None or subject.partnership_id != partnership.pk:
        raise NotFound()
    if template.pk not in {t.pk for t in selectors.available_templates(partnership.organization)}:
        raise DomainError(_("This tool is not available to this partnership."), field="template_id")
    cleaned = clean_answers(template.fields, answers)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            partnership=partnership,
            meeting=meeting,
            goal=goal,
            template=template,
            tool=template.tool,
            template_name=template.name,
            template_fields=template.fields,
            answers=cleaned,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="conversation.created",
            obj=conversation,
            organization=partnership.organization,
            changes={
                "partnership": [None, partnership.pk],
                "meeting" if meeting else "goal": [None, subject.pk],
                "tool": [None, template.tool],
            },
        )
    return conversation
