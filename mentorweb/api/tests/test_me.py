"""GET and PATCH /me."""

from __future__ import annotations

import pytest

from mentorweb.core.models import AuditEntry


def test_get_returns_my_profile(personas, api_as):
    person = personas.member.person
    body = api_as("member")("GET", "/me").json()
    assert body["given_name"] == person.given_name
    assert body["family_name"] == person.family_name
    assert body["role_group"] == "teacher"


def test_patch_changes_only_the_fields_sent(personas, api_as):
    person = personas.member.person
    response = api_as("member")(
        "PATCH",
        "/me",
        {"region": " Northwest ", "languages_of_service": ["fr", "en"], "needs": ["Budgets", "budgets", "HR"]},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.region == "Northwest"
    assert person.languages_of_service == ["fr", "en"]
    assert person.needs == ["Budgets", "HR"]
    assert person.given_name == response.json()["given_name"]
    entry = AuditEntry.objects.get(action="person.updated")
    assert set(entry.changes) == {"region", "languages_of_service", "needs"}


def test_patch_with_nothing_changes_nothing(api_as):
    assert api_as("member")("PATCH", "/me", {}).status_code == 200
    assert not AuditEntry.objects.filter(action="person.updated").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"given_name": ""}, "given_name"),
        ({"given_name": None}, "given_name"),
        ({"family_name": "x" * 101}, "family_name"),
        ({"preferred_language": "de"}, "preferred_language"),
        ({"role_group": "wizard"}, "role_group"),
        ({"years_in_role": -1}, "years_in_role"),
        ({"years_in_role": 40000}, "years_in_role"),
        ({"needs": ["x" * 61]}, "needs.0"),
        ({"needs": [f"n{i}" for i in range(31)]}, "needs"),
        ({"bio": "x" * 1501}, "bio"),
        ({"position": "nul\x00byte"}, "position"),
        ({"remote_or_isolated": "perhaps"}, "remote_or_isolated"),
    ],
)
def test_patch_refuses_bad_values_naming_the_field(personas, api_as, body, field):
    before = personas.member.person.given_name
    response = api_as("member")("PATCH", "/me", body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["errors"][0]["field"] == field
    personas.member.person.refresh_from_db()
    assert personas.member.person.given_name == before


def test_patch_refuses_unknown_fields(personas, api_as):
    response = api_as("member")("PATCH", "/me", {"given_name": "Ann", "email": "x@example.org"})
    assert response.status_code == 422
    assert response.json()["field"] == "email"
    personas.member.person.refresh_from_db()
    assert personas.member.person.given_name != "Ann"
