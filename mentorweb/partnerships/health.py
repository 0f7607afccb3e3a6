"""A partnership's health: on track, at risk or inactive, from its held meetings.

The thresholds, with the program's expected contact cadence C (PairingRules.contact_every_days,
7 days by default) and monthly minimum M (PairingRules.min_hours_per_month, 2 hours by default):

- **inactive**: no held meeting for at least max(3 × C, 30) days (with weekly contact: 30 days);
- **at risk**: no held meeting for more than 2 × C days (weekly: 15 days or more), or fewer than
  M hours of held meetings in the last full calendar month of the partnership;
- **on track**: otherwise.

Days without contact count from the last held meeting, or from the start when there has been
none yet, so a new pair has 2 × C days to meet before anyone worries. A month counts as "full"
only when the partnership ran the whole of it: the month in which a pair started is never held
against them. Before its start a partnership's health is "unknown". Only active partnerships
are refreshed; a finished one keeps the health it ended with.

`refresh(partnership)` stores it (the workspace calls it after a meeting is logged, inside the
same transaction); `refresh_all()` is the daily job's, in batches of a bounded number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q, QuerySet, Sum

from mentorweb.core.audit import audit_record
from mentorweb.partnerships.commitment import (
    Expectations,
    commitment_of,
    end_of_day_utc,
    expectations_for,
    minutes_to_hours,
    month_bounds_utc,
    month_start,
    previous_month,
    started_on,
)
from mentorweb.partnerships.models import Health, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.programs.times import local, today_in

INACTIVE_MIN_DAYS = 30
INACTIVE_CADENCES = 3
AT_RISK_CADENCES = 2
BATCH_SIZE = 500


@dataclass(frozen=True)
class Assessment:
    health: str
    last_contact_on: dt.date | None
    # Counted from the last contact, or from the start when there has been none.
    days_without_contact: int | None
    no_contact: bool
    low_hours: bool
    last_full_month: dt.date | None
    last_full_month_hours: Decimal | None
    # The first day the pair counted as at risk, and as inactive, for want of contact (reminders
    # use them as due dates: one reminder each, however often the job runs).
    at_risk_since: dt.date | None
    inactive_since: dt.date | None


def inactive_after(expectations: Expectations) -> int:
    return max(INACTIVE_CADENCES * expectations.contact_every_days, INACTIVE_MIN_DAYS)


def at_risk_after(expectations: Expectations) -> int:
    return AT_RISK_CADENCES * expectations.contact_every_days


def last_full_month(starts_on: dt.date, today: dt.date) -> dt.date | None:
    """The last calendar month the partnership ran from its first day to its last, or None."""
    month = previous_month(month_start(today))
    return month if starts_on <= month else None


def assess(
    *,
    starts_on: dt.date,
    today: dt.date,
    last_contact_on: dt.date | None,
    last_full_month_hours: Decimal | None,
    expectations: Expectations,
) -> Assessment:
    """The health from plain facts; `compute` and `refresh_all` both come here."""
    if starts_on > today:
        return Assessment(Health.UNKNOWN, last_contact_on, None, False, False, None, None, None, None)
    reference = max(last_contact_on, starts_on) if last_contact_on else starts_on
    days = (today - reference).days
    risk_days, inactive_days = at_risk_after(expectations), inactive_after(expectations)
    month = last_full_month(starts_on, today)
    hours = last_full_month_hours if month is not None else None
    if month is not None and hours is None:
        hours = Decimal("0.00")
    low_hours = hours is not None and hours < expectations.min_hours_per_month
    no_contact = days > risk_days
    if days >= inactive_days:
        health = Health.INACTIVE
    elif no_contact or low_hours:
        health = Health.AT_RISK
    else:
        health = Health.ON_TRACK
    return Assessment(
        health=health,
        last_contact_on=last_contact_on,
        days_without_contact=days,
        no_contact=no_contact,
        low_hours=low_hours,
        last_full_month=month,
        last_full_month_hours=hours,
        at_risk_since=reference + dt.timedelta(days=risk_days + 1),
        inactive_since=reference + dt.timedelta(days=inactive_days),
    )


def assessment_of(partnership: Partnership, today: dt.date | None = None) -> Assessment:
    commitment = commitment_of(partnership, today=today)
    month = last_full_month(commitment.starts_on, commitment.today)
    hours = next((m.hours for m in commitment.months if m.month == month), None) if month else None
    return assess(
        starts_on=commitment.starts_on,
        today=commitment.today,
        last_contact_on=commitment.last_contact_on,
        last_full_month_hours=hours,
        expectations=commitment.expectations,
    )


def compute(partnership: Partnership, today: dt.date | None = None) -> str:
    """on_track, at_risk, inactive (or unknown before the start), as of `today` in the
    organization's zone. One query (the held meetings)."""
    return assessment_of(partnership, today).health


