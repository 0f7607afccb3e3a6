"""Forms of the cost and practicum pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.partnerships.costs import FIRST_YEAR, LAST_YEAR


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class PaidOnForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Date of the payment"),
        required=False,
        help_text=_("Leave it empty for today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PracticumForm(forms.Form):
    mentee_email = forms.EmailField(
        label=_("Your mentee's e-mail address"),
        max_length=254,
        help_text=_("The address of their Mentorweb account. They are asked to accept before the practicum starts."),
    )
    message = forms.CharField(
        label=_("A message for your mentee"),
        required=False,
        max_length=500,
        help_text=_("Optional. What you hope to work on together, for example."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
