"""The interface language: a cookie read by LocaleMiddleware, kept in step with Person.preferred_language."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBase

# Set on the request by the login signal, read by LoginLanguageMiddleware on the way out.
LOGIN_LANGUAGE_ATTR = "_mentorweb_login_language"


def remember_language(response: HttpResponseBase, language: str) -> HttpResponseBase:
    """Set the language cookie exactly as Django's set_language view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    return response
