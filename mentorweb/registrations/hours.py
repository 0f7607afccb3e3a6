"""The hours ledger: what each candidate has earned towards the program's hours, by module.

A module's synchronous hours are earned by attending its sessions, in proportion to the
scheduled session time attended. When the sessions add up to the module's synchronous
hours (the usual case) that is simply the sum of the attended sessions' hours. Seed 000 shows
why the proportion matters: its class days add up to 39 hours on the clock for 36
instructional hours (the days include breaks), so a candidate at every session earns the
module's hours, never more. A module with no session in the offering earns its synchronous
hours with its completion. Asynchronous hours are earned when the module is accepted.

The practicum with a chosen mentee (seed 000) is part of the last module (module 4 of the MQP,
done online): the held meetings of the candidate's practicum partnership count towards that
module's asynchronous hours as they are logged, up to the module's asynchronous hours; once the
module is accepted it has all of them anyway.

`hours_ledgers` reads any number of registrations in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from mentorweb.partnerships.practicum_hours import practicum_hours
from mentorweb.programs.models import CourseModule, Session
from mentorweb.registrations.models import Attendance, CompletionStatus, ModuleCompletion, Registration

ZERO = Decimal("0.00")
HUNDREDTH = Decimal("0.01")


def _hours(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH)


@dataclass(frozen=True)
class ModuleHours:
    module: CourseModule
    status: str | None
    sync_earned: Decimal
    async_earned: Decimal
    sessions_attended: int
    sessions_held: int
    # Hours of held practicum meetings, shown with the module that holds the practicum.
    practicum_hours: Decimal = ZERO

    @property
    def sync_required(self) -> Decimal:
        return _hours(self.module.synchronous_hours)

    @property
    def async_required(self) -> Decimal:
        return _hours(self.module.asynchronous_hours)

    @property
    def required(self) -> Decimal:
        return self.sync_required + self.async_required

    @property
    def earned(self) -> Decimal:
        return self.sync_earned + self.async_earned

    @property
    def accepted(self) -> bool:
        return self.status == CompletionStatus.ACCEPTED

    @property
    def percent(self) -> int:
        return _percent(self.earned, self.required)


@dataclass(frozen=True)
class HoursLedger:
    modules: list[ModuleHours]

    @property
    def sync_earned(self) -> Decimal:
        return sum((m.sync_earned for m in self.modules), ZERO)

    @property
    def async_earned(self) -> Decimal:
        return sum((m.async_earned for m in self.modules), ZERO)

    @property
    def sync_required(self) -> Decimal:
        return sum((m.sync_required for m in self.modules), ZERO)

    @property
    def async_required(self) -> Decimal:
        return sum((m.async_required for m in self.modules), ZERO)

    @property
    def earned(self) -> Decimal:
        return self.sync_earned + self.async_earned

    @property
    def required(self) -> Decimal:
        return self.sync_required + self.async_required

    @property
    def all_accepted(self) -> bool:
        return bool(self.modules) and all(m.accepted for m in self.modules)

    @property
    def hours_met(self) -> bool:
        return self.earned >= self.required

    @property
    def percent(self) -> int:
        return _percent(self.earned, self.required)


def _percent(part: Decimal, whole: Decimal) -> int:
    if whole <= 0:
        return 100
    return min(100, int(part * 100 / whole))


def hours_ledgers(registrations: Iterable[Registration]) -> dict[int, HoursLedger]:
    """The ledger of each registration, by id, in five queries whatever their number."""
    registrations = list(registrations)
    if not registrations:
        return {}
    offering_ids = {r.offering_id for r in registrations}
    registration_ids = [r.pk for r in registrations]
    sessions = list(
        Session.objects.filter(offering_id__in=offering_ids, module__isnull=False).only(
            "pk", "offering_id", "module_id", "starts_at", "ends_at"
        )
    )
    # The modules of each offering's program, in one query (one row per module and offering).
    modules_by_offering: dict[int, list[CourseModule]] = defaultdict(list)
    for row in (
        CourseModule.objects.filter(program__offerings__in=offering_ids)
        .annotate(offering_pk=F("program__offerings__pk"))
        .order_by("number")
    ):
        modules_by_offering[row.offering_pk].append(row)
    attended = set(
        Attendance.objects.filter(registration_id__in=registration_ids, present=True).values_list(
            "registration_id", "session_id"
        )
    )
    statuses = {
        (registration_id, module_id): status
        for registration_id, module_id, status in ModuleCompletion.objects.filter(
            registration_id__in=registration_ids
        ).values_list("registration_id", "module_id", "status")
    }
    practicum = practicum_hours(registration_ids)
    sessions_by_offering_module: dict[tuple[int, int], list[Session]] = defaultdict(list)
    for session in sessions:
        assert session.module_id is not None
        sessions_by_offering_module[(session.offering_id, session.module_id)].append(session)

    ledgers = {}
    for registration in registrations:
        rows = []
        modules = modules_by_offering[registration.offering_id]
        for module in modules:
            status = statuses.get((registration.pk, module.pk))
            module_sessions = sessions_by_offering_module[(registration.offering_id, module.pk)]
            present = [s for s in module_sessions if (registration.pk, s.pk) in attended]
            logged = practicum.get(registration.pk, ZERO) if module is modules[-1] else ZERO
            rows.append(
                ModuleHours(
                    module=module,
                    status=status,
                    sync_earned=_sync_earned(module, module_sessions, present, status),
                    async_earned=_async_earned(module, status, logged),
                    sessions_attended=len(present),
                    sessions_held=len(module_sessions),
                    practicum_hours=_hours(logged),
                )
            )
        ledgers[registration.pk] = HoursLedger(modules=rows)
    return ledgers


def hours_ledger(registration: Registration) -> HoursLedger:
    return hours_ledgers([registration])[registration.pk]


def _async_earned(module: CourseModule, status: str | None, practicum: Decimal) -> Decimal:
    if status == CompletionStatus.ACCEPTED:
        return _hours(module.asynchronous_hours)
    return _hours(min(module.asynchronous_hours, practicum))


def _sync_earned(module: CourseModule, scheduled: list[Session], present: list[Session], status: str | None) -> Decimal:
    required = module.synchronous_hours
    if not scheduled:
        return _hours(required) if status == CompletionStatus.ACCEPTED else ZERO
    scheduled_hours = sum((s.hours for s in scheduled), Decimal(0))
    attended_hours = sum((s.hours for s in present), Decimal(0))
    if scheduled_hours <= 0:
        return ZERO
    return _hours(min(required, required * attended_hours / scheduled_hours))
