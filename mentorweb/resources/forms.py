"""Forms of the library pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Language, RoleGroup
from mentorweb.core.forms import FilterForm
from mentorweb.resources.models import Resource, ResourceType, Theme


def _any(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class LibraryFilterForm(FilterForm):
    FILTERS = {"query": "q", "type": "type", "theme": "theme", "audience": "audience", "language": "language"}

    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words from the title or the summary."),
    )
    type = forms.ChoiceField(label=_("Type"), choices=_any(_("Any type"), ResourceType.choices), required=False)
    theme = forms.ChoiceField(label=_("Theme"), choices=_any(_("Any theme"), Theme.choices), required=False)
    audience = forms.ChoiceField(label=_("For"), choices=_any(_("Everyone"), RoleGroup.choices), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=_any(_("Any language"), Language.choices), required=False)


class StaffFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), max_length=200, required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    published = forms.ChoiceField(
        label=_("In the library"),
        choices=[("", _("Published or not")), ("yes", _("Published")), ("no", _("Not published"))],
        required=False,
    )

    def values(self) -> dict[str, str]:
        data = self.cleaned_data if self.is_valid() else {}
        return {"query": data.get("q", "") or "", "published": data.get("published", "") or ""}


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=ResourceType.choices)
    link = forms.CharField(
        label=_("Link"),
        max_length=500,
        required=False,
        widget=forms.URLInput(),
        help_text=_("A web address starting with https://. Give a link or a file, not both."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A document, slides, a sheet, a picture or a short video, at most 25 MB."),
    )
    source = forms.CharField(
        label=_("Where to find it"), max_length=200, required=False, help_text=_("For example: TeachOntario.")
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("Meant for"),
        choices=RoleGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty when it is meant for everyone."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices, initial=Language.EN)
    is_published = forms.BooleanField(label=_("Published in the library"), required=False, initial=True)

    def __init__(self, *args: Any, resource: Resource | None = None, **kwargs: Any) -> None:
        self.resource = resource
        if resource is not None:
            kwargs["initial"] = {
                "title": resource.title,
                "type": resource.type,
                "link": resource.link,
                "source": resource.source,
                "summary": resource.summary,
                "themes": resource.theme_values(),
                "audiences": resource.audience_values(),
                "language": resource.language,
                "is_published": resource.is_published,
            }
        super().__init__(*args, **kwargs)
        if resource is not None and resource.file:
            self.fields["remove_file"] = forms.BooleanField(label=_("Remove the current file"), required=False)
            self.fields["file"].help_text = _("Choose a file only to replace the current one.")

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ResourceForm.base_fields if name != "file"}
