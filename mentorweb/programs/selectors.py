"""Reads of programs, offerings and their schedules.

Staff reads start from an organization the caller already reached through
`organizations.selectors.get_organization_for_user`, so another organization's program is a
404 like one that does not exist. Catalogue reads show published programs and their offerings
that are not drafts, to anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from mentorweb.organizations.models import Organization
from mentorweb.programs.models import CourseModule, Deadline, Offering, OfferingStatus, Program, Session
from mentorweb.programs.policies import Tier, tiers_of

PUBLIC_STATUSES = (OfferingStatus.OPEN, OfferingStatus.CLOSED, OfferingStatus.COMPLETED, OfferingStatus.CANCELLED)
# Offerings the catalogue lists as coming up (a cancelled or completed one is history).
UPCOMING_STATUSES = (OfferingStatus.OPEN, OfferingStatus.CLOSED)


# --- staff --------------------------------------------------------------------------------------


def organization_programs(organization: Organization) -> QuerySet[Program]:
    return (
        Program.objects.filter(organization=organization)
        .annotate(
            module_count=Count("modules", distinct=True),
            offering_count=Count("offerings", distinct=True),
            open_count=Count("offerings", filter=Q(offerings__status=OfferingStatus.OPEN), distinct=True),
        )
        .order_by("name", "pk")
    )


def get_program(organization: Organization, slug: str) -> Program:
    program = (
        Program.objects.select_related("organization")
        .prefetch_related("modules", "refund_tiers")
        .filter(organization=organization, slug=slug)
        .first()
    )
    if program is None:
        raise Http404
    return program


def program_offerings(program: Program) -> QuerySet[Offering]:
    return (
        Offering.objects.filter(program=program)
        .select_related("partner_board")
        .annotate(session_count=Count("sessions"))
        .order_by("-start_date", "pk")
    )


def organization_offerings(organization: Organization, *, status: str = "") -> QuerySet[Offering]:
    offerings = Offering.objects.filter(program__organization=organization).select_related(
        "program__organization", "partner_board"
    )
    if status:
        offerings = offerings.filter(status=status)
    return offerings.order_by("-start_date", "pk")


def offerings_with_schedule(offerings: QuerySet[Offering], *, with_program: bool = True) -> QuerySet[Offering]:
    offerings = offerings.select_related("partner_board").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.select_related("module").order_by("starts_at", "pk")),
        Prefetch("deadlines", queryset=Deadline.objects.select_related("module").order_by("due_on", "pk")),
    )
    if with_program:
        offerings = offerings.select_related("program__organization").prefetch_related(
            Prefetch("program__modules", queryset=CourseModule.objects.order_by("number")),
            "program__refund_tiers",
        )
    return offerings


def get_offering(program: Program, slug: str) -> Offering:
    """An offering of a program already read with get_program (its modules and tiers are reused)."""
    offering = offerings_with_schedule(Offering.objects.filter(program=program, slug=slug), with_program=False).first()
    if offering is None:
        raise Http404
    offering.program = program
    return offering


def get_module(program: Program, module_id: int) -> CourseModule:
    module = CourseModule.objects.select_related("program__organization").filter(program=program, pk=module_id).first()
    if module is None:
        raise Http404
    return module


def get_session(offering: Offering, session_id: int) -> Session:
    session = Session.objects.filter(offering=offering, pk=session_id).first()
    if session is None:
        raise Http404
    session.offering = offering
    return session


def get_deadline(offering: Offering, deadline_id: int) -> Deadline:
    deadline = Deadline.objects.filter(offering=offering, pk=deadline_id).first()
    if deadline is None:
        raise Http404
    deadline.offering = offering
    return deadline


# --- catalogue ----------------------------------------------------------------------------------


def published_programs(*, organization_slug: str = "") -> QuerySet[Program]:
    programs = Program.objects.filter(is_published=True).select_related("organization")
    if organization_slug:
        programs = programs.filter(organization__slug=organization_slug)
    upcoming = Offering.objects.filter(status__in=UPCOMING_STATUSES).order_by("start_date", "pk")
    return programs.prefetch_related(Prefetch("offerings", queryset=upcoming, to_attr="upcoming_offerings")).order_by(
        "organization__name", "name", "pk"
    )


def get_published_program(organization_slug: str, slug: str) -> Program:
    program = (
        Program.objects.filter(is_published=True, organization__slug=organization_slug, slug=slug)
        .select_related("organization")
        .prefetch_related(
            Prefetch("modules", queryset=CourseModule.objects.order_by("number")),
            "refund_tiers",
            Prefetch(
                "offerings",
                queryset=Offering.objects.filter(status__in=PUBLIC_STATUSES)
                .select_related("partner_board")
                .order_by("-start_date", "pk"),
                to_attr="public_offerings",
            ),
        )
        .first()
    )
    if program is None:
        raise Http404
    return program


def get_public_offering(organization_slug: str, program_slug: str, slug: str) -> Offering:
    offering = offerings_with_schedule(
        Offering.objects.filter(
            program__is_published=True,
            program__organization__slug=organization_slug,
            program__slug=program_slug,
            slug=slug,
            status__in=PUBLIC_STATUSES,
        )
    ).first()
    if offering is None:
        raise Http404
    return offering


def registration_is_open(offering: Offering, today: date) -> bool:
    """Whether the catalogue offers to register: the registrations app makes the final check."""
    opens = offering.registration_opens
    return (
        offering.status == OfferingStatus.OPEN
        and (opens is None or opens <= today)
        and today <= offering.registration_deadline
    )


# --- what the pages show ------------------------------------------------------------------------


@dataclass
class ModuleSchedule:
    """One module's part of an offering: its synchronous sessions and its deadlines."""

    module: CourseModule | None
    sessions: list[Session] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def is_asynchronous(self) -> bool:
        return not self.sessions and bool(self.deadlines)


def offering_schedule(offering: Offering) -> list[ModuleSchedule]:
    """The offering's sessions and deadlines, by module in module order; those without a
    module come last. Uses the prefetched rows of get_offering / get_public_offering."""
    groups: dict[int | None, ModuleSchedule] = {
        module.pk: ModuleSchedule(module) for module in offering.program.modules.all()
    }
    groups[None] = ModuleSchedule(None)
    for session in offering.sessions.all():
        groups.setdefault(session.module_id, ModuleSchedule(session.module)).sessions.append(session)
    for deadline in offering.deadlines.all():
        groups.setdefault(deadline.module_id, ModuleSchedule(deadline.module)).deadlines.append(deadline)
    return [group for group in groups.values() if group.sessions or group.deadlines]


@dataclass(frozen=True)
class HoursSummary:
    synchronous: Decimal
    asynchronous: Decimal

    @property
    def total(self) -> Decimal:
        return self.synchronous + self.asynchronous


def program_hours(program: Program) -> HoursSummary:
    modules = list(program.modules.all())
    return HoursSummary(
        synchronous=sum((m.synchronous_hours for m in modules), Decimal(0)),
        asynchronous=sum((m.asynchronous_hours for m in modules), Decimal(0)),
    )


def refund_table(program: Program) -> list[Tier]:
    return tiers_of(program)


def visible_to_staff(user: Any, organization: Organization) -> bool:
    return bool(user.has_perm("programs.manage_programs", organization))
