"""Property-based run of the whole API schema: whatever the input, never a server error.

Schemathesis reads /api/v1/openapi.json from the WSGI application in-process and, for every
operation, sends the schema's examples, boundary cases (valid and invalid) and generated
input, authenticated as the organization's administrator (the persona that may do most).
Hypothesis is derandomized so a run is repeatable, and examples are bounded to keep the
whole file well under a minute.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from mentorweb.api.services import token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def admin_token(personas: Any) -> str:
    return token_create(user=personas.admin, name="schemathesis", expires_at=None)[1]


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    # The database fixtures are set up once per operation; examples within one operation share
    # them, which is what we want (later examples see what earlier ones created).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors(case: Any, personas: Any, admin_token: str) -> None:
    # Point organization paths at the administrator's own organization: a random slug would
    # only ever meet the 404 and never reach the code behind it.
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = personas.org.slug
    response = case.call(headers={"Authorization": f"Bearer {admin_token}"})
    case.validate_response(response, checks=[not_a_server_error])
