"""Meetings: scheduled with an .ics invitation to both, changed (a new SEQUENCE, sent again),
cancelled (METHOD:CANCEL), logged with the program's topics and the plan for next time."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.notifications.tasks import send_prepared_email
from mentorweb.partnerships import health
from mentorweb.partnerships.meetings import (
    meeting_cancel,
    meeting_log,
    meeting_record,
    meeting_schedule,
    meeting_update,
)
from mentorweb.partnerships.models import Meeting, MeetingStatus
from mentorweb.partnerships.tests.workspace_world import OPSOA_TOPICS, active_pair, meeting_row
from mentorweb.programs.times import today_in

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def in_days(pair, days: int) -> dt.date:
    return today_in(pair.partnership.organization.time_zone) + dt.timedelta(days=days)


def schedule(pair, who=None, **fields):
    values = {"date": in_days(pair, 7), "time": dt.time(15, 30), "duration_minutes": 90, "mode": "video"}
    values.update(fields)
    return meeting_schedule(actor=(who or pair.mentor).user, partnership=pair.partnership, **values)


def invitations(method: str | None = None) -> list[tuple[EmailMultiAlternatives, Calendar]]:
    found = []
    for message in mail.outbox:
        for part in message.attachments:
            if part.get_content_type() == "text/calendar" and (method is None or part.get_param("method") == method):
                found.append((message, Calendar.from_ical(part.get_payload(decode=True))))
    return found


def event_of(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def test_scheduling_stores_utc_and_sends_both_an_invitation(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(pair, location="https://meet.example.org/abc")
    local = dt.datetime.combine(in_days(pair, 7), dt.time(15, 30), tzinfo=TORONTO)
    assert meeting.starts_at == local.astimezone(dt.UTC)
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.sequence == 0
    sent = invitations("REQUEST")
    assert sorted(m.to[0] for m, _c in sent) == sorted([pair.mentor.user.email, pair.mentee.user.email])
    for message, calendar in sent:
        assert calendar["METHOD"] == "REQUEST"
        event = event_of(calendar)
        assert str(event["UID"]) == f"partnership-meeting-{meeting.pk}@127.0.0.1"
        assert int(event["SEQUENCE"]) == 0
        assert event.decoded("DTSTART") == local
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=90)
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["LOCATION"]) == "https://meet.example.org/abc"
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Toronto"
        # The pair share names (the program's shared fields): each sees the other named.
        assert "Mentoring meeting with" in str(event["SUMMARY"])
        assert message.alternatives and "Mentoring meeting" in message.subject


def test_changing_the_time_re_sends_with_a_higher_sequence_and_the_same_uid(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(pair)
    [first_uid] = {str(event_of(c)["UID"]) for _m, c in invitations()}
    mail.outbox.clear()
    meeting.partnership = pair.partnership
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=pair.mentee.user, meeting=meeting, data={"time": dt.time(17, 0), "location": "Room 12"})
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    sent = invitations("REQUEST")
    assert len(sent) == 2
    for message, calendar in sent:
        event = event_of(calendar)
        assert str(event["UID"]) == first_uid
        assert int(event["SEQUENCE"]) == 1
        assert event.decoded("DTSTART").astimezone(TORONTO).time() == dt.time(17, 0)
        assert message.subject.startswith("Changed:")
    # The date was kept: only the time moved.
    assert meeting.starts_at.astimezone(TORONTO).date() == in_days(pair, 7)
    # The agenda is not in the calendar: changing it alone sends nothing.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=pair.mentee.user, meeting=meeting, data={"agenda": "Entry plan"})
    assert mail.outbox == []
    assert Meeting.objects.get(pk=meeting.pk).sequence == 1


def test_cancelling_sends_method_cancel(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = schedule(pair)
    mail.outbox.clear()
    meeting.partnership = pair.partnership
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=pair.mentee.user, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 1
    sent = invitations("CANCEL")
    assert len(sent) == 2
    for _message, calendar in sent:
        assert calendar["METHOD"] == "CANCEL"
        event = event_of(calendar)
        assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) == 1
    with pytest.raises(DomainError, match="Only a scheduled meeting"):
        meeting_cancel(actor=pair.mentee.user, meeting=meeting)


def test_the_agenda_starts_from_the_plan_set_at_the_last_meeting(pair):
    meeting_row(pair.partnership, -20, status=MeetingStatus.HELD, next_plan="Old plan")
    meeting_row(pair.partnership, -6, status=MeetingStatus.HELD, next_plan="Review the entry plan; staffing")
    meeting_row(pair.partnership, -3, status=MeetingStatus.CANCELLED, next_plan="Not this one")
    assert schedule(pair).agenda == "Review the entry plan; staffing"
    assert schedule(pair, agenda="Our own agenda", date=in_days(pair, 9)).agenda == "Our own agenda"


def test_logging_records_topics_notes_and_plan_and_the_last_meeting(pair, monkeypatch):
    refreshed = []
    monkeypatch.setattr(health, "refresh", lambda partnership: refreshed.append(partnership.pk))
    meeting = meeting_row(pair.partnership, -2, agenda="Entry plan")
    meeting.partnership = pair.partnership
    logged = meeting_log(
        actor=pair.mentee.user,
        meeting=meeting,
        data={
            "topics": [OPSOA_TOPICS[9], OPSOA_TOPICS[6]],
            "other_topics": ["Budget timelines", OPSOA_TOPICS[9]],
            "shared_notes": "We walked through the first 90 days.",
            "next_plan": "What are you proud of; the board's budget",
            "duration_minutes": 75,
        },
    )
    assert logged.status == MeetingStatus.HELD
    assert logged.topics == [OPSOA_TOPICS[9], OPSOA_TOPICS[6], "Budget timelines"]
    assert logged.duration_minutes == 75
    pair.refresh()
    assert pair.partnership.last_meeting_on == in_days(pair, -2)
    assert refreshed == [pair.partnership.pk]
    # The next meeting's agenda opens with that plan.
    assert schedule(pair).agenda == "What are you proud of; the board's budget"
    # Staff read the trail: it names what changed, never the pair's words.
    entry = AuditEntry.objects.get(action="meeting.logged")
    assert entry.changes["shared_notes"] == ["…", "…"] and entry.changes["topics"] == ["…", "…"]
    assert "90 days" not in str(entry.changes) and "awake" not in str(entry.changes)


def test_logging_is_refused_for_a_future_or_cancelled_meeting_and_unknown_topics(pair):
    future = meeting_row(pair.partnership, 3)
    future.partnership = pair.partnership
    with pytest.raises(DomainError, match="not taken place"):
        meeting_log(actor=pair.mentor.user, meeting=future, data={})
    past = meeting_row(pair.partnership, -1)
    past.partnership = pair.partnership
    with pytest.raises(DomainError) as caught:
        meeting_log(actor=pair.mentor.user, meeting=past, data={"topics": ["Gossip"]})
    assert caught.value.field == "topics"
    with pytest.raises(DomainError) as caught:
        meeting_log(actor=pair.mentor.user, meeting=past, data={"duration_minutes": 0})
    assert caught.value.field == "duration_minutes"
    assert Meeting.objects.get(pk=past.pk).status == MeetingStatus.SCHEDULED
    cancelled = meeting_row(pair.partnership, -1, status=MeetingStatus.CANCELLED)
    cancelled.partnership = pair.partnership
    with pytest.raises(DomainError, match="cancelled"):
        meeting_log(actor=pair.mentor.user, meeting=cancelled, data={})


def test_recording_a_meeting_that_took_place_sends_no_invitation(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_record(
            actor=pair.mentor.user,
            partnership=pair.partnership,
            date=in_days(pair, -1),
            time=dt.time(19, 0),
            duration_minutes=30,
            mode="phone",
            data={"topics": [OPSOA_TOPICS[10]], "shared_notes": "A quick call"},
        )
    assert meeting.status == MeetingStatus.HELD and meeting.topics == [OPSOA_TOPICS[10]]
    assert mail.outbox == []
    pair.refresh()
    assert pair.partnership.last_meeting_on == in_days(pair, -1)
    with pytest.raises(DomainError) as caught:
        meeting_record(
            actor=pair.mentor.user,
            partnership=pair.partnership,
            date=in_days(pair, 2),
            time=dt.time(19, 0),
            duration_minutes=30,
            mode="phone",
        )
    assert caught.value.field == "date"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": "tomorrow"}, "date"),
        ({"date": dt.date(1999, 1, 1)}, "date"),
        ({"time": "3pm"}, "time"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 10_000}, "duration_minutes"),
        ({"mode": "carrier pigeon"}, "mode"),
        ({"location": "x" * 301}, "location"),
        ({"agenda": "x" * 4001}, "agenda"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(pair, fields, field):
    with pytest.raises(DomainError) as caught:
        schedule(pair, **fields)
    assert caught.value.field == field
    assert not Meeting.objects.exists()


def test_a_time_in_the_past_or_skipped_by_the_clocks_is_refused(pair):
    with pytest.raises(DomainError) as caught:
        schedule(pair, date=in_days(pair, -1))
    assert caught.value.field == "date"
    # 2:30 on the second Sunday of March does not exist in Toronto.
    with (
        time_machine.travel(dt.datetime(2031, 3, 1, 12, tzinfo=dt.UTC), tick=False),
        pytest.raises(DomainError) as caught,
    ):
        schedule(pair, date=dt.date(2031, 3, 9), time=dt.time(2, 30))
    assert caught.value.field == "time"
    assert not Meeting.objects.exists()


def test_invitations_name_the_partner_only_as_far_as_the_program_shares(personas, django_capture_on_commit_callbacks):
    pair = active_pair(personas.org, shared_fields=["position"])
    with django_capture_on_commit_callbacks(execute=True):
        schedule(pair)
    for message, calendar in invitations("REQUEST"):
        event = event_of(calendar)
        other = pair.mentee if message.to == [pair.mentor.user.email] else pair.mentor
        assert other.full_name not in str(event["SUMMARY"]) + message.body + message.subject
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        # Only the recipient's own address: the partner's e-mail is not shared.
        assert [str(a) for a in attendees] == [f"mailto:{message.to[0]}"]


def test_send_prepared_email_attaches_text_files_with_their_parameters(db):
    ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    send_prepared_email.call(
        key="attachment-test",
        to=["a@example.org"],
        subject="Subject",
        text="Body",
        html="<p>Body</p>",
        attachments=[{"filename": "invite.ics", "content": ics, "mimetype": "text/calendar; method=REQUEST"}],
    )
    [message] = mail.outbox
    [part] = message.attachments
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invite.ics"
    assert part.get_payload(decode=True).decode() == ics
    raw = message.message().as_string()
    assert 'text/calendar; charset="utf-8"; method="REQUEST"' in raw
    # Sent once per key, as before.
    assert send_prepared_email.call(key="attachment-test", to=["a@example.org"], subject="S", text="B") is False
    with pytest.raises(ValueError, match="only text attachments"):
        send_prepared_email.call(
            key="binary",
            to=["a@example.org"],
            subject="S",
            text="B",
            attachments=[{"filename": "x.pdf", "content": "x", "mimetype": "application/pdf"}],
        )


def test_the_pages_schedule_change_log_and_cancel(pair, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(pair.mentee.user)
    new = reverse("partnerships:meeting_schedule", args=[pair.partnership.pk])
    form = {"date": in_days(pair, 5).isoformat(), "time": "16:00", "duration_minutes": "60", "mode": "video"}
    # A date in the past is refused next to the date field.
    page = client.post(new, {**form, "date": in_days(pair, -5).isoformat()}).content.decode()
    assert 'id="id_date_error"' in page and "has not passed" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new, form)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/meetings/{meeting.pk}/")
    assert len(invitations("REQUEST")) == 2
    edit = reverse("partnerships:meeting_edit", args=[pair.partnership.pk, meeting.pk])
    assert 'value="16:00"' in client.get(edit).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit, {**form, "time": "18:00", "agenda": ""})
    assert Meeting.objects.get().sequence == 1
    assert {int(event_of(c)["SEQUENCE"]) for _m, c in invitations("REQUEST")} == {0, 1}
    cancel = reverse("partnerships:meeting_cancel", args=[pair.partnership.pk, meeting.pk])
    assert client.get(cancel).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED
    assert len(invitations("CANCEL")) == 2
    # Logging a meeting held yesterday, with topics from the checklist.
    held = meeting_row(pair.partnership, -1)
    log = reverse("partnerships:meeting_log", args=[pair.partnership.pk, held.pk])
    page = client.get(log).content.decode()
    assert "What&#x27;s keeping you awake at night?" in page and "<legend" in page
    response = client.post(
        log,
        {
            "topics": [OPSOA_TOPICS[0], OPSOA_TOPICS[4]],
            "other_topics": "Board politics",
            "shared_notes": "Exchanged résumés",
            "next_plan": "Entry plan",
            "duration_minutes": "50",
        },
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == MeetingStatus.HELD and held.topics == [OPSOA_TOPICS[0], OPSOA_TOPICS[4], "Board politics"]
    detail = client.get(reverse("partnerships:meeting", args=[pair.partnership.pk, held.pk])).content.decode()
    assert "Exchanged résumés" in detail and "Board politics" in detail
