"""Journeys through accounts: signing up, logging in with a second factor, editing a profile."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import expect

from mentorweb.accounts.models import Person, User
from mentorweb.organizations.models import StaffRole
from tests.browser.helpers import Browsing, current_totp, mail_text, wait_for_mail
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")
CODE_IN_MAIL = re.compile(r"^\s*([A-Z0-9]{6})\s*$", re.MULTILINE)


def _confirm_from_mail(ui: Browsing, message: EmailMessage) -> None:
    """Confirm the address the way the e-mail says: a link to follow, or a code to type."""
    text = mail_text(message)
    link = CONFIRM_LINK.search(text)
    if link:
        # The mail names SITE_URL as its host; the browser must stay on the live server.
        path = re.sub(r"^https?://[^/]+", "", link.group(0))
        ui.goto(path)
        ui.audit("confirm e-mail")
        ui.click_and_load(ui.page.locator("main form").get_by_role("button"))
        return
    code = CODE_IN_MAIL.search(text)
    assert code, f"the confirmation e-mail has neither a link nor a code:\n{text}"
    ui.page.locator("input[name='code']").fill(code.group(1))
    ui.submit("code")


def test_sign_up_verify_email_and_land_home(ui: Browsing, mailoutbox: list[EmailMessage]) -> None:
    ui.goto("/")
    ui.audit("welcome")
    ui.check_narrow("welcome")

    ui.click_and_load(ui.page.locator("main").get_by_role("link", name="Create an account"))
    ui.audit("sign up")
    ui.check_narrow("sign up")
    page = ui.page
    page.locator("input[name='given_name']").fill("Amélie")
    page.locator("input[name='family_name']").fill("Tremblay")
    page.locator("input[name='email']").fill("amelie.tremblay@example.org")
    page.locator("input[name='password1']").fill("a long and unusual passphrase")
    page.locator("input[name='password2']").fill("a long and unusual passphrase")
    ui.submit("password2")

    # Verification is mandatory: no session yet, a page that says to check the mailbox.
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    ui.audit("verify your e-mail")
    assert not page.locator("form[action$='/accounts/logout/']").count(), "logged in before verifying"

    message = wait_for_mail(mailoutbox, "amelie.tremblay@example.org")
    _confirm_from_mail(ui, message)

    expect(page).to_have_url(ui.url("/"))
    ui.audit("home after sign-up")
    assert "Amélie" in ui.h1()
    expect(page.locator("header").get_by_role("button", name=re.compile("Log out", re.I))).to_be_visible()
    person = Person.objects.select_related("user").get(user__email="amelie.tremblay@example.org")
    assert (person.given_name, person.family_name) == ("Amélie", "Tremblay")
    assert person.user.emailaddress_set.get().verified


def test_staff_logs_in_with_email_password_and_authenticator_code(ui: Browsing) -> None:
    org = OrganizationFactory(name="Northern Lights District School Board", slug="northern-lights")
    admin: User = MembershipFactory(organization=org, role=StaffRole.ORG_ADMIN, person__given_name="Jonah").person.user
    secret = enrol_totp(admin)

    ui.goto("/")
    ui.audit("welcome")
    ui.click_and_load(ui.page.locator("header").get_by_role("link", name="Log in"))
    ui.audit("log in")
    ui.check_narrow("log in")
    ui.page.locator("input[name='login']").fill(admin.email)
    ui.page.locator("input[name='password']").fill(TEST_PASSWORD)
    ui.submit("password")

    # The password alone is not enough: allauth asks for the authenticator code.
    expect(ui.page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    ui.audit("authenticator code")
    ui.check_narrow("authenticator code")
    expect(ui.page.locator("header").get_by_role("link", name="Log in")).to_be_visible()

    # A wrong code is refused, with the error tied to the field.
    code_input = ui.page.locator("input[name='code']")
    wrong = f"{(int(current_totp(secret)) + 1) % 1_000_000:06d}"
    code_input.fill(wrong)
    ui.submit("code")
    expect(ui.page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    ui.audit("authenticator code refused")
    expect(code_input).to_have_attribute("aria-invalid", "true")

    code_input.fill(current_totp(secret))
    ui.submit("code")

    expect(ui.page).to_have_url(ui.url("/"))
    ui.audit("home as staff")
    assert "Jonah" in ui.h1()


def test_edit_profile_then_see_errors_tied_to_fields(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    person = MembershipFactory(person__given_name="Priya", person__region="").person
    sign_in(person.user)
    page = ui.page

    ui.goto("/me/profile/")
    ui.audit("profile")
    page.locator("input[name='position']").fill("Vice-principal, Lakeview Public School")
    page.locator("input[name='region']").fill("Thunder Bay")
    ui.submit("position")

    expect(page).to_have_url(ui.url("/me/profile/"))
    ui.audit("profile saved")
    expect(page.locator("[role='status']")).to_contain_text("Your profile was saved.")
    person.refresh_from_db()
    assert (person.position, person.region) == ("Vice-principal, Lakeview Public School", "Thunder Bay")

    page.locator("input[name='years_in_role']").fill("-3")
    page.locator("input[name='needs']").fill("coaching, " + "x" * 61)
    ui.submit("years_in_role")
    ui.audit("profile with errors")

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    for name in ("years_in_role", "needs"):
        field = page.locator(f"[name='{name}']")
        field_id = field.get_attribute("id")
        assert field_id, f"{name} has no id for the summary to link to"
        expect(summary.locator(f"a[href='#{field_id}']")).to_have_count(1)
        expect(field).to_have_attribute("aria-invalid", "true")
        described_by = (field.get_attribute("aria-describedby") or "").split()
        error_texts = [page.locator(f"[id='{i}']").inner_text() for i in described_by if i.endswith("_error")]
        assert error_texts, f"{name}: aria-describedby={described_by} names no error message"
        assert any(text.strip() for text in error_texts)
    assert "60" in page.locator("[id='id_needs_error']").inner_text()

    # Following the summary link puts the keyboard in the field to correct.
    summary.locator("a[href='#id_years_in_role']").click()
    assert page.evaluate("() => document.activeElement && document.activeElement.name") == "years_in_role"

    person.refresh_from_db()
    assert person.years_in_role is None, "an invalid form must not save anything"
    ui.check_narrow("profile with errors")
