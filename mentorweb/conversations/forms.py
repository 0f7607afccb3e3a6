"""Forms of the conversation pages: a record's answers (built from the tool's questions) and the
staff editor of a tool. They parse input; the services check it and name the field at fault."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentorweb.conversations.display import questions as display_questions
from mentorweb.conversations.models import ConversationTemplate, FieldKind, Tool

SCALE_CHOICES = [(str(value), str(value)) for value in range(11)]


class AnswersForm(forms.Form):
    """One input per question of the tool; names are the question keys."""

    def __init__(self, *args: Any, template: ConversationTemplate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        for question in display_questions(template.fields, template.is_builtin):
            self.fields[question["key"]] = _answer_field(question)

    def answers(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for question in self.template.fields:
            value = self.cleaned_data.get(question["key"])
            if question["kind"] == FieldKind.SCALE_0_10:
                value = int(value) if value not in (None, "") else None
            data[question["key"]] = value
        return data


def _answer_field(question: dict[str, Any]) -> forms.Field:
    label = question["label"]
    if question.get("required"):
        label = gettext("%(label)s (required)") % {"label": label}
    common: dict[str, Any] = {"label": label, "required": False, "help_text": question.get("help", "")}
    kind = question["kind"]
    if kind == FieldKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=10000, **common)
    if kind == FieldKind.CHOICE:
        return forms.ChoiceField(choices=question["option_labels"], widget=forms.RadioSelect, **common)
    if kind == FieldKind.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            choices=question["option_labels"], widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == FieldKind.SCALE_0_10:
        return forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect(attrs={"class": "scale"}), **common)
    return forms.CharField(max_length=1000, **common)


# --- staff: a tool and its questions -------------------------------------------------------------


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    tool = forms.ChoiceField(
        label=_("Kind of tool"),
        choices=Tool.choices,
        initial=Tool.CUSTOM,
        help_text=_("Scaling-question tools are tracked on the partnership's chart (their first 0–10 question)."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to mentors and mentees when they choose a tool."),
    )
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        initial=True,
        help_text=_("A tool not in use is not offered to partnerships; its records stay."),
    )

    @classmethod
    def for_template(cls, template: ConversationTemplate, data: Any = None) -> TemplateForm:
        initial = {name: getattr(template, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class QuestionForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=40,
        required=False,
        help_text=_("Lower-case letters, digits and underscores, e.g. next_steps. It names the answer in exports."),
    )
    label = forms.CharField(label=_("Question"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=FieldKind.choices, initial=FieldKind.LONG_TEXT)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a question with choices: one option a line."),
    )
    help = forms.CharField(label=_("Hint"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("key") or data.get("label"))

    def question(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "label": data["label"],
            "kind": data["kind"],
            "options": [line.strip() for line in data["options"].splitlines() if line.strip()],
            "help": data["help"],
            "required": data["required"],
        }


class BaseQuestionFormSet(forms.BaseFormSet):
    def kept_forms(self) -> list[QuestionForm]:
        """The questions to save, in order: filled in and not marked for removal."""
        return [
            form
            for form in self.forms
            if form.is_valid() and not self._should_delete_form(form) and not form.is_blank()  # type: ignore[attr-defined]
        ]


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=2, can_delete=True, max_num=30, validate_max=True
)


def question_initial(template: ConversationTemplate) -> list[dict[str, Any]]:
    return [
        {**field, "options": "\n".join(field.get("options", [])), "help": field.get("help", "")}
        for field in template.fields
    ]
