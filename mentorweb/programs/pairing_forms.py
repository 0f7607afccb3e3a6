"""Forms of the pairing set-up pages. They parse input; the services in programs.pairing decide."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import RoleGroup
from mentorweb.organizations.models import MembershipStatus, Organization, OrganizationKind
from mentorweb.programs.forms import DATE
from mentorweb.programs.models import (
    MATCH_COMPONENTS,
    SHAREABLE_FIELDS,
    ApplicationQuestion,
    ApplicationSide,
    MatchObjective,
    PairingRules,
    QuestionKind,
)
from mentorweb.programs.pairing import MAX_CAPACITY, MAX_YEARS, RULES_FIELDS
from mentorweb.programs.pairing_words import COMPONENT_WORDS, SHARED_FIELD_LABELS

CHECKBOXES = forms.CheckboxSelectMultiple


def _organizations() -> Any:
    # Schools are left out of the list (there may be thousands, and nobody's membership of a
    # school qualifies them); the API accepts any organization's address name.
    return Organization.objects.exclude(kind=OrganizationKind.SCHOOL).order_by("name")


def _organization_field(label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("No rule: members of any organization, or none"),
    )


def _statuses_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=MembershipStatus.choices,
        required=False,
        widget=CHECKBOXES,
        help_text=_("None ticked: any status. Applies to the membership of the organization chosen above."),
    )


def _groups_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=RoleGroup.choices,
        required=False,
        widget=CHECKBOXES,
        help_text=_("None ticked: any role group."),
    )


def _lines(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text=help_text)


def _money(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=8, decimal_places=2, min_value=0, max_value=100_000, help_text=help_text
    )


def _weight_field(component: str) -> forms.DecimalField:
    label, explanation = COMPONENT_WORDS[component]
    return forms.DecimalField(
        label=label,
        help_text=explanation,
        min_value=0,
        max_value=10,
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )


@dataclass
class Section:
    """A fieldset of the rules page: its legend, a sentence of introduction and its fields."""

    id: str
    legend: Any
    intro: Any
    fields: list[forms.BoundField]


# (id, legend, introduction, field names), in page order.
SECTIONS: tuple[tuple[str, Any, Any, tuple[str, ...]], ...] = (
    (
        "mentors",
        _("Who may be a mentor"),
        _("Every rule that is set must hold. Leave a rule empty for no rule."),
        (
            "mentor_membership_organization",
            "mentor_membership_statuses",
            "mentor_role_groups",
            "mentor_min_years_in_role",
        ),
    ),
    (
        "mentees",
        _("Who may be a mentee"),
        _("Every rule that is set must hold. Leave a rule empty for no rule."),
        (
            "mentee_membership_organization",
            "mentee_membership_statuses",
            "mentee_role_groups",
            "mentee_max_years_in_role",
            "mentee_role_change_qualifies",
        ),
    ),
    (
        "size",
        _("Size and capacity"),
        _("How many partnerships an offering may have, and how many mentees a mentor takes."),
        ("max_partnerships", "mentor_capacity_default", "mentor_capacity_max"),
    ),
    (
        "commitment",
        _("Commitment"),
        _("What mentors and mentees commit to. Applicants read it before they apply."),
        ("commitment_months", "min_hours_per_month", "max_hours_per_month", "contact_every_days", "commitment_text"),
    ),
    (
        "application",
        _("What applicants choose from"),
        _("Mentees choose their needs and mentors their expertise from the same list, so that they can meet."),
        ("needs_options", "portfolio_options", "mentee_may_rank", "ranking_depth", "board_input"),
    ),
    (
        "matching",
        _("What matters in matching"),
        _(
            "Each possible pair gets a score: every part below is worth between 0 and 1 for the pair, times its "
            "weight. A weight of 0 means the part does not count; 10 means it matters most. Eligibility, capacity, "
            "conflicts of interest and board vetoes are rules, not weights: they always hold."
        ),
        ("objective", *(f"weight_{name}" for name in MATCH_COMPONENTS)),
    ),
    (
        "shared",
        _("What mentors and mentees see of each other"),
        _("Shown to a mentee choosing mentors, and to both people once a pair is proposed."),
        ("shared_fields",),
    ),
    (
        "costs",
        _("Costs"),
        _("Shown in the catalogue. A pairing program charges applicants no fee."),
        ("mentor_honorarium", "cost_per_mentor_year", "cost_share_percent"),
    ),
)


class PairingRulesForm(forms.Form):
    mentor_membership_organization = _organization_field(_("Mentors must be members of"))
    mentor_membership_statuses = _statuses_field(_("With the membership status"))
    mentor_role_groups = _groups_field(_("Mentors' role group"))
    mentor_min_years_in_role = forms.IntegerField(
        label=_("Mentors' minimum years in their role"),
        min_value=0,
        max_value=MAX_YEARS,
        required=False,
        help_text=_("Empty: no minimum."),
    )
    mentee_membership_organization = _organization_field(_("Mentees must be members of"))
    mentee_membership_statuses = _statuses_field(_("With the membership status"))
    mentee_role_groups = _groups_field(_("Mentees' role group"))
    mentee_max_years_in_role = forms.IntegerField(
        label=_("Mentees' maximum years in their role"),
        min_value=0,
        max_value=MAX_YEARS,
        required=False,
        help_text=_("For people new to their role, e.g. 2. Empty: no maximum."),
    )
    mentee_role_change_qualifies = forms.BooleanField(
        label=_("A significant change of role also qualifies a mentee, whatever their years in role"),
        required=False,
    )
    max_partnerships = forms.IntegerField(
        label=_("Maximum partnerships per offering"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: no limit. The BCPVPA pilot had up to 40."),
    )
    mentor_capacity_default = forms.IntegerField(
        label=_("Mentees per mentor, by default"), min_value=1, max_value=MAX_CAPACITY
    )
    mentor_capacity_max = forms.IntegerField(
        label=_("Most mentees a mentor may offer to take"), min_value=1, max_value=MAX_CAPACITY
    )
    commitment_months = forms.IntegerField(label=_("Length of the commitment (months)"), min_value=1, max_value=120)
    min_hours_per_month = forms.DecimalField(
        label=_("Minimum hours a month"), min_value=0, max_value=200, max_digits=5, decimal_places=2
    )
    max_hours_per_month = forms.DecimalField(
        label=_("Most hours a month expected"),
        min_value=0,
        max_value=200,
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Empty: no upper figure is given."),
    )
    contact_every_days = forms.IntegerField(
        label=_("Expected contact: every so many days"),
        min_value=1,
        max_value=365,
        help_text=_("7 for weekly contact."),
    )
    commitment_text = forms.CharField(
        label=_("The commitment, in your words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("e.g. Participants will commit to participation for a full year."),
    )
    needs_options = _lines(
        _("Areas of need and expertise"), _("One a line, e.g. staff supervision. Repeated lines are kept once.")
    )
    portfolio_options = _lines(_("Portfolios"), _("One a line, e.g. special education. Repeated lines are kept once."))
    mentee_may_rank = forms.BooleanField(label=_("Mentees may rank the mentors they prefer"), required=False)
    ranking_depth = forms.IntegerField(label=_("How many mentors a mentee may rank"), min_value=1, max_value=20)
    board_input = forms.BooleanField(
        label=_("Boards give their input on the mentors proposed for their people"), required=False
    )
    objective = forms.ChoiceField(
        label=_("When not every mentee can be matched"),
        choices=MatchObjective.choices,
        widget=forms.RadioSelect,
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Shown to the other person"),
        choices=[(name, SHARED_FIELD_LABELS[name]) for name in SHAREABLE_FIELDS],
        required=False,
        widget=CHECKBOXES,
    )
    mentor_honorarium = _money(_("Mentor honorarium (CAD)"), _("e.g. 300. Zero: none."))
    cost_per_mentor_year = _money(_("Cost per mentor per year (CAD)"), _("e.g. 2500. Zero: no cost is shown."))
    cost_share_percent = forms.IntegerField(
        label=_("Share paid by the board or the participant (%)"),
        min_value=0,
        max_value=100,
        help_text=_("e.g. 50 when the cost is shared half and half with the organization."),
    )

    def __init__(self, *args: Any, rules: PairingRules, **kwargs: Any) -> None:
        kwargs.setdefault("initial", rules_initial(rules))
        super().__init__(*args, **kwargs)
        for name in MATCH_COMPONENTS:
            self.fields[f"weight_{name}"] = _weight_field(name)
        for name in ("mentor_membership_organization", "mentee_membership_organization"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = _organizations()

    def sections(self) -> list[Section]:
        return [Section(id, legend, intro, [self[name] for name in names]) for id, legend, intro, names in SECTIONS]

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in RULES_FIELDS if name in self.cleaned_data}
        data["weights"] = {name: self.cleaned_data[f"weight_{name}"] for name in MATCH_COMPONENTS}
        for name in ("needs_options", "portfolio_options"):
            data[name] = data[name].splitlines()
        return data


def rules_initial(rules: PairingRules) -> dict[str, Any]:
    initial = {name: getattr(rules, name) for name in RULES_FIELDS if name not in ("weights",)}
    initial["mentor_membership_organization"] = rules.mentor_membership_organization_id
    initial["mentee_membership_organization"] = rules.mentee_membership_organization_id
    initial["needs_options"] = "\n".join(rules.needs_options or [])
    initial["portfolio_options"] = "\n".join(rules.portfolio_options or [])
    for name, weight in rules.weight_map().items():
        initial[f"weight_{name}"] = Decimal(str(weight)).normalize()
    return initial


class QuestionForm(forms.Form):
    side = forms.ChoiceField(label=_("Asked of"), choices=ApplicationSide.choices, widget=forms.RadioSelect)
    label = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(
        label=_("Hint (optional)"), max_length=500, required=False, help_text=_("Shown under the question.")
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("One a line, at least two. Only for the kinds of answer with choices."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    @classmethod
    def for_question(cls, question: ApplicationQuestion, data: Any = None) -> QuestionForm:
        initial = {name: getattr(question, name) for name in cls.base_fields}
        initial["options"] = "\n".join(question.options or [])
        return cls(data, initial=initial)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["options"] = data["options"].splitlines()
        return data


class ExtendDeadlineForm(forms.Form):
    new_deadline = forms.DateField(
        label=_("New deadline"), widget=DATE, help_text=_("The last day applications are accepted.")
    )
    notify = forms.BooleanField(label=_("E-mail the people whose applications are in progress"), required=False)
