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
from mentorweb.programs.tests.matrix_world import programs_api_ids, session_body
from mentorweb.registrations.tests.reg_world import api_matrix_ids
from tests.factories import MembershipFactory

PERSONAS = ("admin", "staff", "member", "outsider", "anonymous")
ORG = "/organizations/{slug}"
MEMBER = ORG + "/members/{member_id}"
REGISTRATION = "/registrations/{registration_id}"
PROGRAM = ORG + "/programs/{program_id}"


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
    # Registrations: the member's own one; anyone may register in the organization's open offering.
    ("GET", "/registrations"): EVERYONE_200,
    ("POST", "/registrations"): row(201, 201, 201, 201),
    ("GET", REGISTRATION): row(200, 200, 200, 404),
    ("POST", REGISTRATION + "/cancel"): row(200, 200, 200, 404),
    ("GET", REGISTRATION + "/payments"): row(200, 200, 200, 404),
    ("POST", REGISTRATION + "/payments"): row(201, 201, 403, 404),
    ("GET", REGISTRATION + "/refunds"): row(200, 200, 200, 404),
    ("GET", ORG + "/offerings/{offering_id}/registrations"): row(200, 200, 403, 404),
    # Programs: the catalogue for every caller; set-up for administrators and coordinators.
    ("GET", "/programs"): EVERYONE_200,
    ("GET", "/programs/{program_id}"): EVERYONE_200,
    ("GET", "/programs/{program_id}/offerings"): EVERYONE_200,
    ("GET", "/offerings/{offering_id}"): EVERYONE_200,
    ("GET", "/offerings/{offering_id}/sessions"): EVERYONE_200,
    ("GET", ORG + "/programs"): row(200, 200, 403, 404),
    ("POST", ORG + "/programs"): row(201, 201, 403, 404),
    ("GET", PROGRAM): row(200, 200, 403, 404),
    ("PATCH", PROGRAM): row(200, 200, 403, 404),
    ("PUT", PROGRAM + "/refund-policy"): row(200, 200, 403, 404),
    ("GET", PROGRAM + "/offerings"): row(200, 200, 403, 404),
    ("POST", PROGRAM + "/offerings"): row(201, 201, 403, 404),
    ("GET", ORG + "/offerings/{offering_id}"): row(200, 200, 403, 404),
    ("PATCH", ORG + "/offerings/{offering_id}"): row(200, 200, 403, 404),
    ("POST", ORG + "/offerings/{offering_id}/sessions"): row(201, 201, 403, 404),
    ("PATCH", ORG + "/sessions/{session_id}"): row(200, 200, 403, 404),
    ("DELETE", ORG + "/sessions/{session_id}"): row(204, 204, 403, 404),
}

# A valid body for each operation that takes one, so that the status reflects permission only.
BODIES: dict[tuple[str, str], Any] = {
    ("PATCH", "/me"): {"region": "Northeast"},
    ("PATCH", ORG): {"short_name": "NLDSB"},
    ("POST", ORG + "/members"): {"email": "invitee@example.org", "given_name": "Ines", "family_name": "Ouellet"},
    ("PATCH", MEMBER): {"role": "facilitator"},
    ("POST", "/tokens"): {"name": "matrix", "expires_in_days": 30},
    # Called with the ids of the registration world (a body that needs a row's id).
    ("POST", "/registrations"): lambda ids: {"offering_id": ids["open_offering_id"], "credential_number": "7654321"},
    ("POST", REGISTRATION + "/cancel"): {"reason": "matrix"},
    ("POST", REGISTRATION + "/payments"): {"amount": "100.00", "method": "cheque"},
    ("POST", ORG + "/programs"): {"name": "Matrix course", "fee": "100.00"},
    ("PATCH", PROGRAM): {"summary": "Changed by the matrix"},
    ("PUT", PROGRAM + "/refund-policy"): {
        "tiers": [{"min_days_before": 14, "amount": "850.00"}, {"max_days_before": 14, "amount": "0.00"}]
    },
    ("POST", PROGRAM + "/offerings"): {
        "title": "Matrix 2031",
        "slug": "matrix-2031",
        "start_date": "2031-01-25",
        "end_date": "2031-04-14",
        "registration_deadline": "2031-01-11",
        "capacity": 30,
    },
    ("PATCH", ORG + "/offerings/{offering_id}"): {"capacity": 40},
    ("POST", ORG + "/offerings/{offering_id}/sessions"): session_body,
    ("PATCH", ORG + "/sessions/{session_id}"): {"location": "Room 2"},
}
HEADERS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", REGISTRATION + "/cancel"): {"HTTP_IDEMPOTENCY_KEY": "matrix-cancel"},
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
    ids = {**api_matrix_ids(personas), **programs_api_ids(personas)}
    url = path.format(
        slug=personas.org.slug,
        member_id=target.pk,
        token_id=spare.pk if spare is not None else target.pk,
        **ids,
    )
    body = BODIES.get((method, path))
    body = body(ids) if callable(body) else body
    response = api_as(persona)(method, url, body, **HEADERS.get((method, path), {}))
    assert response.status_code == MATRIX[(method, path)][persona], response.content