def refresh(partnership: Partnership, *, today: dt.date | None = None) -> str:
    """Store the partnership's health and last meeting day; returns the health.

    Call it after a meeting is logged or changed, inside that transaction. The UPDATE takes the
    row's lock, so a daily job running at the same moment waits for it (see refresh_all)."""
    partnership = Partnership.objects.select_related("organization", "program__pairing").filter(pk=partnership.pk).get()
    assessment = assessment_of(partnership, today)
    fields: dict[str, object] = {"last_meeting_on": assessment.last_contact_on}
    changed = False
    if partnership.status == PartnershipStatus.ACTIVE:
        fields["health"] = assessment.health
        changed = partnership.health != assessment.health
    with transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(**fields)
        if changed:
            audit_record(
                actor=None,
                action="partnership.health_changed",
                obj=partnership,
                organization=partnership.organization,
                changes={"health": [partnership.health, assessment.health]},
            )
    return str(fields.get("health", partnership.health))


# --- every active partnership, in batches ---------------------------------------------------------

Batch = list[tuple[Partnership, Assessment]]


def active_partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.filter(status=PartnershipStatus.ACTIVE)


def assessed_batches(
    partnerships: QuerySet[Partnership], *, today: dt.date | None = None, lock: bool = False
) -> Iterator[Batch]:
    """The partnerships with their assessments, BATCH_SIZE at a time, in a fixed number of
    queries per batch: the ids (locked when `lock`), then one query that aggregates the
    meetings of the whole batch. Each batch is read in its organizations' zone, because "last
    month" and "today" depend on it. Run it inside a transaction when `lock` is set."""
    zones = sorted(set(partnerships.order_by().values_list("organization__time_zone", flat=True).distinct()))
    for zone in zones:
        day = today or today_in(zone)
        month = previous_month(month_start(day))
        month_from, month_to = month_bounds_utc(month, zone)
        until = end_of_day_utc(day, zone)
        held = Q(meetings__status=MeetingStatus.HELD, meetings__starts_at__lt=until)
        in_zone = partnerships.filter(organization__time_zone=zone).order_by("pk")
        last_pk = 0
        while True:
            ids_query = in_zone.filter(pk__gt=last_pk)
            if lock:
                ids_query = ids_query.select_for_update(of=("self",))
            ids = list(ids_query.values_list("pk", flat=True)[:BATCH_SIZE])
            if not ids:
                break
            last_pk = ids[-1]
            rows = (
                Partnership.objects.filter(pk__in=ids)
                .select_related("organization", "program__pairing", "mentor__user", "mentee__user")
                .annotate(
                    last_held_at=Max("meetings__starts_at", filter=held),
                    month_minutes=Sum(
                        "meetings__duration_minutes",
                        filter=held & Q(meetings__starts_at__gte=month_from, meetings__starts_at__lt=month_to),
                    ),
                )
                .order_by("pk")
            )
            batch: Batch = []
            for partnership in rows:
                last_held = partnership.last_held_at
                batch.append(
                    (
                        partnership,
                        assess(
                            starts_on=started_on(partnership),
                            today=day,
                            last_contact_on=local(last_held, zone).date() if last_held else None,
                            last_full_month_hours=minutes_to_hours(partnership.month_minutes),
                            expectations=expectations_for(partnership.program),
                        ),
                    )
                )
            yield batch


def refresh_all(*, today: dt.date | None = None, on_batch: Callable[[Batch], object] | None = None) -> dict[str, int]:
    """Refresh every active partnership's health and last meeting day; returns counts.

    Per batch of BATCH_SIZE: lock the ids, aggregate their meetings in one query, write the
    changed rows with one bulk_update, then hand the batch to `on_batch` (the reminders) in
    the same transaction. The lock makes a meeting logged meanwhile either wait for this batch
    (and its own refresh then writes the newer value) or be seen by the aggregate."""
    counts = {"partnerships": 0, "changed": 0}
    by_health: dict[str, int] = {}
    batches = assessed_batches(active_partnerships(), today=today, lock=True)
    while True:
        with transaction.atomic():
            batch = next(batches, None)
            if batch is None:
                break
            changed = []
            for partnership, assessment in batch:
                by_health[assessment.health] = by_health.get(assessment.health, 0) + 1
                if partnership.health != assessment.health or partnership.last_meeting_on != assessment.last_contact_on:
                    partnership.health = assessment.health
                    partnership.last_meeting_on = assessment.last_contact_on
                    changed.append(partnership)
            if changed:
                Partnership.objects.bulk_update(changed, ["health", "last_meeting_on"], batch_size=BATCH_SIZE)
            counts["partnerships"] += len(batch)
            counts["changed"] += len(changed)
            if on_batch is not None:
                on_batch(batch)
    if counts["changed"]:
        # Counts only, one entry a run: which pair changed is in the list for staff.
        audit_record(
            actor=None,
            action="partnerships.health_refreshed",
            object_type="partnerships.partnership",
            changes={"changed": [0, counts["changed"]], **{k: [0, v] for k, v in sorted(by_health.items())}},
        )
    return {**counts, **by_health}
