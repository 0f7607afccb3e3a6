"""Read-only figures for the offering dashboard and the exports, in a fixed number of queries.

Every figure is computed by the database (counts and sums) except the hours, which come from
the hours ledger; that reads all confirmed registrations of the offering at once, in a fixed
number of queries, and an offering's registrations are bounded by its capacity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from mentorweb.core.money import ZERO, cad
from mentorweb.organizations.models import Organization
from mentorweb.programs.models import CourseModule, Offering, Session
from mentorweb.registrations.hours import HoursLedger, hours_ledgers
from mentorweb.registrations.models import (
    SEAT_HOLDING,
    Attendance,
    CompletionStatus,
    ModuleCompletion,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.progress import IN_COURSE
from mentorweb.registrations.selectors import with_money


def _percent(part: int | Decimal, whole: int | Decimal) -> int | None:
    if not whole:
        return None
    return min(100, int(Decimal(part) * 100 / Decimal(whole)))


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its label, its value out of a whole, and the text that says it."""

    label: str
    value: Decimal | int
    whole: Decimal | int

    @property
    def percent(self) -> int:
        return _percent(self.value, self.whole) or 0


@dataclass
class Dashboard:
    offering: Offering
    counts: dict[str, int]
    paid_in_full: int
    owing: int
    revenue: Decimal
    refunded: Decimal
    refunds_pending: Decimal
    payments_pending: Decimal
    sessions: list[Session]
    held_sessions: int
    in_course: int
    present_marks: int
    modules: list[tuple[CourseModule, int]]
    ledgers: dict[int, HoursLedger] = field(default_factory=dict)

    @property
    def status_rows(self) -> list[tuple[str, int]]:
        return [(str(label), self.counts.get(value, 0)) for value, label in RegistrationStatus.choices]

    @property
    def waitlisted(self) -> int:
        return self.counts.get(RegistrationStatus.WAITLISTED, 0)

    @property
    def completed(self) -> int:
        return self.counts.get(RegistrationStatus.COMPLETED, 0)

    @property
    def net_revenue(self) -> Decimal:
        return self.revenue - self.refunded

    @property
    def attendance_rate(self) -> int | None:
        return _percent(self.present_marks, self.in_course * self.held_sessions)

    @property
    def hours_required(self) -> Decimal:
        return sum((m.total_hours for m, _n in self.modules), ZERO)

    @property
    def hours_met(self) -> int:
        return sum(1 for ledger in self.ledgers.values() if ledger.hours_met)

    @property
    def average_hours(self) -> Decimal:
        if not self.ledgers:
            return ZERO
        return cad(sum((ledger.earned for ledger in self.ledgers.values()), ZERO) / len(self.ledgers))

    @property
    def seat_bars(self) -> list[Bar]:
        capacity = self.offering.capacity
        return [Bar("seats", self.offering.seats_taken, capacity)]

    @property
    def session_bars(self) -> list[tuple[Session, Bar]]:
        now = timezone.now()
        return [
            (session, Bar("present", session.present_count, self.in_course))  # type: ignore[attr-defined]
            for session in self.sessions
            if session.starts_at <= now
        ]

    @property
    def module_bars(self) -> list[tuple[CourseModule, Bar]]:
        return [(module, Bar("accepted", accepted, self.in_course)) for module, accepted in self.modules]


