from __future__ import annotations

from typing import Any

from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from mentorweb.accounts.forms import CredentialForm, ProfileForm
from mentorweb.accounts.language import remember_language
from mentorweb.accounts.models import Language, Person
from mentorweb.accounts.selectors import credentials_for_person, person_for_user
from mentorweb.accounts.services import (
    PROFILE_FIELDS,
    credential_declare,
    person_ensure_for_user,
    person_set_language,
    person_update,
)
from mentorweb.core.errors import DomainError
from mentorweb.organizations.selectors import active_memberships

CREDENTIAL_PREFIX = "credential"


def _add_error(form: forms.BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _render_profile(
    request: HttpRequest, person: Person, *, form: forms.BaseForm, credential_form: forms.BaseForm
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form,
        "credential_form": credential_form,
        "credentials": credentials_for_person(person),
        "memberships": active_memberships(request.user),
        "mfa_enabled": is_mfa_enabled(request.user),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def profile(request: HttpRequest) -> HttpResponseBase:
    person = person_ensure_for_user(user=request.user)  # type: ignore[arg-type]
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = person_update(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                data={name: form.cleaned_data[name] for name in PROFILE_FIELDS},
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            # The preferred language is also the interface language, from this message on.
            translation.activate(person.preferred_language)
            messages.success(request, _("Your profile was saved."))
            return remember_language(redirect("profile"), person.preferred_language)
    return _render_profile(request, person, form=form, credential_form=CredentialForm(prefix=CREDENTIAL_PREFIX))


@login_required
@require_POST
def credential_add(request: HttpRequest) -> HttpResponse:
    person = person_ensure_for_user(user=request.user)  # type: ignore[arg-type]
    form = CredentialForm(request.POST, prefix=CREDENTIAL_PREFIX)
    if form.is_valid():
        try:
            credential_declare(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                kind=form.cleaned_data["kind"],
                number=form.cleaned_data["number"],
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Your credential was saved. It will be checked against the register."))
            return redirect(reverse("profile") + "#credentials")
    return _render_profile(request, person, form=ProfileForm(instance=person), credential_form=form)


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie), and for a logged-in person their saved preference too."""
    response = django_set_language(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if language not in Language.values:
        # Django accepts any language it has a catalogue for (German, say); we offer two.
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        return response
    person = person_for_user(request.user)
    if person is not None:
        person_set_language(actor=request.user, person=person, language=language)  # type: ignore[arg-type]
    return response
