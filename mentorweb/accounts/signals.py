from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from mentorweb.accounts.language import LOGIN_LANGUAGE_ATTR
from mentorweb.accounts.models import Person, UserSession


@receiver(user_logged_in)
def remember_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


@receiver(user_logged_in)
def use_preferred_language(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Switch to the person's language at login, on any device.

    Activated now, so that the "logged in" message of this very request is already in that
    language; LoginLanguageMiddleware then sets the cookie on the response.
    """
    if request is None:
        return
    language = Person.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    if language not in dict(settings.LANGUAGES):
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
    setattr(request, LOGIN_LANGUAGE_ATTR, language)
