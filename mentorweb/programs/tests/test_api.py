"""The programs API: the catalogue for every caller, set-up for staff through the same services."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorweb.programs.models import Offering, OfferingStatus, Program
from mentorweb.programs.tests.factories import OfferingFactory, ProgramFactory, course_with_offering


@pytest.fixture
def offering(personas):
    return course_with_offering(personas.org, video_meeting_url="https://meet.example.org/secret")


def test_the_catalogue_shows_published_programs_without_meeting_links(call, offering, personas):
    ProgramFactory(organization=personas.org, name="Hidden", is_published=False)
    draft = OfferingFactory(program=offering.program, slug="draft", status=OfferingStatus.DRAFT)
    names = [p["name"] for p in call("outsider", "get", "/programs").json()["items"]]
    assert names == [offering.program.name]
    program = call("outsider", "get", f"/programs/{offering.program.pk}").json()
    assert program["hours"] == {"synchronous": "36.00", "asynchronous": "89.00", "total": "125.00"}
    assert [t["amount"] for t in program["refund_tiers"]] == ["850.00", "250.00", "0.00"]
    listed = call("member", "get", f"/programs/{offering.program.pk}/offerings").json()
    assert [o["id"] for o in listed] == [offering.pk]
    detail = call("member", "get", f"/offerings/{offering.pk}").json()
    assert detail["video_meeting_url"] is None and detail["seats_left"] == 30
    session = detail["sessions"][0]
    assert (session["local_date"], session["local_start"], session["time_zone"]) == (
        "2030-01-26",
        "08:30:00",
        "America/Toronto",
    )
    assert session["starts_at"].startswith("2030-01-26T13:30:00")
    assert call("member", "get", f"/offerings/{draft.pk}").status_code == 404
    hidden = Program.objects.get(name="Hidden")
    assert call("admin", "get", f"/programs/{hidden.pk}").status_code == 404


def test_staff_create_a_program_with_modules_and_a_policy(call, personas):
    body = {
        "name": "Mentoring Qualification Program",
        "slug": "mqp",
        "fee": "900.00",
        "non_refundable_fee": "50.00",
        "modules": [
            {"number": 1, "title": "Foundations", "synchronous_hours": "11", "asynchronous_hours": "19"},
            {"number": 2, "title": "Practice", "synchronous_hours": "25", "asynchronous_hours": "70"},
        ],
    }
    response = call("staff", "post", f"/organizations/{personas.org.slug}/programs", body)
    assert response.status_code == 201, response.content
    program = response.json()
    assert program["hours"]["total"] == "125.00" and not program["is_published"]
    url = f"/organizations/{personas.org.slug}/programs/{program['id']}/refund-policy"
    wrong = call(
        "staff",
        "put",
        url,
        {"tiers": [{"min_days_before": 14, "amount": "900"}, {"max_days_before": 14, "amount": "0"}]},
    )
    assert wrong.status_code == 400
    assert wrong.json()["field"] == "tiers.0.amount" and wrong.json()["detail"].startswith("Tier 1 (14 days or more")
    right = call(
        "staff",
        "put",
        url,
        {"tiers": [{"min_days_before": 14, "amount": "850"}, {"max_days_before": 14, "amount": "0"}]},
    )
    assert right.status_code == 200 and len(right.json()["refund_tiers"]) == 2


def test_staff_schedule_an_offering_and_its_sessions(call, personas, offering):
    org = f"/organizations/{personas.org.slug}"
    response = call(
        "admin",
        "post",
        f"{org}/programs/{offering.program.pk}/offerings",
        {
            "title": "Summer 2030 - Online",
            "slug": "summer-2030-online",
            "start_date": "2030-07-09",
            "end_date": "2030-08-31",
            "registration_deadline": "2030-06-25",
            "capacity": 30,
            "status": "open",
            "partner_board": "no-such-board",
        },
    )
    assert response.status_code == 400 and response.json()["field"] == "partner_board"
    Offering.objects.filter(pk=offering.pk).update(seats_taken=10)
    response = call("admin", "patch", f"{org}/offerings/{offering.pk}", {"capacity": 9})
    assert response.status_code == 400 and response.json()["field"] == "capacity"
    session = call(
        "admin",
        "post",
        f"{org}/offerings/{offering.pk}/sessions",
        {"date": "2030-07-15", "start_time": "08:30", "end_time": "16:00", "module": 2},
    )
    assert session.status_code == 400 and session.json()["field"] == "date"
    session = call(
        "admin",
        "post",
        f"{org}/offerings/{offering.pk}/sessions",
        {"date": "2030-02-09", "start_time": "08:30", "end_time": "13:00", "module": 2},
    )
    assert session.status_code == 201, session.content
    created = session.json()
    assert created["module"] == 2 and created["starts_at"].startswith("2030-02-09T13:30:00")
    changed = call("admin", "patch", f"{org}/sessions/{created['id']}", {"end_time": "12:00"})
    assert changed.json()["sequence"] == 1 and changed.json()["local_end"] == "12:00:00"
    assert call("admin", "delete", f"{org}/sessions/{created['id']}").status_code == 204


def test_another_organizations_program_is_a_404_for_set_up(call, personas):
    theirs = course_with_offering(personas.other_org)
    org = f"/organizations/{personas.org.slug}"
    assert call("admin", "get", f"{org}/programs/{theirs.program.pk}").status_code == 404
    assert call("admin", "patch", f"{org}/offerings/{theirs.pk}", {"capacity": 5}).status_code == 404
    session = theirs.sessions.get()
    assert call("admin", "delete", f"{org}/sessions/{session.pk}").status_code == 404
    assert theirs.sessions.exists()


def test_times_with_an_offset_are_refused(call, personas, offering):
    session = offering.sessions.get()
    response = call(
        "staff", "patch", f"/organizations/{personas.org.slug}/sessions/{session.pk}", {"start_time": "08:30:00+02:00"}
    )
    assert response.status_code == 400 and response.json()["field"] == "start_time"
    assert dt.time(8, 30) == session.starts_at.astimezone(dt.timezone(dt.timedelta(hours=-5))).time()
