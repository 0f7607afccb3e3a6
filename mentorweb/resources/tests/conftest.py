"""The API tests' fixtures (a token per persona, and a caller), for this app's API tests."""

from mentorweb.api.tests.conftest import api_as, tokens  # noqa: F401
