from __future__ import annotations

from typing import Any

from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.account.forms import ResetPasswordKeyForm as AllauthResetPasswordKeyForm
from allauth.account.forms import SetPasswordForm as AllauthSetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import CredentialKind, Person


class PlainPasswordHelpMixin:
    """The password rules as one plain sentence per rule, in the page's language.

    allauth builds them once, at import, as an HTML list: in English whatever the page
    language, and a list cannot sit inside the hint paragraph that aria-describedby points to.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password1" in self.fields:
            self.fields["password1"].help_text = " ".join(password_validation.password_validators_help_texts())


class SignupForm(PlainPasswordHelpMixin, AllauthSignupForm):
    given_name = forms.CharField(
        label=_("Given name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    family_name = forms.CharField(
        label=_("Family name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    field_order = ["given_name", "family_name", "email", "password1", "password2"]


class ChangePasswordForm(PlainPasswordHelpMixin, AllauthChangePasswordForm):
    pass


class SetPasswordForm(PlainPasswordHelpMixin, AllauthSetPasswordForm):
    pass


class ResetPasswordKeyForm(PlainPasswordHelpMixin, AllauthResetPasswordKeyForm):
    pass


class CredentialForm(forms.Form):
    """Declaring a professional registration. Posted only: the number never goes into a URL."""

    kind = forms.ChoiceField(label=_("Kind of credential"), choices=[("", _("Choose…")), *CredentialKind.choices])
    number = forms.CharField(
        label=_("Registration number"),
        max_length=60,
        help_text=_("Letters and digits only. After saving, only its last three characters are shown."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class TagsField(forms.CharField):
    """A comma-separated list in the form, a list of strings in the model."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        seen: list[str] = []
        for part in text.split(","):
            tag = " ".join(part.split())
            if tag and tag.lower() not in (s.lower() for s in seen):
                if len(tag) > 60:
                    raise forms.ValidationError(_("Each entry must be 60 characters or fewer."))
                seen.append(tag)
        if len(seen) > 30:
            raise forms.ValidationError(_("Enter at most 30 entries."))
        return seen


class ProfileForm(forms.ModelForm):
    languages_of_service = forms.MultipleChoiceField(
        label=_("Languages of service"),
        choices=[("en", _("English")), ("fr", _("French"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = TagsField(label=_("Needs"), required=False, help_text=_("Separate entries with commas."))
    expertise = TagsField(label=_("Areas of expertise"), required=False, help_text=_("Separate entries with commas."))

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "preferred_language",
            "role_group",
            "position",
            "portfolio",
            "years_in_role",
            "region",
            "remote_or_isolated",
            "languages_of_service",
            "needs",
            "expertise",
            "bio",
        ]
        widgets = {
            "given_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
        }
