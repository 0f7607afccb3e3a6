"""GET /organizations/{slug}/audit and the /tokens operations."""

from __future__ import annotations

import time
from datetime import timedelta

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from django.utils import timezone

from mentorweb.api.models import ApiToken
from mentorweb.api.services import token_create
from mentorweb.core.audit import audit_record
from mentorweb.core.models import AuditEntry
from tests.factories import TEST_PASSWORD

AUDIT = "/organizations/northern-lights/audit"


def test_audit_lists_only_this_organizations_entries_newest_first(personas, api_as):
    first = audit_record(
        actor=personas.admin, action="organization.updated", obj=personas.org, organization=personas.org
    )
    second = audit_record(
        actor=personas.staff, action="membership.invited", obj=personas.org, organization=personas.org
    )
    audit_record(
        actor=personas.outsider, action="organization.updated", obj=personas.other_org, organization=personas.other_org
    )
    body = api_as("admin")("GET", AUDIT).json()
    assert [e["id"] for e in body["items"]] == [second.pk, first.pk]
    assert body["count"] == 2


def test_audit_filters(personas, api_as):
    audit_record(actor=personas.admin, action="organization.updated", obj=personas.org, organization=personas.org)
    audit_record(actor=personas.staff, action="membership.invited", obj=personas.org, organization=personas.org)
    call = api_as("admin")
    assert call("GET", f"{AUDIT}?action=membership.invited").json()["count"] == 1
    assert call("GET", f"{AUDIT}?action=membership.").json()["count"] == 1
    assert call("GET", f"{AUDIT}?action=invited").json()["count"] == 0
    assert call("GET", f"{AUDIT}?actor={personas.admin.email.upper()}").json()["count"] == 1
    assert call("GET", f"{AUDIT}?source=api").json()["count"] == 0
    future = (timezone.now() + timedelta(hours=1)).isoformat().replace("+", "%2B")
    assert call("GET", f"{AUDIT}?since={future}").json()["count"] == 0
    assert call("GET", f"{AUDIT}?until={future}").json()["count"] == 2
    assert call("GET", f"{AUDIT}?since=yesterday").status_code == 422


def test_audit_query_count_is_bounded(personas, api_as, django_assert_max_num_queries):
    for _ in range(40):
        audit_record(actor=personas.admin, action="organization.updated", obj=personas.org, organization=personas.org)
    call = api_as("admin")
    with django_assert_max_num_queries(6):
        assert len(call("GET", f"{AUDIT}?page_size=200").json()["items"]) == 40


def test_tokens_list_shows_only_mine_with_status(personas, api_as):
    expired, _ = token_create(user=personas.member, name="old", expires_at=timezone.now() + timedelta(seconds=1))
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    token_create(user=personas.admin, name="someone else's", expires_at=None)
    body = api_as("member")("GET", "/tokens").json()
    assert {(t["name"], t["status"]) for t in body["items"]} == {("tests", "active"), ("old", "expired")}
    assert all("digest" not in t and "token" not in t for t in body["items"])


def test_delete_revokes_my_token(personas, api_as):
    spare, plain = token_create(user=personas.member, name="spare", expires_at=None)
    call = api_as("member")
    assert call("DELETE", f"/tokens/{spare.pk}").status_code == 204
    spare.refresh_from_db()
    assert spare.revoked_at is not None
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plain}").status_code == 401
    again = call("DELETE", f"/tokens/{spare.pk}")
    assert again.status_code == 400
    assert again.json()["code"] == "already_revoked"


def test_someone_elses_token_is_404(personas, api_as):
    theirs, _ = token_create(user=personas.admin, name="admin's", expires_at=None)
    assert api_as("member")("DELETE", f"/tokens/{theirs.pk}").status_code == 404
    assert api_as("member")("DELETE", "/tokens/999999").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_token_cannot_create_tokens(personas, api_as):
    response = api_as("member")("POST", "/tokens", {"name": "child"})
    assert response.status_code == 403
    assert ApiToken.objects.filter(user=personas.member).count() == 1


def _session_client(user, *, reauthenticated: bool) -> Client:
    client = Client()
    client.force_login(user)
    if reauthenticated:
        # What allauth records when the password is confirmed on its reauthentication page.
        client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
        methods = client.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
        assert any(m.get("reauthenticated") and time.time() - m["at"] < 60 for m in methods)
    return client


def test_session_creates_a_token_after_reauthentication(personas):
    stale = _session_client(personas.member, reauthenticated=False)
    body = '{"name": "From the browser", "expires_in_days": 30}'
    refused = stale.post("/api/v1/tokens", body, content_type="application/json")
    assert refused.status_code == 403
    client = _session_client(personas.member, reauthenticated=True)
    response = client.post("/api/v1/tokens", body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["token"].startswith(f"mw_{created['prefix']}_")
    assert timedelta(days=29) < ApiToken.objects.get(pk=created["id"]).expires_at - timezone.now() <= timedelta(days=30)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {created['token']}").status_code == 200
    assert AuditEntry.objects.get(action="api_token.created").source == "api"
    # Shown once: the list never carries it again.
    listed = client.get("/api/v1/tokens").json()["items"]
    assert all("token" not in t for t in listed)


def test_token_without_expiry_through_the_api(personas):
    client = _session_client(personas.member, reauthenticated=True)
    response = client.post(
        "/api/v1/tokens", '{"name": "forever", "expires_in_days": null}', content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["expires_at"] is None
    bad = client.post("/api/v1/tokens", '{"name": "odd", "expires_in_days": 7}', content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["field"] == "expires_in_days"
