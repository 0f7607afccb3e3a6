"""Reads of conversation tools and records, scoped to what the user may see.

Records: only the partnership's two people, for a partnership that has started (active, or
completed or ended, to read its history). Anyone else, staff included, gets a 404: staff never
see what a pair wrote. Tools: the built-ins and the organization's own; another organization's
tool is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from mentorweb.accounts.selectors import person_pk_of
from mentorweb.conversations.fields import scale_value
from mentorweb.conversations.models import Conversation, ConversationTemplate, Tool
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import Goal, Meeting, Partnership, PartnershipStatus

READABLE_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
# The chart shows at most this many of the latest scaling records (a year of fortnightly meetings twice over).
SCALING_LIMIT = 60


# --- partnerships, meetings, goals --------------------------------------------------------------


def get_partnership_for_participant(user: Any, partnership_id: int) -> Partnership:
    """The partnership if the user is its mentor or its mentee; otherwise 404, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    partnership = (
        Partnership.objects.select_related("organization", "mentor__user", "mentee__user", "program")
        .filter(pk=partnership_id, status__in=READABLE_STATUSES)
        .filter(Q(mentor__user=user) | Q(mentee__user=user))
        .first()
    )
    if partnership is None:
        raise Http404
    return partnership


def get_meeting(partnership: Partnership, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(partnership=partnership, pk=meeting_id).first()
    if meeting is None:
        raise Http404
    return meeting


def get_goal(partnership: Partnership, goal_id: int) -> Goal:
    goal = Goal.objects.filter(partnership=partnership, pk=goal_id).first()
    if goal is None:
        raise Http404
    return goal


# --- tools --------------------------------------------------------------------------------------


def templates_for_organization(organization: Organization) -> list[ConversationTemplate]:
    """Every tool the organization's staff manage: each built-in (or, in its place, the organization's
    copy of it), then the organization's own tools, in one query."""
    rows = list(
        ConversationTemplate.objects.filter(Q(organization__isnull=True) | Q(organization=organization))
        .select_related("organization")
        .order_by("organization_id", "name", "pk")
    )
    own_keys = {t.key for t in rows if t.organization_id is not None}
    builtins = [t for t in rows if t.organization_id is None and t.key not in own_keys]
    own = [t for t in rows if t.organization_id is not None]
    copies = [t for t in own if t.based_on_id is not None]
    others = [t for t in own if t.based_on_id is None]
    return sorted([*builtins, *copies], key=_tool_order) + others


def _tool_order(template: ConversationTemplate) -> tuple[int, str]:
    values = list(Tool.values)
    return (values.index(template.tool) if template.tool in values else len(values), template.name)


def available_templates(organization: Organization) -> list[ConversationTemplate]:
    """The tools a partnership of the organization can use: the active ones. An organization's copy
    of a built-in takes its place, and a copy that is not in use hides the built-in too."""
    return [t for t in templates_for_organization(organization) if t.is_active]


def get_available_template(organization: Organization, template_id: int) -> ConversationTemplate:
    for template in available_templates(organization):
        if template.pk == template_id:
            return template
    raise Http404


def get_template_for_staff(organization: Organization, template_id: int) -> ConversationTemplate:
    """A built-in or one of the organization's tools; another organization's is a 404."""
    template = (
        ConversationTemplate.objects.filter(Q(organization__isnull=True) | Q(organization=organization))
        .filter(pk=template_id)
        .first()
    )
    if template is None:
        raise Http404
    return template


def get_own_template(organization: Organization, template_id: int) -> ConversationTemplate:
    """One of the organization's own tools, to edit; a built-in or another organization's is a 404."""
    template = ConversationTemplate.objects.filter(organization=organization, pk=template_id).first()
    if template is None:
        raise Http404
    return template


# --- records ------------------------------------------------------------------------------------


def partnership_conversations(
    partnership: Partnership, *, meeting: Meeting | None = None, goal: Goal | None = None, tool: str = ""
) -> QuerySet[Conversation]:
    conversations = Conversation.objects.filter(partnership=partnership).select_related(
        "author__person", "meeting", "goal"
    )
    if meeting is not None:
        conversations = conversations.filter(meeting=meeting)
    if goal is not None:
        conversations = conversations.filter(goal=goal)
    if tool:
        conversations = conversations.filter(tool=tool)
    return conversations.order_by("-created_at", "-pk")


def conversations_for_user(user: Any, *, partnership_id: int | None = None, tool: str = "") -> QuerySet[Conversation]:
    """Every record of the partnerships the user is one of the two people of, latest first."""
    if not getattr(user, "is_authenticated", False):
        return Conversation.objects.none()
    me = person_pk_of(user)
    conversations = Conversation.objects.filter(
        Q(partnership__mentor_id=me) | Q(partnership__mentee_id=me),
        partnership__status__in=READABLE_STATUSES,
    ).select_related("author__person", "template")
    if partnership_id is not None:
        conversations = conversations.filter(partnership_id=partnership_id)
    if tool:
        conversations = conversations.filter(tool=tool)
    return conversations.order_by("-created_at", "-pk")


def get_conversation(partnership: Partnership, conversation_id: int) -> Conversation:
    conversation = partnership_conversations(partnership).filter(pk=conversation_id).first()
    if conversation is None:
        raise Http404
    return conversation


@dataclass(frozen=True)
class ScalePoint:
    conversation_id: int
    at: datetime
    value: int
    focus: str


def scaling_series(partnership: Partnership) -> list[ScalePoint]:
    """The 0–10 answers of the partnership's scaling-question records, oldest first."""
    rows = list(
        Conversation.objects.filter(partnership=partnership, tool=Tool.SCALING_QUESTION)
        .order_by("-created_at", "-pk")
        .values("pk", "created_at", "template_fields", "answers")[:SCALING_LIMIT]
    )
    points = []
    for row in reversed(rows):
        value = scale_value(row["template_fields"], row["answers"])
        if value is not None:
            focus = row["answers"].get("focus", "")
            points.append(ScalePoint(row["pk"], row["created_at"], value, focus if isinstance(focus, str) else ""))
    return points
