"""Forms of the health and survey pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.partnerships.models import Health, PartnershipStatus, Survey
from mentorweb.partnerships.surveys import (
    MAX_TEXT_ANSWER,
    QUESTION_KINDS,
    SCALE,
    current_questions,
    label_of,
    offers_quote,
)

SCALE_WORDS = {1: _("1 – not at all"), 2: "2", 3: "3", 4: "4", 5: _("5 – very much")}
KIND_LABELS = {"scale": _("A rating from 1 to 5"), "text": _("A written answer"), "choice": _("One choice from a list")}


class PartnershipFilterForm(forms.Form):
    program = forms.TypedChoiceField(label=_("Program"), coerce=int, empty_value=None, required=False)
    offering = forms.TypedChoiceField(label=_("Offering"), coerce=int, empty_value=None, required=False)
    health = forms.ChoiceField(label=_("Health"), choices=[("", _("Any health")), *Health.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *PartnershipStatus.choices], required=False
    )

    def __init__(
        self, data: Any, *, programs: list[tuple[int, str]], offerings: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["program"].choices = [("", _("Every program")), *programs]  # type: ignore[attr-defined]
        self.fields["offering"].choices = [("", _("Every offering")), *offerings]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The filters that parsed; a value that did not (a stale link) is left out."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "program_id": cleaned.get("program"),
            "offering_id": cleaned.get("offering"),
            "health": cleaned.get("health") or "",
            "status": cleaned.get("status") or "",
        }


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[(kind, KIND_LABELS[kind]) for kind in QUESTION_KINDS],
        widget=forms.RadioSelect,
        initial="scale",
    )
    options = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For one choice from a list: one choice a line, at least two."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    @classmethod
    def for_question(cls, question: dict[str, Any], data: Any = None) -> QuestionForm:
        initial = {
            "label": question.get("label", ""),
            "kind": question.get("kind", "scale"),
            "options": "\n".join(question.get("options", [])),
            "required": question.get("required", False),
        }
        return cls(data, initial=initial)

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "label": data["label"],
            "kind": data["kind"],
            "options": data["options"],
            "required": data["required"],
        }


def answer_field(key: str) -> str:
    return f"q_{key}"


class SurveyAnswerForm(forms.Form):
    """One field per question of the survey, plus the quote and its consent on a closing survey."""

    def __init__(self, survey: Survey, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.survey = survey
        for question in current_questions(survey):
            name = answer_field(question["key"])
            label = label_of(question["label"])
            required = bool(question.get("required"))
            if question["kind"] == "scale":
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=[(value, SCALE_WORDS[value]) for value in SCALE],
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=required,
                )
            elif question["kind"] == "choice":
                self.fields[name] = forms.ChoiceField(
                    label=label,
                    choices=[(option, label_of(option)) for option in question.get("options", [])],
                    widget=forms.RadioSelect,
                    required=required,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=label,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    max_length=MAX_TEXT_ANSWER,
                    required=required,
                )
        if offers_quote(survey):
            self.fields["quote"] = forms.CharField(
                label=_("A quote we may publish (optional)"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=1000,
                required=False,
                help_text=_(
                    "A sentence or two about what the program meant to you, like the testimonials other "
                    "participants gave. It is published without your name, and only if you tick the box below."
                ),
            )
            self.fields["quote_consent"] = forms.BooleanField(
                label=_("I agree that this quote may be published without my name"), required=False
            )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        answers = {
            question["key"]: data.get(answer_field(question["key"]))
            for question in current_questions(self.survey)
            if data.get(answer_field(question["key"])) not in (None, "")
        }
        return {
            "answers": answers,
            "quote": data.get("quote", ""),
            "quote_consent": bool(data.get("quote_consent", False)),
        }

    def field_for(self, error_field: str | None) -> str | None:
        """The form field a service error names ("answers.<key>" → "q_<key>")."""
        if error_field and error_field.startswith("answers."):
            error_field = answer_field(error_field.removeprefix("answers."))
        return error_field if error_field in self.fields else None
