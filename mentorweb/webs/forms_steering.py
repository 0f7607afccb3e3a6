"""The steering committee form: who joins it, and the group they speak for."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.webs.coverage import group_choices


class CommitteeAddForm(forms.Form):
    # An e-mail address, not a list to choose from: a board has thousands of people.
    person = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("They must be a member of the board or of one of its schools."),
        max_length=254,
    )
    represents = forms.ChoiceField(label=_("Represents"), choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["represents"].choices = [("", _("Choose a group")), *group_choices()]  # type: ignore[attr-defined]
