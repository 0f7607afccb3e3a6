"""A partnership's commitment: hours a month and contact cadence, against the program's rules.

Seed 003 asks for "2-4 hours a month minimum, with weekly contact if possible". A program
states it in its PairingRules (`min_hours_per_month`, `max_hours_per_month`,
`contact_every_days`); web and course programs have none, and then the defaults below apply.

Only HELD meetings count, by their duration; a meeting's day is read in the organization's
time zone, so a meeting at 20:00 in Vancouver on the 31st belongs to that month, not the next.
Every held meeting is a contact, whatever its mode (face to face, video, phone, e-mail).

Month by month over the partnership's life so far, each month is one of:
- "met": a whole month of the partnership, at or above the minimum;
- "below": a whole month below the minimum;
- "in_progress": the current month, still running;
- "partial": a month the partnership covered only in part (it started or ended within it),
  shown but never judged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.utils.translation import gettext as _

from mentorweb.partnerships.models import Meeting, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.programs.models import PairingRules, Program
from mentorweb.programs.times import local, to_utc, today_in

DEFAULT_MIN_HOURS_PER_MONTH = Decimal("2")
DEFAULT_CONTACT_EVERY_DAYS = 7
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Expectations:
    """What the program expects of a pair."""

    min_hours_per_month: Decimal
    max_hours_per_month: Decimal | None
    contact_every_days: int


def rules_of(program: Program) -> PairingRules | None:
    try:
        return program.pairing
    except PairingRules.DoesNotExist:
        return None


def expectations_for(program: Program) -> Expectations:
    """The program's commitment, or the defaults for a program without pairing rules."""
    rules = rules_of(program)
    if rules is None:
        return Expectations(DEFAULT_MIN_HOURS_PER_MONTH, None, DEFAULT_CONTACT_EVERY_DAYS)
    return Expectations(
        min_hours_per_month=rules.min_hours_per_month,
        max_hours_per_month=rules.max_hours_per_month,
        # A cadence of 0 days would make every day "late": read it as daily.
        contact_every_days=max(int(rules.contact_every_days), 1),
    )


def minutes_to_hours(minutes: int | None) -> Decimal:
    return (Decimal(minutes or 0) / Decimal(60)).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(first: dt.date) -> dt.date:
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(first: dt.date) -> dt.date:
    return (first - dt.timedelta(days=1)).replace(day=1)


def started_on(partnership: Partnership) -> dt.date:
    """The first day of the partnership: its start date, or the day it was created."""
    if partnership.starts_on is not None:
        return partnership.starts_on
    return local(partnership.created_at, partnership.organization.time_zone).date()


def finished_on(partnership: Partnership) -> dt.date | None:
    """The last day of a finished partnership (completed or ended early), else None."""
    if partnership.status not in (PartnershipStatus.COMPLETED, PartnershipStatus.ENDED):
        return None
    if partnership.ended_at is not None:
        return local(partnership.ended_at, partnership.organization.time_zone).date()
    return partnership.ends_on


def end_of_day_utc(day: dt.date, time_zone: str) -> dt.datetime:
    """The UTC instant at which `day` ends in `time_zone` (midnight at the start of the next day)."""
    return to_utc(day + dt.timedelta(days=1), dt.time(0, 0), time_zone)


def month_bounds_utc(first: dt.date, time_zone: str) -> tuple[dt.datetime, dt.datetime]:
    """A calendar month of `time_zone` as a half-open UTC range."""
    return to_utc(first, dt.time(0, 0), time_zone), to_utc(next_month(first), dt.time(0, 0), time_zone)


@dataclass(frozen=True)
class MonthCommitment:
    month: dt.date  # its first day
    hours: Decimal
    meetings: int
    minimum: Decimal
    state: str  # met, below, in_progress, partial

    @property
    def judged(self) -> bool:
        return self.state in ("met", "below")

    @property
    def state_label(self) -> str:
        return {
            "met": _("At or above the minimum"),
            "below": _("Below the minimum"),
            "in_progress": _("This month, still running"),
            "partial": _("Part of a month"),
        }[self.state]


@dataclass(frozen=True)
class Commitment:
    expectations: Expectations
    starts_on: dt.date
    today: dt.date
    months: list[MonthCommitment]
    held_meetings: int
    total_hours: Decimal
    last_contact_on: dt.date | None
    days_since_contact: int | None
    # Days between consecutive held meetings (contacts), oldest first.
    gaps: list[int]

    @property
    def started(self) -> bool:
        return self.starts_on <= self.today

    @property
    def average_gap(self) -> Decimal | None:
        if not self.gaps:
            return None
        return (Decimal(sum(self.gaps)) / Decimal(len(self.gaps))).quantize(Decimal("0.1"))

    @property
    def longest_gap(self) -> int | None:
        return max(self.gaps) if self.gaps else None

    @property
    def cadence_kept(self) -> bool | None:
        """Whether the last contact is within the expected cadence (None before the start)."""
        if not self.started:
            return None
        reference = self.last_contact_on or self.starts_on
        return (self.today - reference).days <= self.expectations.contact_every_days

    @property
    def last_full_month(self) -> MonthCommitment | None:
        judged = [month for month in self.months if month.judged]
        return judged[-1] if judged else None


