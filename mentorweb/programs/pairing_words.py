"""A pairing program's rules in words, for the staff pages, the catalogue and the application pages.

The sentences follow the semantics documented on `PairingRules`: every rule that is set must
hold, an empty list or a null is "no rule", and a mentee who declares a significant change of
role qualifies whatever their years in role when `mentee_role_change_qualifies` is set. The
applications' eligibility check (registrations.pairing.eligibility) reads the same fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from mentorweb.accounts.models import RoleGroup
from mentorweb.organizations.models import MembershipStatus
from mentorweb.programs.models import MATCH_COMPONENTS, MatchObjective, PairingRules
from mentorweb.programs.templatetags.programs_tags import cad_filter, hours

MENTOR = "mentor"
MENTEE = "mentee"

# What each score component measures, in the order of MATCH_COMPONENTS.
COMPONENT_WORDS: dict[str, tuple[Any, Any]] = {
    "needs": (
        gettext_lazy("Shared needs and expertise"),
        gettext_lazy("How many of the mentee's needs are among the mentor's areas of expertise."),
    ),
    "portfolio": (
        gettext_lazy("Experience in the mentee's portfolio"),
        gettext_lazy("The mentor's years of experience in the mentee's portfolio."),
    ),
    "ranking": (
        gettext_lazy("The mentee's choice"),
        gettext_lazy("How high the mentee ranked the mentor among their preferred mentors."),
    ),
    "board": (
        gettext_lazy("Same or different board"),
        gettext_lazy("Whether the mentor comes from the mentee's board or another one, as the mentee prefers."),
    ),
    "context": (
        gettext_lazy("Region and remote context"),
        gettext_lazy(
            "The same region, and a mentor who knows remote or isolated schools for a mentee who works in one."
        ),
    ),
    "availability": (
        gettext_lazy("Availability"),
        gettext_lazy("How many weekly times both of them are free to meet."),
    ),
}
assert tuple(COMPONENT_WORDS) == MATCH_COMPONENTS

# What one person may be shown of the other, in the order of SHAREABLE_FIELDS.
SHARED_FIELD_LABELS: dict[str, Any] = {
    "name": gettext_lazy("Name"),
    "position": gettext_lazy("Position"),
    "board": gettext_lazy("Board or district"),
    "region": gettext_lazy("Region"),
    "bio": gettext_lazy("Short bio"),
    "expertise": gettext_lazy("Areas of expertise"),
    "needs": gettext_lazy("Needs"),
    "languages": gettext_lazy("Languages"),
    "email": gettext_lazy("E-mail address"),
}


def join_or(items: Iterable[Any]) -> str:
    """'A', 'A or B', 'A, B or C'."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s or %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _membership(organization: Any, statuses: list[str]) -> str | None:
    if organization is None:
        return None
    if not statuses:
        return _("Members of %(organization)s.") % {"organization": organization.name}
    labels = [MembershipStatus(status).label for status in statuses if status in MembershipStatus.values]
    return ngettext(
        "Members of %(organization)s with the status %(statuses)s.",
        "Members of %(organization)s with one of the statuses %(statuses)s.",
        len(labels),
    ) % {"organization": organization.name, "statuses": join_or(labels)}


def _role_groups(groups: list[str]) -> str | None:
    labels = [RoleGroup(group).label for group in groups if group in RoleGroup.values]
    if not labels:
        return None
    return ngettext("In the role group %(groups)s.", "In one of the role groups %(groups)s.", len(labels)) % {
        "groups": join_or(labels)
    }


def describe_eligibility(rules: PairingRules, role: str) -> list[str]:
    """Who may apply as a mentor or as a mentee, one sentence a rule; a single sentence when
    there is no rule. Used by the staff pages, the catalogue and the application pages."""
    sentences: list[str | None]
    if role == MENTOR:
        sentences = [
            _membership(rules.mentor_membership_organization, rules.mentor_membership_statuses),
            _role_groups(rules.mentor_role_groups),
        ]
        years = rules.mentor_min_years_in_role
        if years:
            sentences.append(
                ngettext("At least %(count)s year in their role.", "At least %(count)s years in their role.", years)
                % {"count": years}
            )
    elif role == MENTEE:
        sentences = [
            _membership(rules.mentee_membership_organization, rules.mentee_membership_statuses),
            _role_groups(rules.mentee_role_groups),
        ]
        sentences.append(_mentee_years(rules.mentee_max_years_in_role, rules.mentee_role_change_qualifies))
    else:
        raise ValueError(f"unknown role {role!r}")
    found = [sentence for sentence in sentences if sentence]
    return found or [_("Anyone may apply.")]


def _mentee_years(max_years: int | None, role_change: bool) -> str | None:
    if max_years is None:
        # Without a limit on the years, a change of role has nothing to make up for.
        return None
    if max_years == 0:
        new = _("In their first year in their role")
    else:
        new = ngettext(
            "In their role for at most %(count)s year", "In their role for at most %(count)s years", max_years
        ) % {"count": max_years}
    if role_change:
        return _("%(new)s, or having had a significant change of role.") % {"new": new}
    return f"{new}."


