"""Gentle reminders: sent once per due date however often the daily job runs, in each person's
language, with a link to the page to act on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from huey.contrib.djhuey import HUEY

from mentorweb.notifications.models import SentEmail
from mentorweb.partnerships import tasks  # noqa: F401  (registers the periodic job)
from mentorweb.partnerships.models import Health, Partnership, Reminder, ReminderKind, SurveyRequest
from mentorweb.partnerships.reminders import daily_run, partnerships_daily
from mentorweb.partnerships.tests.health_world import meeting, partnership, world_program
from tests.factories import OrganizationFactory
from tests.pairing import member_of

START = dt.date(2025, 9, 1)


@pytest.fixture
def program(db):
    bc = OrganizationFactory(name="BC Principals", slug="bc-principals", time_zone="America/Vancouver")
    program = world_program(bc, min_hours_per_month=Decimal("2"), contact_every_days=7)
    assert program.checkin_first_days == 30
    return program


@pytest.fixture
def pair(program):
    mentor = member_of(program.organization, given_name="Marguerite", family_name="Tremblay", preferred_language="fr")
    mentee = member_of(program.organization, given_name="Dana", family_name="Whitehorse", preferred_language="en")
    return partnership(program, mentor=mentor, mentee=mentee, starts_on=START)


def _run(capture, today):
    with capture(execute=True):
        return daily_run(today=today)


def _to(person):
    return [message for message in mail.outbox if message.to == [person.user.email]]


def test_an_at_risk_pair_is_reminded_once_however_often_the_job_runs(pair, django_capture_on_commit_callbacks, program):
    # Keep the surveys out of this test: the first check-in is not due yet.
    program.checkin_first_days = 300
    program.save()
    for day in (2, 9, 16, 23, 30):
        meeting(pair, dt.date(2025, 9, day), 30)
    today = dt.date(2025, 10, 16)  # 16 days without contact, 2.5 hours in September
    for _ in range(3):
        _run(django_capture_on_commit_callbacks, today)

    pair.refresh_from_db()
    assert pair.health == Health.AT_RISK
    assert Reminder.objects.filter(partnership=pair, kind=ReminderKind.NO_CONTACT).count() == 2
    mentor_mail, mentee_mail = _to(pair.mentor), _to(pair.mentee)
    assert len(mentor_mail) == 1 and len(mentee_mail) == 1
    assert len(mail.outbox) == 2

    english = mentee_mail[0]
    link = f"/me/partnerships/{pair.pk}/"
    assert link in english.body and link in english.alternatives[0][0]
    assert "Marguerite Tremblay" in english.body  # the partner, by name, for the pair
    assert "September 30, 2025" in english.body and "16 days ago" in english.body
    assert "every 7 days" in english.body
    # The French speaker's e-mail is written in French (dates at least, until the catalogue has the rest).
    assert "30 septembre 2025" in mentor_mail[0].body
    assert SentEmail.objects.filter(key__startswith=f"partnership-reminder:{pair.pk}:").count() == 2


def test_a_program_that_does_not_share_names_says_your_mentor(pair, program, django_capture_on_commit_callbacks):
    program.checkin_first_days = 300
    program.save()
    program.pairing.shared_fields = ["region", "bio"]
    program.pairing.save()
    meeting(pair, dt.date(2025, 9, 30), 150)
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 16))
    english = _to(pair.mentee)[0]
    assert "Marguerite" not in english.body + english.subject + english.alternatives[0][0]
    assert "your mentor" in english.body


def test_a_new_lapse_is_a_new_due_date(pair, django_capture_on_commit_callbacks, program):
    program.checkin_first_days = 300
    program.save()
    for day in (2, 9, 16, 23, 30):
        meeting(pair, dt.date(2025, 9, day), 30)
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 16))
    # Inactive on October 30: a second, different reminder.
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 30))
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 31))
    due_dates = sorted(Reminder.objects.filter(partnership=pair, person=pair.mentee).values_list("due_on", flat=True))
    assert due_dates == [dt.date(2025, 10, 15), dt.date(2025, 10, 30)]
    assert len(_to(pair.mentee)) == 2
    assert "We miss hearing" in _to(pair.mentee)[1].subject


def test_low_hours_last_month_is_a_gentle_word_about_time(pair, django_capture_on_commit_callbacks, program):
    program.checkin_first_days = 300
    program.save()
    for day in (2, 9, 16, 23, 30):
        meeting(pair, dt.date(2025, 9, day), 15)  # 1.25 hours in September
    meeting(pair, dt.date(2025, 10, 3), 30)
    for _ in range(2):
        _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 6))
    reminders = Reminder.objects.filter(partnership=pair)
    assert set(reminders.values_list("kind", "due_on")) == {(ReminderKind.LOW_HOURS, dt.date(2025, 10, 1))}
    message = _to(pair.mentee)[0]
    assert "1.25 hours" in message.body and "at least 2 hours a month" in message.body


def test_an_on_track_pair_gets_no_reminder(pair, django_capture_on_commit_callbacks, program):
    program.checkin_first_days = 300
    program.save()
    for day in (2, 9, 16, 23, 30):
        meeting(pair, dt.date(2025, 9, day), 60)
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 5))
    assert Partnership.objects.get(pk=pair.pk).health == Health.ON_TRACK
    assert mail.outbox == []


def test_a_due_survey_is_announced_once_with_its_link(pair, django_capture_on_commit_callbacks):
    for day in range(1, 32, 3):
        meeting(pair, dt.date(2025, 9, day) if day <= 30 else dt.date(2025, 10, 1), 60)
    for _ in range(3):
        result = _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 2))
    assert result["surveys_created"] == {"checkin": 0, "closing": 0}  # made on the first run only
    requests = SurveyRequest.objects.filter(partnership=pair)
    assert {r.person_id for r in requests} == {pair.mentor_id, pair.mentee_id}
    assert {r.due_on for r in requests} == {dt.date(2025, 10, 1)}
    # Each in their own language (one of the pair reads French): found by the survey's link.
    survey_mail = [m for m in mail.outbox if "/me/surveys/" in m.body]
    assert len(survey_mail) == 2
    mentee_request = requests.get(person=pair.mentee)
    message = next(m for m in survey_mail if m.to == [pair.mentee.user.email])
    assert f"/me/surveys/{mentee_request.pk}/" in message.body
    assert f"/me/surveys/{mentee_request.pk}/" in message.alternatives[0][0]
    assert Reminder.objects.filter(kind=ReminderKind.SURVEY_DUE).count() == 2


def test_an_answered_survey_is_not_chased(pair, django_capture_on_commit_callbacks):
    for day in range(1, 31, 3):
        meeting(pair, dt.date(2025, 9, day), 60)
    with django_capture_on_commit_callbacks(execute=True):
        from mentorweb.partnerships.surveys import requests_schedule

        requests_schedule(today=dt.date(2025, 10, 1))
    SurveyRequest.objects.filter(partnership=pair).update(answered_at=dt.datetime(2025, 10, 1, 18, tzinfo=dt.UTC))
    _run(django_capture_on_commit_callbacks, dt.date(2025, 10, 2))
    assert not [m for m in mail.outbox if "/me/surveys/" in m.body]


def test_the_daily_job_is_a_task_and_is_scheduled(pair, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = partnerships_daily.call()
    assert result["health"]["partnerships"] == 1
    due = {task.name for task in HUEY.read_periodic(dt.datetime(2025, 10, 2, 13, 0))}
    assert "partnerships.daily" in due
    assert "partnerships.daily" not in {task.name for task in HUEY.read_periodic(dt.datetime(2025, 10, 2, 14, 0))}
