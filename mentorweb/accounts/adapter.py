from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        from mentorweb.accounts.services import person_create_for_signup

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            person_create_for_signup(
                user=user,
                given_name=form.cleaned_data["given_name"],
                family_name=form.cleaned_data["family_name"],
                preferred_language=getattr(request, "LANGUAGE_CODE", "en")[:2],
            )
        return user
