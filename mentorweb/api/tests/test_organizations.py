"""Organizations and their members through the API, including scoping to the caller's organizations."""

from __future__ import annotations

import pytest
from django.core import mail

from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import Membership, StaffRole
from tests.factories import MembershipFactory, PersonFactory

ORG = "/organizations/northern-lights"
OTHER = "/organizations/southern-shores"


def membership_of(user, org):
    return Membership.objects.get(person__user=user, organization=org)


def test_list_shows_only_my_organizations_with_my_role(personas, api_as):
    body = api_as("staff")("GET", "/organizations").json()
    assert [(o["slug"], o["my_role"]) for o in body] == [("northern-lights", "coordinator")]


def test_deactivated_membership_hides_the_organization(personas, api_as):
    Membership.objects.filter(person__user=personas.member).update(deactivated_at="2026-01-01T00:00Z")
    assert api_as("member")("GET", "/organizations").json() == []
    assert api_as("member")("GET", ORG).status_code == 404


def test_detail(api_as):
    body = api_as("member")("GET", ORG).json()
    assert body["name"] == "Northern Lights District School Board"
    assert body["my_role"] == "member"


@pytest.mark.parametrize("who", ["admin", "staff", "member", "outsider"])
def test_unknown_slug_is_404(api_as, who):
    assert api_as(who)("GET", "/organizations/no-such-org").status_code == 404


def test_patch_organization(personas, api_as):
    response = api_as("admin")("PATCH", ORG, {"short_name": "NLDSB", "languages": ["fr"]})
    assert response.status_code == 200
    personas.org.refresh_from_db()
    assert personas.org.short_name == "NLDSB"
    assert personas.org.languages == ["fr"]
    assert AuditEntry.objects.get(action="organization.updated").source == "api"


def test_patch_organization_bad_time_zone_is_400_on_the_field(api_as):
    response = api_as("admin")("PATCH", ORG, {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert response.json()["field"] == "time_zone"


# --- members ---------------------------------------------------------------------------------


def test_members_list_is_paginated_and_filtered(personas, api_as):
    for number in range(3):
        MembershipFactory(organization=personas.org, person=PersonFactory(family_name=f"Zed{number}"))
    call = api_as("staff")
    everyone = call("GET", f"{ORG}/members?page_size=2").json()
    assert everyone["count"] == 6
    assert len(everyone["items"]) == 2
    second = call("GET", f"{ORG}/members?page_size=2&page=3").json()
    assert [m["person"]["family_name"] for m in second["items"]] == ["Zed1", "Zed2"]
    admins = call("GET", f"{ORG}/members?role=org_admin").json()
    assert [m["person"]["email"] for m in admins["items"]] == [personas.admin.email]
    found = call("GET", f"{ORG}/members?q=zed").json()
    assert found["count"] == 3
    principals = call("GET", f"{ORG}/members?role_group=principal").json()
    assert principals["count"] == 0
    assert call("GET", f"{ORG}/members?role_group=teacher").json()["count"] == 6
    by_email = call("GET", f"{ORG}/members?q={personas.member.email}").json()
    assert [m["id"] for m in by_email["items"]] == [membership_of(personas.member, personas.org).pk]


def test_members_list_runs_a_bounded_number_of_queries(personas, api_as, django_assert_max_num_queries):
    call = api_as("admin")
    for _ in range(30):
        MembershipFactory(organization=personas.org)
    # Token lookup, memberships of the caller, count, page (with people and users joined).
    with django_assert_max_num_queries(6):
        response = call("GET", f"{ORG}/members?page_size=200")
    assert response.json()["count"] == 33


def test_invite_creates_the_account_and_sends_the_e_mail(personas, api_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as("admin")(
            "POST",
            f"{ORG}/members",
            {"email": "New.Person@Example.org", "given_name": "Nadia", "family_name": "Roy", "role": "facilitator"},
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["person"]["email"] == "new.person@example.org"
    assert body["role"] == "facilitator"
    assert Membership.objects.get(pk=body["id"]).organization == personas.org
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]


def test_invite_an_existing_member_is_400_on_email(personas, api_as):
    response = api_as("admin")(
        "POST", f"{ORG}/members", {"email": personas.member.email, "given_name": "A", "family_name": "B"}
    )
    assert response.status_code == 400
    assert response.json()["field"] == "email"


def test_invite_missing_fields_is_422_naming_them(api_as):
    response = api_as("admin")("POST", f"{ORG}/members", {"email": "a@example.org"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"given_name", "family_name"}


def test_member_detail_and_role_change(personas, api_as):
    target = membership_of(personas.member, personas.org)
    call = api_as("admin")
    assert call("GET", f"{ORG}/members/{target.pk}").json()["role"] == "member"
    response = call("PATCH", f"{ORG}/members/{target.pk}", {"role": "advisory"})
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.role == StaffRole.ADVISORY
    assert AuditEntry.objects.get(action="membership.role_changed").changes == {"role": ["member", "advisory"]}


def test_last_admin_cannot_step_down(personas, api_as):
    own = membership_of(personas.admin, personas.org)
    response = api_as("admin")("PATCH", f"{ORG}/members/{own.pk}", {"role": "member"})
    assert response.status_code == 400
    assert response.json()["code"] == "last_admin"


def test_deactivate_and_reactivate(personas, api_as):
    target = membership_of(personas.member, personas.org)
    call = api_as("admin")
    response = call("POST", f"{ORG}/members/{target.pk}/deactivate")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert call("POST", f"{ORG}/members/{target.pk}/deactivate").status_code == 400
    inactive = call("GET", f"{ORG}/members?active=false").json()
    assert [m["id"] for m in inactive["items"]] == [target.pk]
    response = call("POST", f"{ORG}/members/{target.pk}/reactivate")
    assert response.status_code == 200
    assert response.json()["is_active"] is True
    assert call("POST", f"{ORG}/members/{target.pk}/reactivate").status_code == 400


def test_cannot_deactivate_myself(personas, api_as):
    own = membership_of(personas.admin, personas.org)
    response = api_as("admin")("POST", f"{ORG}/members/{own.pk}/deactivate")
    assert response.status_code == 400
    assert response.json()["code"] == "self"


# --- scoping: another organization's object is a 404 for every role ---------------------------


@pytest.mark.parametrize("who", ["admin", "staff", "member"])
@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PATCH", "", {"role": "member"}),
        ("POST", "/deactivate", None),
        ("POST", "/reactivate", None),
    ],
)
def test_another_organizations_membership_is_404(personas, api_as, who, method, suffix, body):
    foreign = membership_of(personas.outsider, personas.other_org)
    response = api_as(who)(method, f"{ORG}/members/{foreign.pk}{suffix}", body)
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == StaffRole.ORG_ADMIN and foreign.deactivated_at is None


@pytest.mark.parametrize("who", ["admin", "staff", "member"])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", OTHER, None),
        ("PATCH", OTHER, {"short_name": "hijacked"}),
        ("GET", f"{OTHER}/members", None),
        ("POST", f"{OTHER}/members", {"email": "x@example.org", "given_name": "X", "family_name": "Y"}),
        ("GET", f"{OTHER}/audit", None),
    ],
)
def test_another_organization_is_404(personas, api_as, who, method, path, body):
    assert api_as(who)(method, path, body).status_code == 404
    personas.other_org.refresh_from_db()
    assert personas.other_org.short_name != "hijacked"
