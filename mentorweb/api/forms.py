from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In one year")),
    ("never", _("Never (not recommended)")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Reporting script on the board's server”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    expiry = forms.ChoiceField(
        label=_("Expires"),
        choices=EXPIRY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
        help_text=_("A token that expires limits the harm if it is ever copied."),
    )

    def expires_at(self) -> datetime | None:
        choice = self.cleaned_data["expiry"]
        return None if choice == "never" else timezone.now() + timedelta(days=int(choice))
