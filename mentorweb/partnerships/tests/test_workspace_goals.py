"""Goals set in a goal-setting conversation: success indicators, next steps, progress, due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from mentorweb.core.errors import DomainError, NotFound
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import lifecycle
from mentorweb.partnerships.goals import goal_create, goal_progress, goal_update
from mentorweb.partnerships.models import Goal, GoalStatus, MeetingStatus
from mentorweb.partnerships.tests.workspace_world import active_pair, meeting_row

GOAL = {
    "title": "Build a school improvement plan with the staff",
    "description": "A plan the staff own, not one handed to them.",
    "success_indicators": "Every division has named one priority by December.",
    "next_steps": "Draft the survey; book the staff meeting.",
    "due_on": dt.date(2031, 12, 15),
}


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def test_set_at_a_meeting_then_progress(pair):
    conversation = meeting_row(pair.partnership, -3, status=MeetingStatus.HELD)
    goal = goal_create(
        actor=pair.mentee.user, partnership=pair.partnership, data={**GOAL, "set_at_meeting": conversation}
    )
    assert goal.progress == 0 and goal.status == GoalStatus.OPEN and goal.set_at_meeting == conversation
    goal.partnership = pair.partnership
    goal_progress(actor=pair.mentor.user, goal=goal, progress=40)
    goal_update(actor=pair.mentee.user, goal=goal, data={"next_steps": "Run the survey", "progress": 100})
    goal_progress(actor=pair.mentee.user, goal=goal, progress=100, status=GoalStatus.ACHIEVED)
    goal.refresh_from_db()
    assert (goal.progress, goal.status, goal.next_steps) == (100, GoalStatus.ACHIEVED, "Run the survey")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"progress": "half"}, "progress"),
        ({"due_on": "soon"}, "due_on"),
        ({"status": "forgotten"}, "status"),
        ({"success_indicators": "x" * 4001}, "success_indicators"),
        ({"owner": "me"}, "owner"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(pair, changes, field):
    with pytest.raises(DomainError) as caught:
        goal_create(actor=pair.mentee.user, partnership=pair.partnership, data={**GOAL, **changes})
    assert caught.value.field == field
    assert not Goal.objects.exists()


def test_a_meeting_of_another_partnership_is_refused(pair, personas):
    other = active_pair(personas.org, slug="other")
    with pytest.raises(DomainError) as caught:
        goal_create(
            actor=pair.mentee.user,
            partnership=pair.partnership,
            data={**GOAL, "set_at_meeting": meeting_row(other.partnership, -1)},
        )
    assert caught.value.field == "set_at_meeting"


def test_only_the_pair_and_only_while_active(pair, personas):
    with pytest.raises(NotFound):
        goal_create(actor=personas.staff, partnership=pair.partnership, data=GOAL)
    goal = goal_create(actor=pair.mentee.user, partnership=pair.partnership, data=GOAL)
    lifecycle.partnership_complete(actor=personas.staff, partnership=pair.partnership)
    goal.partnership = pair.refresh()
    with pytest.raises(DomainError) as caught:
        goal_progress(actor=pair.mentee.user, goal=goal, progress=50)
    assert caught.value.code == "read_only"
    assert Goal.objects.get().progress == 0


def test_the_audit_trail_keeps_progress_and_dates_not_the_words(pair):
    goal = goal_create(actor=pair.mentee.user, partnership=pair.partnership, data=GOAL)
    goal.partnership = pair.partnership
    goal_update(actor=pair.mentee.user, goal=goal, data={"progress": 30, "title": "A sharper goal"})
    created, updated = AuditEntry.objects.filter(object_type="partnerships.goal").order_by("pk")
    assert created.changes["due_on"] == [None, "2031-12-15"]
    assert updated.changes == {"progress": [0, 30], "title": ["…", "…"]}
    for entry in (created, updated):
        assert entry.object_id == str(goal.pk)
        assert "improvement" not in f"{entry.changes} {entry.object_label}"
        assert "sharper" not in f"{entry.changes} {entry.object_label}"


def test_the_goal_page_shows_the_goal_setting_tip_and_saves(pair):
    client = Client()
    client.force_login(pair.mentee.user)
    url = reverse("partnerships:goal_create", args=[pair.partnership.pk])
    page = client.get(url).content.decode()
    assert "A goal-setting conversation" in page
    refused = client.post(url, {"title": "Plan", "progress": "140", "status": "open"}).content.decode()
    assert 'id="id_progress_error"' in refused and not Goal.objects.exists()
    response = client.post(url, {"title": "Plan", "progress": "10", "status": "open", "due_on": "2031-06-30"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    edit = reverse("partnerships:goal_edit", args=[pair.partnership.pk, goal.pk])
    client.post(edit, {"title": "Plan", "progress": "60", "status": "open", "due_on": "2031-06-30"})
    assert Goal.objects.get().progress == 60
    workspace = client.get(reverse("partnerships:detail", args=[pair.partnership.pk])).content.decode()
    assert '<progress max="100" value="60"' in workspace
