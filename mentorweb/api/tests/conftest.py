"""Fixtures for the API tests: a personal access token for each persona, and a caller."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from mentorweb.api.services import token_create

PERSONA_NAMES = ("admin", "staff", "member", "outsider")


@dataclass
class ApiCaller:
    client: Client
    token: str | None

    def __call__(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        if self.token is not None:
            headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        kwargs: dict[str, Any] = {}
        if body is not None:
            kwargs = {"data": json.dumps(body), "content_type": "application/json"}
        return getattr(self.client, method.lower())(f"/api/v1{path}", **kwargs, **headers)


@pytest.fixture
def tokens(personas: Any) -> dict[str, str]:
    """One working token per persona (the anonymous visitor has none)."""
    return {
        name: token_create(user=getattr(personas, name), name="tests", expires_at=None)[1] for name in PERSONA_NAMES
    }


@pytest.fixture
def api_as(tokens: dict[str, str]) -> Callable[[str], ApiCaller]:
    def make(name: str) -> ApiCaller:
        return ApiCaller(client=Client(), token=tokens.get(name))

    return make
