"""The shape of error answers, and bad input that must never become a 500."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from mentorweb.api.api import api
from mentorweb.core.errors import DomainError, NotFound

ORG = "/organizations/northern-lights"


def handle(exc: Exception) -> tuple[int, dict]:
    response = api.on_exception(RequestFactory().get("/api/v1/me"), exc)
    return response.status_code, json.loads(response.content)


def test_domain_error_is_400_with_message_field_and_code():
    assert handle(DomainError("Choose a role.", field="role", code="invalid_role")) == (
        400,
        {"detail": "Choose a role.", "code": "invalid_role", "field": "role"},
    )


def test_domain_permission_refusal_is_403():
    status, body = handle(DomainError("Only administrators.", code="forbidden"))
    assert (status, body["code"]) == (403, "forbidden")


@pytest.mark.parametrize("exc", [Http404(), NotFound(), DomainError("Belongs to someone else.", code="not_found")])
def test_not_found_is_404(exc):
    status, body = handle(exc)
    assert status == 404
    assert body["code"] == "not_found"


def test_model_validation_error_is_400_naming_the_field():
    status, body = handle(ValidationError({"years_in_role": ["Ensure this value is less than 32767."]}))
    assert status == 400
    assert body["field"] == "years_in_role"
    assert body["errors"] == [
        {"field": "years_in_role", "message": "Ensure this value is less than 32767.", "code": "invalid"}
    ]


def test_object_does_not_exist_is_404(personas, api_as):
    assert api_as("admin")("GET", f"{ORG}/members/987654").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "raw", "status"),
    [
        ("PATCH", "/me", b"{not json", 400),
        ("PATCH", "/me", b"\xff\xfe", 400),
        ("PATCH", "/me", b"[1, 2]", 422),
        ("PATCH", "/me", b'"text"', 422),
        ("PATCH", "/me", b'{"bio": "\\ud800"}', 422),
        ("POST", f"{ORG}/members", b"null", 422),
        ("PATCH", f"{ORG}/members/1", b'{"role": 5}', 422),
    ],
)
def test_bad_bodies_are_4xx(personas, tokens, client, method, path, raw, status):
    response = getattr(client, method.lower())(
        f"/api/v1{path}", raw, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {tokens['admin']}"
    )
    assert response.status_code == status
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        f"{ORG}/members/99999999999999999999999999",
        f"{ORG}/members/-1",
        f"{ORG}/members/abc",
        f"{ORG}/members?page=99999999999999",
        f"{ORG}/members?page_size=100000",
        f"{ORG}/members?q=%00",
        f"{ORG}/members?active=maybe",
        f"{ORG}/audit?since=2026-13-45",
        "/organizations/" + "x" * 61,
    ],
)
def test_bad_parameters_are_422(personas, api_as, path):
    response = api_as("admin")("GET", path)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["field"]


@pytest.mark.parametrize("token_id", ["99999999999999999999999999", "0", "-5"])
def test_bad_token_ids_are_422(personas, api_as, token_id):
    response = api_as("admin")("DELETE", f"/tokens/{token_id}")
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert response.json()["field"]


def test_last_page_beyond_the_data_is_empty_not_an_error(personas, api_as):
    body = api_as("admin")("GET", f"{ORG}/members?page=1000000&page_size=200").json()
    assert body["items"] == [] and body["count"] == 3


def test_audit_filter_times_with_odd_offsets_are_moved_to_utc(personas, api_as):
    # PostgreSQL cannot store a -16:23 offset; the filter moves it to UTC first.
    path = f"/organizations/{personas.org.slug}/audit?since=3431-03-07T18:42:49-16:23"
    assert api_as("admin")("GET", path).status_code == 200
    overflowing = f"/organizations/{personas.org.slug}/audit?since=9999-12-31T23:59:59-10:00"
    assert api_as("admin")("GET", overflowing).status_code == 422
