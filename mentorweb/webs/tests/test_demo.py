"""The mentoring web of the demo: the whole demo loaded once for the module (as the core's demo
tests do), then its figures; and a second load that changes nothing."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from mentorweb.accounts.models import Person
from mentorweb.conversations.models import Conversation, Tool
from mentorweb.core.demo import people_web
from mentorweb.core.demo.specs import TAGS
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.models import Goal, Meeting, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs import demo
from mentorweb.webs.models import EMPLOYEE_GROUPS, CoverageSnapshot, LearningEntry, MentorOffer, SteeringMember
from mentorweb.webs.services import is_participant


def load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


@pytest.fixture
def web(first_load, db) -> Program:
    return Program.objects.get(organization__slug="krdsb", slug="mentoring-for-all")


def connections(web: Program):
    return Partnership.objects.filter(program=web).select_related("mentor", "mentee")


# --- the generated people (no database) ---------------------------------------------------------


def test_generated_people_are_the_same_on_every_load_and_use_the_shared_tags():
    assert people_web.generate() == people_web.PEOPLE
    assert 200 <= len(people_web.PEOPLE) <= 400
    assert {spec.role_group for spec in people_web.PEOPLE} == set(EMPLOYEE_GROUPS)
    assert {tag for spec in people_web.PEOPLE for tag in (*spec.needs, *spec.expertise)} <= TAGS
    # Kindergarten is never at the secondary school.
    assert not [
        spec
        for spec in people_web.PEOPLE
        if "indergarten" in spec.position and any(m.organization == "krdsb-boreal-heights" for m in spec.memberships)
    ]


# --- the web ------------------------------------------------------------------------------------


def test_the_web_program_has_its_topics_and_check_ins(web):
    assert web.kind == ProgramKind.WEB and web.is_published
    assert "Scaling question" in web.meeting_topics
    assert (web.checkin_first_days, web.checkin_every_days) == (45, 90)


def test_the_steering_committee_represents_every_group_and_is_chaired_by_the_persona(web):
    members = SteeringMember.objects.filter(program=web).select_related("person__user")
    assert {m.represents for m in members} == set(EMPLOYEE_GROUPS)
    assert members.filter(person__user__email=demo.CHAIR).exists()
    assert all(is_participant(m.person, web) for m in members)


def test_a_few_hundred_people_in_every_group_take_part(web):
    board = Person.objects.filter(memberships__organization__slug__in=["krdsb"]).distinct()
    assert board.count() >= 250
    assert set(board.values_list("role_group", flat=True)) >= set(EMPLOYEE_GROUPS)


def test_offers_connections_and_meetings_make_a_living_web(web):
    assert MentorOffer.objects.filter(program=web).count() >= 80
    rows = list(connections(web))
    by_status = Counter((c.kind, c.status) for c in rows)
    assert by_status[("web", PartnershipStatus.ACTIVE)] >= 40
    assert by_status[("peer", PartnershipStatus.ACTIVE)] >= 3
    assert by_status[("web", PartnershipStatus.PROPOSED)] >= 2
    assert sum(n for (kind, status), n in by_status.items() if status == PartnershipStatus.ENDED) >= 3
    declined = [c for c in rows if c.status == PartnershipStatus.DECLINED]
    assert len(declined) == 1 and declined[0].decline_reason == demo.DECLINE_REASON
    cross = [c for c in rows if c.mentor.role_group != c.mentee.role_group]
    assert len(cross) >= 0.8 * len(rows)
    held = Meeting.objects.filter(partnership__program=web, status=MeetingStatus.HELD)
    assert 150 <= held.count() <= 500
    assert Goal.objects.filter(partnership__program=web).exists()
    assert LearningEntry.objects.filter(partnership__program=web).count() >= 30
    # Places taken match the live mentoring connections, and no one is over capacity.
    for offer in MentorOffer.objects.filter(program=web):
        live = Partnership.objects.filter(mentor_offer=offer, status=PartnershipStatus.ACTIVE).count()
        assert offer.taken == live <= offer.capacity, offer


def test_the_seed_examples_are_there(web):
    def between(first: str, second: str) -> Partnership:
        return connections(web).get(mentor__user__email__in=(first, second), mentee__user__email__in=(first, second))

    assert between("brenda.koski@example.org", demo.SUPERINTENDENT).status == PartnershipStatus.ACTIVE
    assert between("gloria.pereira@example.org", demo.ADMINISTRATOR).mentor.role_group == "supervisory_officer"
    assert between("priyanka.shah@example.org", "rosa.medeiros@example.org").status == PartnershipStatus.ACTIVE
    assert between("heather.lindsay@example.org", demo.CHAIR).mentee.role_group == "associate_teacher"
    assert connections(web).filter(mentor__user__email=demo.CHAIR, status=PartnershipStatus.PROPOSED).exists()


def test_the_demo_ece_has_an_active_connection_with_meetings_and_scaling_records(web):
    ece = connections(web).filter(mentee__user__email=demo.ECE, status=PartnershipStatus.ACTIVE).order_by("pk")
    first = ece.first()
    assert first is not None and first.mentor.position == "Kindergarten teacher"
    assert first.meetings.filter(status=MeetingStatus.HELD).count() >= 3
    records = Conversation.objects.filter(partnership=first, tool=Tool.SCALING_QUESTION).order_by("created_at")
    assert [r.answers["scale"] for r in records] == [4, 5, 7]


def test_a_year_of_coverage_snapshots(web):
    days = sorted(set(CoverageSnapshot.objects.filter(program=web).values_list("taken_on", flat=True)))
    assert 11 <= len(days) <= 13
    latest = CoverageSnapshot.objects.filter(program=web, taken_on=days[-1])
    earliest = CoverageSnapshot.objects.filter(program=web, taken_on=days[0])
    assert sum(s.connections for s in latest) > sum(s.connections for s in earliest)
    assert {s.role_group for s in latest} >= set(EMPLOYEE_GROUPS)


def test_a_second_load_changes_nothing(web):
    counts = (
        MentorOffer.objects.count(),
        Partnership.objects.count(),
        Meeting.objects.count(),
        LearningEntry.objects.count(),
        CoverageSnapshot.objects.count(),
        AuditEntry.objects.count(),
    )
    assert "nothing changed" in load()
    assert counts == (
        MentorOffer.objects.count(),
        Partnership.objects.count(),
        Meeting.objects.count(),
        LearningEntry.objects.count(),
        CoverageSnapshot.objects.count(),
        AuditEntry.objects.count(),
    )
