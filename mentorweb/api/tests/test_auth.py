"""Who may call the API: tokens (valid, expired, revoked, malformed), inactive users, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from mentorweb.api.models import ApiToken
from mentorweb.api.services import token_create, token_digest, token_revoke
from mentorweb.core.models import AuditEntry


def get_me(token: str) -> int:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code


def test_valid_token_authenticates_as_its_owner(personas, api_as):
    response = api_as("member")("GET", "/me")
    assert response.status_code == 200
    assert response.json()["email"] == personas.member.email


def test_only_the_digest_is_stored(personas):
    token, plain = token_create(user=personas.member, name="script", expires_at=None)
    assert plain.startswith(f"mw_{token.prefix}_")
    assert token.digest == token_digest(plain)
    assert plain not in {token.digest, token.prefix, token.name}
    assert not ApiToken.objects.filter(digest=plain).exists()


def test_expired_token_is_refused(personas):
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        _, plain = token_create(user=personas.member, name="old", expires_at=timezone.now() + timedelta(days=30))
    assert get_me(plain) == 401


def test_token_works_until_it_expires(personas):
    _, plain = token_create(user=personas.member, name="soon", expires_at=timezone.now() + timedelta(hours=1))
    assert get_me(plain) == 200
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        assert get_me(plain) == 401


def test_revoked_token_is_refused(personas):
    token, plain = token_create(user=personas.member, name="gone", expires_at=None)
    assert get_me(plain) == 200
    token_revoke(actor=personas.member, token=token)
    assert get_me(plain) == 401


def test_inactive_user_is_refused(personas, tokens):
    personas.member.is_active = False
    personas.member.save(update_fields=["is_active"])
    assert get_me(tokens["member"]) == 401


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Token {token}",
        "Basic {token}",
        "Bearer mw_",
        "Bearer mw__",
        "Bearer xx_{prefix}_{secret}",
        "Bearer mw_{prefix}_{secret}x",
        "Bearer mw_{prefix}_",
        "Bearer mw_ffffffff_{secret}",
        "Bearer mw_{prefix}{secret}",
        "Bearer {token}{token}",
        "Bearer mw_" + "a" * 500 + "_b",
        "Bearer \u00e9\u00e8",
    ],
)
def test_malformed_or_wrong_tokens_are_401(personas, header):
    token, plain = token_create(user=personas.member, name="real", expires_at=None)
    secret = plain.split("_", 2)[2]
    value = header.format(token=plain, prefix=token.prefix, secret=secret)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=value)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_anonymous_is_401():
    assert Client().get("/api/v1/me").status_code == 401


def test_last_used_is_written_at_most_once_a_minute(personas):
    token, plain = token_create(user=personas.member, name="busy", expires_at=None)
    assert token.last_used_at is None
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert get_me(plain) == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        assert get_me(plain) == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        assert get_me(plain) == 200
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(seconds=61)


def test_changes_through_the_api_are_audited_with_source_api(personas, api_as):
    response = api_as("member")("PATCH", "/me", {"position": "Vice-principal, Lakeview PS"})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="person.updated")
    assert entry.source == "api"
    assert entry.actor == personas.member
    assert entry.changes["position"] == ["", "Vice-principal, Lakeview PS"]


def test_session_authenticates_reads(personas):
    response = personas.client_for("member").get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["email"] == personas.member.email


def test_session_writes_need_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.member)
    body = '{"position": "Teacher"}'
    refused = client.patch("/api/v1/me", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    client.get("/")  # sets the csrftoken cookie, as any page does
    csrf = client.cookies["csrftoken"].value
    accepted = client.patch("/api/v1/me", body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf)
    assert accepted.status_code == 200


def test_token_calls_need_no_csrf_token(tokens):
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        "/api/v1/me",
        '{"position": "Teacher"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tokens['member']}",
    )
    assert response.status_code == 200


def test_a_bad_token_is_not_rescued_by_the_session(personas):
    client = personas.client_for("member")
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer mw_nope_nope").status_code == 401


def test_staff_session_without_mfa_is_refused(personas, tokens):
    Authenticator.objects.filter(user=personas.staff).delete()
    response = personas.client_for("staff").get("/api/v1/me")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    # A token was created after MFA (the tokens page is behind the MFA middleware): it still works.
    assert get_me(tokens["staff"]) == 200


def test_inactive_user_session_is_refused(personas):
    client = personas.client_for("member")
    personas.member.is_active = False
    personas.member.save(update_fields=["is_active"])
    assert client.get("/api/v1/me").status_code == 401


def test_openapi_and_docs_are_served():
    client = Client()
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"] == {
        "title": "Mentorweb API",
        "version": "1",
        "description": schema.json()["info"]["description"],
    }
    assert set(schema.json()["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # Swagger UI from our own static files, not from a CDN.
    assert b"cdn." not in docs.content
    assert b"/static/ninja/" in docs.content
