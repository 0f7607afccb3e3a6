"""Forms of the web's pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Language
from mentorweb.core.forms import FilterForm
from mentorweb.webs.models import EMPLOYEE_GROUPS, MAX_CAPACITY, MentorOffer


def _choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _any(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class OfferForm(forms.Form):
    areas = forms.MultipleChoiceField(
        label=_("Areas you can mentor in"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The areas people of the web already use, and your own expertise and needs."),
    )
    other_areas = forms.CharField(
        label=_("Other areas"),
        required=False,
        max_length=1300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line, for an area that is not in the list."),
    )
    summary = forms.CharField(
        label=_("What you offer"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words on your experience and how you like to mentor. Everyone in the web reads it."),
    )
    capacity = forms.IntegerField(
        label=_("How many people you can mentor at once"), min_value=1, max_value=MAX_CAPACITY, initial=2
    )
    is_open = forms.BooleanField(label=_("Open to new requests"), required=False, initial=True)

    def __init__(
        self, *args: Any, vocabulary: list[str], offer: MentorOffer | None, initial_areas: list[str], **kwargs: Any
    ):
        chosen = [a.area for a in offer.areas.all()] if offer is not None else initial_areas
        known = {value.casefold() for value in vocabulary}
        choices = [*vocabulary, *(a for a in chosen if a.casefold() not in known)]
        if offer is not None:
            kwargs["initial"] = {
                "areas": chosen,
                "summary": offer.summary,
                "capacity": offer.capacity,
                "is_open": offer.is_open,
            }
        else:
            kwargs["initial"] = {"areas": chosen, "capacity": 2, "is_open": True}
        super().__init__(*args, **kwargs)
        _choices(self, "areas", [(value, value) for value in sorted(choices, key=str.casefold)])

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        other = [line for line in (data.get("other_areas") or "").splitlines() if line.strip()]
        return {
            "areas": [*data.get("areas", []), *other],
            "summary": data.get("summary", ""),
            "capacity": data["capacity"],
            "is_open": bool(data.get("is_open")),
        }


class FindForm(FilterForm):
    FILTERS = {"query": "q", "area": "area", "role_group": "role_group", "school": "school", "language": "language"}

    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("A name, a position or words of an offer."),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    role_group = forms.ChoiceField(
        label=_("Role group"),
        required=False,
        choices=_any(_("Any role group"), [(g.value, g.label) for g in EMPLOYEE_GROUPS]),
    )
    school = forms.ChoiceField(label=_("School"), required=False)
    language = forms.ChoiceField(
        label=_("Language of service"), required=False, choices=_any(_("Any language"), Language.choices)
    )

    def __init__(self, *args: Any, areas: list[str], schools: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "area", _any(_("Any area"), [(a, a) for a in areas]))
        _choices(self, "school", _any(_("Any school"), [(str(pk), name) for pk, name in schools]))


class RequestForm(forms.Form):
    MENTOR = "mentor"
    PEER = "peer"

    kind = forms.ChoiceField(label=_("What you ask for"), widget=forms.RadioSelect)
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("Needed when you ask for a mentor: one of the areas they offer."),
    )
    purpose = forms.CharField(
        label=_("Why you would like to connect"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: what you hope to learn, or to learn together. The other person reads it."),
    )

    def __init__(self, *args: Any, name: str, can_mentor: bool, areas: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        if can_mentor:
            choices.append((self.MENTOR, _("Ask %(name)s to mentor me") % {"name": name}))
        choices.append((self.PEER, _("Ask %(name)s to connect as peers: we learn from each other") % {"name": name}))
        _choices(self, "kind", choices)
        self.fields["kind"].initial = choices[0][0]
        _choices(self, "area", _any(_("No area in particular"), [(a, a) for a in areas]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == self.MENTOR and not data.get("area"):
            self.add_error("area", _("Choose the area you would like to be mentored in."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept")), ("decline", _("I decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why you decline"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed if you decline. The person who asked reads it: a kind word and, if you can, who else to ask."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Tell the person who asked why you decline."))
        return data


class LearningForm(forms.Form):
    text = forms.CharField(
        label=_("What I learned"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Both of you read it. Learning goes both ways: mentors write here too."),
    )
