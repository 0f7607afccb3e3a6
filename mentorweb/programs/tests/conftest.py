"""Fixtures shared by the programs app's tests."""

from __future__ import annotations

import pytest

from mentorweb.api.services import token_create


@pytest.fixture
def call(personas, client):
    """Call the API as one of the personas, with a fresh personal access token."""

    def caller(persona, method, path, body=None):
        token = token_create(user=getattr(personas, persona), name="t", expires_at=None)[1]
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        return getattr(client, method)(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)

    return caller
