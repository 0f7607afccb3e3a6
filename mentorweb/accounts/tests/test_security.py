"""The security behaviours of accounts, each tried end to end through the pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.test import Client

from mentorweb.accounts.models import Person
from mentorweb.accounts.tests.conftest import log_in, reauthenticate, totp_code
from tests.factories import TEST_PASSWORD, enrol_totp

NOON = datetime(2025, 3, 4, 17, 0, 10, tzinfo=UTC)
NEW_PASSWORD = "a fresh and rather long passphrase"


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def link_in_last_mail(pattern: str) -> str:
    match = re.search(r"https?://testserver(" + pattern + r")", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


# --- E-mail verification ---------------------------------------------------------------


@pytest.mark.django_db
def test_signup_requires_the_emailed_link_before_any_login(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # Account e-mails leave through the job queue once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "given_name": "Amélie",
                "family_name": "Tremblay",
                "email": "amelie@example.org",
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    assert response["Location"] == "/accounts/confirm-email/"
    assert not is_logged_in(client)
    assert mail.outbox[-1].to == ["amelie@example.org"]
    # Text and HTML parts, the link clickable in the HTML one.
    html = dict((mime, body) for body, mime in mail.outbox[-1].alternatives)["text/html"]
    assert '<a href="http://testserver/accounts/confirm-email/' in html
    assert '<html lang="en">' in html
    confirm_url = link_in_last_mail(r"/accounts/confirm-email/[^/\s]+/")

    # The password alone does not get in while the address is unconfirmed.
    other_browser = Client()
    response = log_in(other_browser, "amelie@example.org", NEW_PASSWORD)
    assert response["Location"] == "/accounts/confirm-email/"
    assert not is_logged_in(other_browser)

    # Following the link shows a confirmation button (a GET alone changes nothing) ...
    assert client.get(confirm_url).status_code == 200
    assert not EmailAddress.objects.get(email="amelie@example.org").verified
    # ... and confirming logs the new person in.
    response = client.post(confirm_url)
    assert response["Location"] == "/"
    assert is_logged_in(client)
    assert EmailAddress.objects.get(email="amelie@example.org").verified
    person = Person.objects.get(user__email="amelie@example.org")
    assert (person.given_name, person.family_name) == ("Amélie", "Tremblay")
    assert log_in(other_browser, "amelie@example.org", NEW_PASSWORD)["Location"] == "/"


# --- Password reset ---------------------------------------------------------------------


def test_password_reset_by_email_end_to_end(
    personas: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    email = personas.member.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": email})
    assert response["Location"] == "/accounts/password/reset/done/"
    assert mail.outbox[-1].to == [email]
    key_url = link_in_last_mail(r"/accounts/password/reset/key/[^/\s]+/")

    form_url = client.get(key_url)["Location"]
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password/reset/key/done/"

    assert log_in(Client(), email, TEST_PASSWORD).status_code == 200, "the old password still works"
    assert log_in(Client(), email, NEW_PASSWORD)["Location"] == "/"
    # The link works once.
    assert b"Bad Token" in Client().get(key_url, follow=True).content


# --- Two factors for staff --------------------------------------------------------------


def test_staff_without_totp_must_set_it_up_before_working(personas: Any, client: Client, time_machine: Any) -> None:
    time_machine.move_to(NOON, tick=False)
    Authenticator.objects.filter(user=personas.staff).delete()
    assert log_in(client, personas.staff.email)["Location"] == "/"

    response = client.get("/me/profile/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # Setting up a second factor is itself a sensitive change: the password is asked again.
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    reauthenticate(client)
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]

    response = client.post(
        "/accounts/2fa/totp/activate/", {"code": "000000" if totp_code(secret) != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=personas.staff).exists()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=personas.staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/me/profile/").status_code == 200


def test_a_member_is_not_forced_to_use_two_factors(personas: Any, client: Client) -> None:
    assert log_in(client, personas.member.email)["Location"] == "/"
    assert client.get("/me/profile/").status_code == 200


@pytest.fixture
def staff_secret(personas: Any, time_machine: Any) -> str:
    time_machine.move_to(NOON, tick=False)
    Authenticator.objects.filter(user=personas.staff).delete()
    return enrol_totp(personas.staff)


def test_staff_login_asks_for_the_authenticator_code(personas: Any, client: Client, staff_secret: str) -> None:
    assert log_in(client, personas.staff.email)["Location"] == "/accounts/2fa/authenticate/"
    assert not is_logged_in(client)
    assert client.get("/me/profile/")["Location"].startswith("/accounts/login/")

    wrong = format(int(totp_code(staff_secret)) + 1, "06d")[-6:]
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not is_logged_in(client)

    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(staff_secret)})["Location"] == "/"
    assert is_logged_in(client)
    assert client.get("/me/profile/").status_code == 200


def test_an_authenticator_code_works_only_once(personas: Any, staff_secret: str) -> None:
    first, second = Client(), Client()
    code = totp_code(staff_secret)
    log_in(first, personas.staff.email)
    assert first.post("/accounts/2fa/authenticate/", {"code": code})["Location"] == "/"
    log_in(second, personas.staff.email)
    assert second.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200
    assert not is_logged_in(second)


def test_a_recovery_code_replaces_the_app_once(personas: Any, staff_secret: str) -> None:
    codes = RecoveryCodes.activate(personas.staff).get_unused_codes()
    client = Client()
    log_in(client, personas.staff.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]})["Location"] == "/"
    assert is_logged_in(client)

    again = Client()
    log_in(again, personas.staff.email)
    assert again.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 200
    assert not is_logged_in(again)
    assert again.post("/accounts/2fa/authenticate/", {"code": codes[1]})["Location"] == "/"


# --- Re-authentication before sensitive changes -----------------------------------------


def test_reauthentication_is_switched_on() -> None:
    assert settings.ACCOUNT_REAUTHENTICATION_REQUIRED is True
    assert settings.MFA_REAUTHENTICATION_REQUIRED is True


def test_adding_an_email_address_asks_for_the_password_again(personas: Any, client: Client) -> None:
    client.force_login(personas.member)
    response = client.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})
    reauth_url = response["Location"]
    assert reauth_url.startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="second@example.org").exists()

    response = client.post(reauth_url, {"password": "not the password"})
    assert response.status_code == 200
    assert not EmailAddress.objects.filter(email="second@example.org").exists()

    # With the right password, allauth carries on with the change that was asked for.
    reauthenticate(client, reauth_url)
    assert EmailAddress.objects.filter(user=personas.member, email="second@example.org").exists()


def test_turning_two_factors_off_asks_for_a_code_or_the_password(
    personas: Any, client: Client, staff_secret: str
) -> None:
    client.force_login(personas.staff)
    assert client.get("/accounts/2fa/totp/deactivate/")["Location"].startswith("/accounts/reauthenticate/")
    response = client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(staff_secret)})
    assert response.status_code == 302
    assert client.post("/accounts/2fa/totp/deactivate/")["Location"] == "/accounts/2fa/"
    assert not Authenticator.objects.filter(user=personas.staff, type=Authenticator.Type.TOTP).exists()


# --- Login throttling -------------------------------------------------------------------


def _throttle_keys() -> list[str]:
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table} WHERE cache_key LIKE %s", ["%login_failed%"])  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache",
    reason="REDIS_URL is set: the shared cache is Redis, not the database",
)
def test_failed_logins_are_throttled_in_the_shared_database_cache(personas: Any) -> None:
    email = personas.member.email
    for _ in range(5):
        response = log_in(Client(), email, "a wrong password")
        assert response.status_code == 200
        assert b"Too many failed login attempts" not in response.content

    # A new browser (no cookies in common) with the right password is refused all the same.
    response = log_in(Client(), email, TEST_PASSWORD)
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content

    # The counts are rows of the database cache table: another cache object, as another
    # worker process would open, reads them there.
    keys = _throttle_keys()
    assert keys, "no throttling rows in the database cache table"
    other_process_cache = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    histories = [other_process_cache.get(key.split(":", 2)[2]) for key in keys]
    assert max(len(history) for history in histories) == 5


# --- Passwords and sessions -------------------------------------------------------------


def test_production_settings_hash_passwords_with_argon2(settings: Any) -> None:
    # The tests hash with MD5 for speed; the production module is what deployments use.
    from mentorweb import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    encoded = make_password("a passphrase")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("a passphrase", encoded)


def test_an_idle_session_ends_after_session_cookie_age(personas: Any, client: Client, time_machine: Any) -> None:
    time_machine.move_to(NOON, tick=False)
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    client.force_login(personas.member)
    assert client.get("/me/profile/").status_code == 200

    # Activity keeps the session alive: each request pushes the end further.
    time_machine.shift(idle * 2 / 3)
    assert client.get("/me/profile/").status_code == 200
    time_machine.shift(idle * 2 / 3)
    assert client.get("/me/profile/").status_code == 200

    # Then nothing for longer than the idle timeout: the session is gone.
    time_machine.shift(idle + timedelta(seconds=1))
    response = client.get("/me/profile/")
    assert response["Location"].startswith("/accounts/login/")
    assert not Session.objects.filter(expire_date__gt=datetime.now(tz=UTC)).exists()
