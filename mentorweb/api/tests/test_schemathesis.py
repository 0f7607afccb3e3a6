"""Property-based run of the whole API schema: whatever the input, never a server error.

Schemathesis reads /api/v1/openapi.json from the WSGI application in-process and, for every
operation, sends the schema's examples, boundary cases (valid and invalid) and generated
input, authenticated as the organization's administrator (the persona that may do most).
Hypothesis is derandomized so a run is repeatable, and examples are bounded to keep the
whole file well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from mentorweb.api.services import token_create

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def token(personas: Any, persona: str) -> str:
    """Created once per operation: every example of the operation calls with the same token."""
    return token_create(user=getattr(personas, persona), name="schemathesis", expires_at=None)[1]


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Stop Django closing the database connection at the end of each request.

    Schemathesis calls the real WSGI handler, which does that; the connection holds the test's
    open transaction (and its data), so closing it would end the test. Django's own test
    client disconnects the same receivers while it handles a request.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The persona is a pytest parameter, not just a constant: with it, every operation's test gets
# its own node id ("...[GET /api/v1/me][admin]"). Without one, pytest 9 gives all of
# schemathesis' per-operation items the same id and pytest-xdist then runs only one of them.
@pytest.mark.parametrize("persona", ["admin"])
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
def test_no_server_errors(case: Any, personas: Any, token: str, keep_test_connection: None) -> None:
    # Point organization paths at the administrator's own organization: a random slug would
    # only ever meet the 404 and never reach the code behind it.
    if "slug" in (case.path_parameters or {}):
        case.path_parameters["slug"] = personas.org.slug
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, checks=[not_a_server_error])
