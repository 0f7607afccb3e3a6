from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from mentorweb.accounts.language import LOGIN_LANGUAGE_ATTR, remember_language
from mentorweb.organizations.selectors import user_has_staff_role

# Pages a staff member without MFA may still reach: setting MFA up, logging out,
# switching language, static files and the API (which uses tokens, not sessions).
ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/")


class StaffMFARequiredMiddleware:
    """Staff must enrol a second factor (TOTP) before they can use any staff page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and (user.is_superuser or user_has_staff_role(user))
            and not is_mfa_enabled(user, ["totp"])
        ):
            messages.warning(
                request, _("Your role requires two-factor authentication. Set up an authenticator app to continue.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class LoginLanguageMiddleware:
    """After a login, the browser keeps the person's preferred language (set by the login signal)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = getattr(request, LOGIN_LANGUAGE_ATTR, None)
        if language:
            remember_language(response, language)
        return response
