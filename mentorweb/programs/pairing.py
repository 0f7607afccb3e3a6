"""Setting up a pairing program: its rules, its application questions, and its offerings' deadlines.

Every change is a service here (permission, cleaning with errors naming the field, one
transaction, an audit entry). The rules' meaning is documented on `PairingRules`; the same
fields are put into words by `describe_eligibility` and friends (pairing_words), which the
application pages use too.

Application questions that people have answered are never deleted: their answers live in
`Registration.answers["questions"]` under the question's id, and would lose their question.
Staff may still change such a question's wording, choices and whether it is required, but not
its kind of answer (a text answer cannot become a list of choices); they add a new question
instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.accounts.models import RoleGroup
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.links import site_url
from mentorweb.notifications.tasks import queue_email
from mentorweb.organizations.models import MembershipStatus, Organization
from mentorweb.programs import cleaning
from mentorweb.programs.models import (
    DEFAULT_SHARED_FIELDS,
    DEFAULT_WEIGHTS,
    MATCH_COMPONENTS,
    SHAREABLE_FIELDS,
    ApplicationQuestion,
    ApplicationSide,
    MatchObjective,
    Offering,
    OfferingStatus,
    PairingRules,
    Program,
    ProgramKind,
    QuestionKind,
)
from mentorweb.programs.pairing_words import (  # noqa: F401  (re-exported for the application pages)
    MENTEE,
    MENTOR,
    describe_commitment,
    describe_costs,
    describe_eligibility,
    describe_matching,
    describe_shared,
    describe_size,
    describe_weights,
)
from mentorweb.programs.schedule import require_manage
from mentorweb.registrations.models import APPLICATION_OPEN, Registration, RegistrationRole

RULES_FIELDS = (
    "mentor_membership_organization",
    "mentor_membership_statuses",
    "mentor_role_groups",
    "mentor_min_years_in_role",
    "mentee_membership_organization",
    "mentee_membership_statuses",
    "mentee_role_groups",
    "mentee_max_years_in_role",
    "mentee_role_change_qualifies",
    "max_partnerships",
    "mentor_capacity_default",
    "mentor_capacity_max",
    "commitment_months",
    "min_hours_per_month",
    "max_hours_per_month",
    "contact_every_days",
    "commitment_text",
    "needs_options",
    "portfolio_options",
    "mentee_may_rank",
    "ranking_depth",
    "board_input",
    "objective",
    "weights",
    "shared_fields",
    "mentor_honorarium",
    "cost_per_mentor_year",
    "cost_share_percent",
)
ORGANIZATION_FIELDS = ("mentor_membership_organization", "mentee_membership_organization")
QUESTION_FIELDS = ("side", "label", "help_text", "kind", "options", "required")
CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE)
MAX_QUESTIONS = 50
MAX_WEIGHT = Decimal(10)
MAX_YEARS = 60
MAX_CAPACITY = 20
MAX_HOURS_A_MONTH = Decimal(200)


def _refuse_unknown(data: Mapping[str, Any], allowed: Sequence[str]) -> None:
    unknown = sorted(str(name) for name in set(data) - set(allowed))
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=unknown[0])


def _require_pairing(program: Program) -> None:
    if program.kind != ProgramKind.PAIRING:
        raise DomainError(_("Only pairing programs have pairing rules and application questions."), field="kind")


# --- cleaning -----------------------------------------------------------------------------------


def _organization(value: Any, field: str) -> Organization | None:
    """Any organization (the mentors' may be another association than the program's), by
    instance or address name."""
    if value is None or value == "":
        return None
    if isinstance(value, Organization):
        found = Organization.objects.filter(pk=value.pk).first() if value.pk else None
    elif isinstance(value, str):
        found = Organization.objects.filter(slug=value.strip()).first()
    else:
        raise DomainError(_("Choose an organization."), field=field)
    if found is None:
        raise DomainError(_("No organization has this address name."), field=field)
    return found


def _choices(value: Any, field: str, allowed: Sequence[str]) -> list[str]:
    """A list of values from `allowed`, each once, in the order given."""
    if value is None or value == "":
        return []
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Choose from the list."), field=field)
    chosen: list[str] = []
    for item in value:
        if not isinstance(item, str) or item not in allowed:
            raise DomainError(_("“%(value)s” is not one of the options.") % {"value": str(item)[:60]}, field=field)
        if item not in chosen:
            chosen.append(item)
    return chosen


def _optional_integer(value: Any, field: str, *, minimum: int, maximum: int) -> int | None:
    if value is None or value == "":
        return None
    return cleaning.integer(value, field, minimum=minimum, maximum=maximum)


def _options(value: Any, field: str) -> list[str]:
    """One option a line (or a list); repeated ones, whatever their case, are kept once."""
    items = cleaning.lines(value, field, max_items=100, max_length=200)
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            unique.append(item)
    return unique


def _weight(value: Any, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise DomainError(_("Enter a number from 0 to 10."), field=field)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as error:
        raise DomainError(_("Enter a number from 0 to 10."), field=field) from error
    if not number.is_finite() or not 0 <= number <= MAX_WEIGHT:
        raise DomainError(_("Enter a number from 0 to 10."), field=field)
    return float(number.quantize(Decimal("0.01")))


def _weights(value: Any) -> dict[str, float]:
    if not isinstance(value, Mapping):
        raise DomainError(_("Give a weight from 0 to 10 for each part of the score."), field="weights")
    weights = {}
    for key, weight in value.items():
        if key not in MATCH_COMPONENTS:
            raise DomainError(
                _("“%(name)s” is not a part of the score. The parts are: %(parts)s.")
                % {"name": str(key)[:40], "parts": ", ".join(MATCH_COMPONENTS)},
                field="weights",
            )
        weights[key] = _weight(weight, f"weights.{key}")
    return weights


def _shared(value: Any) -> list[str]:
    chosen = _choices(value, "shared_fields", SHAREABLE_FIELDS)
    return [name for name in SHAREABLE_FIELDS if name in chosen]


def _limited_decimal(value: Any, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    return cleaning.decimal(value, field, maximum=MAX_HOURS_A_MONTH)


_RULE_CLEANERS: dict[str, Any] = {
    "mentor_membership_organization": lambda v: _organization(v, "mentor_membership_organization"),
    "mentor_membership_statuses": lambda v: _choices(v, "mentor_membership_statuses", MembershipStatus.values),
    "mentor_role_groups": lambda v: _choices(v, "mentor_role_groups", RoleGroup.values),
    # A minimum of 0 years is no rule: kept as null, so that every reader sees "no rule" alike.
    "mentor_min_years_in_role": lambda v: (
        _optional_integer(v, "mentor_min_years_in_role", minimum=0, maximum=MAX_YEARS) or None
    ),
    "mentee_membership_organization": lambda v: _organization(v, "mentee_membership_organization"),
    "mentee_membership_statuses": lambda v: _choices(v, "mentee_membership_statuses", MembershipStatus.values),
    "mentee_role_groups": lambda v: _choices(v, "mentee_role_groups", RoleGroup.values),
    "mentee_max_years_in_role": lambda v: _optional_integer(
        v, "mentee_max_years_in_role", minimum=0, maximum=MAX_YEARS
    ),
    "mentee_role_change_qualifies": lambda v: cleaning.boolean(v, "mentee_role_change_qualifies"),
    "max_partnerships": lambda v: _optional_integer(v, "max_partnerships", minimum=1, maximum=100_000),
    "mentor_capacity_default": lambda v: cleaning.integer(
        v, "mentor_capacity_default", minimum=1, maximum=MAX_CAPACITY
    ),
    "mentor_capacity_max": lambda v: cleaning.integer(v, "mentor_capacity_max", minimum=1, maximum=MAX_CAPACITY),
    "commitment_months": lambda v: cleaning.integer(v, "commitment_months", minimum=1, maximum=120),
    "min_hours_per_month": lambda v: cleaning.decimal(v, "min_hours_per_month", maximum=MAX_HOURS_A_MONTH),
    "max_hours_per_month": lambda v: _limited_decimal(v, "max_hours_per_month"),
    "contact_every_days": lambda v: cleaning.integer(v, "contact_every_days", minimum=1, maximum=365),
    "commitment_text": lambda v: cleaning.text(v, "commitment_text", max_length=2000, multiline=True),
    "needs_options": lambda v: _options(v, "needs_options"),
    "portfolio_options": lambda v: _options(v, "portfolio_options"),
    "mentee_may_rank": lambda v: cleaning.boolean(v, "mentee_may_rank"),
    "ranking_depth": lambda v: cleaning.integer(v, "ranking_depth", minimum=1, maximum=20),
    "board_input": lambda v: cleaning.boolean(v, "board_input"),
    "objective": lambda v: cleaning.choice(v, "objective", MatchObjective.values),
    "weights": _weights,
    "shared_fields": _shared,
    "mentor_honorarium": lambda v: cleaning.money(v, "mentor_honorarium"),
    "cost_per_mentor_year": lambda v: cleaning.money(v, "cost_per_mentor_year"),
    "cost_share_percent": lambda v: cleaning.integer(v, "cost_share_percent", minimum=0, maximum=100),
}
assert set(_RULE_CLEANERS) == set(RULES_FIELDS)


def _clean_rules(data: Mapping[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, RULES_FIELDS)
    return {name: _RULE_CLEANERS[name](value) for name, value in data.items()}


def _check_rules(rules: PairingRules) -> None:
    """Rules between fields, checked on the row as it would be saved."""
    if rules.mentor_capacity_default > rules.mentor_capacity_max:
        raise DomainError(
            _("The default cannot be more than the most a mentor may offer (%(most)s).")
            % {"most": rules.mentor_capacity_max},
            field="mentor_capacity_default",
        )
    if rules.max_hours_per_month is not None and rules.max_hours_per_month < rules.min_hours_per_month:
        raise DomainError(
            _("The most hours a month cannot be fewer than the minimum (%(low)s).")
            % {"low": rules.min_hours_per_month.normalize()},
            field="max_hours_per_month",
        )
    for side in (MENTOR, MENTEE):
        if (
            getattr(rules, f"{side}_membership_statuses")
            and getattr(rules, f"{side}_membership_organization_id") is None
        ):
            raise DomainError(
                _("Choose the organization whose membership statuses count."),
                field=f"{side}_membership_statuses",
            )


def _plain(rules: PairingRules, name: str) -> Any:
    if name in ORGANIZATION_FIELDS:
        return getattr(rules, f"{name}_id")
    value = getattr(rules, name)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


# --- rules --------------------------------------------------------------------------------------


def default_rules(program: Program) -> PairingRules:
    """An unsaved row with the defaults: what a new pairing program starts from."""
    return PairingRules(program=program, weights=dict(DEFAULT_WEIGHTS), shared_fields=list(DEFAULT_SHARED_FIELDS))


def pairing_rules_create_default(*, actor: Any, program: Program) -> PairingRules:
    """The rules a pairing program starts with. Called by program_create (and when a program
    becomes a pairing program) inside their transaction, after their permission check."""
    _require_pairing(program)
    rules = default_rules(program)
    rules.save()
    audit_record(
        actor=actor,
        action="pairing_rules.created",
        obj=rules,
        organization=program.organization,
        changes={name: [None, _plain(rules, name)] for name in RULES_FIELDS},
    )
    return rules


def rules_of(program: Program) -> PairingRules:
    """The program's rules with their organizations, in one query; for a pairing program saved
    before it had rules (by hand, or by an older version), the defaults, unsaved."""
    rules = (
        PairingRules.objects.select_related("mentor_membership_organization", "mentee_membership_organization")
        .filter(program=program)
        .first()
    )
    if rules is None:
        return default_rules(program)
    rules.program = program
    return rules


def pairing_rules_update(*, actor: Any, program: Program, data: Mapping[str, Any]) -> PairingRules:
    """Change a pairing program's rules: only the fields in `data`. Weights left out of
    `data["weights"]` keep their current value. Refuses the whole change at the first problem."""
    require_manage(actor, program.organization)
    _require_pairing(program)
    values = _clean_rules(data)
    fields = [name for name in RULES_FIELDS if name in values]
    try:
        with transaction.atomic():
            rules = PairingRules.objects.select_for_update().filter(program=program).first()
            if rules is None:
                rules = pairing_rules_create_default(actor=actor, program=program)
            before = {name: _plain(rules, name) for name in fields}
            if "weights" in values:
                current = rules.weight_map()
                values["weights"] = {name: values["weights"].get(name, current[name]) for name in MATCH_COMPONENTS}
            for name in fields:
                setattr(rules, name, values[name])
            _check_rules(rules)
            changes = {
                name: [before[name], _plain(rules, name)] for name in fields if before[name] != _plain(rules, name)
            }
            if changes:
                rules.save(update_fields=list(changes))
                audit_record(
                    actor=actor,
                    action="pairing_rules.updated",
                    obj=rules,
                    organization=program.organization,
                    changes=changes,
                )
    except IntegrityError as error:
        # Only a race can get here (the checks above match the database's): two first saves at once.
        raise DomainError(_("The rules were changed at the same moment: reload the page and try again.")) from error
    program.pairing = rules
    return rules


# --- application questions ----------------------------------------------------------------------


def _clean_question(data: Mapping[str, Any]) -> dict[str, Any]:
    _refuse_unknown(data, QUESTION_FIELDS)
    cleaners: dict[str, Any] = {
        "side": lambda v: cleaning.choice(v, "side", ApplicationSide.values),
        "label": lambda v: cleaning.text(v, "label", max_length=300, required=True),
        "help_text": lambda v: cleaning.text(v, "help_text", max_length=500),
        "kind": lambda v: cleaning.choice(v, "kind", QuestionKind.values),
        "options": lambda v: _options(v, "options"),
        "required": lambda v: cleaning.boolean(v, "required"),
    }
    return {name: cleaners[name](value) for name, value in data.items()}


def _check_question(question: ApplicationQuestion) -> None:
    if question.kind in CHOICE_KINDS:
        if len(question.options) < 2:
            raise DomainError(_("Give at least two choices, one a line."), field="options")
    else:
        # Choices typed before switching to another kind of answer mean nothing for it.
        question.options = []


def answer_count(question: ApplicationQuestion) -> int:
    """How many applications to the program answer the question (withdrawn ones too: they are kept)."""
    return Registration.objects.filter(
        offering__program_id=question.program_id, answers__questions__has_key=str(question.pk)
    ).count()


def _question_plain(question: ApplicationQuestion) -> dict[str, Any]:
    return {name: getattr(question, name) for name in (*QUESTION_FIELDS, "position")}


def question_create(*, actor: Any, program: Program, data: Mapping[str, Any]) -> ApplicationQuestion:
    """Add a question at the end of the program's application form."""
    require_manage(actor, program.organization)
    _require_pairing(program)
    values = _clean_question(data)
    for required in ("side", "label", "kind"):
        if required not in values:
            raise DomainError(_("This field is required."), field=required)
    question = ApplicationQuestion(program=program, **values)
    _check_question(question)
    with transaction.atomic():
        # The program row is the lock for its questions' positions.
        Program.objects.select_for_update().filter(pk=program.pk).first()
        existing = ApplicationQuestion.objects.filter(program=program)
        if existing.count() >= MAX_QUESTIONS:
            raise DomainError(_("A program has at most %(count)s questions.") % {"count": MAX_QUESTIONS}, field="label")
        question.position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
        question.save()
        audit_record(
            actor=actor,
            action="question.created",
            obj=question,
            organization=program.organization,
            changes={name: [None, value] for name, value in _question_plain(question).items()},
        )
    return question


