"""Forms of the matching pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.matching.models import ProposalStatus
from mentorweb.programs.models import MatchObjective

# An exported pool of 100 mentees is well under a megabyte; a result is smaller still.
MAX_IMPORT_BYTES = 20 * 1024 * 1024

OBJECTIVE_HELP = _(
    "“As many mentees as possible” first pairs the largest number of mentees the rules allow, then "
    "picks, among those assignments, the one with the best total score. “The best total score” may "
    "leave a mentee without a mentor when their only possible pairs score poorly."
)


class StartForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("What matters most"),
        choices=[
            (MatchObjective.PARTICIPATION, _("As many mentees as possible, then the best total score")),
            (MatchObjective.SCORE, _("The best total score, even if fewer mentees are matched")),
        ],
        widget=forms.RadioSelect,
        help_text=OBJECTIVE_HELP,
    )


class RationaleForm(forms.Form):
    rationale = forms.CharField(
        label=_("Rationale"),
        help_text=_("Required. Say why, for the team and for the record; it is kept with your name."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ProposalStatus.choices])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Result file (JSON)"),
        help_text=_("The output of mentorweb-match for this offering's exported pool."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            raise forms.ValidationError(_("The file is not valid JSON.")) from error
