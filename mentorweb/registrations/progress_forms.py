"""Forms of the progress pages: what they parse, nothing more (the services hold the rules)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorweb.registrations.progress import MAX_SUBMISSION_LENGTH
from mentorweb.registrations.receipts import FIRST_TAX_YEAR


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick everyone who attended. Everyone left unticked is recorded as absent."),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices


class SubmissionForm(forms.Form):
    submission = forms.CharField(
        label=_("Your assignment or personalized project"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_SUBMISSION_LENGTH,
        help_text=_("Paste your work, or a link to a shared document. Keep a copy: the course pages close."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: the module is complete")), ("return", _("Return for revision"))],
        widget=forms.RadioSelect,
    )
    feedback = forms.CharField(
        label=_("Feedback to the candidate"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text=_("Required when you return the work: say what to revise."),
    )


class MarkCompleteForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput)
    module = forms.IntegerField(widget=forms.HiddenInput)


class ReceiptYearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tax year"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.now().year
        years = range(this_year, max(FIRST_TAX_YEAR, this_year - 6) - 1, -1)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, str(year)) for year in years]
        field.initial = this_year - 1
