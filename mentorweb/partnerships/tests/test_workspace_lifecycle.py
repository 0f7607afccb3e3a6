"""Ending a partnership early, completing it, the daily job, read-only afterwards, and the
rematch: the mentee is back in the pool for the next match run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry, AuditSource
from mentorweb.partnerships import goals, lifecycle, meetings, notes
from mentorweb.partnerships.agreements import agreement_propose
from mentorweb.partnerships.models import Meeting, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.partnerships.tests.workspace_world import active_pair, meeting_row
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import Registration
from mentorweb.registrations.pairing.selectors import pool
from tests.pairing import member_of


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def taken(pair) -> int:
    return Registration.objects.get(pk=pair.mentor_registration.pk).partnerships_taken


def test_either_person_ends_it_with_a_reason(pair, django_capture_on_commit_callbacks):
    upcoming = meeting_row(pair.partnership, 5)
    past = meeting_row(pair.partnership, -5, status=MeetingStatus.HELD)
    with django_capture_on_commit_callbacks(execute=True):
        ended = lifecycle.partnership_end(
            actor=pair.mentee.user, partnership=pair.partnership, reason="  I moved to another board.  "
        )
    assert ended.status == PartnershipStatus.ENDED
    partnership = pair.refresh()
    assert partnership.status == PartnershipStatus.ENDED and partnership.ended_reason == "I moved to another board."
    assert partnership.ended_at is not None
    # The mentor's place is given back.
    assert taken(pair) == 0
    # Meetings still to come are cancelled (with the calendar cancellation); the past stays.
    assert Meeting.objects.get(pk=upcoming.pk).status == MeetingStatus.CANCELLED
    assert Meeting.objects.get(pk=past.pk).status == MeetingStatus.HELD
    cancels = [m for m in mail.outbox if any(a.get_param("method") == "CANCEL" for a in m.attachments)]
    assert len(cancels) == 2
    ended_mail = [m for m in mail.outbox if "has ended" in m.subject]
    assert sorted(m.to[0] for m in ended_mail) == sorted([pair.mentor.user.email, pair.mentee.user.email])
    assert all("I moved to another board." in m.body for m in ended_mail)
    entry = AuditEntry.objects.get(action="partnership.ended")
    assert entry.changes["status"] == ["active", "ended"]


def test_program_staff_end_it_a_plain_member_cannot(pair, personas):
    with pytest.raises(DomainError) as caught:
        lifecycle.partnership_end(actor=member_of(personas.org).user, partnership=pair.partnership, reason="x")
    assert caught.value.code == "forbidden"
    with pytest.raises(DomainError) as caught:
        lifecycle.partnership_end(actor=personas.outsider, partnership=pair.partnership, reason="x")
    assert caught.value.code == "forbidden"
    lifecycle.partnership_end(actor=personas.staff, partnership=pair.partnership, reason="The mentor fell ill.")
    assert pair.refresh().status == PartnershipStatus.ENDED


def test_a_reason_is_required(pair):
    with pytest.raises(DomainError) as caught:
        lifecycle.partnership_end(actor=pair.mentor.user, partnership=pair.partnership, reason="   ")
    assert caught.value.field == "reason"
    assert pair.refresh().status == PartnershipStatus.ACTIVE
    assert taken(pair) == 1


def test_ending_twice_gives_the_place_back_once(pair):
    lifecycle.partnership_end(actor=pair.mentor.user, partnership=pair.partnership, reason="Done")
    with pytest.raises(DomainError) as caught:
        lifecycle.partnership_end(actor=pair.mentee.user, partnership=pair.refresh(), reason="Again")
    assert caught.value.code == "read_only"
    assert taken(pair) == 0


def test_staff_complete_it_the_pair_cannot(pair, personas):
    with pytest.raises(DomainError) as caught:
        lifecycle.partnership_complete(actor=pair.mentee.user, partnership=pair.partnership)
    assert caught.value.code == "forbidden"
    lifecycle.partnership_complete(actor=personas.admin, partnership=pair.partnership)
    partnership = pair.refresh()
    assert partnership.status == PartnershipStatus.COMPLETED and partnership.ended_reason == ""
    assert taken(pair) == 0


def test_the_daily_job_completes_partnerships_after_their_end_date(personas, django_capture_on_commit_callbacks):
    today = today_in(personas.org.time_zone)
    due = active_pair(personas.org, slug="due")
    Partnership.objects.filter(pk=due.partnership.pk).update(ends_on=today - dt.timedelta(days=1))
    last_day = active_pair(personas.org, slug="last-day")
    Partnership.objects.filter(pk=last_day.partnership.pk).update(ends_on=today)
    ended = active_pair(personas.org, slug="ended")
    Partnership.objects.filter(pk=ended.partnership.pk).update(
        status=PartnershipStatus.ENDED, ends_on=today - dt.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.complete_due_partnerships.call() == 1
    assert due.refresh().status == PartnershipStatus.COMPLETED
    assert last_day.refresh().status == PartnershipStatus.ACTIVE
    assert ended.refresh().status == PartnershipStatus.ENDED
    entry = AuditEntry.objects.get(action="partnership.completed")
    assert entry.source == AuditSource.JOB and entry.actor is None
    assert any("is complete" in m.subject for m in mail.outbox)
    # Safe to run twice.
    assert lifecycle.complete_due_partnerships.call() == 0


def test_the_daily_job_is_scheduled():
    def due(moment):
        return {task.name for task in HUEY.read_periodic(moment)}

    assert "partnerships.complete_due_daily" in due(dt.datetime(2031, 5, 4, 9, 45))
    assert "partnerships.complete_due_daily" not in due(dt.datetime(2031, 5, 4, 10, 45))


def test_an_ended_partnership_is_read_only_everywhere(pair):
    meeting = meeting_row(pair.partnership, -1)
    lifecycle.partnership_end(actor=pair.mentor.user, partnership=pair.partnership, reason="Done")
    partnership = pair.refresh()
    meeting.partnership = partnership
    user = pair.mentor.user
    calls = [
        lambda: agreement_propose(
            actor=user,
            partnership=partnership,
            data={"informal_channels": ["email"], "meeting_every_days": 7, "meeting_modes": ["video"]},
            confidentiality=True,
        ),
        lambda: meetings.meeting_schedule(
            actor=user, partnership=partnership, date=dt.date(2031, 1, 5), time=dt.time(10), mode="video"
        ),
        lambda: meetings.meeting_update(actor=user, meeting=meeting, data={"location": "Room 4"}),
        lambda: meetings.meeting_log(actor=user, meeting=meeting, data={}),
        lambda: meetings.meeting_cancel(actor=user, meeting=meeting),
        lambda: goals.goal_create(actor=user, partnership=partnership, data={"title": "More"}),
        lambda: notes.note_create(actor=user, partnership=partnership, text="More"),
    ]
    for call in calls:
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.code == "read_only"
        assert "can no longer be changed" in caught.value.message
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SCHEDULED

    # The pages show it and refuse changes with a message.
    client = Client()
    client.force_login(user)
    detail = client.get(reverse("partnerships:detail", args=[partnership.pk])).content.decode()
    assert "Ended early" in detail and "Schedule a meeting" not in detail
    response = client.post(
        reverse("partnerships:meeting_schedule", args=[partnership.pk]),
        {"date": "2031-01-05", "time": "10:00", "duration_minutes": "60", "mode": "video"},
        follow=True,
    )
    assert "can no longer be changed" in response.content.decode()
    assert Meeting.objects.count() == 1
    assert client.get(reverse("partnerships:meetings", args=[partnership.pk])).status_code == 200


def test_rematch_the_mentee_is_back_in_the_pool(pair):
    offering = pair.partnership.offering
    mentees, mentors = pool(offering)
    assert pair.mentee_registration not in list(mentees)
    assert pair.mentor_registration not in list(mentors)
    lifecycle.partnership_end(actor=pair.mentee.user, partnership=pair.partnership, reason="Not a good fit")
    mentees, mentors = pool(offering)
    # The next match run sees both again: the mentee with no live partnership, the mentor with a place.
    assert pair.mentee_registration.pk in [r.pk for r in mentees]
    assert pair.mentor_registration.pk in [r.pk for r in mentors]


def test_the_pages_end_it_and_staff_end_or_complete(pair, personas):
    client = Client()
    client.force_login(pair.mentee.user)
    url = reverse("partnerships:end", args=[pair.partnership.pk])
    refused = client.post(url, {"reason": ""}).content.decode()
    assert 'id="id_reason_error"' in refused
    assert pair.refresh().status == PartnershipStatus.ACTIVE
    assert client.post(url, {"reason": "We agreed to stop."}).status_code == 302
    assert pair.refresh().status == PartnershipStatus.ENDED

    second = active_pair(personas.org, slug="second")
    staff = Client()
    staff.force_login(personas.staff)
    end = reverse("partnerships:staff_end", args=[personas.org.slug, second.partnership.pk])
    assert staff.post(end, {"reason": "Mentor withdrew"}).status_code == 302
    assert second.refresh().ended_reason == "Mentor withdrew"
    assert "Mentor withdrew" in staff.get(end).content.decode()

    third = active_pair(personas.org, slug="third")
    complete = reverse("partnerships:staff_complete", args=[personas.org.slug, third.partnership.pk])
    assert staff.post(complete).status_code == 302
    assert third.refresh().status == PartnershipStatus.COMPLETED
    member = Client()
    member.force_login(member_of(personas.org).user)
    assert member.get(complete).status_code == 403
    outsider = Client()
    outsider.force_login(personas.outsider)
    assert outsider.get(complete).status_code == 404
