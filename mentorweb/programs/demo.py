"""The programs part of the demo: the MQP of seed 000 with its offerings (see demo_data).

Everything goes through the services, as the OPC's program administrator, so the audit trail
shows who set it up. Loading again changes only what differs from the demo data: a second
load of an unchanged demo writes nothing.

Later demo modules (registrations) find the program as Program(organization "opc", slug
PROGRAM_SLUG) and its offerings by slug: the two seed offerings, then `upcoming_offerings()`.
"""

from __future__ import annotations

from typing import Any

from mentorweb.organizations.models import Organization
from mentorweb.programs import services
from mentorweb.programs.demo_data import (
    MODULES,
    ORGANIZATION,
    PROGRAM,
    PROGRAM_SLUG,
    REFUND_TIERS,
    SEED_OFFERINGS,
    OfferingSpec,
    SessionSpec,
    upcoming_offerings,
)
from mentorweb.programs.models import CourseModule, Offering, Program
from mentorweb.programs.policies import tiers_of
from mentorweb.programs.times import local, today_in

ADMINISTRATOR = "admin.opc@example.org"


def load_demo(context: Any) -> None:
    organization = context.organizations[ORGANIZATION]
    actor = context.people[ADMINISTRATOR].user
    report = context.report
    program = _ensure_program(actor, organization, report)
    modules = {module.number: module for module in program.modules.all()}
    specs = (*SEED_OFFERINGS, *upcoming_offerings(today_in(organization.time_zone)))
    for spec in specs:
        offering = _ensure_offering(actor, program, spec, context.organizations, report)
        for session in spec.sessions:
            _ensure_session(actor, offering, session, modules[session.module], report)
        _ensure_deadline(actor, offering, spec, modules[4], report)


def _differences(instance: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in wanted.items() if getattr(instance, name) != value}


MODULE_FIELDS = ("number", "title", "components", "synchronous_hours", "asynchronous_hours")


def _module_rows(program: Program) -> list[tuple[Any, ...]]:
    return [tuple(getattr(m, f) for f in MODULE_FIELDS) for m in program.modules.order_by("number")]


def _ensure_program(actor: Any, organization: Organization, report: Any) -> Program:
    program = Program.objects.filter(organization=organization, slug=PROGRAM_SLUG).first()
    if program is None:
        program = services.program_create(actor=actor, organization=organization, data=PROGRAM, modules=MODULES)
        report.created["programs"] += 1
        report.created["course modules"] += len(MODULES)
    else:
        changes = _differences(program, PROGRAM)
        if changes:
            program = services.program_update(actor=actor, program=program, data=changes)
            report.updated["programs"] += 1
        wanted_modules = [tuple(m[f] for f in MODULE_FIELDS) for m in MODULES]
        if _module_rows(program) != wanted_modules:
            services.program_update(actor=actor, program=program, data={}, modules=MODULES)
            report.updated["course modules"] += 1
    wanted_tiers = [(t["min_days_before"], t["max_days_before"], t["amount"], t["label"]) for t in REFUND_TIERS]
    current = [(t.min_days_before, t.max_days_before, t.amount, t.label) for t in tiers_of(program)]
    if current != wanted_tiers:
        services.refund_policy_replace(actor=actor, program=program, tiers=REFUND_TIERS)
        (report.created if not current else report.updated)["refund policies"] += 1
    return program


def _ensure_offering(
    actor: Any, program: Program, spec: OfferingSpec, organizations: dict[str, Organization], report: Any
) -> Offering:
    wanted: dict[str, Any] = {
        "title": spec.title,
        "delivery_mode": spec.delivery_mode,
        "start_date": spec.start_date,
        "end_date": spec.end_date,
        "registration_deadline": spec.registration_deadline,
        "capacity": spec.capacity,
        "partner_board": organizations[spec.partner_board] if spec.partner_board else None,
        "customization_notes": spec.customization_notes,
        "video_meeting_url": spec.video_meeting_url,
        "status": spec.status,
    }
    offering = Offering.objects.filter(program=program, slug=spec.slug).select_related("program__organization").first()
    if offering is None:
        offering = services.offering_create(actor=actor, program=program, data={"slug": spec.slug, **wanted})
        report.created["offerings"] += 1
        return offering
    changes = _differences(offering, wanted)
    if changes:
        offering = services.offering_update(actor=actor, offering=offering, data=changes)
        report.updated["offerings"] += 1
    return offering


def _ensure_session(actor: Any, offering: Offering, spec: SessionSpec, module: CourseModule, report: Any) -> None:
    zone = offering.program.organization.time_zone
    existing = next(
        (s for s in offering.sessions.all() if local(s.starts_at, zone).date() == spec.day),
        None,
    )
    if existing is None:
        services.session_create(
            actor=actor,
            offering=offering,
            date=spec.day,
            start_time=spec.start,
            end_time=spec.end,
            module=module,
            location=spec.location,
        )
        report.created["sessions"] += 1
        return
    current = (
        local(existing.starts_at, zone).time(),
        local(existing.ends_at, zone).time(),
        existing.module_id,
        existing.location,
    )
    if current != (spec.start, spec.end, module.pk, spec.location):
        existing.offering = offering
        data = {"start_time": spec.start, "end_time": spec.end, "module": module, "location": spec.location}
        services.session_update(actor=actor, session=existing, data=data)
        report.updated["sessions"] += 1


def _ensure_deadline(actor: Any, offering: Offering, spec: OfferingSpec, module: CourseModule, report: Any) -> None:
    title = "Module 4 complete"
    deadline = offering.deadlines.filter(title=title).first()
    if deadline is None:
        services.deadline_create(actor=actor, offering=offering, title=title, due_on=spec.module_4_due, module=module)
        report.created["deadlines"] += 1
    elif deadline.due_on != spec.module_4_due or deadline.module_id != module.pk:
        deadline.offering = offering
        services.deadline_update(actor=actor, deadline=deadline, data={"due_on": spec.module_4_due, "module": module})
        report.updated["deadlines"] += 1
