"""Forms of the application pages. They parse input; the services clean it and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.programs.models import AVAILABILITY_SLOTS, ApplicationQuestion, PairingRules, QuestionKind
from mentorweb.registrations.models import (
    ConflictKind,
    DeclineReason,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)
from mentorweb.registrations.pairing.answers import LANGUAGES, MAX_YEARS

DAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
)
PARTS = (("morning", _("Morning")), ("afternoon", _("Afternoon")), ("evening", _("Evening")))
LANGUAGE_LABELS = {"en": _("English"), "fr": _("French")}
BOARD_PREFERENCE_CHOICES = (
    ("", _("No preference")),
    ("same", _("A mentor from my own board or district is wanted")),
    ("different", _("A mentor from my own board or district is not wanted")),
)


def slot_label(slot: str) -> str:
    if slot == "weekend":
        return str(_("Weekend"))
    day, part = slot.split("-")
    return f"{dict(DAYS)[day]}, {str(dict(PARTS)[part]).lower()}"


class ApplicationForm(forms.Form):
    """The application of one side; its fields follow the program's options and questions."""

    needs = forms.MultipleChoiceField(
        label=_("What you would like help with"),
        help_text=_("Choose the areas where a mentor would help you most."),
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.MultipleChoiceField(
        label=_("Where you can help"),
        help_text=_("Choose the areas in which you can mentor."),
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.CharField(
        label=_("Interests"),
        help_text=_("What you hope to get from the program, in a few sentences."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    portfolio = forms.ChoiceField(label=_("Portfolio"), required=False)
    experience_summary = forms.CharField(
        label=_("Your experience"),
        help_text=_("Positions you have held and what you led."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    years_in_role = forms.IntegerField(
        label=_("Years in your current role"), required=False, min_value=0, max_value=MAX_YEARS
    )
    role_change = forms.BooleanField(
        label=_("I had a significant change of role"),
        help_text=_("For example a new school level, a move to a new district, or a new portfolio."),
        required=False,
    )
    region = forms.CharField(label=_("Region or community"), max_length=100)
    remote = forms.BooleanField(label=_("I work in a remote or isolated place"), required=False)
    remote_experience = forms.BooleanField(label=_("I have worked in remote or isolated places"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages in which you can meet"),
        choices=[(code, LANGUAGE_LABELS[code]) for code in LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When you are usually available"),
        choices=[(slot, slot) for slot in AVAILABILITY_SLOTS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    board = forms.TypedChoiceField(
        label=_("Your school board or district"),
        help_text=_("Where you work, or last worked."),
        coerce=int,
        empty_value=None,
        required=False,
    )
    board_preference = forms.ChoiceField(
        label=_("A mentor from your own board or district"),
        choices=BOARD_PREFERENCE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    capacity = forms.IntegerField(label=_("How many mentees you can take"), min_value=1)

    def __init__(
        self,
        *args: Any,
        role: str,
        rules: PairingRules,
        questions: list[ApplicationQuestion],
        boards: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        self.questions = questions
        mentor = role == RegistrationRole.MENTOR
        needs = [(option, option) for option in rules.needs_options or []]
        portfolios = [str(option) for option in rules.portfolio_options or []]
        drop = ["needs", "years_in_role", "role_change", "remote", "board_preference"] if mentor else []
        drop += [] if mentor else ["expertise", "remote_experience", "capacity"]
        if not rules.mentee_role_change_qualifies:
            drop.append("role_change")
        if not needs:
            drop += ["needs", "expertise"]
        if not portfolios:
            drop.append("portfolio")
        for name in set(drop):
            self.fields.pop(name, None)
        for name in ("needs", "expertise"):
            if name in self.fields:
                self.fields[name].choices = needs  # type: ignore[attr-defined]
        if "portfolio" in self.fields:
            self.fields["portfolio"].choices = [("", _("Choose…")), *[(p, p) for p in portfolios]]  # type: ignore[attr-defined]
        self.fields["board"].choices = [("", _("None, or not listed")), *[(b.pk, b.name) for b in boards]]  # type: ignore[attr-defined]
        if mentor:
            capacity = self.fields["capacity"]
            capacity.validators.append(MaxValueValidator(rules.mentor_capacity_max))
            capacity.widget.attrs["max"] = rules.mentor_capacity_max
            capacity.help_text = _("From 1 to %(max)s.") % {"max": rules.mentor_capacity_max}
            self.experience_fields = {}
            for index, portfolio in enumerate(portfolios):
                name = f"experience_{index}"
                self.fields[name] = forms.IntegerField(
                    label=_("Years of experience: %(portfolio)s") % {"portfolio": portfolio},
                    required=False,
                    min_value=0,
                    max_value=MAX_YEARS,
                )
                self.experience_fields[name] = portfolio
        else:
            self.experience_fields = {}
        for question in questions:
            self.fields[f"question_{question.pk}"] = question_field(question)

    # --- groups of fields for the template ---

    def field_group(self, *names: str) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def about_fields(self) -> list[forms.BoundField]:
        return self.field_group(
            "needs", "expertise", "interests", "portfolio", *self.experience_fields, "experience_summary"
        )

    def role_fields(self) -> list[forms.BoundField]:
        return self.field_group("years_in_role", "role_change")

    def place_fields(self) -> list[forms.BoundField]:
        return self.field_group("region", "remote", "remote_experience", "languages")

    def board_fields(self) -> list[forms.BoundField]:
        return self.field_group("board", "board_preference", "capacity")

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"question_{question.pk}"] for question in self.questions]

    def availability_grid(self) -> dict[str, Any]:
        """Rows of days with a checkbox for each part of the day, and the weekend alone."""
        field = self["availability"]
        chosen = set(field.value() or [])
        rows = []
        for day, day_label in DAYS:
            cells = []
            for part, part_label in PARTS:
                slot = f"{day}-{part}"
                cells.append(
                    {
                        "value": slot,
                        "id": f"id_availability_{slot}",
                        "label": f"{day_label}, {str(part_label).lower()}",
                        "checked": slot in chosen,
                    }
                )
            rows.append({"label": day_label, "cells": cells})
        weekend = {
            "value": "weekend",
            "id": "id_availability_weekend",
            "label": _("Weekend"),
            "checked": "weekend" in chosen,
        }
        return {"field": field, "parts": [label for _part, label in PARTS], "rows": rows, "weekend": weekend}

    # --- to the service and back ---

    def data_for_service(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        data: dict[str, Any] = {}
        for name in (
            "needs",
            "expertise",
            "interests",
            "portfolio",
            "experience_summary",
            "years_in_role",
            "role_change",
            "region",
            "remote",
            "remote_experience",
            "languages",
            "availability",
            "board",
            "board_preference",
            "capacity",
        ):
            if name in self.fields:
                data[name] = cleaned.get(name)
        if self.role == RegistrationRole.MENTOR:
            data["experience"] = {
                portfolio: cleaned[name] for name, portfolio in self.experience_fields.items() if cleaned.get(name)
            }
        answers: dict[str, Any] = {}
        for question in self.questions:
            value = cleaned.get(f"question_{question.pk}")
            if question.kind == QuestionKind.YES_NO:
                value = {"yes": True, "no": False}.get(value or "")
            answers[str(question.pk)] = value
        data["questions"] = answers
        return data

    def field_for(self, error_field: str | None) -> str | None:
        """The form field a service error names, or None for the whole form."""
        if not error_field:
            return None
        if error_field.startswith("questions."):
            name = "question_" + error_field.removeprefix("questions.")
            return name if name in self.fields else None
        if error_field.startswith("experience."):
            portfolio = error_field.removeprefix("experience.")
            return next((name for name, p in self.experience_fields.items() if p == portfolio), None)
        return error_field if error_field in self.fields else None

    def add_domain_error(self, error: DomainError) -> None:
        self.add_error(self.field_for(error.field), error.message)


def question_field(question: ApplicationQuestion) -> forms.Field:
    common: dict[str, Any] = {"label": question.label, "help_text": question.help_text, "required": question.required}
    options = [(str(option), str(option)) for option in question.options or []]
    if question.kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTI_CHOICE:
        return forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, **common)
    return forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common)


def initial_for(
    *, person: Person, role: str, rules: PairingRules, boards: list[Any], registration: Registration | None = None
) -> dict[str, Any]:
    """The form's first values: the application's own answers when editing, else the profile's."""
    needs = set(rules.needs_options or [])
    portfolios = [str(option) for option in rules.portfolio_options or []]
    if registration is not None:
        answers = registration.answers
        initial: dict[str, Any] = {
            key: value for key, value in answers.items() if key not in ("questions", "experience", "role_change")
        }
        initial["role_change"] = bool(answers.get("role_change"))
        initial["board"] = registration.board_id
        initial["capacity"] = registration.capacity
        experience = answers.get("experience") or {}
        for index, portfolio in enumerate(portfolios):
            if portfolio in experience:
                initial[f"experience_{index}"] = experience[portfolio]
        for key, value in (answers.get("questions") or {}).items():
            initial[f"question_{key}"] = (
                {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
            )
        return initial
    portfolio = next((p for p in portfolios if p.lower() == (person.portfolio or "").strip().lower()), "")
    board_ids = {board.pk for board in boards}
    own_board = next(
        (
            m.organization_id
            for m in person.memberships.filter(deactivated_at__isnull=True)
            if m.organization_id in board_ids
        ),
        None,
    )
    initial = {
        "region": person.region,
        "languages": [code for code in person.languages_of_service or [] if code in LANGUAGES]
        or [person.preferred_language],
        "portfolio": portfolio,
        "years_in_role": person.years_in_role,
        "board": own_board,
        "capacity": rules.mentor_capacity_default,
    }
    if role == RegistrationRole.MENTOR:
        initial["expertise"] = [tag for tag in person.expertise or [] if tag in needs]
        initial["remote_experience"] = person.remote_or_isolated
        if portfolio and person.years_in_role:
            initial[f"experience_{portfolios.index(portfolio)}"] = person.years_in_role
    else:
        initial["needs"] = [tag for tag in person.needs or [] if tag in needs]
        initial["remote"] = person.remote_or_isolated
    return initial


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw my application"))


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", _("Choose…")), *DeclineReason.choices])
    message = forms.CharField(
        label=_("Message to the applicant"),
        help_text=_("Sent by e-mail and shown on their application page. Required with “Another reason”."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AcceptForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequestInfoForm(forms.Form):
    message = forms.CharField(
        label=_("What the applicant should add or explain"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StaffFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Side"),
        choices=[
            ("", _("Mentors and mentees")),
            (RegistrationRole.MENTOR, _("Mentors")),
            (RegistrationRole.MENTEE, _("Mentees")),
        ],
        required=False,
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    board = forms.TypedChoiceField(label=_("Board or district"), coerce=int, empty_value=None, required=False)
    region = forms.CharField(label=_("Region contains"), max_length=100, required=False)

    STATUSES = (
        RegistrationStatus.SUBMITTED,
        RegistrationStatus.INFO_REQUESTED,
        RegistrationStatus.ACCEPTED,
        RegistrationStatus.DECLINED,
        RegistrationStatus.WITHDRAWN,
    )

    def __init__(self, *args: Any, boards: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            ("", _("Any status")),
            *[(s.value, s.label) for s in self.STATUSES],
        ]
        self.fields["board"].choices = [("", _("Any board")), *[(b.pk, b.name) for b in boards]]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class RankingForm(forms.Form):
    """One select per rank: keyboard and screen-reader friendly, no dragging."""

    board_preference = forms.ChoiceField(
        label=_("A mentor from your own board or district"),
        choices=BOARD_PREFERENCE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        depth: int,
        mentors: list[Registration],
        labels: dict[int, str],
        board_choice: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.depth = depth
        choices = [("", _("No one"))] + [(m.pk, labels[m.pk]) for m in mentors]
        for rank in range(1, depth + 1):
            self.fields[f"rank_{rank}"] = forms.TypedChoiceField(
                label=_("Choice %(rank)s") % {"rank": rank},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
        if not board_choice:
            del self.fields["board_preference"]

    def rank_fields(self) -> list[forms.BoundField]:
        return [self[f"rank_{rank}"] for rank in range(1, self.depth + 1)]

    def mentor_ids(self) -> list[int]:
        """The mentors chosen, in rank order, with the empty ranks left out."""
        ids = [self.cleaned_data.get(f"rank_{rank}") for rank in range(1, self.depth + 1)]
        return [i for i in ids if i]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: set[int] = set()
        for rank in range(1, self.depth + 1):
            value = cleaned.get(f"rank_{rank}")
            if value and value in seen:
                self.add_error(f"rank_{rank}", _("You chose this mentor for an earlier rank."))
            if value:
                seen.add(value)
        return cleaned


class ConflictForm(forms.Form):
    mentor = forms.TypedChoiceField(label=_("Mentor"), coerce=int)
    kind = forms.ChoiceField(label=_("Conflict"), choices=ConflictKind.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, mentors: list[Registration], labels: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mentors = {m.pk: m for m in mentors}
        self.fields["mentor"].choices = [("", _("Choose…")), *[(m.pk, labels[m.pk]) for m in mentors]]  # type: ignore[attr-defined]


class BoardInputForm(forms.Form):
    acceptable = forms.ChoiceField(
        label=_("Acceptable for our people?"),
        choices=[("", _("No answer yet")), ("yes", _("Yes")), ("no", _("No"))],
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Required when the answer is no."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def acceptable_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("acceptable") or "")
