"""Helpers for the accounts tests: reading pages like a screen reader would, and TOTP codes."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from tests.factories import TEST_PASSWORD


def totp_code(secret: str, *, counter_offset: int = 0) -> str:
    """The code an authenticator app shows now (freeze time around the request that uses it)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + counter_offset))


def log_in(client: Client, email: str, password: str = TEST_PASSWORD) -> Any:
    """Log in through the form, as a person does (this also records a fresh authentication)."""
    return client.post("/accounts/login/", {"login": email, "password": password})


def reauthenticate(client: Client, url: str = "/accounts/reauthenticate/", password: str = TEST_PASSWORD) -> Any:
    """Confirm the password again, as allauth asks before e-mail and two-factor changes."""
    response = client.post(url, {"password": password})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return response


class PageReader(HTMLParser):
    """What an accessibility check needs from a page: headings, labels, controls, referenced ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1_count = 0
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.described_by: list[str] = []
        self.has_main = False
        self.has_skip_link = False
        self._open_labels = 0
        self.wrapped_controls: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "h1":
            self.h1_count += 1
        elif tag == "main" and attributes.get("id") == "main":
            self.has_main = True
        elif tag == "a" and attributes.get("href") == "#main":
            self.has_skip_link = True
        elif tag == "label":
            self._open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit", "button"):
            self.controls.append(attributes)
            if self._open_labels:
                self.wrapped_controls.add(attributes.get("id", ""))
        if attributes.get("aria-describedby"):
            self.described_by.extend(attributes["aria-describedby"].split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._open_labels:
            self._open_labels -= 1


def check_page(html: str) -> PageReader:
    """Our layout, one h1, a label for every control, and every aria-describedby pointing somewhere."""
    page = PageReader()
    page.feed(html)
    assert page.has_main and page.has_skip_link, "the page does not extend base.html"
    assert page.h1_count == 1, f"{page.h1_count} h1 elements"
    for control in page.controls:
        name = control.get("name") or control.get("id")
        labelled = (
            control.get("id") in page.label_for
            or control.get("aria-label")
            or control.get("id") in page.wrapped_controls
        )
        assert labelled, f"the control {name!r} has no label"
    missing = [i for i in page.described_by if i not in page.ids]
    assert not missing, f"aria-describedby names ids that are not on the page: {missing}"
    return page
