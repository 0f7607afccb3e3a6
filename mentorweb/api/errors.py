"""How the API answers when something is refused or missing.

Every error body has a human-readable `detail` and a stable `code`; errors about input also
name the `field`, so a client can show the message next to the right input.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from mentorweb.core.errors import DomainError

# The parts of a ninja error location that say where the value came from, not which field it is.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class ErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None


class FieldErrorOut(Schema):
    field: str
    message: str
    code: str


class ValidationErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None
    errors: list[FieldErrorOut]


def _field_name(loc: list[Any], param_names: set[str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    # A body or query schema parameter (e.g. "payload") adds its own name in front of the field;
    # alone, it means the body as a whole.
    if parts and parts[0] in param_names:
        parts = parts[1:]
    return ".".join(parts) or "body"


def _error(api: NinjaAPI, request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


def install_error_handlers(api: NinjaAPI, *, body_param_names: set[str]) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        # Services check permissions again under their locks (the caller may have lost a role
        # since the request began): that refusal is a 403 like the routers' own check, and
        # NotFound (or code "not_found") a 404 like any other missing object.
        status = {"forbidden": 403, "not_found": 404}.get(exc.code, 400)
        return _error(api, request, status, {"detail": str(exc.message), "code": exc.code, "field": exc.field})

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(api, request, 404, {"detail": _("Not found."), "code": "not_found", "field": None})

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return _error(api, request, 404, {"detail": _("Not found."), "code": "not_found", "field": None})

    @api.exception_handler(DjangoValidationError)
    def model_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # Raised by full_clean() inside a service: the input broke a rule of the model.
        errors = [
            {"field": name, "message": str(message), "code": "invalid"}
            for name, messages in (exc.message_dict if hasattr(exc, "error_dict") else {"body": exc.messages}).items()
            for message in messages
        ]
        first = errors[0] if errors else {"field": "body", "message": _("The input is not valid.")}
        return _error(
            api,
            request,
            400,
            {"detail": first["message"], "code": "invalid", "field": first["field"], "errors": errors},
        )

    @api.exception_handler(NinjaValidationError)
    def input_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {
                "field": _field_name(list(error.get("loc", [])), body_param_names),
                "message": str(error.get("msg", "Invalid value.")),
                "code": str(error.get("type", "invalid")),
            }
            for error in exc.errors
        ]
        first = errors[0]["field"] if errors else None
        return _error(
            api,
            request,
            422,
            {"detail": _("The input is not valid."), "code": "validation_error", "field": first, "errors": errors},
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = _error(
            api,
            request,
            401,
            {
                "detail": _("Authentication required: send 'Authorization: Bearer <token>' or log in."),
                "code": "not_authenticated",
                "field": None,
            },
        )
        response["WWW-Authenticate"] = 'Bearer realm="mentorweb"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {400: "bad_request", 403: "permission_denied", 404: "not_found", 429: "throttled"}
        return _error(
            api,
            request,
            exc.status_code,
            {"detail": str(exc), "code": codes.get(exc.status_code, "error"), "field": None},
        )
