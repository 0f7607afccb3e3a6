"""The demo parts of the library and the conversation tools, loaded twice: the second load changes
nothing. Run on a small world of their own (the full demo is loaded by the core's demo tests)."""

from __future__ import annotations

from types import SimpleNamespace

from mentorweb.conversations import demo as conversations_demo
from mentorweb.conversations.models import Conversation, ConversationTemplate
from mentorweb.conversations.tests.world import meeting, partnership, person_in
from mentorweb.core.demo.loader import DemoReport
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import StaffRole
from mentorweb.resources import demo as resources_demo
from mentorweb.resources.models import Resource
from tests.factories import MembershipFactory, OrganizationFactory


def _context():
    board = OrganizationFactory(slug="krdsb", name="Kaministiquia River District School Board")
    steering = MembershipFactory(organization=board, role=StaffRole.COORDINATOR).person
    ece = person_in(board, "early_childhood_educator")
    teacher = person_in(board, "teacher")
    pair = partnership(board, teacher, ece)
    for days_ago in (60, 30, 5):
        meeting(pair, days_ago=days_ago)
    people = {"steering.mfa@example.org": steering, "ece.mfa@example.org": ece}
    return SimpleNamespace(organizations={"krdsb": board}, people=people, report=DemoReport()), pair


def _load(context):
    context.report = DemoReport()
    resources_demo.load_demo(context)
    conversations_demo.load_demo(context)
    return context.report


def test_the_demo_library_tools_and_records_load_once(db):
    context, pair = _context()
    first = _load(context)
    assert first.created["library items"] == len(resources_demo.ITEMS)
    assert first.created["conversation tools"] == 2
    assert first.created["conversation records"] == 3
    board = context.organizations["krdsb"]
    assert Resource.objects.filter(organization=board, language="fr").count() == 1
    assert not Resource.objects.filter(organization=board).exclude(link="").exists()
    copy = ConversationTemplate.objects.get(organization=board, key="scaling-question")
    assert copy.fields[-1]["key"] == "who_can_help"
    values = [c.answers["scale"] for c in Conversation.objects.filter(partnership=pair).order_by("created_at")]
    assert values == [4, 5, 7]
    entries = AuditEntry.objects.count()
    second = _load(context)
    assert not second.changed
    assert AuditEntry.objects.count() == entries
