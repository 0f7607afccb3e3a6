"""The daily partnerships job run several times at once (on SQLite and on PostgreSQL): each
person gets each reminder once, and each survey request is made once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from mentorweb.partnerships.models import Health, Partnership, Reminder, ReminderKind, SurveyRequest
from mentorweb.partnerships.reminders import daily_run
from mentorweb.partnerships.tests.health_world import meeting, partnership, world_program
from tests.concurrency.harness import run_at_once
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2025, 10, 16)


def test_running_the_daily_job_three_times_at_once_reminds_each_person_once():
    organization = OrganizationFactory(slug="bc-race", time_zone="America/Vancouver")
    program = world_program(organization, min_hours_per_month=Decimal("2"), contact_every_days=7)
    pairs = [partnership(program, starts_on=dt.date(2025, 9, 1)) for _ in range(3)]
    for pair in pairs:
        meeting(pair, dt.date(2025, 9, 30), 150)  # 16 days without contact: at risk

    results = run_at_once(lambda i: daily_run(today=TODAY), 3)

    assert all(isinstance(result, dict) for result in results), results
    assert set(Partnership.objects.values_list("health", flat=True)) == {Health.AT_RISK}
    assert Reminder.objects.filter(kind=ReminderKind.NO_CONTACT).count() == 6
    # The first check-in (day 30, October 1) for each of the six people, made once.
    assert SurveyRequest.objects.count() == 6
    assert Reminder.objects.filter(kind=ReminderKind.SURVEY_DUE).count() == 6
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == 12 and len(set(recipients)) == 6
