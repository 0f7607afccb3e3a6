"""Reads for staff: the organization's partnerships as metadata only.

Staff (administrators, coordinators, advisory team) see who is paired, dates, how many meetings
and hours, the last meeting day, health and how many surveys were answered. Never shared notes,
topics, agendas, plans, goals or private notes: the rows are built from `.values()` of named
columns, so no template or export can reach any other field, however it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from mentorweb.organizations.models import Organization
from mentorweb.partnerships.commitment import minutes_to_hours
from mentorweb.partnerships.models import (
    Health,
    Meeting,
    MeetingStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    SurveyRequest,
)
from mentorweb.programs.models import Offering, Program, ProgramKind
from mentorweb.programs.times import local

# The only columns a staff row is made of.
STAFF_COLUMNS = (
    "pk",
    "kind",
    "status",
    "health",
    "starts_on",
    "ends_on",
    "program_id",
    "program__name",
    "program__short_name",
    "offering_id",
    "offering__title",
    "mentor__given_name",
    "mentor__family_name",
    "mentee__given_name",
    "mentee__family_name",
    "organization__time_zone",
)


@dataclass(frozen=True)
class StaffRow:
    pk: int
    program: str
    offering: str
    mentor: str
    mentee: str
    kind: str
    status: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    meetings: int
    hours: Decimal
    last_meeting_on: dt.date | None
    health: str
    surveys_answered: int
    surveys_requested: int

    @property
    def status_label(self) -> str:
        return str(PartnershipStatus(self.status).label)

    @property
    def health_label(self) -> str:
        return str(Health(self.health).label)

    @property
    def kind_label(self) -> str:
        return str(PartnershipKind(self.kind).label)


def _count(queryset: QuerySet[Any], column: str = "pk", how: Any = Count) -> Coalesce:
    """A correlated subquery aggregating one partnership's rows, 0 when it has none.

    Separate subqueries, not joins: joining meetings and survey requests in one query would
    multiply them by each other."""
    aggregate = queryset.filter(partnership=OuterRef("pk")).order_by().values("partnership")
    return Coalesce(
        Subquery(aggregate.annotate(value=how(column)).values("value")[:1], output_field=IntegerField()), Value(0)
    )


def staff_partnerships(
    organization: Organization,
    *,
    program_id: int | None = None,
    offering_id: int | None = None,
    health: str = "",
    status: str = "",
) -> QuerySet[Partnership, dict[str, Any]]:
    """The partnerships of the organization's programs, filtered, as dictionaries of metadata."""
    held = Meeting.objects.filter(status=MeetingStatus.HELD)
    answered = SurveyRequest.objects.filter(answered_at__isnull=False)
    partnerships = Partnership.objects.filter(program__organization=organization)
    if program_id:
        partnerships = partnerships.filter(program_id=program_id)
    if offering_id:
        partnerships = partnerships.filter(offering_id=offering_id)
    if health:
        partnerships = partnerships.filter(health=health)
    if status:
        partnerships = partnerships.filter(status=status)
    last_held = held.filter(partnership=OuterRef("pk")).order_by().values("partnership").annotate(at=Max("starts_at"))
    return (
        partnerships.annotate(
            meetings_held=_count(held),
            minutes_held=_count(held, "duration_minutes", Sum),
            last_held_at=Subquery(last_held.values("at")[:1]),
            surveys_answered=_count(answered),
            surveys_requested=_count(SurveyRequest.objects.all()),
        )
        .order_by("program__name", "-starts_on", "mentee__family_name", "pk")
        .values(
            *STAFF_COLUMNS, "meetings_held", "minutes_held", "last_held_at", "surveys_answered", "surveys_requested"
        )
    )


def _name(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def staff_row(values: dict[str, Any]) -> StaffRow:
    last_held = values["last_held_at"]
    return StaffRow(
        pk=values["pk"],
        program=values["program__short_name"] or values["program__name"],
        offering=values["offering__title"] or "",
        mentor=_name(values["mentor__given_name"], values["mentor__family_name"]),
        mentee=_name(values["mentee__given_name"], values["mentee__family_name"]),
        kind=values["kind"],
        status=values["status"],
        starts_on=values["starts_on"],
        ends_on=values["ends_on"],
        meetings=values["meetings_held"],
        hours=minutes_to_hours(values["minutes_held"]),
        last_meeting_on=local(last_held, values["organization__time_zone"]).date() if last_held else None,
        health=values["health"],
        surveys_answered=values["surveys_answered"],
        surveys_requested=values["surveys_requested"],
    )


def staff_rows(values: Iterable[dict[str, Any]]) -> Iterator[StaffRow]:
    for row in values:
        yield staff_row(row)


# The key of health_counts() for all the partnerships, whatever their health.
ALL_HEALTH = "all"


def health_counts(organization: Organization, **filters: Any) -> dict[str, int]:
    """How many of the (filtered) partnerships are in each health state, and in all (ALL_HEALTH),
    in one query. The list's paginator takes its count from here: counting the list's own query
    would join the programs, offerings and people it shows, for nothing."""
    partnerships = Partnership.objects.filter(program__organization=organization)
    for name in ("program_id", "offering_id", "status"):
        if filters.get(name):
            partnerships = partnerships.filter(**{name: filters[name]})
    return partnerships.aggregate(
        **{ALL_HEALTH: Count("pk")}, **{value: Count("pk", filter=Q(health=value)) for value in Health.values}
    )


def evaluation_programs(organization: Organization) -> QuerySet[Program]:
    """Programs with partnerships to evaluate: pairing programs and webs, and any other program
    (a course's practicum) that has partnerships."""
    return (
        Program.objects.filter(organization=organization)
        .filter(Q(kind__in=(ProgramKind.PAIRING, ProgramKind.WEB)) | Q(partnerships__isnull=False))
        .distinct()
        .order_by("name")
    )


def get_program(organization: Organization, program_id: int) -> Program:
    """One of the organization's programs; another organization's is a 404."""
    program = Program.objects.select_related("organization").filter(organization=organization, pk=program_id).first()
    if program is None:
        raise Http404
    return program


def get_offering(organization: Organization, offering_id: int) -> Offering:
    offering = (
        Offering.objects.select_related("program__organization")
        .filter(program__organization=organization, pk=offering_id)
        .first()
    )
    if offering is None:
        raise Http404
    return offering


def filter_choices(organization: Organization) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """Programs and offerings for the list's filters (two queries, the most recent offerings first)."""
    programs = [
        (pk, short or name)
        for pk, name, short in Program.objects.filter(organization=organization)
        .order_by("name")
        .values_list("pk", "name", "short_name")
    ]
    offerings = [
        (pk, f"{short or name} – {title}")
        for pk, title, name, short in Offering.objects.filter(program__organization=organization)
        .filter(Q(partnerships__isnull=False) | Q(program__kind__in=(ProgramKind.PAIRING, ProgramKind.WEB)))
        .distinct()
        .order_by("-start_date", "pk")
        .values_list("pk", "title", "program__name", "program__short_name")[:200]
    ]
    return programs, offerings
