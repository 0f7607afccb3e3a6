"""Test builders for conversation records: an active partnership with a meeting and a goal, and the
rows whose ids go into the two permission matrices (tests/test_permission_matrix.py and
mentorweb/api/tests/test_permission_matrix.py). They write rows directly; the code under test
goes through services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.conversations.models import Conversation, ConversationTemplate, FieldKind, Tool
from mentorweb.organizations.models import Organization
from mentorweb.partnerships.models import (
    Goal,
    Meeting,
    MeetingStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Response,
)
from mentorweb.programs.models import Program, ProgramKind
from tests.factories import MembershipFactory


def web_program(organization: Organization) -> Program:
    program, _created = Program.objects.get_or_create(
        organization=organization,
        slug="mentoring-web-conversations",
        defaults={"kind": ProgramKind.WEB, "name": "Mentoring for All", "is_published": True},
    )
    return program


def person_in(organization: Organization, role_group: str = RoleGroup.TEACHER) -> Person:
    person: Person = MembershipFactory(organization=organization).person
    person.role_group = role_group
    person.save(update_fields=["role_group"])
    return person


def partnership(
    organization: Organization, mentor: Person, mentee: Person, *, status: str = PartnershipStatus.ACTIVE
) -> Partnership:
    accepted = status in (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
    return Partnership.objects.create(
        kind=PartnershipKind.WEB,
        organization=organization,
        program=web_program(organization),
        mentor=mentor,
        mentee=mentee,
        status=status,
        mentor_response=Response.ACCEPTED if accepted else Response.PENDING,
        mentee_response=Response.ACCEPTED if accepted else Response.PENDING,
        starts_on=dt.date.today(),
    )


def meeting(partnership: Partnership, *, days_ago: int = 1) -> Meeting:
    return Meeting.objects.create(
        partnership=partnership,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        status=MeetingStatus.HELD,
        shared_notes="Talked about the kindergarten team's planning time.",
    )


def goal(partnership: Partnership, title: str = "Plan the kindergarten team's shared time") -> Goal:
    return Goal.objects.create(partnership=partnership, title=title)


def builtin(key: str) -> ConversationTemplate:
    return ConversationTemplate.objects.get(organization__isnull=True, key=key)


def own_tool(organization: Organization, key: str = "ece-k-check-in") -> ConversationTemplate:
    return ConversationTemplate.objects.create(
        organization=organization,
        key=key,
        name="ECE and kindergarten team check-in",
        tool=Tool.CUSTOM,
        fields=[
            {
                "key": "what_worked",
                "label": "What worked",
                "kind": FieldKind.LONG_TEXT,
                "options": [],
                "help": "",
                "required": True,
            },
            {
                "key": "time",
                "label": "Shared time",
                "kind": FieldKind.CHOICE,
                "options": ["Enough", "Not enough"],
                "help": "",
                "required": False,
            },
        ],
    )


def scaling_record(
    partnership: Partnership, meeting: Meeting, value: int, *, focus: str = "Confidence"
) -> Conversation:
    template = builtin("scaling-question")
    return Conversation.objects.create(
        partnership=partnership,
        meeting=meeting,
        template=template,
        tool=template.tool,
        template_name=template.name,
        template_fields=template.fields,
        answers={"focus": focus, "scale": value, "why_not_lower": "", "one_step_up": ""},
        author=partnership.mentee.user,
    )


def conversations_matrix_ids(personas: Any) -> dict[str, Any]:
    """The member is the mentee of an active partnership of the personas' organization, with a
    meeting, a goal and a record; the organization has a tool of its own. Keys start with cv_."""
    mentor = person_in(personas.org, RoleGroup.PRINCIPAL)
    pair = partnership(personas.org, mentor, personas.member.person)
    held = meeting(pair)
    record = scaling_record(pair, held, 6)
    return {
        "cv_partnership": pair.pk,
        "cv_meeting": held.pk,
        "cv_goal": goal(pair).pk,
        "cv_conversation": record.pk,
        "cv_builtin": builtin("scaling-question").pk,
        "cv_tool": own_tool(personas.org).pk,
    }


def conversations_api_ids(personas: Any) -> dict[str, Any]:
    ids = conversations_matrix_ids(personas)
    return {
        "conversation_id": ids["cv_conversation"],
        "conversation_meeting_id": ids["cv_meeting"],
        "conversation_template_id": ids["cv_builtin"],
        "template_id": ids["cv_tool"],
        "builtin_id": ids["cv_builtin"],
    }
