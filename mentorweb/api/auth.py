"""How the API knows who is calling: a personal access token, or the browser's session.

Both hand the user to the operation as `request.auth` and also set `request.user`, so the
permission predicates and the audit trail see the same person either way. The audit source
("api") is set for every /api/ path by mentorweb.core.middleware.AuditSourceMiddleware.
"""

from __future__ import annotations

from typing import Any

from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from mentorweb.accounts.models import User
from mentorweb.api.selectors import token_lookup
from mentorweb.api.services import token_mark_used
from mentorweb.organizations.selectors import user_has_staff_role


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mw_<prefix>_<secret>`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_lookup(token.strip())
        if found is None:
            return None
        token_mark_used(token=found)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods.

    Unlike ninja's own `django_auth`, the CSRF check runs only when the session is what
    authenticates: an anonymous call is a plain 401, and a call that sends a token is judged
    on the token alone, never on a cookie that happens to ride along.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        if request.headers.get("Authorization", "").lower().startswith("bearer"):
            return None
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
            raise HttpError(403, _("CSRF check failed. Send the X-CSRFToken header with the csrftoken cookie's value."))
        # The web pages make staff enrol a second factor first (StaffMFARequiredMiddleware
        # lets /api/ through for tokens); the session must not be a way around that.
        if (user.is_superuser or user_has_staff_role(user)) and not is_mfa_enabled(user, ["totp"]):
            raise HttpError(403, _("Your role requires two-factor authentication. Set it up in the web pages first."))
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        # Not used: __call__ reads the session that Django's middleware already loaded.
        return None


def caller(request: HttpRequest) -> User:
    """The authenticated user of an API operation (every operation requires authentication)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def recently_reauthenticated(request: HttpRequest) -> bool:
    """True when the session's user confirmed their password within ACCOUNT_REAUTHENTICATION_TIMEOUT.

    allauth keeps this check in an internal module (its public form is a view decorator that
    redirects); it is wrapped here so that an upgrade that moves it changes one line.
    """
    return bool(did_recently_reauthenticate(request))


token_auth = TokenAuth()
session_auth = SessionAuth()
API_AUTH = [token_auth, session_auth]
