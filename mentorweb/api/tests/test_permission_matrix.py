"""Every API operation, for every persona, → the status it must get.

The personas call with their own personal access token (the anonymous visitor with none) on
the administrator's organization, "northern-lights". The outsider administers another
organization, so everything under northern-lights is a 404 for them, never a 403.

A new operation in the OpenAPI schema makes test_every_operation_is_in_the_matrix fail until
a row is added here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from mentorweb.api.api import api
from mentorweb.api.services import token_create
from mentorweb.organizations.models import Membership
from tests.factories import MembershipFactory

PERSONAS = ("admin", "staff", "member", "outsider", "anonymous")
ORG = "/organizations/{slug}"
MEMBER = ORG + "/members/{member_id}"


def row(admin: int, staff: int, member: int, outsider: int, anonymous: int = 401) -> dict[str, int]:
    return dict(zip(PERSONAS, (admin, staff, member, outsider, anonymous), strict=True))


EVERYONE_200 = row(200, 200, 200, 200)

# (method, path as in the schema without /api/v1) -> expected status per persona.
MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/me"): EVERYONE_200,
    ("PATCH", "/me"): EVERYONE_200,
    ("GET", "/organizations"): EVERYONE_200,
    ("GET", ORG): row(200, 200, 200, 404),
    ("PATCH", ORG): row(200, 403, 403, 404),
    ("GET", ORG + "/members"): row(200, 200, 403, 404),
    ("POST", ORG + "/members"): row(201, 403, 403, 404),
    ("GET", MEMBER): row(200, 200, 403, 404),
    ("PATCH", MEMBER): row(200, 403, 403, 404),
    ("POST", MEMBER + "/deactivate"): row(200, 403, 403, 404),
    ("POST", MEMBER + "/reactivate"): row(200, 403, 403, 404),
    ("GET", ORG + "/audit"): row(200, 403, 403, 404),
    ("GET", "/tokens"): EVERYONE_200,
    # Tokens are created from a browser session after a password check, never with a token
    # (see test_audit_and_tokens_api.test_session_creates_a_token_after_reauthentication).
    ("POST", "/tokens"): row(403, 403, 403, 403),
    ("DELETE", "/tokens/{token_id}"): row(204, 204, 204, 204),
}

# A valid body for each operation that takes one, so that the status reflects permission only.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/me"): {"region": "Northeast"},
    ("PATCH", ORG): {"short_name": "NLDSB"},
    ("POST", ORG + "/members"): {"email": "invitee@example.org", "given_name": "Ines", "family_name": "Ouellet"},
    ("PATCH", MEMBER): {"role": "facilitator"},
    ("POST", "/tokens"): {"name": "matrix", "expires_in_days": 30},
}


def schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {
        (method.upper(), path.removeprefix("/api/v1")) for path, operations in paths.items() for method in operations
    }


def test_every_operation_is_in_the_matrix():
    operations = schema_operations()
    assert operations - set(MATRIX) == set(), "add these operations to MATRIX"
    assert set(MATRIX) - operations == set(), "these MATRIX rows name operations that no longer exist"
    assert all(set(expected) == set(PERSONAS) for expected in MATRIX.values())


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
def test_permission_matrix(personas, api_as, persona, method, path):
    # The member acted upon is a separate person, so that deactivating or demoting never
    # touches the caller's own membership.
    target = MembershipFactory(organization=personas.org)
    if path.endswith("/reactivate"):
        Membership.objects.filter(pk=target.pk).update(deactivated_at=timezone.now())
    user = getattr(personas, persona, None)
    spare = token_create(user=user, name="spare", expires_at=None)[0] if user is not None else None
    url = path.format(
        slug=personas.org.slug,
        member_id=target.pk,
        token_id=spare.pk if spare is not None else target.pk,
    )
    response = api_as(persona)(method, url, BODIES.get((method, path)))
    assert response.status_code == MATRIX[(method, path)][persona], response.content
