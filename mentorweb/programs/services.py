"""Every change to programs, their modules and refund policies.

Offerings, sessions and deadlines are changed in `mentorweb.programs.schedule`; their
services are re-exported here so that callers find every programs service in one place.

Program changes that touch money (the fee, its non-refundable part, the refund tiers) lock
the program row first: a fee cut and a new refund table saved at the same moment run one
after the other, and the second is checked against what the first left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentorweb.accounts.models import CredentialKind
from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError
from mentorweb.core.money import cad
from mentorweb.organizations.models import Organization
from mentorweb.programs import cleaning, pairing
from mentorweb.programs.models import CourseModule, Program, ProgramKind, RefundTier, Session
from mentorweb.programs.policies import MAX_DAYS, Tier, tiers_of, validate_tiers
from mentorweb.programs.schedule import (  # noqa: F401  (re-exported)
    deadline_create,
    deadline_delete,
    deadline_update,
    offering_create,
    offering_update,
    require_manage,
    session_create,
    session_delete,
    session_update,
)

PROGRAM_FIELDS = (
    "name",
    "short_name",
    "slug",
    "kind",
    "summary",
    "description",
    "learning_components",
    "required_credential_kind",
    "admission_requirements",
    "fee",
    "non_refundable_fee",
    "full_payment_confirms",
    "minimum_enrolment",
    "contact_email",
    "partnership_note",
    "access_opens_days_before",
    "access_closes_days_after",
    "is_published",
    "meeting_topics",
)
# A program's standard meeting topics are checkboxes on the meeting log: a longer list stops being
# a checklist, and a longer topic does not fit on one line of it.
MAX_MEETING_TOPICS = 30
MAX_MEETING_TOPIC_LENGTH = 80
MODULE_FIELDS = ("number", "title", "components", "synchronous_hours", "asynchronous_hours")
TIER_FIELDS = ("min_days_before", "max_days_before", "amount", "label")
# Addresses under /o/<org>/programs/ that are pages, not programs.
RESERVED_PROGRAM_SLUGS = frozenset({"new", "offerings"})

_CLEANERS: dict[str, Any] = {
    "name": lambda v: cleaning.text(v, "name", max_length=200, required=True),
    "short_name": lambda v: cleaning.text(v, "short_name", max_length=40),
    "slug": lambda v: cleaning.slug(v, "slug", reserved=RESERVED_PROGRAM_SLUGS),
    "kind": lambda v: cleaning.choice(v, "kind", ProgramKind.values),
    "summary": lambda v: cleaning.text(v, "summary", max_length=2000, multiline=True),
    "description": lambda v: cleaning.text(v, "description", max_length=20000, multiline=True),
    "learning_components": lambda v: cleaning.lines(v, "learning_components"),
    "required_credential_kind": lambda v: cleaning.choice(
        v, "required_credential_kind", CredentialKind.values, blank=True
    ),
    "admission_requirements": lambda v: cleaning.text(v, "admission_requirements", max_length=4000, multiline=True),
    "fee": lambda v: cleaning.money(v, "fee"),
    "non_refundable_fee": lambda v: cleaning.money(v, "non_refundable_fee"),
    "full_payment_confirms": lambda v: cleaning.boolean(v, "full_payment_confirms"),
    "minimum_enrolment": lambda v: cleaning.integer(v, "minimum_enrolment", minimum=0, maximum=100_000),
    "contact_email": lambda v: cleaning.email(v, "contact_email"),
    "partnership_note": lambda v: cleaning.text(v, "partnership_note", max_length=4000, multiline=True),
    "access_opens_days_before": lambda v: cleaning.integer(v, "access_opens_days_before", minimum=0, maximum=365),
    "access_closes_days_after": lambda v: cleaning.integer(v, "access_closes_days_after", minimum=0, maximum=365),
    "is_published": lambda v: cleaning.boolean(v, "is_published"),
    "meeting_topics": lambda v: cleaning.topics(
        v, "meeting_topics", max_items=MAX_MEETING_TOPICS, max_length=MAX_MEETING_TOPIC_LENGTH
    ),
}


def _refuse_unknown(data: Mapping[str, Any], allowed: Sequence[str], prefix: str = "") -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        name = sorted(unknown)[0]
        raise DomainError(_("This field cannot be set here: %s") % name, field=f"{prefix}{name}")


def _clean_program(data: Mapping[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, PROGRAM_FIELDS)
    return {name: _CLEANERS[name](value) for name, value in data.items()}


def _check_fees(program: Program) -> None:
    if program.non_refundable_fee > program.fee:
        raise DomainError(_("The non-refundable part cannot be more than the fee."), field="non_refundable_fee")


# --- modules ------------------------------------------------------------------------------------


def _clean_module(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    _refuse_unknown(data, MODULE_FIELDS, prefix)
    cleaners: dict[str, Any] = {
        "number": lambda v: cleaning.integer(v, f"{prefix}number", minimum=1, maximum=99),
        "title": lambda v: cleaning.text(v, f"{prefix}title", max_length=200, required=True),
        "components": lambda v: cleaning.lines(v, f"{prefix}components"),
        "synchronous_hours": lambda v: cleaning.hours(v, f"{prefix}synchronous_hours"),
        "asynchronous_hours": lambda v: cleaning.hours(v, f"{prefix}asynchronous_hours"),
    }
    return {name: cleaners[name](value) for name, value in data.items()}


def _bump_module_sessions(module: CourseModule) -> None:
    # Calendars may show the module's title: their copies of its sessions must be replaced.
    for session in Session.objects.select_for_update().filter(module=module):
        session.sequence += 1
        session.save(update_fields=["sequence", "updated_at"])


def _module_save(actor: Any, program: Program, module: CourseModule, values: dict[str, Any], prefix: str) -> bool:
    """Apply values to a module (new or existing); True when something changed."""
    fields = [name for name in MODULE_FIELDS if name in values]
    before = snapshot(module, fields)
    for name in fields:
        setattr(module, name, values[name])
    creating = module.pk is None
    changes = diff(module, {} if creating else before, fields)
    if not creating and not changes:
        return False
    if CourseModule.objects.filter(program=program, number=module.number).exclude(pk=module.pk).exists():
        raise DomainError(_("Module %(number)s already exists.") % {"number": module.number}, field=f"{prefix}number")
    if creating:
        module.save()
    else:
        module.save(update_fields=fields)
        if "title" in changes or "number" in changes:
            _bump_module_sessions(module)
    audit_record(
        actor=actor,
        action="module.created" if creating else "module.updated",
        obj=module,
        organization=program.organization,
        changes=changes,
    )
    return True


def _module_remove(actor: Any, program: Program, module: CourseModule, field: str) -> None:
    try:
        with transaction.atomic():
            # Its sessions lose their module, which calendars may show.
            _bump_module_sessions(module)
            module.delete()
    except ProtectedError as error:
        raise DomainError(
            _("Module %(number)s has completions recorded and cannot be removed.") % {"number": module.number},
            field=field,
        ) from error
    audit_record(
        actor=actor,
        action="module.deleted",
        obj=None,
        object_type="programs.coursemodule",
        organization=program.organization,
        changes={"number": [module.number, None], "title": [module.title, None]},
    )


def _sync_modules(actor: Any, program: Program, modules: Sequence[Mapping[str, Any]]) -> None:
    """Make the program's modules the given ones, matched by number: existing modules keep
    their sessions, deadlines and completions."""
    cleaned = []
    for index, data in enumerate(modules):
        prefix = f"modules.{index}."
        for required in ("number", "title"):
            if required not in data:
                raise DomainError(_("This field is required."), field=f"{prefix}{required}")
        cleaned.append(_clean_module(data, prefix))
    numbers = [values["number"] for values in cleaned]
    for index, number in enumerate(numbers):
        if numbers.index(number) != index:
            raise DomainError(
                _("Module %(number)s is listed twice.") % {"number": number}, field=f"modules.{index}.number"
            )
    existing = {module.number: module for module in program.modules.select_for_update()}
    for number, module in existing.items():
        if number not in numbers:
            _module_remove(actor, program, module, "modules")
    for index, values in enumerate(cleaned):
        module = existing.get(values["number"]) or CourseModule(program=program)
        _module_save(actor, program, module, values, f"modules.{index}.")


def module_create(*, actor: Any, program: Program, data: Mapping[str, Any]) -> CourseModule:
    require_manage(actor, program.organization)
    values = _clean_module(data)
    if "number" not in values:
        values["number"] = (max((m.number for m in program.modules.all()), default=0)) + 1
    if "title" not in values:
        raise DomainError(_("This field is required."), field="title")
    module = CourseModule(program=program)
    try:
        with transaction.atomic():
            _module_save(actor, program, module, values, "")
    except IntegrityError as error:
        # Another coordinator added a module with this number at the same moment.
        raise DomainError(_("Module %(number)s already exists.") % {"number": module.number}, field="number") from error
    return module


def module_update(*, actor: Any, module: CourseModule, data: Mapping[str, Any]) -> CourseModule:
    program = module.program
    require_manage(actor, program.organization)
    values = _clean_module(data)
    with transaction.atomic():
        module = CourseModule.objects.select_for_update().get(pk=module.pk)
        _module_save(actor, program, module, values, "")
    return module


def module_delete(*, actor: Any, module: CourseModule) -> None:
    program = module.program
    require_manage(actor, program.organization)
    with transaction.atomic():
        _module_remove(actor, program, module, "number")


# --- programs -----------------------------------------------------------------------------------


def _unique_slug(organization: Organization, name: str) -> str:
    base = (slugify(name) or "program")[:70].strip("-") or "program"
    if base in RESERVED_PROGRAM_SLUGS:
        base = f"{base}-program"
    candidate, n = base, 2
    while Program.objects.filter(organization=organization, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def program_create(
    *,
    actor: Any,
    organization: Organization,
    data: Mapping[str, Any],
    modules: Sequence[Mapping[str, Any]] | None = None,
) -> Program:
    """Create a program (by default a course, unpublished) with its modules."""
    require_manage(actor, organization)
    values = _clean_program(data)
    if "name" not in values:
        raise DomainError(_("This field is required."), field="name")
    values.setdefault("kind", ProgramKind.COURSE)
    if values["kind"] == ProgramKind.PAIRING:
        # A pairing program charges no fee unless staff set one; nothing waits on a payment.
        values.setdefault("fee", Decimal("0.00"))
        values.setdefault("full_payment_confirms", False)
    program = Program(organization=organization, **values)
    _check_fees(program)
    try:
        with transaction.atomic():
            if not program.slug:
                program.slug = _unique_slug(organization, program.name)
            elif Program.objects.filter(organization=organization, slug=program.slug).exists():
                raise DomainError(_("Another program already uses this address name."), field="slug")
            program.save()
            audit_record(
                actor=actor,
                action="program.created",
                obj=program,
                organization=organization,
                changes=diff(program, {}, [name for name in PROGRAM_FIELDS if name != "description"]),
            )
            if program.kind == ProgramKind.PAIRING:
                # Its rules start with the defaults, in the same transaction: a pairing program never lacks them.
                pairing.pairing_rules_create_default(actor=actor, program=program)
            if modules:
                _sync_modules(actor, program, modules)
    except IntegrityError as error:
        # Another coordinator created a program with this address name at the same moment.
        raise DomainError(_("Another program already uses this address name."), field="slug") from error
    return program


def program_update(
    *,
    actor: Any,
    program: Program,
    data: Mapping[str, Any],
    modules: Sequence[Mapping[str, Any]] | None = None,
) -> Program:
    """Change a program's details; `modules`, when given, replaces its modules (matched by number)."""
    require_manage(actor, program.organization)
    values = _clean_program(data)
    try:
        with transaction.atomic():
            locked = Program.objects.select_for_update().select_related("organization").get(pk=program.pk)
            fields = [name for name in PROGRAM_FIELDS if name in values]
            before = snapshot(locked, fields)
            for name in fields:
                setattr(locked, name, values[name])
            _check_fees(locked)
            changes = diff(locked, before, fields)
            if "kind" in changes and locked.offerings.exists():
                raise DomainError(_("A program with offerings cannot change its kind."), field="kind")
            if "slug" in changes and (
                Program.objects.filter(organization=locked.organization, slug=locked.slug)
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise DomainError(_("Another program already uses this address name."), field="slug")
            if {"fee", "non_refundable_fee"} & set(changes):
                _check_policy_still_fits(locked, "fee" if "fee" in changes else "non_refundable_fee")
            if changes:
                locked.save(update_fields=list(changes))
                audit_record(
                    actor=actor, action="program.updated", obj=locked, organization=locked.organization, changes=changes
                )
                if "kind" in changes and locked.kind == ProgramKind.PAIRING and not hasattr(locked, "pairing"):
                    pairing.pairing_rules_create_default(actor=actor, program=locked)
            if modules is not None:
                _sync_modules(actor, locked, modules)
    except IntegrityError as error:
        raise DomainError(_("Another program already uses this address name."), field="slug") from error
    return locked


def _check_policy_still_fits(program: Program, field: str) -> None:
    tiers = tiers_of(program)
    refundable = program.fee - program.non_refundable_fee
    highest = max((tier.amount for tier in tiers), default=None)
    if highest is not None and highest > refundable:
        raise DomainError(
            _(
                "The refund policy gives back up to $%(highest)s, more than the refundable $%(refundable)s "
                "this would leave. Change the refund policy first."
            )
            % {"highest": highest, "refundable": refundable},
            field=field,
        )


# --- refund policy ------------------------------------------------------------------------------


def _tier_from(index: int, data: Mapping[str, Any]) -> Tier:
    prefix = f"tiers.{index}."
    _refuse_unknown(data, TIER_FIELDS, prefix)
    bounds: dict[str, int | None] = {}
    for column in ("min_days_before", "max_days_before"):
        value = data.get(column)
        bounds[column] = (
            None if value is None else cleaning.integer(value, prefix + column, minimum=-MAX_DAYS, maximum=MAX_DAYS)
        )
    if "amount" not in data:
        raise DomainError(_("Enter an amount."), field=prefix + "amount")
    amount = cleaning.money(data["amount"], prefix + "amount")
    label = cleaning.text(data.get("label", ""), prefix + "label", max_length=120)
    return Tier(bounds["min_days_before"], bounds["max_days_before"], amount, label)


def refund_policy_replace(
    *,
    actor: Any,
    program: Program,
    tiers: Sequence[Mapping[str, Any]],
    row_numbers: Sequence[int] | None = None,
) -> list[RefundTier]:
    """Replace the whole refund table at once. A wrong tier refuses all of it: the TierError names
    it by its row number in `row_numbers` (the editor's rows, when some were removed) or its position."""
    require_manage(actor, program.organization)
    given = [_tier_from(index, data) for index, data in enumerate(tiers)]
    with transaction.atomic():
        locked = Program.objects.select_for_update().select_related("organization").get(pk=program.pk)
        ordered = validate_tiers(given, fee=locked.fee, non_refundable=locked.non_refundable_fee, numbers=row_numbers)
        old = [_tier_plain(tier) for tier in tiers_of(locked)]
        new = [_tier_plain(tier) for tier in ordered]
        if old == new:
            return list(locked.refund_tiers.all())
        locked.refund_tiers.all().delete()
        rows = RefundTier.objects.bulk_create(
            RefundTier(
                program=locked,
                min_days_before=tier.min_days_before,
                max_days_before=tier.max_days_before,
                amount=tier.amount,
                label=tier.label,
            )
            for tier in ordered
        )
        audit_record(
            actor=actor,
            action="program.refund_policy_replaced",
            obj=locked,
            organization=locked.organization,
            changes={"refund_tiers": [old, new]},
        )
    if hasattr(program, "_prefetched_objects_cache"):
        program._prefetched_objects_cache.pop("refund_tiers", None)
    return rows


def _tier_plain(tier: Tier) -> dict[str, Any]:
    return {
        "min_days_before": tier.min_days_before,
        "max_days_before": tier.max_days_before,
        "amount": str(cad(tier.amount)),
        "label": tier.label,
    }
