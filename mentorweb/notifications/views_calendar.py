"""The candidate's calendar: a file to download, a private subscription link, and rotating it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.notifications import calendar
from mentorweb.registrations.selectors import get_registration_for_user


def _ics(content: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # Personal data behind a secret link: no shared cache may keep it.
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def ics(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_registration_for_user(request.user, registration_id)
    return _ics(calendar.registration_calendar(registration), f"sessions-{registration.pk}.ics", attachment=True)


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription feed: calendar programs fetch it without logging in, so the token is the key."""
    registration = calendar.registration_for_feed(token)
    if registration is None:
        raise Http404
    return _ics(calendar.registration_calendar(registration), "sessions.ics", attachment=False)


@login_required
def subscribe(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_registration_for_user(request.user, registration_id)
    context = {"registration": registration, "feed_url": calendar.feed_url(registration)}
    return render(request, "notifications/calendar.html", context)


@login_required
def rotate(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_registration_for_user(request.user, registration_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    had_link = bool(registration.calendar_token)
    try:
        calendar.calendar_token_rotate(actor=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your new calendar link is ready. The old one no longer works.")
            if had_link
            else _("Your calendar link is ready."),
        )
    return redirect("calendar:subscribe", registration_id=registration.pk)
