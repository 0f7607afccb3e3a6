"""Forms of the workspace pages. They parse input; the services decide what is allowed and
name the field at fault, which the views tie back to the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.core.errors import DomainError
from mentorweb.partnerships.agreements import InformalChannel
from mentorweb.partnerships.models import GoalStatus, Meeting, MeetingMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def tie_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal next to the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _text(label: Any, *, rows: int = 4, max_length: int = 4000, help_text: Any = "", required: bool = False) -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ConfidentialityField(forms.BooleanField):
    def __init__(self) -> None:
        # Not required here: the service refuses without it and names the field, in one place.
        super().__init__(
            label=_("I acknowledge that what we share in this partnership stays confidential between us."),
            required=False,
        )


class AgreementForm(forms.Form):
    informal_channels = forms.MultipleChoiceField(
        label=_("How we reach each other between meetings"),
        choices=InformalChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a quick question that needs an answer soon."),
    )
    informal_notes = _text(
        _("Details (when, how quickly we answer)"),
        rows=3,
        max_length=2000,
        help_text=_("For example: text any time on school days; we answer within a day."),
    )
    formal_planning = _text(
        _("How we plan our growth"),
        rows=4,
        help_text=_("For example: a goal-setting conversation in the first month, then a review each term."),
    )
    meeting_every_days = forms.IntegerField(
        label=_("We meet every (days)"), min_value=1, max_value=365, help_text=_("14 means every two weeks.")
    )
    meeting_modes = forms.MultipleChoiceField(
        label=_("How we meet"), choices=MeetingMode.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    hours_per_month = forms.DecimalField(
        label=_("Hours a month (optional)"),
        required=False,
        min_value=0,
        max_value=200,
        max_digits=5,
        decimal_places=2,
    )
    confidentiality = ConfidentialityField()

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "confidentiality"}


class AcknowledgeForm(forms.Form):
    confidentiality = ConfidentialityField()


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Start time"), widget=TIME)
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=1, max_value=720, initial=60)
    mode = forms.ChoiceField(label=_("How we meet"), choices=MeetingMode.choices, widget=forms.RadioSelect)
    location = forms.CharField(
        label=_("Where, or the video link"), max_length=300, required=False, help_text=_("Optional.")
    )
    agenda = _text(
        _("Agenda"), rows=5, help_text=_("It starts from the plan you set for this time at your last meeting.")
    )

    def __init__(self, *args: Any, time_zone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if time_zone:
            self.fields["time"].help_text = _("In %(zone)s time.") % {"zone": time_zone}

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class LogForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Topics we covered"), widget=forms.CheckboxSelectMultiple, required=False
    )
    other_topics = _text(_("Other topics"), rows=3, help_text=_("One a line."))
    shared_notes = _text(
        _("Shared notes"),
        rows=6,
        max_length=20000,
        help_text=_("Both of you read these. For notes only you can read, write a private note."),
    )
    next_plan = _text(_("Plan for next time"), rows=4, help_text=_("It opens the agenda of your next meeting."))
    duration_minutes = forms.IntegerField(label=_("How long it lasted (minutes)"), min_value=1, max_value=720)

    def __init__(self, *args: Any, topics: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["topics"]
        field.choices = [(topic, topic) for topic in topics]  # type: ignore[attr-defined]
        if not topics:
            del self.fields["topics"]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["other_topics"] = data.get("other_topics", "").splitlines()
        data.setdefault("topics", [])
        return data


class RecordForm(LogForm):
    """A meeting that took place without being scheduled: when and how, then its log."""

    date = forms.DateField(label=_("Date"), widget=DATE)
    time = forms.TimeField(label=_("Start time"), widget=TIME)
    mode = forms.ChoiceField(label=_("How we met"), choices=MeetingMode.choices, widget=forms.RadioSelect)
    location = forms.CharField(label=_("Where"), max_length=300, required=False, help_text=_("Optional."))

    field_order = ["date", "time", "duration_minutes", "mode", "location", "topics", "other_topics"]

    def service_parts(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = self.service_data()
        when = {name: data.pop(name) for name in ("date", "time", "duration_minutes", "mode", "location")}
        return when, data


def meeting_choices(meetings: list[Meeting], time_zone: str) -> list[tuple[str, Any]]:
    from mentorweb.programs.times import local

    return [("", _("None"))] + [(str(m.pk), local(m.starts_at, time_zone).strftime("%Y-%m-%d %H:%M")) for m in meetings]


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = _text(_("What it means"), rows=3)
    success_indicators = _text(_("How we will know it is met (success indicators)"), rows=3)
    next_steps = _text(_("Next steps"), rows=3)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100, initial=0)
    due_on = forms.DateField(label=_("Due date"), widget=DATE, required=False, help_text=_("Optional."))
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN)
    set_at_meeting = forms.TypedChoiceField(
        label=_("Set at the meeting of"), required=False, coerce=int, empty_value=None, help_text=_("Optional.")
    )

    def __init__(self, *args: Any, meetings: list[Meeting], time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["set_at_meeting"].choices = meeting_choices(meetings, time_zone)  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["set_at_meeting"] = self.meetings.get(data.get("set_at_meeting") or 0)
        return data


class NoteForm(forms.Form):
    text = _text(_("Note"), rows=8, max_length=20000, required=True)
    meeting = forms.TypedChoiceField(
        label=_("About the meeting of"), required=False, coerce=int, empty_value=None, help_text=_("Optional.")
    )

    def __init__(self, *args: Any, meetings: list[Meeting], time_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = meeting_choices(meetings, time_zone)  # type: ignore[attr-defined]

    def chosen_meeting(self) -> Meeting | None:
        return self.meetings.get(self.cleaned_data.get("meeting") or 0)


class EndForm(forms.Form):
    reason = _text(
        _("Why the partnership ends"),
        rows=4,
        max_length=500,
        required=True,
        help_text=_("Both people read it. Program staff read it too."),
    )


class ConfirmForm(forms.Form):
    """A confirmation step with no input (cancel a meeting, delete a note, complete)."""
