"""The hours ledger, module decisions and completing a registration."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.registrations import progress
from mentorweb.registrations.hours import hours_ledger, hours_ledgers
from mentorweb.registrations.models import Attendance, CompletionStatus, ModuleCompletion, RegistrationStatus
from mentorweb.registrations.tests.progress_world import attend_all, facilitator, make_offering, make_program, register

AFTER_CLASSES = "2025-03-10 12:00 -0500"


@pytest.fixture
def course(personas):
    offering = make_offering(personas.org)
    return offering, register(offering), facilitator(personas.org)


def _modules(offering):
    return {m.number: m for m in offering.program.modules.all()}


def test_empty_ledger_lists_every_module_towards_125(course):
    _offering, registration, _ = course
    ledger = hours_ledger(registration)
    assert [m.module.number for m in ledger.modules] == [1, 2, 3, 4]
    assert ledger.required == Decimal("125.00")
    assert (ledger.sync_required, ledger.async_required) == (Decimal("36.00"), Decimal("89.00"))
    assert ledger.earned == Decimal("0.00")
    assert not ledger.all_accepted and not ledger.hours_met


def test_sync_hours_are_the_attended_sessions_hours(course):
    offering, registration, _ = course
    first_day = offering.sessions.order_by("starts_at").first()
    Attendance.objects.create(session=first_day, registration=registration, present=True)
    ledger = hours_ledger(registration)
    # January 25, 8:30 to 16:00: 7.5 of module 1's 12 scheduled hours.
    assert ledger.modules[0].sync_earned == Decimal("7.50")
    assert ledger.modules[0].sessions_attended == 1
    assert ledger.modules[0].sessions_held == 2
    assert ledger.sync_earned == Decimal("7.50")


def test_absence_earns_nothing(course):
    _offering, registration, _ = course
    attend_all(registration, present=False)
    assert hours_ledger(registration).sync_earned == Decimal("0.00")


def test_longer_days_than_the_module_hours_earn_the_module_hours_in_proportion(course):
    # Module 3's two days are 15 hours on the clock for 12 instructional hours.
    offering, registration, _ = course
    module3 = _modules(offering)[3]
    first, second = offering.sessions.filter(module=module3).order_by("starts_at")
    Attendance.objects.create(session=first, registration=registration, present=True)
    assert hours_ledger(registration).modules[2].sync_earned == Decimal("6.00")
    Attendance.objects.create(session=second, registration=registration, present=True)
    assert hours_ledger(registration).modules[2].sync_earned == Decimal("12.00")


def test_async_hours_only_when_accepted(course):
    offering, registration, _ = course
    module1 = _modules(offering)[1]
    ModuleCompletion.objects.create(registration=registration, module=module1, status=CompletionStatus.SUBMITTED)
    assert hours_ledger(registration).async_earned == Decimal("0.00")
    ModuleCompletion.objects.filter(registration=registration).update(status=CompletionStatus.ACCEPTED)
    assert hours_ledger(registration).async_earned == Decimal("20.00")


def test_ledgers_for_many_registrations_take_a_fixed_number_of_queries(course, django_assert_max_num_queries):
    offering, _registration, _ = course
    registrations = [register(offering) for _ in range(12)]
    for registration in registrations[:6]:
        attend_all(registration)
    with django_assert_max_num_queries(5):
        ledgers = hours_ledgers(registrations)
    assert ledgers[registrations[0].pk].sync_earned == Decimal("36.00")
    assert ledgers[registrations[-1].pk].sync_earned == Decimal("0.00")


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_accepting_the_last_module_with_the_hours_completes_the_registration(course):
    offering, registration, teacher = course
    attend_all(registration)
    modules = _modules(offering)
    for number in (1, 2, 3):
        progress.module_mark_complete(actor=teacher, registration=registration, module=modules[number])
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    work = progress.module_submit(
        actor=registration.person.user, registration=registration, module=modules[4], submission="My project"
    )
    progress.module_decide(actor=teacher, completion=work, accept=True, feedback="Well done")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.COMPLETED
    assert registration.completed_at is not None
    assert hours_ledger(registration).earned == Decimal("125.00")
    assert AuditEntry.objects.filter(action="registration.completed", object_id=str(registration.pk)).count() == 1


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_all_modules_without_the_hours_does_not_complete(course):
    offering, registration, teacher = course
    for module in _modules(offering).values():
        progress.module_mark_complete(actor=teacher, registration=registration, module=module)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    with pytest.raises(DomainError) as error:
        progress.registration_complete(actor=teacher, registration=registration)
    assert error.value.code == "hours_missing"


def test_registration_complete_names_the_missing_modules(course):
    _offering, registration, teacher = course
    attend_all(registration)
    with pytest.raises(DomainError) as error:
        progress.registration_complete(actor=teacher, registration=registration)
    assert error.value.code == "modules_missing"
    assert "1, 2, 3, 4" in error.value.message


def test_registration_complete_needs_a_facilitator(course, personas):
    _offering, registration, _ = course
    with pytest.raises(DomainError) as error:
        progress.registration_complete(actor=personas.member, registration=registration)
    assert error.value.code == "forbidden"


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_returning_work_needs_feedback_and_a_second_decision_is_refused(course):
    offering, registration, teacher = course
    work = progress.module_submit(
        actor=registration.person.user, registration=registration, module=_modules(offering)[4], submission="Draft"
    )
    with pytest.raises(DomainError) as error:
        progress.module_decide(actor=teacher, completion=work, accept=False, feedback="  ")
    assert error.value.field == "feedback"

    progress.module_decide(actor=teacher, completion=work, accept=False, feedback="Add your reflection")
    work.refresh_from_db()
    assert work.status == CompletionStatus.RETURNED
    with pytest.raises(DomainError) as error:
        progress.module_decide(actor=teacher, completion=work, accept=True, feedback="")
    assert error.value.code == "stale"

    # The candidate revises and submits again: the work waits for a decision once more.
    progress.module_submit(
        actor=registration.person.user, registration=registration, module=work.module, submission="Revised"
    )
    work.refresh_from_db()
    assert (work.status, work.submission) == (CompletionStatus.SUBMITTED, "Revised")


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_module_decisions_are_for_the_offerings_staff(course, personas):
    offering, registration, _teacher = course
    work = progress.module_submit(
        actor=registration.person.user, registration=registration, module=_modules(offering)[1], submission="Work"
    )
    for actor in (personas.member, personas.outsider):
        with pytest.raises(DomainError) as error:
            progress.module_decide(actor=actor, completion=work, accept=True, feedback="")
        assert error.value.code == "forbidden"
    # The coordinator may stand in for the facilitator.
    progress.module_decide(actor=personas.staff, completion=work, accept=True, feedback="")


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_mark_complete_twice_is_refused(course):
    offering, registration, teacher = course
    module = _modules(offering)[2]
    progress.module_mark_complete(actor=teacher, registration=registration, module=module)
    with pytest.raises(DomainError):
        progress.module_mark_complete(actor=teacher, registration=registration, module=module)
    assert ModuleCompletion.objects.filter(registration=registration, module=module).count() == 1


@time_machine.travel(AFTER_CLASSES, tick=False)
def test_a_module_of_another_program_is_refused(course, personas):
    _offering, registration, teacher = course
    stranger = make_program(personas.org, slug="other-program").modules.first()
    with pytest.raises(DomainError) as error:
        progress.module_mark_complete(actor=teacher, registration=registration, module=stranger)
    assert error.value.field == "module"
