"""The one domain error. Views turn it into a message, the API into a 4xx answer."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the change.

    `field` names the form field or input column at fault, so the page can tie the
    message to it; `code` is a stable machine-readable reason for the API.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class NotFound(DomainError):
    """The object does not exist for this user (another organization's is reported the same way)."""

    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(message, code="not_found")
