"""Forms of the organization pages. They parse input; the services decide what is allowed."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import CredentialStatus, RoleGroup
from mentorweb.core.models import AuditSource
from mentorweb.organizations.models import MembershipStatus, Organization, StaffRole

TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]
LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French"))]


def _any(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"), max_length=40, required=False, help_text=_("Shown in menus and lists, e.g. OPC.")
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        help_text=_("Dates and times are shown in this time zone to everyone in the organization."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    @classmethod
    def for_organization(cls, organization: Organization, data: Any = None) -> OrganizationForm:
        initial = {
            "name": organization.name,
            "short_name": organization.short_name,
            "time_zone": organization.time_zone,
            "languages": organization.languages,
            "contact_email": organization.contact_email,
        }
        return cls(data, initial=initial)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=StaffRole.choices,
        initial=StaffRole.MEMBER,
        help_text=_("Staff roles need two-factor authentication, set up at first login."),
    )
    status = forms.ChoiceField(label=_("Membership status"), choices=MembershipStatus.choices, initial="active")


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)


class CredentialVerifyForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status shown by the register"),
        choices=[(value, label) for value, label in CredentialStatus.choices if value != CredentialStatus.DECLARED],
    )


class DirectoryFilterForm(forms.Form):
    """Filters of the people directory, read from the query string."""

    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=_any(_("Any role"), StaffRole.choices), required=False)
    role_group = forms.ChoiceField(
        label=_("Role group"), choices=_any(_("Any role group"), RoleGroup.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Membership status"), choices=_any(_("Any status"), MembershipStatus.choices), required=False
    )
    state = forms.ChoiceField(
        label=_("Active or deactivated"),
        choices=[("active", _("Active")), ("deactivated", _("Deactivated")), ("all", _("Both"))],
        required=False,
    )

    def filters(self) -> dict[str, str]:
        """The valid filters; a bad value in one filter does not cancel the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "role": data.get("role", ""),
            "role_group": data.get("role_group", ""),
            "status": data.get("status", ""),
            "state": data.get("state") or "active",
        }


class AuditFilterForm(forms.Form):
    """Filters of the audit trail. Dates are days in the organization's time zone."""

    actor = forms.CharField(label=_("Actor e-mail"), max_length=254, required=False)
    action = forms.CharField(
        label=_("Action"), max_length=64, required=False, help_text=_("Or its beginning, e.g. membership.")
    )
    object_type = forms.CharField(
        label=_("Object type"), max_length=64, required=False, help_text=_("e.g. organizations.membership")
    )
    source = forms.ChoiceField(label=_("Source"), choices=_any(_("Any source"), AuditSource.choices), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, time_zone: str = "UTC", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(time_zone)

    def _reasonable(self, name: str) -> date | None:
        # Far-off dates would overflow when moved to UTC or to the next day.
        day: date | None = self.cleaned_data.get(name)
        if day is not None and not 1970 <= day.year <= 2999:
            raise forms.ValidationError(_("Enter a date between 1970 and 2999."))
        return day

    def clean_since(self) -> date | None:
        return self._reasonable("since")

    def clean_until(self) -> date | None:
        return self._reasonable("until")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must be on or after the start date."))
        return data

    def _start_of(self, day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=self.zone)

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        since, until = data.get("since"), data.get("until")
        return {
            "actor": data.get("actor", "").strip(),
            "action": data.get("action", "").strip().lower(),
            "object_type": data.get("object_type", "").strip().lower(),
            "source": data.get("source", ""),
            "since": self._start_of(since) if since else None,
            # The end date is included: the trail runs to the start of the next day.
            "until": self._start_of(until + timedelta(days=1)) if until else None,
        }
