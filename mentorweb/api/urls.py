"""mentorweb/urls.py mounts `api.urls` at /api/v1/."""

from mentorweb.api.api import api

__all__ = ["api"]
