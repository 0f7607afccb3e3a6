"""When surveys fall due: a check-in 30 days after the start and every 60 days after, until the
end; the closing survey at the end, or on the closure day when staff send it for an offering."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.models import PartnershipStatus, Survey, SurveyKind, SurveyRequest
from mentorweb.partnerships.surveys import (
    DEFAULT_QUESTIONS,
    checkin_due_on,
    closing_survey_send,
    requests_schedule,
    survey_for,
)
from mentorweb.partnerships.tests.health_world import partnership, world_program
from tests.pairing import pairing_offering

START = dt.date(2025, 9, 1)


@pytest.fixture
def program(personas):
    return world_program(personas.org)


@pytest.fixture
def pair(program):
    return partnership(program, starts_on=START, ends_on=dt.date(2026, 6, 30))


def _requests(pair):
    return sorted(
        SurveyRequest.objects.filter(partnership=pair).values_list("survey__kind", "due_on", "person_id"),
        key=lambda row: (row[1], row[0], row[2]),
    )


def test_checkin_dates_follow_the_program(pair):
    assert checkin_due_on(pair, dt.date(2025, 9, 30)) is None
    assert checkin_due_on(pair, dt.date(2025, 10, 1)) == dt.date(2025, 10, 1)
    assert checkin_due_on(pair, dt.date(2025, 11, 29)) == dt.date(2025, 10, 1)
    assert checkin_due_on(pair, dt.date(2025, 11, 30)) == dt.date(2025, 11, 30)
    assert checkin_due_on(pair, dt.date(2026, 6, 29)) == dt.date(2026, 5, 29)
    assert checkin_due_on(pair, dt.date(2026, 7, 29)) is None  # July 28 is after the end
    pair.program.checkin_first_days, pair.program.checkin_every_days = 14, 28
    assert checkin_due_on(pair, dt.date(2025, 10, 15)) == dt.date(2025, 10, 13)


def test_each_of_the_pair_gets_each_checkin_once(pair):
    for day in (dt.date(2025, 9, 30), dt.date(2025, 10, 1), dt.date(2025, 10, 1), dt.date(2025, 10, 20)):
        requests_schedule(today=day)
    assert _requests(pair) == [
        ("checkin", dt.date(2025, 10, 1), pair.mentor_id),
        ("checkin", dt.date(2025, 10, 1), pair.mentee_id),
    ]
    requests_schedule(today=dt.date(2025, 12, 1))
    assert [row[1] for row in _requests(pair)] == [dt.date(2025, 10, 1)] * 2 + [dt.date(2025, 11, 30)] * 2


def test_missed_checkins_are_not_filled_in(pair):
    requests_schedule(today=dt.date(2026, 2, 1))
    assert {row[1] for row in _requests(pair)} == {dt.date(2026, 1, 29)}


def test_the_closing_survey_comes_at_the_end_and_ends_the_checkins(pair):
    requests_schedule(today=dt.date(2026, 6, 30))
    assert {(kind, due) for kind, due, _person in _requests(pair)} == {("closing", dt.date(2026, 6, 30))}
    requests_schedule(today=dt.date(2026, 7, 27))
    assert len(_requests(pair)) == 2


def test_a_partnership_ended_early_gets_the_closing_survey_a_long_ago_one_none(program):
    recent = partnership(
        program,
        starts_on=START,
        status=PartnershipStatus.ENDED,
        ended_at=dt.datetime(2025, 12, 1, 17, tzinfo=dt.UTC),
    )
    old = partnership(
        program, starts_on=START, status=PartnershipStatus.COMPLETED, ended_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    declined = partnership(program, starts_on=START, status=PartnershipStatus.DECLINED)
    requests_schedule(today=dt.date(2025, 12, 3))
    assert {(kind, due) for kind, due, _person in _requests(recent)} == {("closing", dt.date(2025, 12, 1))}
    assert _requests(old) == [] and _requests(declined) == []


def test_the_default_surveys_are_made_once(program):
    checkin = survey_for(program, SurveyKind.CHECKIN)
    assert survey_for(program, SurveyKind.CHECKIN).pk == checkin.pk
    assert [q["key"] for q in checkin.questions] == [q["key"] for q in DEFAULT_QUESTIONS["checkin"]]
    closing = survey_for(program, SurveyKind.CLOSING)
    keys = {q["key"] for q in closing.questions}
    assert {"overall", "value", "training", "webinar", "keep", "change"} <= keys
    assert Survey.objects.filter(program=program).count() == 2
    with pytest.raises(IntegrityError):
        Survey.objects.create(program=program, kind=SurveyKind.CHECKIN, title="Twice", questions=[])


def test_staff_send_the_closing_survey_on_the_closure_day(personas, program, django_capture_on_commit_callbacks):
    offering = pairing_offering(program, slug="2025-2026")
    pairs = [partnership(program, offering=offering, starts_on=START) for _ in range(3)]
    proposed = partnership(program, offering=offering, starts_on=START, status=PartnershipStatus.PROPOSED)
    other = partnership(program, starts_on=START)

    with pytest.raises(DomainError):
        closing_survey_send(actor=personas.member, offering=offering)
    assert closing_survey_send(actor=personas.staff, offering=offering) == 6
    assert closing_survey_send(actor=personas.staff, offering=offering) == 0
    for pair in pairs:
        assert {kind for kind, _due, _person in _requests(pair)} == {"closing"}
    assert _requests(proposed) == [] and _requests(other) == []
    assert AuditEntry.objects.filter(action="survey.closing_sent", object_id=str(offering.pk)).count() == 2
    # The daily job adds no check-in and no second closing survey afterwards.
    requests_schedule(today=dt.date(2026, 8, 1))
    assert len(_requests(pairs[0])) == 2
