"""Every allauth page goes through our layout: one h1, labelled fields, errors tied to their inputs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.test import Client

from mentorweb.accounts.tests.conftest import check_page, log_in, reauthenticate, totp_code
from mentorweb.organizations.models import StaffRole
from tests.factories import MembershipFactory, UserFactory, enrol_totp

NOON = datetime(2025, 3, 4, 17, 0, 10, tzinfo=UTC)


def page(client: Client, url: str, expected_status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == expected_status, f"{url}: {response.status_code}"
    html: str = response.content.decode()
    check_page(html)
    return html


@pytest.fixture
def staff_with_factor(db: Any, time_machine: Any) -> dict[str, Any]:
    """A coordinator with a known TOTP secret and recovery codes, logged in with both factors."""
    time_machine.move_to(NOON, tick=False)
    user = MembershipFactory(role=StaffRole.COORDINATOR).person.user
    secret = enrol_totp(user)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    client = Client()
    assert log_in(client, user.email)["Location"] == "/accounts/2fa/authenticate/"
    html = page(client, "/accounts/2fa/authenticate/")
    assert 'autocomplete="one-time-code"' in html
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})["Location"] == "/"
    reauthenticate(client)
    return {"user": user, "secret": secret, "codes": codes, "client": client}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Mentoring programs for educators"),
        ("/accounts/login/", "Log in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/confirm-email/", "Check your e-mail"),
        ("/accounts/password/reset/", "Password Reset"),
        ("/accounts/password/reset/done/", "Password Reset"),
        ("/accounts/password/reset/key/done/", "Change Password"),
        ("/accounts/password/reset/key/1-not-a-real-key/", "Bad Token"),
        ("/accounts/confirm-email/not-a-real-key/", "Confirm your e-mail address"),
        ("/accounts/inactive/", "Account Inactive"),
    ],
)
def test_pages_on_the_way_in(client: Client, url: str, heading: str) -> None:
    html = page(client, url)
    assert heading in html.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.mark.django_db
def test_login_errors_are_summarised_at_the_top_of_the_form(client: Client) -> None:
    html = client.post("/accounts/login/", {"login": "nobody@example.org", "password": "wrong"}).content.decode()
    check_page(html)
    summary = html.index('class="error-summary"')
    assert summary < html.index('name="login"')
    assert "not correct" in html[summary:]


@pytest.mark.django_db
def test_signup_errors_are_tied_to_their_fields(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"given_name": "", "family_name": "Roy", "email": "not-an-address", "password1": "x", "password2": "y"},
    )
    html = response.content.decode()
    reader = check_page(html)
    assert 'class="error-summary"' in html
    assert '<a href="#id_given_name">' in html
    for field in ("given_name", "email"):
        assert f"id_{field}_error" in reader.ids
        assert f"id_{field}_error" in reader.described_by
    # The password rules are a plain hint the input points to, not a list inside a paragraph.
    assert "id_password1_helptext" in reader.described_by
    assert "<ul>" not in html.split('id="id_password1_helptext"', 1)[1].split("</p>", 1)[0]


def test_confirm_email_page_for_a_real_key(db: Any, client: Client) -> None:
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email="new.address@example.org", verified=False)
    key = EmailConfirmationHMAC(address).key
    html = page(client, f"/accounts/confirm-email/{key}/")
    assert "new.address@example.org" in html
    assert 'type="submit"' in html


def test_password_reset_from_key_form(db: Any, client: Client) -> None:
    user = UserFactory()
    url = f"/accounts/password/reset/key/{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}/"
    response = client.get(url)
    assert response.status_code == 302
    html = page(client, response["Location"])
    assert 'name="password1"' in html and 'name="password2"' in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/password/change/", "Change Password"),
        ("/accounts/email/", "E-mail addresses"),
        ("/accounts/reauthenticate/", "Confirm Access"),
        ("/accounts/logout/", "Log out"),
        ("/accounts/2fa/", "Two-Factor Authentication"),
        ("/me/profile/", "My profile"),
    ],
)
def test_pages_for_a_logged_in_member(personas: Any, url: str, heading: str) -> None:
    html = page(personas.client_for("member"), url)
    assert heading in html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    # Account pages share the account settings navigation.
    if url != "/accounts/reauthenticate/":
        assert 'aria-label="Account settings"' in html


def test_email_page_lists_addresses_in_a_labelled_group(personas: Any) -> None:
    EmailAddress.objects.create(user=personas.member, email="second@example.org", verified=False)
    html = page(personas.client_for("member"), "/accounts/email/")
    assert "<legend>" in html
    assert "Not verified" in html and "Verified" in html and "Primary" in html


def test_set_password_page_for_an_account_without_one(db: Any) -> None:
    user = UserFactory(password=None)
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    html = page(client, "/accounts/password/set/")
    assert 'name="password1"' in html


def test_totp_activation_shows_the_qr_code_and_the_key_as_text(db: Any, client: Client) -> None:
    member = MembershipFactory().person.user
    log_in(client, member.email)
    reauthenticate(client)
    html = page(client, "/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert f'<code class="secret" id="totp-secret">{grouped}</code>' in html
    assert 'class="qr-code" src="data:image/svg+xml;base64,' in html
    assert "QR code to add Mentorweb to your authenticator app" in html
    assert 'href="otpauth://totp/' in html
    assert 'autocomplete="one-time-code"' in html


def test_totp_deactivation_and_recovery_code_pages(staff_with_factor: dict[str, Any]) -> None:
    client = staff_with_factor["client"]
    page(client, "/accounts/2fa/totp/deactivate/")
    html = page(client, "/accounts/2fa/")
    assert "Deactivate" in html and "/accounts/2fa/recovery-codes/" in html
    html = page(client, "/accounts/2fa/recovery-codes/")
    assert all(code in html for code in staff_with_factor["codes"])
    page(client, "/accounts/2fa/recovery-codes/generate/")
    download = client.get("/accounts/2fa/recovery-codes/download/")
    assert download["Content-Type"].startswith("text/plain")
    assert download.content.decode().split() == staff_with_factor["codes"]


def test_reauthentication_pages_for_a_person_with_two_factors(personas: Any) -> None:
    client = personas.client_for("staff")
    html = page(client, "/accounts/reauthenticate/")
    # A person with an authenticator may confirm with a code instead of the password.
    assert "/accounts/2fa/reauthenticate/" in html
    page(client, "/accounts/2fa/reauthenticate/")
