"""Journey: switching the interface to French and back from the header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.helpers import Browsing
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

WELCOME_TITLE = "Mentoring programs for educators, end to end"
PROFILE_TITLE = "My profile"


def french(text: str) -> str:
    """The French catalogue's translation; the test needs one that differs from the English."""
    with translation.override("fr"):
        translated = translation.gettext(text)
    assert translated != text, f"the French catalogue has no translation for {text!r}"
    return translated


def test_switch_to_french_and_back(ui: Browsing) -> None:
    expected_title = french(WELCOME_TITLE)
    header = ui.page.locator("header")

    ui.goto("/")
    ui.audit("welcome in English")
    assert ui.html_lang() == "en"
    assert ui.h1() == WELCOME_TITLE

    ui.click_and_load(header.get_by_role("button", name="Français"))
    ui.audit("welcome in French")
    assert ui.html_lang() == "fr"
    assert ui.h1() == expected_title
    ui.check_narrow("welcome in French")

    # The choice is remembered (language cookie), not carried by the URL.
    ui.reload()
    ui.audit("welcome in French after reload")
    assert ui.html_lang() == "fr"
    assert ui.h1() == expected_title

    ui.click_and_load(header.get_by_role("button", name="English"))
    ui.audit("welcome back in English")
    assert ui.html_lang() == "en"
    assert ui.h1() == WELCOME_TITLE
    expect(header.get_by_role("button", name="Français")).to_be_visible()


def test_signed_in_member_reads_profile_in_french(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    expected_title = french(PROFILE_TITLE)
    sign_in(MembershipFactory().person.user)

    ui.goto("/me/profile/")
    ui.audit("profile in English")
    ui.click_and_load(ui.page.locator("header").get_by_role("button", name="Français"))
    ui.audit("profile in French")
    # set_language sends the person back to the page they were on.
    assert ui.page.url == ui.url("/me/profile/")
    assert ui.html_lang() == "fr"
    assert ui.h1() == expected_title
    ui.check_narrow("profile in French")