def describe_size(rules: PairingRules) -> list[str]:
    if rules.max_partnerships:
        size = ngettext(
            "Up to %(count)s partnership per offering.",
            "Up to %(count)s partnerships per offering.",
            rules.max_partnerships,
        ) % {"count": rules.max_partnerships}
    else:
        size = _("No limit on the number of partnerships.")
    default, most = rules.mentor_capacity_default, rules.mentor_capacity_max
    if default >= most:
        capacity = ngettext("Each mentor takes %(count)s mentee.", "Each mentor takes %(count)s mentees.", default) % {
            "count": default
        }
    else:
        capacity = ngettext(
            "Each mentor takes %(count)s mentee unless they offer more, up to %(most)s.",
            "Each mentor takes %(count)s mentees unless they offer more, up to %(most)s.",
            default,
        ) % {"count": default, "most": most}
    return [size, capacity]


def _duration(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        return ngettext("One year", "%(count)s years", years) % {"count": years}
    return ngettext("One month", "%(count)s months", months) % {"count": months}


def _hours_a_month(low: Decimal, high: Decimal | None) -> str | None:
    if high is not None and high > low:
        if low:
            return _("%(low)s–%(high)s hours a month") % {"low": hours(low), "high": hours(high)}
        return _("up to %(high)s hours a month") % {"high": hours(high)}
    if low:
        return _("at least %(low)s hours a month") % {"low": hours(low)}
    return None


def describe_commitment(rules: PairingRules) -> str:
    """E.g. "One year, 2–4 hours a month, contact every 7 days"."""
    parts = [_duration(rules.commitment_months)]
    hours_part = _hours_a_month(rules.min_hours_per_month, rules.max_hours_per_month)
    if hours_part:
        parts.append(hours_part)
    days = rules.contact_every_days
    parts.append(ngettext("contact every day", "contact every %(count)s days", days) % {"count": days})
    return ", ".join(parts)


def describe_costs(rules: PairingRules, organization: Any) -> list[str]:
    """The honorarium and how the cost of a mentor is shared, or that taking part costs nothing."""
    sentences = []
    if rules.mentor_honorarium:
        sentences.append(
            _("Mentors receive an honorarium of %(amount)s.") % {"amount": cad_filter(rules.mentor_honorarium)}
        )
    cost, share = rules.cost_per_mentor_year, rules.cost_share_percent
    if cost:
        values = {"cost": cad_filter(cost), "organization": organization.name}
        if share == 0:
            sentences.append(_("%(organization)s pays the cost of %(cost)s per mentor per year.") % values)
        elif share == 100:
            sentences.append(_("The board or the participant pays the cost of %(cost)s per mentor per year.") % values)
        else:
            part = (cost * share / 100).quantize(Decimal("0.01"))
            values.update(share=share, part=cad_filter(part), rest=cad_filter(cost - part), rest_percent=100 - share)
            sentences.append(
                _(
                    "The cost of %(cost)s per mentor per year is shared: the board or the participant pays "
                    "%(share)s%% (%(part)s) and %(organization)s pays %(rest_percent)s%% (%(rest)s)."
                )
                % values
            )
    if not sentences:
        sentences.append(_("Taking part costs nothing."))
    return sentences


def describe_matching(rules: PairingRules) -> list[str]:
    sentences = [str(MatchObjective(rules.objective).label) + "."]
    if rules.mentee_may_rank:
        sentences.append(
            ngettext(
                "Mentees may name %(count)s preferred mentor.",
                "Mentees may rank up to %(count)s preferred mentors.",
                rules.ranking_depth,
            )
            % {"count": rules.ranking_depth}
        )
    if rules.board_input:
        sentences.append(_("Boards give their input on the mentors proposed for their people."))
    return sentences


@dataclass(frozen=True)
class WeightRow:
    component: str
    label: str
    explanation: str
    weight: float

    @property
    def counts(self) -> bool:
        return self.weight > 0


def describe_weights(rules: PairingRules) -> list[WeightRow]:
    weights = rules.weight_map()
    return [
        WeightRow(name, str(label), str(explanation), weights[name])
        for name, (label, explanation) in COMPONENT_WORDS.items()
    ]


def describe_shared(rules: PairingRules) -> list[str]:
    return [str(SHARED_FIELD_LABELS[name]) for name in SHARED_FIELD_LABELS if name in (rules.shared_fields or [])]


@dataclass(frozen=True)
class RulesInWords:
    """Everything the staff and catalogue pages say about a pairing program's rules."""

    mentors: list[str]
    mentees: list[str]
    size: list[str]
    commitment: str
    costs: list[str]
    matching: list[str]
    weights: list[WeightRow]
    shared: list[str]


def rules_in_words(rules: PairingRules, organization: Any) -> RulesInWords:
    return RulesInWords(
        mentors=describe_eligibility(rules, MENTOR),
        mentees=describe_eligibility(rules, MENTEE),
        size=describe_size(rules),
        commitment=describe_commitment(rules),
        costs=describe_costs(rules, organization),
        matching=describe_matching(rules),
        weights=describe_weights(rules),
        shared=describe_shared(rules),
    )
