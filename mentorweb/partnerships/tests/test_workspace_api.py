"""The workspace through the API: the same services and rules as the pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.partnerships.models import AgreementStatus, Goal, Meeting, MeetingStatus, PartnershipStatus, PrivateNote
from mentorweb.partnerships.tests.workspace_world import OPSOA_TOPICS, SECRET, active_pair, meeting_row, note_row
from mentorweb.programs.times import today_in


class Caller:
    def __init__(self, user: Any) -> None:
        self.token = token_create(user=user, name="tests", expires_at=None)[1]

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        kwargs: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(Client(), method.lower())(f"/api/v1{path}", **kwargs)


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


@pytest.fixture
def mentor(pair):
    return Caller(pair.mentor.user)


@pytest.fixture
def mentee(pair):
    return Caller(pair.mentee.user)


def base(pair) -> str:
    return f"/partnerships/{pair.partnership.pk}"


def test_agreement_propose_acknowledge_and_history(pair, mentor, mentee):
    body = {
        "informal_channels": ["text", "phone"],
        "informal_notes": "Evenings are fine",
        "formal_planning": "Growth plan",
        "meeting_every_days": 7,
        "meeting_modes": ["face_to_face"],
        "hours_per_month": "2.50",
        "confidentiality": True,
    }
    created = mentor("post", base(pair) + "/agreements", body)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["status"] == "proposed" and data["proposed_by"] == "mentor"
    assert data["hours_per_month"] == "2.50" and data["mentee_acknowledged_at"] is None
    refused = mentee("post", base(pair) + f"/agreements/{data['id']}/acknowledge", {"confidentiality": False})
    assert refused.status_code == 400 and refused.json()["field"] == "confidentiality"
    agreed = mentee("post", base(pair) + f"/agreements/{data['id']}/acknowledge", {"confidentiality": True})
    assert agreed.status_code == 200 and agreed.json()["status"] == AgreementStatus.AGREED
    mentee("post", base(pair) + "/agreements", {**body, "meeting_every_days": 14})
    versions = mentor("get", base(pair) + "/agreements").json()
    assert [(v["version"], v["status"]) for v in versions] == [(2, "proposed"), (1, "agreed")]
    assert versions[0]["proposed_by"] == "mentee"
    # Bad input is refused before any service runs, naming the field.
    bad = mentor("post", base(pair) + "/agreements", {**body, "informal_channels": ["pigeon"]})
    assert bad.status_code == 422 and bad.json()["field"].startswith("informal_channels")


def test_meetings_schedule_change_cancel_and_log(pair, mentor, mentee, django_capture_on_commit_callbacks):
    day = today_in(pair.partnership.organization.time_zone) + dt.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        created = mentee("post", base(pair) + "/meetings", {"date": day.isoformat(), "time": "13:15", "mode": "phone"})
    assert created.status_code == 201, created.content
    meeting = created.json()
    assert (meeting["local_date"], meeting["local_time"], meeting["time_zone"]) == (
        day.isoformat(),
        "13:15:00",
        "America/Toronto",
    )
    assert meeting["sequence"] == 0 and len(mail.outbox) == 2
    url = base(pair) + f"/meetings/{meeting['id']}"
    with django_capture_on_commit_callbacks(execute=True):
        changed = mentor("patch", url, {"time": "14:00"})
    assert changed.status_code == 200 and changed.json()["sequence"] == 1
    assert len(mail.outbox) == 4
    assert mentor("patch", url, {"mode": None}).status_code == 422
    assert mentor("patch", url, {"date": "1999-01-01"}).json()["field"] == "date"
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = mentor("post", url + "/cancel")
    assert cancelled.json()["status"] == "cancelled" and len(mail.outbox) == 6
    held = meeting_row(pair.partnership, -1)
    logged = mentee(
        "post",
        base(pair) + f"/meetings/{held.pk}/log",
        {"topics": [OPSOA_TOPICS[3]], "other_topics": ["Budget"], "shared_notes": "Notes", "next_plan": "Plan"},
    )
    assert logged.status_code == 200, logged.content
    assert logged.json()["topics"] == [OPSOA_TOPICS[3], "Budget"] and logged.json()["status"] == "held"
    listed = mentor("get", base(pair) + "/meetings").json()
    assert {m["id"] for m in listed} == {meeting["id"], held.pk}
    unknown = mentee("post", base(pair) + f"/meetings/{held.pk}/log", {"topics": ["Gossip"]})
    assert unknown.status_code == 400 and unknown.json()["field"] == "topics"


def test_goals_create_and_progress(pair, mentor, mentee, personas):
    conversation = meeting_row(pair.partnership, -2, status=MeetingStatus.HELD)
    created = mentee(
        "post",
        base(pair) + "/goals",
        {
            "title": "Entry plan",
            "success_indicators": "Staff know it",
            "due_on": "2031-06-30",
            "set_at_meeting_id": conversation.pk,
        },
    )
    assert created.status_code == 201, created.content
    goal = created.json()
    assert goal["set_at_meeting_id"] == conversation.pk and goal["progress"] == 0
    updated = mentor("patch", base(pair) + f"/goals/{goal['id']}", {"progress": 80, "status": "achieved"})
    assert updated.status_code == 200 and (updated.json()["progress"], updated.json()["status"]) == (80, "achieved")
    assert mentor("patch", base(pair) + f"/goals/{goal['id']}", {"progress": 101}).status_code == 422
    other = active_pair(personas.org, slug="other")
    foreign = meeting_row(other.partnership, -1)
    refused = mentor("post", base(pair) + "/goals", {"title": "x", "set_at_meeting_id": foreign.pk})
    assert refused.status_code == 400 and refused.json()["field"] == "set_at_meeting_id"
    assert [g["title"] for g in mentee("get", base(pair) + "/goals").json()] == ["Entry plan"]
    assert Goal.objects.count() == 1


def test_notes_belong_to_their_author_alone(pair, mentor, mentee):
    created = mentee("post", base(pair) + "/notes", {"text": SECRET})
    assert created.status_code == 201 and created.json()["text"] == SECRET
    note_id = created.json()["id"]
    theirs = note_row(pair.partnership, pair.mentor, "The mentor's own")
    assert [n["text"] for n in mentee("get", base(pair) + "/notes").json()] == [SECRET]
    assert [n["text"] for n in mentor("get", base(pair) + "/notes").json()] == ["The mentor's own"]
    for method, body in (("patch", {"text": "x"}), ("delete", None)):
        response = mentor(method, base(pair) + f"/notes/{note_id}", body)
        assert response.status_code == 404 and "superintendent" not in response.content.decode()
        assert mentee(method, base(pair) + f"/notes/{theirs.pk}", body).status_code == 404
    changed = mentee("patch", base(pair) + f"/notes/{note_id}", {"text": "Changed"})
    assert changed.json()["text"] == "Changed"
    assert mentee("delete", base(pair) + f"/notes/{note_id}").status_code == 204
    assert list(PrivateNote.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_end_complete_and_read_only_afterwards(pair, mentor, mentee, personas):
    assert mentee("post", base(pair) + "/complete").status_code == 403
    blank = mentee("post", base(pair) + "/end", {"reason": " "})
    assert blank.status_code in (400, 422) and blank.json()["field"] == "reason"
    ended = mentee("post", base(pair) + "/end", {"reason": "Moving provinces"})
    assert ended.status_code == 200 and ended.json()["status"] == PartnershipStatus.ENDED
    again = mentor("post", base(pair) + "/end", {"reason": "Again"})
    assert again.status_code == 400 and again.json()["code"] == "read_only"
    refused = mentor("post", base(pair) + "/notes", {"text": "After the end"})
    assert refused.status_code == 400 and "can no longer be changed" in refused.json()["detail"]
    assert mentor("get", base(pair) + "/meetings").status_code == 200
    second = active_pair(personas.org, slug="second")
    staff = Caller(personas.staff)
    completed = staff("post", f"/partnerships/{second.partnership.pk}/complete")
    assert completed.status_code == 200 and completed.json()["status"] == PartnershipStatus.COMPLETED
    assert (
        Caller(personas.outsider)("post", f"/partnerships/{second.partnership.pk}/end", {"reason": "x"}).status_code
        == 404
    )
    assert Meeting.objects.count() == 0
