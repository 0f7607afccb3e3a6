"""The conversation tools part of the demo, at the Kaministiquia River board (invented).

Its Mentoring Steering Committee has customized the scaling question (one more question) and added
a tool of its own for ECE and kindergarten teams (seed 001: "complex dynamic in Kindergarten
classrooms to build mutual mentorship and collaboration, lack of embedded time"). When the demo
web gives the early childhood educator persona an active partnership with meetings held, a few
scaling-question records are added to it, so that the chart has a line to show.

Everything goes through the services; loading again changes only what differs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils import translation

from mentorweb.conversations import services
from mentorweb.conversations.models import Conversation, ConversationTemplate, FieldKind, Tool
from mentorweb.partnerships.models import MeetingStatus, Partnership, PartnershipStatus

ORGANIZATION = "krdsb"
STEERING = "steering.mfa@example.org"
ECE = "ece.mfa@example.org"

EXTRA_SCALING_QUESTION = {
    "key": "who_can_help",
    "label": "Who in your mentoring web could help with the next step?",
    "kind": FieldKind.LONG_TEXT,
    "options": [],
    "help": "Someone in another role counts too: an office administrator, a consultant, a superintendent.",
    "required": False,
}
TEAM_TOOL = {
    "key": "ece-k-team-check-in",
    "name": "ECE and kindergarten team check-in",
    "tool": Tool.CUSTOM,
    "description": "For an early childhood educator and a kindergarten teacher who share a classroom and mentor each other.",
    "is_active": True,
    "fields": [
        {
            "key": "shared_time",
            "label": "How much time did we have together this week?",
            "kind": FieldKind.CHOICE,
            "options": ["None", "Less than 15 minutes", "15 to 30 minutes", "More than 30 minutes"],
            "help": "",
            "required": True,
        },
        {
            "key": "learned_from_each_other",
            "label": "What did each of us learn from the other?",
            "kind": FieldKind.LONG_TEXT,
            "options": [],
            "help": "",
            "required": False,
        },
        {
            "key": "next_step",
            "label": "One next step for the team",
            "kind": FieldKind.TEXT,
            "options": [],
            "help": "",
            "required": False,
        },
    ],
}
# The ECE's confidence in leading the team's planning, rising over three meetings.
SCALING_RECORDS = (
    (4, "We share observations at the end of the day, when there is time."),
    (5, "We now plan the week's centres together on Mondays."),
    (7, "I led our planning conversation with the principal listening in."),
)


def load_demo(context: Any) -> None:
    organization = context.organizations.get(ORGANIZATION)
    steering = context.people.get(STEERING)
    if organization is None or steering is None:
        return
    # The copy of a built-in is made in the committee's language (English in the demo).
    with translation.override("en"):
        scaling = _scaling_copy(context, organization, steering.user)
        _team_tool(context, organization, steering.user)
    ece = context.people.get(ECE)
    if ece is not None:
        _scaling_records(context, organization, ece, scaling)


def _scaling_copy(context: Any, organization: Any, actor: Any) -> ConversationTemplate:
    builtin = ConversationTemplate.objects.get(organization__isnull=True, key="scaling-question")
    copy = ConversationTemplate.objects.filter(organization=organization, key=builtin.key).first()
    if copy is None:
        copy = services.template_customize(actor=actor, organization=organization, template=builtin)
        context.report.created["conversation tools"] += 1
    wanted = [question for question in copy.fields if question["key"] != EXTRA_SCALING_QUESTION["key"]]
    wanted.append(EXTRA_SCALING_QUESTION)
    if copy.fields != wanted:
        copy = services.template_update(actor=actor, template=copy, data={"fields": wanted})
        context.report.updated["conversation tools"] += 1
    return copy


def _team_tool(context: Any, organization: Any, actor: Any) -> None:
    tool = ConversationTemplate.objects.filter(organization=organization, key=TEAM_TOOL["key"]).first()
    if tool is None:
        services.template_create(actor=actor, organization=organization, data=TEAM_TOOL)
        context.report.created["conversation tools"] += 1
        return
    changes = {name: value for name, value in TEAM_TOOL.items() if name != "key" and getattr(tool, name) != value}
    if changes:
        services.template_update(actor=actor, template=tool, data=changes)
        context.report.updated["conversation tools"] += 1


def _scaling_records(context: Any, organization: Any, ece: Any, template: ConversationTemplate) -> None:
    partnership = (
        Partnership.objects.filter(organization=organization, status=PartnershipStatus.ACTIVE)
        .filter(Q(mentor=ece) | Q(mentee=ece))
        .select_related("organization", "mentor", "mentee")
        .order_by("pk")
        .first()
    )
    if partnership is None or Conversation.objects.filter(partnership=partnership, tool=Tool.SCALING_QUESTION).exists():
        return
    meetings = list(
        partnership.meetings.filter(status=MeetingStatus.HELD).order_by("starts_at")[: len(SCALING_RECORDS)]
    )
    for meeting, (value, why) in zip(meetings, SCALING_RECORDS, strict=False):
        record = services.conversation_create(
            actor=ece.user,
            partnership=partnership,
            template=template,
            meeting=meeting,
            answers={
                "focus": "My confidence in leading our team's planning conversation",
                "scale": value,
                "why_not_lower": why,
            },
        )
        # Dated just after its meeting, as if written then, so that the chart spreads over time.
        Conversation.objects.filter(pk=record.pk).update(created_at=meeting.starts_at + dt.timedelta(hours=1))
        context.report.created["conversation records"] += 1