def offering_dashboard(offering: Offering) -> Dashboard:
    registrations = Registration.objects.filter(offering=offering)
    counts = {row["status"]: row["n"] for row in registrations.order_by().values("status").annotate(n=Count("pk"))}
    fee = offering.program.fee
    money = (
        with_money(registrations.filter(status__in=SEAT_HOLDING))
        .annotate(kept=F("paid_total") - F("refunded_total"))
        .aggregate(paid_in_full=Count("pk", filter=Q(kept__gte=fee)), owing=Count("pk", filter=Q(kept__lt=fee)))
    )
    payments = Payment.objects.filter(registration__offering=offering).aggregate(
        revenue=Sum("amount", filter=Q(status=PaymentStatus.SUCCEEDED)),
        pending=Sum("amount", filter=Q(status=PaymentStatus.PENDING)),
    )
    refunds = Refund.objects.filter(registration__offering=offering).aggregate(
        refunded=Sum("amount", filter=Q(status=RefundStatus.SUCCEEDED)),
        pending=Sum("amount", filter=Q(status=RefundStatus.PENDING)),
    )
    sessions: list[Session] = list(
        Session.objects.filter(offering=offering)
        .select_related("module")
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True)),
            absent_count=Count("attendance", filter=Q(attendance__present=False)),
        )
        .order_by("starts_at")
    )
    now = timezone.now()
    in_course = list(registrations.filter(status__in=IN_COURSE).only("pk", "offering_id", "status"))
    accepted = dict(
        ModuleCompletion.objects.filter(registration__offering=offering, status=CompletionStatus.ACCEPTED)
        .order_by()
        .values("module_id")
        .annotate(n=Count("pk"))
        .values_list("module_id", "n")
    )
    modules = [
        (module, accepted.get(module.pk, 0))
        for module in CourseModule.objects.filter(program_id=offering.program_id).order_by("number")
    ]
    held = [s for s in sessions if s.starts_at <= now]
    return Dashboard(
        offering=offering,
        counts=counts,
        paid_in_full=money["paid_in_full"] or 0,
        owing=money["owing"] or 0,
        revenue=cad(payments["revenue"] or ZERO),
        refunded=cad(refunds["refunded"] or ZERO),
        refunds_pending=cad(refunds["pending"] or ZERO),
        payments_pending=cad(payments["pending"] or ZERO),
        sessions=sessions,
        held_sessions=len(held),
        in_course=len(in_course),
        present_marks=sum(s.present_count for s in held),  # type: ignore[attr-defined]
        modules=modules,
        ledgers=hours_ledgers(in_course),
    )


# --- rows for the exports ---------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationRow:
    registration: Registration
    paid: Decimal
    refunded: Decimal
    sessions_attended: int
    ledger: HoursLedger | None


def registration_rows(offering: Offering) -> list[RegistrationRow]:
    """Every registration of the offering with its money, attendance and hours, in a fixed number of queries."""
    registrations = list(
        with_money(Registration.objects.filter(offering=offering))
        .select_related("person__user")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    attended = dict(
        Attendance.objects.filter(registration__offering=offering, present=True)
        .order_by()
        .values("registration_id")
        .annotate(n=Count("pk"))
        .values_list("registration_id", "n")
    )
    ledgers = hours_ledgers([r for r in registrations if r.status in IN_COURSE])
    return [
        RegistrationRow(
            registration=r,
            paid=cad(r.paid_total),  # type: ignore[attr-defined]
            refunded=cad(r.refunded_total),  # type: ignore[attr-defined]
            sessions_attended=attended.get(r.pk, 0),
            ledger=ledgers.get(r.pk),
        )
        for r in registrations
    ]


def completed_registrations(organization: Organization, *, year: int | None = None) -> QuerySet[Registration]:
    """The organization's completed registrations, oldest completion first, for the certifying body."""
    registrations = Registration.objects.filter(
        offering__program__organization=organization, status=RegistrationStatus.COMPLETED
    ).select_related("person__user", "credential", "offering__program__organization")
    if year is not None:
        registrations = registrations.filter(completed_at__year=year)
    return registrations.order_by("completed_at", "pk")


def roster_registrations(offering: Offering) -> QuerySet[Registration]:
    """Who goes into the learning management system: confirmed and completed candidates, and the
    cancelled ones, so that an import removes them."""
    return (
        Registration.objects.filter(
            offering=offering,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED, RegistrationStatus.CANCELLED),
        )
        .select_related("person__user")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def offerings_for_reports(organization: Organization) -> QuerySet[Offering]:
    return (
        Offering.objects.filter(program__organization=organization)
        .select_related("program")
        .order_by("-start_date", "pk")
    )


def get_offering(organization: Organization, offering_id: int) -> Offering:
    offering = (
        Offering.objects.select_related("program__organization")
        .filter(pk=offering_id, program__organization=organization)
        .first()
    )
    if offering is None:
        raise Http404
    return offering
