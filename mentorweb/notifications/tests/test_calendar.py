"""Calendar files and feeds, read back with icalendar; session reminders and change notices."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from icalendar import Calendar

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.notifications import calendar
from mentorweb.notifications.models import SentEmail
from mentorweb.notifications.reminders import notify_session_changed, session_reminders_send
from mentorweb.programs.models import Session
from mentorweb.registrations import tasks
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.registrations.tests.progress_world import TORONTO, make_offering, register


@pytest.fixture
def offering(personas):
    return make_offering(personas.org)


def _login(user):
    client = Client()
    client.force_login(user)
    return client


def _parse(content: bytes) -> Calendar:
    return Calendar.from_ical(content)


def _events(content: bytes):
    return sorted(_parse(content).walk("VEVENT"), key=lambda event: event.decoded("dtstart"))


def test_calendar_file_is_valid_with_the_organizations_zone(offering):
    registration = register(offering)
    parsed = _parse(calendar.registration_calendar(registration))
    assert parsed["VERSION"] == "2.0"
    assert parsed["PRODID"] == calendar.PRODID
    zones = parsed.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["America/Toronto"]
    assert {component.name for component in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}

    events = _events(calendar.registration_calendar(registration))
    assert len(events) == 6
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "America/Toronto"
    assert first.decoded("dtstart") == dt.datetime(2025, 1, 25, 8, 30, tzinfo=TORONTO)
    assert first.decoded("dtend") == dt.datetime(2025, 1, 25, 16, 0, tzinfo=TORONTO)
    assert str(first["UID"]).startswith("session-")
    assert int(first["SEQUENCE"]) == 0
    assert "DTSTAMP" in first
    assert str(first["URL"]) == "https://video.example.org/j/mqp"
    assert str(first["LOCATION"]) == "https://video.example.org/j/mqp"
    assert "Module 1" in str(first["SUMMARY"])
    # Summer time: March sessions are still EST, a July session would be EDT; the zone holds both.
    assert len({str(event["UID"]) for event in events}) == 6


def test_a_changed_session_keeps_its_uid_and_raises_its_sequence(offering):
    registration = register(offering)
    before = _events(calendar.registration_calendar(registration))[0]
    session = offering.sessions.order_by("starts_at").first()
    session.starts_at += dt.timedelta(hours=1)
    session.sequence += 1
    session.save(update_fields=["starts_at", "sequence", "updated_at"])

    after = _events(calendar.registration_calendar(registration))[0]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1 == 1
    assert after.decoded("dtstart") == dt.datetime(2025, 1, 25, 9, 30, tzinfo=TORONTO)
    assert after.decoded("dtstamp") >= before.decoded("dtstamp")


def test_a_cancelled_registration_gets_an_empty_calendar_with_the_zone(offering):
    registration = register(offering, status=RegistrationStatus.CANCELLED, paid=None)
    parsed = _parse(calendar.registration_calendar(registration))
    assert parsed.walk("VEVENT") == []
    assert len(parsed.walk("VTIMEZONE")) == 1


def test_download_is_for_the_candidate_only(offering, personas):
    registration = register(offering)
    url = reverse("calendar:ics", kwargs={"registration_id": registration.pk})
    response = _login(registration.person.user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert len(_events(response.content)) == 6
    assert _login(personas.admin).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_subscription_link_is_created_rotated_and_the_old_one_stops(offering, personas):
    registration = register(offering)
    client = _login(registration.person.user)
    page = reverse("calendar:subscribe", kwargs={"registration_id": registration.pk})
    rotate = reverse("calendar:rotate", kwargs={"registration_id": registration.pk})
    assert "Create my private calendar address" in client.get(page).content.decode()
    assert client.get(rotate).status_code == 405

    assert client.post(rotate).status_code == 302
    registration.refresh_from_db()
    first_token = registration.calendar_token
    assert first_token and len(first_token) == 43
    assert first_token in client.get(page).content.decode()
    feed = reverse("calendar:feed", kwargs={"token": first_token})
    response = Client().get(feed)  # calendar programs fetch it without logging in
    assert response.status_code == 200
    assert len(_events(response.content)) == 6

    client.post(rotate)
    registration.refresh_from_db()
    assert registration.calendar_token != first_token
    assert Client().get(feed).status_code == 404
    assert Client().get(reverse("calendar:feed", kwargs={"token": registration.calendar_token})).status_code == 200
    entries = AuditEntry.objects.filter(object_id=str(registration.pk), action__startswith="registration.calendar_link")
    assert entries.count() == 2
    assert all(first_token not in str(entry.changes) for entry in entries)


def test_only_the_candidate_rotates_their_link(offering, personas):
    registration = register(offering)
    with pytest.raises(DomainError):
        calendar.calendar_token_rotate(actor=personas.admin, registration=registration)
    assert Client().get("/calendar/not-a-real-token.ics").status_code == 404


# --- e-mails ------------------------------------------------------------------------------------


@time_machine.travel("2025-01-24 14:00 +0000", tick=False)
def test_reminders_go_the_day_before_to_confirmed_candidates_once(offering, django_capture_on_commit_callbacks):
    confirmed = register(offering)
    register(offering, status=RegistrationStatus.WAITLISTED, paid=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        session_reminders_send()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [confirmed.person.user.email]
    assert "Tomorrow" in message.subject
    assert "8:30" in message.body and "America/Toronto" in message.body
    html = message.alternatives[0][0]
    assert "https://video.example.org/j/mqp" in html
    assert SentEmail.objects.filter(key__startswith="session-reminder:").count() == 1


@time_machine.travel("2025-01-23 14:00 +0000", tick=False)
def test_no_reminder_two_days_ahead(offering, django_capture_on_commit_callbacks):
    register(offering)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 0
    assert mail.outbox == []


def test_reminder_job_is_daily():
    due = {task.name for task in HUEY.read_periodic(dt.datetime(2025, 1, 24, 14, 0))}
    assert "registrations.session_reminders_daily" in due
    assert "registrations.session_reminders_daily" not in {
        task.name for task in HUEY.read_periodic(dt.datetime(2025, 1, 24, 15, 0))
    }


@time_machine.travel("2025-01-24 14:00 +0000", tick=False)
def test_reminder_task_runs_through_the_tasks_api(offering, django_capture_on_commit_callbacks):
    register(offering)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.session_reminders.call() == 1
    assert len(mail.outbox) == 1


@time_machine.travel("2025-01-10 10:00 -0500", tick=False)
def test_a_session_change_is_announced_once_per_sequence(offering, django_capture_on_commit_callbacks):
    alice = register(offering)
    register(offering, status=RegistrationStatus.CANCELLED, paid=None)
    session = offering.sessions.order_by("starts_at").first()
    Session.objects.filter(pk=session.pk).update(sequence=1)
    with django_capture_on_commit_callbacks(execute=True):
        notify_session_changed(session)
        notify_session_changed(session)
    assert [m.to for m in mail.outbox] == [[alice.person.user.email]]
    assert "Changed" in mail.outbox[0].subject
    assert "calendar.ics" in mail.outbox[0].body
    Session.objects.filter(pk=session.pk).update(sequence=2)
    with django_capture_on_commit_callbacks(execute=True):
        notify_session_changed(session)
    assert len(mail.outbox) == 2
    assert Registration.objects.count() == 2
