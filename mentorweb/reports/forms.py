from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CompletionsFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year of completion"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("Leave empty for every year."),
    )
