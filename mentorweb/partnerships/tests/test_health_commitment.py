"""Commitment (hours a month, contact cadence) and health, from hand-made meetings.

The program follows seed 003: at least 2 hours a month, weekly contact. The partnership starts
on September 1, 2025, in British Columbia (America/Vancouver)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import health
from mentorweb.partnerships.commitment import commitment_of, expectations_for, picture
from mentorweb.partnerships.health import assess, compute, refresh, refresh_all
from mentorweb.partnerships.models import Health, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.partnerships.tests.health_world import meeting, partnership, world_program
from mentorweb.programs.models import Program, ProgramKind
from tests.factories import OrganizationFactory

START = dt.date(2025, 9, 1)


@pytest.fixture
def bc(db):
    return OrganizationFactory(name="BC Principals", slug="bc-principals", time_zone="America/Vancouver")


@pytest.fixture
def program(bc):
    return world_program(bc, min_hours_per_month=Decimal("2"), contact_every_days=7)


@pytest.fixture
def pair(program):
    return partnership(program, starts_on=START)


def _load(pair: Partnership) -> Partnership:
    return Partnership.objects.select_related("organization", "program__pairing").get(pk=pair.pk)


# --- commitment ---------------------------------------------------------------------------------


def test_hours_month_by_month_against_the_minimum(pair):
    for day in (3, 10, 17):
        meeting(pair, dt.date(2025, 9, day), 60)
    meeting(pair, dt.date(2025, 10, 1), 45)
    meeting(pair, dt.date(2025, 10, 8), 90, status=MeetingStatus.CANCELLED)
    meeting(pair, dt.date(2025, 10, 9), 90, status=MeetingStatus.SCHEDULED)

    commitment = commitment_of(_load(pair), today=dt.date(2025, 11, 20))

    rows = [(m.month, m.hours, m.meetings, m.state) for m in commitment.months]
    assert rows == [
        (dt.date(2025, 9, 1), Decimal("3.00"), 3, "met"),
        (dt.date(2025, 10, 1), Decimal("0.75"), 1, "below"),
        (dt.date(2025, 11, 1), Decimal("0.00"), 0, "in_progress"),
    ]
    assert commitment.held_meetings == 4
    assert commitment.total_hours == Decimal("3.75")
    assert commitment.last_contact_on == dt.date(2025, 10, 1)
    assert commitment.days_since_contact == 50
    assert commitment.gaps == [7, 7, 14]
    assert commitment.average_gap == Decimal("9.3")
    assert commitment.longest_gap == 14
    assert commitment.cadence_kept is False
    assert commitment.last_full_month is not None and commitment.last_full_month.month == dt.date(2025, 10, 1)


def test_a_meeting_belongs_to_the_month_of_the_organizations_zone(pair):
    # 20:00 on September 30 in Vancouver is already October 1 in UTC.
    meeting(pair, dt.date(2025, 9, 30), 120, clock=dt.time(20, 0))
    commitment = commitment_of(_load(pair), today=dt.date(2025, 10, 15))
    assert [(m.month.month, m.hours) for m in commitment.months] == [(9, Decimal("2.00")), (10, Decimal("0.00"))]
    assert commitment.last_contact_on == dt.date(2025, 9, 30)


def test_a_month_the_partnership_covered_in_part_is_never_judged(program):
    late = partnership(program, starts_on=dt.date(2025, 9, 20))
    commitment = commitment_of(_load(late), today=dt.date(2025, 10, 5))
    assert [m.state for m in commitment.months] == ["partial", "in_progress"]
    assert commitment.last_full_month is None


def test_a_program_without_pairing_rules_uses_the_defaults(bc):
    web = Program.objects.create(organization=bc, kind=ProgramKind.WEB, name="Mentoring for All", slug="mfa")
    expectations = expectations_for(web)
    assert expectations.min_hours_per_month == Decimal("2")
    assert expectations.contact_every_days == 7
    pair = partnership(web, starts_on=START)
    meeting(pair, dt.date(2025, 9, 25), 60)
    assert compute(_load(pair), dt.date(2025, 10, 2)) == Health.AT_RISK  # 1 hour in September


def test_the_picture_has_a_bar_a_month_and_the_minimum_line(pair):
    meeting(pair, dt.date(2025, 9, 3), 180)
    commitment = commitment_of(_load(pair), today=dt.date(2025, 10, 10))
    drawing = picture(commitment)
    assert len(drawing.bars) == 2
    september, october = drawing.bars
    assert september.height > 0 and october.height == 0
    # 3 hours reach above the 2-hour line (a smaller y is higher up).
    assert september.y < drawing.minimum_y < drawing.baseline


# --- health ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_since", "expected"),
    [(0, Health.ON_TRACK), (14, Health.ON_TRACK), (15, Health.AT_RISK), (29, Health.AT_RISK), (30, Health.INACTIVE)],
)
def test_contact_thresholds_with_weekly_contact(pair, days_since, expected):
    # Three hours in September keep the hours side on track; only contact varies.
    for day in (2, 9, 16, 30):
        meeting(pair, dt.date(2025, 9, day), 45)
    today = dt.date(2025, 9, 30) + dt.timedelta(days=days_since)
    assert compute(_load(pair), today) == expected


def test_below_the_minimum_last_month_is_at_risk_even_with_recent_contact(pair):
    meeting(pair, dt.date(2025, 9, 25), 60)
    meeting(pair, dt.date(2025, 10, 2), 30)
    assessment = health.assessment_of(_load(pair), dt.date(2025, 10, 3))
    assert assessment.health == Health.AT_RISK
    assert assessment.low_hours and not assessment.no_contact
    assert assessment.last_full_month == dt.date(2025, 9, 1)
    assert assessment.last_full_month_hours == Decimal("1.00")


def test_a_new_pair_has_twice_the_cadence_to_meet(program):
    new = partnership(program, starts_on=dt.date(2025, 10, 20))
    assert compute(_load(new), dt.date(2025, 10, 30)) == Health.ON_TRACK
    assert compute(_load(new), dt.date(2025, 11, 4)) == Health.AT_RISK
    assert compute(_load(new), dt.date(2025, 10, 19)) == Health.UNKNOWN


def test_a_longer_cadence_moves_the_thresholds(bc):
    fortnightly = world_program(bc, slug="fortnightly", contact_every_days=14, min_hours_per_month=Decimal("0"))
    pair = partnership(fortnightly, starts_on=START)
    meeting(pair, dt.date(2025, 9, 1), 60)
    assert compute(_load(pair), dt.date(2025, 9, 29)) == Health.ON_TRACK  # 28 days = 2 × 14
    assert compute(_load(pair), dt.date(2025, 9, 30)) == Health.AT_RISK
    assert compute(_load(pair), dt.date(2025, 10, 12)) == Health.AT_RISK  # 41 days
    assert compute(_load(pair), dt.date(2025, 10, 13)) == Health.INACTIVE  # 42 days = 3 × 14


def test_assess_gives_the_due_dates_the_reminders_use():
    expectations = health.Expectations(Decimal("2"), None, 7)
    assessment = assess(
        starts_on=START,
        today=dt.date(2025, 10, 20),
        last_contact_on=dt.date(2025, 10, 1),
        last_full_month_hours=Decimal("3"),
        expectations=expectations,
    )
    assert assessment.health == Health.AT_RISK
    assert assessment.at_risk_since == dt.date(2025, 10, 16)
    assert assessment.inactive_since == dt.date(2025, 10, 31)


def test_refresh_stores_health_and_last_meeting_and_audits_a_change(pair):
    meeting(pair, dt.date(2025, 9, 25), 150)
    assert refresh(pair, today=dt.date(2025, 10, 3)) == Health.ON_TRACK
    pair.refresh_from_db()
    assert pair.health == Health.ON_TRACK
    assert pair.last_meeting_on == dt.date(2025, 9, 25)
    assert refresh(pair, today=dt.date(2025, 10, 30)) == Health.INACTIVE
    entries = AuditEntry.objects.filter(action="partnership.health_changed", object_id=str(pair.pk))
    assert [entry.changes["health"] for entry in entries.order_by("pk")] == [
        ["unknown", "on_track"],
        ["on_track", "inactive"],
    ]
    refresh(pair, today=dt.date(2025, 10, 31))
    assert entries.count() == 2  # no change, no entry


def test_a_finished_partnership_keeps_the_health_it_ended_with(program):
    done = partnership(program, starts_on=START, status=PartnershipStatus.COMPLETED, health=Health.ON_TRACK)
    meeting(done, dt.date(2025, 9, 2), 60)
    refresh(done, today=dt.date(2026, 3, 1))
    done.refresh_from_db()
    assert done.health == Health.ON_TRACK
    assert done.last_meeting_on == dt.date(2025, 9, 2)


# --- every partnership at once ------------------------------------------------------------------


# Meeting days in September 2025: on October 5 none is inactive, one on the 20th at risk, weekly on track.
HISTORIES = ([], [20], [8, 15, 22, 29])


def _pairs(program, count):
    pairs = []
    for index in range(count):
        pair = partnership(program, starts_on=START)
        for day in HISTORIES[index % 3]:
            meeting(pair, dt.date(2025, 9, day), 60)
        pairs.append(pair)
    return pairs


def _refresh_queries(today):
    with CaptureQueriesContext(connection) as queries:
        refresh_all(today=today)
    return len(queries)


def test_refresh_all_matches_compute_for_every_partnership(program, bc, monkeypatch):
    monkeypatch.setattr(health, "BATCH_SIZE", 2)
    ontario = OrganizationFactory(slug="ontario-assoc", time_zone="America/Toronto")
    pairs = [*_pairs(program, 5), *_pairs(world_program(ontario, slug="opsoa"), 2)]
    ended = partnership(program, starts_on=START, status=PartnershipStatus.ENDED)
    today = dt.date(2025, 10, 5)
    result = refresh_all(today=today)
    assert result["partnerships"] == 7
    for pair in pairs:
        pair.refresh_from_db()
        assert pair.health == compute(_load(pair), today), pair.pk
    ended.refresh_from_db()
    assert ended.health == Health.UNKNOWN
    assert set(Partnership.objects.filter(pk__in=[p.pk for p in pairs]).values_list("health", flat=True)) == {
        Health.AT_RISK,
        Health.INACTIVE,
        Health.ON_TRACK,
    }


def test_refresh_all_runs_the_same_queries_for_few_or_many_partnerships(program):
    _pairs(program, 2)
    few = _refresh_queries(dt.date(2025, 10, 5))
    Partnership.objects.update(health=Health.UNKNOWN)
    _pairs(program, 10)
    many = _refresh_queries(dt.date(2025, 10, 5))
    assert many == few
    assert few <= 12
