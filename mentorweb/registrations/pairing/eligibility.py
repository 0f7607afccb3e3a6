"""Who may apply to a pairing program, on each side, by its PairingRules.

Every rule that is set must hold (an empty list or a null means "no rule"). The messages are
for the applicant, in words: what the program asks and what we found. The program's set-up
page describes the same rules in general (mentorweb.programs.pairing.describe_eligibility).

Years in role and the declaration of a significant change of role are answers on the
application form: when `answers` are given they are read first, then the profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mentorweb.accounts.models import Credential, CredentialKind, CredentialStatus, Person, RoleGroup
from mentorweb.organizations.models import Membership, MembershipStatus
from mentorweb.programs.models import PairingRules, Program
from mentorweb.programs.pairing_words import join_or
from mentorweb.registrations.models import RegistrationRole

BARRED = (CredentialStatus.SUSPENDED, CredentialStatus.REVOKED, CredentialStatus.EXPIRED)


@dataclass(frozen=True)
class Problem:
    """One rule not met. `field` names the form field that can fix it (years in role, change of
    role), or is empty when only the profile or the organization can."""

    message: str
    field: str = ""


def _status_labels(statuses: list[str]) -> list[str]:
    return [str(MembershipStatus(s).label).lower() if s in MembershipStatus.values else s for s in statuses]


def _role_group_labels(groups: list[str]) -> list[str]:
    return [str(RoleGroup(g).label) if g in RoleGroup.values else g for g in groups]


def _membership_problem(person: Person, organization: Any, statuses: list[str]) -> Problem | None:
    if organization is None:
        return None
    memberships = Membership.objects.filter(person=person, organization=organization, deactivated_at__isnull=True)
    if statuses:
        memberships = memberships.filter(status__in=statuses)
    if memberships.exists():
        return None
    if statuses:
        return Problem(
            _("You must be a member of %(organization)s (status: %(statuses)s).")
            % {"organization": organization.name, "statuses": join_or(_status_labels(statuses))}
        )
    return Problem(_("You must be a member of %(organization)s.") % {"organization": organization.name})


def _role_group_problem(person: Person, groups: list[str], side: str) -> Problem | None:
    if not groups or person.role_group in groups:
        return None
    return Problem(
        _(
            "%(side)s in this program must be: %(groups)s. Your profile says “%(yours)s”; "
            "if your role has changed, update your profile."
        )
        % {"side": side, "groups": join_or(_role_group_labels(groups)), "yours": person.get_role_group_display()}
    )


def _years(person: Person, answers: Mapping[str, Any] | None) -> int | None:
    if answers is not None and "years_in_role" in answers:
        value = answers.get("years_in_role")
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return person.years_in_role


def _credential_problem(person: Person, program: Program) -> Problem | None:
    kind = program.required_credential_kind
    if not kind:
        return None
    label = str(CredentialKind(kind).label) if kind in CredentialKind.values else kind
    credential = Credential.objects.filter(person=person, kind=kind).first()
    if credential is None:
        return Problem(_("This program requires your %(credential)s: add it to your profile.") % {"credential": label})
    if credential.status in BARRED:
        return Problem(
            _("Your %(credential)s is recorded as “%(status)s”; this program requires one in good standing.")
            % {"credential": label, "status": credential.get_status_display()}
        )
    return None


def _mentor_problems(person: Person, rules: PairingRules, answers: Mapping[str, Any] | None) -> list[Problem]:
    problems = [
        _membership_problem(person, rules.mentor_membership_organization, list(rules.mentor_membership_statuses)),
        _role_group_problem(person, list(rules.mentor_role_groups), _("Mentors")),
    ]
    minimum = rules.mentor_min_years_in_role
    if minimum is not None:
        years = _years(person, answers)
        if years is None:
            problems.append(
                Problem(
                    _("Mentors need at least %(years)s years in their role: add your years in role to your profile.")
                    % {"years": minimum}
                )
            )
        elif years < minimum:
            problems.append(
                Problem(
                    _("Mentors need at least %(minimum)s years in their role; your profile says %(years)s.")
                    % {"minimum": minimum, "years": years}
                )
            )
    return [p for p in problems if p is not None]


def _mentee_problems(person: Person, rules: PairingRules, answers: Mapping[str, Any] | None) -> list[Problem]:
    problems = [
        _membership_problem(person, rules.mentee_membership_organization, list(rules.mentee_membership_statuses)),
        _role_group_problem(person, list(rules.mentee_role_groups), _("Mentees")),
    ]
    maximum = rules.mentee_max_years_in_role
    role_change = bool(answers.get("role_change")) if answers is not None else False
    if maximum is not None and not (rules.mentee_role_change_qualifies and role_change):
        years = _years(person, answers)
        or_change = rules.mentee_role_change_qualifies
        if years is None:
            message = (
                _(
                    "This program is for people new to their role (at most %(maximum)s years) or who had a "
                    "significant change of role: give your years in role, or declare the change of role."
                )
                if or_change
                else _(
                    "This program is for people new to their role (at most %(maximum)s years): give your years in role."
                )
            )
            problems.append(Problem(message % {"maximum": maximum}, field="years_in_role"))
        elif years > maximum:
            message = (
                _(
                    "This program is for people new to their role (at most %(maximum)s years) or who had a "
                    "significant change of role. You have %(years)s years in your role: declare a significant "
                    "change of role if you had one."
                )
                if or_change
                else _(
                    "This program is for people new to their role (at most %(maximum)s years); "
                    "you have %(years)s years in your role."
                )
            )
            problems.append(
                Problem(
                    message % {"maximum": maximum, "years": years},
                    field="role_change" if or_change else "years_in_role",
                )
            )
    return [p for p in problems if p is not None]


def eligibility_check(
    person: Person, program: Program, role: str, *, answers: Mapping[str, Any] | None = None
) -> list[Problem]:
    """Every rule the person does not meet to apply as `role`; empty when eligible."""
    rules: PairingRules | None = getattr(program, "pairing", None)
    if rules is None:
        return [Problem(_("This program does not take applications from mentors and mentees."))]
    if role == RegistrationRole.MENTOR:
        problems = _mentor_problems(person, rules, answers)
    elif role == RegistrationRole.MENTEE:
        problems = _mentee_problems(person, rules, answers)
    else:
        return [Problem(_("Apply as a mentor or as a mentee."))]
    credential = _credential_problem(person, program)
    if credential is not None:
        problems.append(credential)
    return problems


def eligibility_problems(
    person: Person, program: Program, role: str, *, answers: Mapping[str, Any] | None = None
) -> list[str]:
    """The messages of eligibility_check: what the person must have, in words; empty = eligible."""
    return [problem.message for problem in eligibility_check(person, program, role, answers=answers)]


def blocking_problems(problems: list[Problem]) -> list[Problem]:
    """The problems the application form cannot fix (membership, role group, credential)."""
    return [problem for problem in problems if not problem.field]
