"""Accessible form rendering, for every form in the project (ours and allauth's)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class AccessibleBoundField(BoundField):
    """Ties each input to its hint and to its error message with aria-describedby.

    Django 5.2 does this for single inputs; it leaves out widgets rendered as a fieldset
    (radio buttons, checkbox lists) and any widget with its own aria-describedby, which
    this class covers, without repeating an id Django already added.
    """

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        ids = [i for i in str(attrs.get("aria-describedby", "")).split() if i]
        if self.help_text and f"{self.auto_id}_helptext" not in ids:
            ids.append(f"{self.auto_id}_helptext")
        if self.errors and f"{self.auto_id}_error" not in ids:
            ids.append(f"{self.auto_id}_error")
        if ids:
            attrs["aria-describedby"] = " ".join(ids)
        return attrs


class AccessibleFormRenderer(DjangoTemplates):
    bound_field_class = AccessibleBoundField


class FilterForm(forms.Form):
    """A list's filters, read from the query string. `FILTERS` maps each value the selector takes
    to its field; `values()` gives them all, "" for one left out or not among the choices, so a
    stale or hand-edited link narrows less instead of showing an error page."""

    FILTERS: dict[str, str] = {}

    def values(self) -> dict[str, str]:
        if self.is_valid():
            data = self.cleaned_data
        else:
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return {key: data.get(field, "") or "" for key, field in self.FILTERS.items()}