def held_meetings(partnership: Partnership, until: dt.datetime) -> list[tuple[dt.datetime, int]]:
    """(start, minutes) of the partnership's held meetings that began before `until`, oldest first."""
    return list(
        Meeting.objects.filter(partnership=partnership, status=MeetingStatus.HELD, starts_at__lt=until)
        .order_by("starts_at")
        .values_list("starts_at", "duration_minutes")
    )


def commitment_of(partnership: Partnership, *, today: dt.date | None = None) -> Commitment:
    """Hours month by month and the contact cadence, over the life so far. One query (the meetings);
    the partnership should come with its organization and program's pairing rules selected."""
    time_zone = partnership.organization.time_zone
    today = today or today_in(time_zone)
    expectations = expectations_for(partnership.program)
    start = started_on(partnership)
    last_day = today
    finished = finished_on(partnership)
    if finished is not None:
        last_day = min(last_day, finished)

    meetings = held_meetings(partnership, end_of_day_utc(today, time_zone))
    days = [(local(starts_at, time_zone).date(), minutes) for starts_at, minutes in meetings]
    by_month: dict[dt.date, list[int]] = {}
    for day, duration in days:
        by_month.setdefault(month_start(day), []).append(duration)

    months: list[MonthCommitment] = []
    if start <= last_day:
        first = month_start(start)
        while first <= last_day:
            durations = by_month.get(first, [])
            months.append(
                MonthCommitment(
                    month=first,
                    hours=minutes_to_hours(sum(durations)),
                    meetings=len(durations),
                    minimum=expectations.min_hours_per_month,
                    state=_month_state(first, start, last_day, today, finished, durations, expectations),
                )
            )
            first = next_month(first)

    contact_days = [day for day, _minutes in days]
    last_contact = contact_days[-1] if contact_days else None
    return Commitment(
        expectations=expectations,
        starts_on=start,
        today=today,
        months=months,
        held_meetings=len(days),
        total_hours=minutes_to_hours(sum(minutes for _day, minutes in days)),
        last_contact_on=last_contact,
        days_since_contact=(today - last_contact).days if last_contact else None,
        gaps=[(later - earlier).days for earlier, later in pairwise(contact_days)],
    )


def _month_state(
    first: dt.date,
    start: dt.date,
    last_day: dt.date,
    today: dt.date,
    finished: dt.date | None,
    minutes: list[int],
    expectations: Expectations,
) -> str:
    final = next_month(first) - dt.timedelta(days=1)
    if start > first or (finished is not None and finished < final):
        return "partial"
    if final >= today:
        return "in_progress"
    return "met" if minutes_to_hours(sum(minutes)) >= expectations.min_hours_per_month else "below"


# --- the picture -----------------------------------------------------------------------------------

CHART_HEIGHT = 160
BAR_WIDTH = 28
BAR_GAP = 14
LEFT = 44
TOP = 16
BOTTOM = 36


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label_x: int
    month: MonthCommitment


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    baseline: int
    minimum_y: int
    maximum_y: int | None
    scale_top: Decimal
    bars: list[Bar]


def picture(commitment: Commitment) -> Picture:
    """Coordinates of an SVG bar chart: one bar a month, the minimum as a line across."""
    expectations = commitment.expectations
    top_value = max(
        [month.hours for month in commitment.months]
        + [expectations.min_hours_per_month * Decimal("1.5"), expectations.max_hours_per_month or 0, Decimal(1)]
    )
    # Round the scale up to whole hours so that its label reads well.
    scale_top = Decimal(int(top_value) + (0 if top_value == int(top_value) else 1))

    def y_of(value: Decimal) -> int:
        return TOP + CHART_HEIGHT - int((value / scale_top) * CHART_HEIGHT)

    bars = []
    for index, month in enumerate(commitment.months):
        x = LEFT + BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
        y = y_of(month.hours)
        bars.append(Bar(x, y, BAR_WIDTH, TOP + CHART_HEIGHT - y, x + BAR_WIDTH // 2, month))
    width = LEFT + BAR_GAP + max(len(bars), 1) * (BAR_WIDTH + BAR_GAP)
    maximum = expectations.max_hours_per_month
    return Picture(
        width=width,
        height=TOP + CHART_HEIGHT + BOTTOM,
        baseline=TOP + CHART_HEIGHT,
        minimum_y=y_of(expectations.min_hours_per_month),
        maximum_y=y_of(maximum) if maximum else None,
        scale_top=scale_top,
        bars=bars,
    )
