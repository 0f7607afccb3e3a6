"""Links that leave the request: in e-mails, calendar files and API answers, a page's address is
the site's public address (SITE_URL) followed by the path Django reverses for it."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str) -> str:
    """The absolute address of a path of the site."""
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    """The site's host name, for identifiers that must be unique across Mentorweb sites."""
    return urlsplit(settings.SITE_URL).hostname or "mentorweb.localhost"
