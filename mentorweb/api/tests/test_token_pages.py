"""The pages at /me/tokens/: list, create (after a password check), revoke."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from mentorweb.api.models import ApiToken
from mentorweb.api.services import token_create
from mentorweb.core.models import AuditEntry
from tests.factories import TEST_PASSWORD


def logged_in(user, *, reauthenticated: bool = True) -> Client:
    client = Client()
    client.force_login(user)
    if reauthenticated:
        response = client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
        assert response.status_code == 302
    return client


def test_anonymous_is_sent_to_log_in(db):
    for url in ("/me/tokens/", "/me/tokens/new/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_list_shows_my_tokens_with_their_status(personas):
    token_create(user=personas.member, name="Active one", expires_at=None)
    expired, _ = token_create(user=personas.member, name="Old one", expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    token_create(user=personas.admin, name="Not mine", expires_at=None)
    page = logged_in(personas.member, reauthenticated=False).get("/me/tokens/").content.decode()
    assert "Active one" in page and "Old one" in page
    assert "Not mine" not in page
    assert "Expired" in page and "Active" in page
    assert page.count("<h1>") == 1
    assert "<caption>" in page


def test_list_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    client = logged_in(personas.member, reauthenticated=False)
    for number in range(15):
        token_create(user=personas.member, name=f"t{number}", expires_at=None)
    with django_assert_max_num_queries(12):
        response = client.get("/me/tokens/")
    assert response.content.decode().count('class="danger"') == 15


def test_creating_needs_a_recent_password_check(personas):
    client = logged_in(personas.member, reauthenticated=False)
    response = client.get("/me/tokens/new/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post("/me/tokens/new/", {"name": "x", "expiry": "30"})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=personas.member).exists()


@pytest.mark.parametrize("who", ["member", "staff"])
def test_create_shows_the_token_once_and_it_works(personas, who):
    user = getattr(personas, who)
    client = logged_in(user)
    assert client.get("/me/tokens/new/").status_code == 200
    response = client.post("/me/tokens/new/", {"name": "Board report script", "expiry": "30"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plain = re.search(r"mw_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", response.content.decode()).group(0)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").json()["email"] == user.email
    token = ApiToken.objects.get(user=user)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert AuditEntry.objects.get(action="api_token.created").source == "web"
    # The list afterwards shows the prefix only.
    listing = client.get("/me/tokens/").content.decode()
    assert plain not in listing
    assert f"mw_{token.prefix}_" in listing


def test_create_without_expiry(personas):
    client = logged_in(personas.member)
    client.post("/me/tokens/new/", {"name": "Forever", "expiry": "never"})
    assert ApiToken.objects.get(user=personas.member).expires_at is None


@pytest.mark.parametrize(
    ("data", "field"), [({"name": "", "expiry": "30"}, "name"), ({"name": "x", "expiry": "7"}, "expiry")]
)
def test_create_form_errors_are_tied_to_the_field(personas, data, field):
    response = logged_in(personas.member).post("/me/tokens/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "There is a problem" in page
    assert not ApiToken.objects.exists()


def test_staff_without_mfa_cannot_reach_the_pages(personas):
    Authenticator.objects.filter(user=personas.staff).delete()
    response = logged_in(personas.staff, reauthenticated=False).get("/me/tokens/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_revoke(personas):
    token, plain = token_create(user=personas.member, name="Leaked", expires_at=None)
    client = logged_in(personas.member, reauthenticated=False)
    response = client.post(f"/me/tokens/{token.pk}/revoke/", follow=True)
    assert response.redirect_chain == [("/me/tokens/", 302)]
    assert "was revoked" in response.content.decode()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    again = client.post(f"/me/tokens/{token.pk}/revoke/", follow=True)
    assert "already revoked" in again.content.decode()


def test_revoke_needs_post(personas):
    token, _ = token_create(user=personas.member, name="x", expires_at=None)
    assert logged_in(personas.member, reauthenticated=False).get(f"/me/tokens/{token.pk}/revoke/").status_code == 405


@pytest.mark.parametrize("token_id", ["other", "999999", "99999999999999999999999"])
def test_revoking_someone_elses_or_no_token_is_404(personas, token_id):
    theirs, _ = token_create(user=personas.admin, name="Admin's", expires_at=None)
    token_id = str(theirs.pk) if token_id == "other" else token_id
    response = logged_in(personas.member, reauthenticated=False).post(f"/me/tokens/{token_id}/revoke/")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
