"""Pieces every router uses: safe input types, pagination with limits, permission checks."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, ConfigDict, ModelWrapValidatorHandler, ValidationInfo, model_validator


def _printable(value: str) -> str:
    # PostgreSQL refuses NUL in text, and a lone surrogate (valid in JSON, not in UTF-8) cannot
    # be stored at all: both would otherwise surface as a 500 deep inside a save().
    if "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(_("must be valid Unicode text")) from error
    return value


Text = Annotated[str, AfterValidator(_printable)]
# Database ids are 64-bit; anything larger cannot name a row and is refused as input.
MAX_ID = 2**63 - 1
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
Slug = Annotated[str, Path(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")]


class InputSchema(Schema):
    """A request body: a JSON object with only the documented keys, so a typo in a field name
    is an error instead of a change silently not made."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    # Replaces ninja's validator of the same name, which reads any object through its
    # attributes (meant for model instances): a JSON list or string would then pass as an
    # empty object. A body is a JSON object and nothing else.
    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values: Any, handler: ModelWrapValidatorHandler[Any], info: ValidationInfo) -> Any:
        if not isinstance(values, dict):
            raise ValueError(_("The body must be a JSON object."))
        return handler(values)


def optional(**constraints: Any) -> Any:
    """A body field that may be left out but, when sent, must have its type: null is refused
    for a field the model cannot leave empty. Read the fields sent with model_dump(exclude_unset=True)."""
    return Field(None, **constraints)


class Pagination(PageNumberPagination):
    """Numbered pages, 50 a page by default, at most 200; the page number itself is bounded
    so that the offset always fits the database's integers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=200, **kwargs)


def require_perm(request: HttpRequest, perm: str, obj: Any) -> None:
    """403 unless the caller holds `perm` on `obj`. Callers look the object up through a scoped
    selector first, so an outsider has already been given a 404 before this runs."""
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, _("You do not have permission to do this."))