def question_update(*, actor: Any, question: ApplicationQuestion, data: Mapping[str, Any]) -> ApplicationQuestion:
    program = question.program
    require_manage(actor, program.organization)
    values = _clean_question(data)
    with transaction.atomic():
        locked = ApplicationQuestion.objects.select_for_update().get(pk=question.pk)
        before = _question_plain(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        _check_question(locked)
        after = _question_plain(locked)
        changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
        if not changes:
            return locked
        if "kind" in changes and answer_count(locked):
            raise DomainError(
                _(
                    "People have answered this question, so its kind of answer cannot change. Add a new question instead."
                ),
                field="kind",
            )
        locked.save(update_fields=[name for name in QUESTION_FIELDS if name in changes])
        audit_record(
            actor=actor, action="question.updated", obj=locked, organization=program.organization, changes=changes
        )
    return locked


def question_delete(*, actor: Any, question: ApplicationQuestion) -> None:
    """Delete a question nobody has answered; an answered one is kept with its answers."""
    program = question.program
    require_manage(actor, program.organization)
    with transaction.atomic():
        locked = ApplicationQuestion.objects.select_for_update().filter(pk=question.pk).first()
        if locked is None:
            return
        answered = answer_count(locked)
        if answered:
            raise DomainError(
                ngettext(
                    "%(count)s application answers this question, so it cannot be deleted. "
                    "Edit it instead, for example to make it optional.",
                    "%(count)s applications answer this question, so it cannot be deleted. "
                    "Edit it instead, for example to make it optional.",
                    answered,
                )
                % {"count": answered},
                field="question",
            )
        audit_record(
            actor=actor,
            action="question.deleted",
            obj=locked,
            organization=program.organization,
            changes={name: [value, None] for name, value in _question_plain(locked).items()},
        )
        locked.delete()


def questions_reorder(*, actor: Any, program: Program, order: Sequence[int]) -> list[ApplicationQuestion]:
    """Put the program's questions in the order of `order`, which names every one of them once."""
    require_manage(actor, program.organization)
    if not isinstance(order, (list, tuple)) or not all(
        isinstance(pk, int) and not isinstance(pk, bool) for pk in order
    ):
        raise DomainError(_("Give the questions' ids in their new order."), field="order")
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()
        questions = {q.pk: q for q in ApplicationQuestion.objects.filter(program=program).order_by("position", "pk")}
        if len(order) != len(set(order)) or set(order) != set(questions):
            raise DomainError(_("Name every question of the program once, in its new order."), field="order")
        return _renumber(actor, program, questions, list(order))


def _renumber(
    actor: Any, program: Program, questions: dict[int, ApplicationQuestion], order: list[int]
) -> list[ApplicationQuestion]:
    old = list(questions)
    ordered = [questions[pk] for pk in order]
    changed = []
    for position, question in enumerate(ordered, start=1):
        if question.position != position:
            question.position = position
            changed.append(question)
    if changed:
        ApplicationQuestion.objects.bulk_update(changed, ["position"])
    if old != order:
        audit_record(
            actor=actor,
            action="questions.reordered",
            obj=program,
            organization=program.organization,
            changes={"order": [old, order]},
        )
    return ordered


def question_move(*, actor: Any, question: ApplicationQuestion, direction: str) -> None:
    """Move a question one place up or down the form; at either end it stays where it is."""
    program = question.program
    require_manage(actor, program.organization)
    if direction not in ("up", "down"):
        raise DomainError(_("Move a question up or down."), field="direction")
    with transaction.atomic():
        Program.objects.select_for_update().filter(pk=program.pk).first()
        questions = {q.pk: q for q in ApplicationQuestion.objects.filter(program=program).order_by("position", "pk")}
        order = list(questions)
        if question.pk not in questions:
            return
        index = order.index(question.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(order):
            order[index], order[other] = order[other], order[index]
        _renumber(actor, program, questions, order)


# --- offerings: extending the deadline ----------------------------------------------------------


def applications_in_progress(offering: Offering) -> QuerySet[Registration]:
    """Applications still being considered (submitted, or more information requested)."""
    return (
        Registration.objects.filter(
            offering=offering,
            role__in=(RegistrationRole.MENTOR, RegistrationRole.MENTEE),
            status__in=APPLICATION_OPEN,
        )
        .select_related("person__user")
        .order_by("pk")
    )


def _day(value: dt.date, language: str | None = None) -> str:
    if language is None:
        return str(formats.date_format(value, "DATE_FORMAT"))
    with translation.override(language):
        return str(formats.date_format(value, "DATE_FORMAT"))


def _application_link(registration: Registration) -> str:
    # The applications part owns the applicant's page; the catalogue page shows the new deadline too.
    try:
        path = reverse("applications:detail", kwargs={"registration_id": registration.pk})
    except NoReverseMatch:
        program = registration.offering.program
        path = reverse("catalogue:offering", args=[program.organization.slug, program.slug, registration.offering.slug])
    return site_url(path)


def _send_extended(registration: Registration, offering: Offering, old: dt.date, new: dt.date) -> None:
    person = registration.person
    language = person.preferred_language or "en"
    program = offering.program
    organization = program.organization
    with translation.override(language):
        role = str(RegistrationRole(registration.role).label).lower()
    queue_email(
        key=f"offering:{offering.pk}:deadline:{new.isoformat()}:registration:{registration.pk}",
        to=person.user.email,
        template="emails/pairing_deadline_extended",
        language=language,
        context={
            "given_name": person.given_name,
            "program_name": program.name,
            "offering_title": offering.title,
            "organization_name": organization.name,
            "contact_email": program.contact_email or organization.contact_email,
            "role": role,
            "old_deadline": _day(old, language),
            "new_deadline": _day(new, language),
            "link": _application_link(registration),
        },
    )


def offering_extend_deadline(
    *, actor: Any, offering: Offering, new_deadline: dt.date, notify: bool = False
) -> Offering:
    """Move the registration deadline later ("Deadline extended to October 20"). The first
    deadline is kept in `deadline_extended_from`, however often it is extended. With `notify`,
    people whose applications are in progress are e-mailed the new date."""
    program = offering.program
    require_manage(actor, program.organization)
    day = cleaning.day(new_deadline, "new_deadline")
    assert day is not None
    notify = cleaning.boolean(notify, "notify")
    with transaction.atomic():
        locked = Offering.objects.select_for_update().select_related("program__organization").get(pk=offering.pk)
        if locked.status in (OfferingStatus.CANCELLED, OfferingStatus.COMPLETED):
            raise DomainError(
                _("This offering is %(status)s: its deadline can no longer change.")
                % {"status": locked.get_status_display().lower()},
                field="new_deadline",
            )
        old = locked.registration_deadline
        if day <= old:
            raise DomainError(
                _("Choose a date after the current deadline, %(date)s.") % {"date": _day(old)}, field="new_deadline"
            )
        if day > locked.end_date:
            raise DomainError(
                _("Choose a date on or before the offering's end date, %(date)s.") % {"date": _day(locked.end_date)},
                field="new_deadline",
            )
        original = locked.deadline_extended_from or old
        before_original = locked.deadline_extended_from
        locked.registration_deadline = day
        locked.deadline_extended_from = original
        locked.save(update_fields=["registration_deadline", "deadline_extended_from"])
        recipients = list(applications_in_progress(locked)) if notify else []
        audit_record(
            actor=actor,
            action="offering.deadline_extended",
            obj=locked,
            organization=program.organization,
            changes={
                "registration_deadline": [old.isoformat(), day.isoformat()],
                "deadline_extended_from": [
                    before_original.isoformat() if before_original else None,
                    original.isoformat(),
                ],
                "notified": [None, len(recipients)],
            },
        )
        for registration in recipients:
            registration.offering = locked
            _send_extended(registration, locked, old, day)
    offering.registration_deadline = locked.registration_deadline
    offering.deadline_extended_from = locked.deadline_extended_from
    return locked
