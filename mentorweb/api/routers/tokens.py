"""The caller's own personal access tokens."""

from datetime import timedelta

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from mentorweb.api.auth import caller, recently_reauthenticated
from mentorweb.api.common import ObjectId, Pagination
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.models import ApiToken
from mentorweb.api.schemas import TokenCreate, TokenCreated, TokenOut
from mentorweb.api.selectors import get_token_for_user, tokens_for_user
from mentorweb.api.services import token_create, token_revoke

router = Router(tags=["tokens"])


@router.get("", response=list[TokenOut], summary="My tokens, newest first")
@paginate(Pagination)
def tokens_list(request: HttpRequest) -> QuerySet[ApiToken]:
    return tokens_for_user(request.user)


@router.post(
    "",
    response={201: TokenCreated, 400: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
    summary="Create a token (from a browser session with a recent password check)",
    description="The token is in the answer once and never again. A token cannot create other tokens: "
    "otherwise one leaked token could mint long-lived replacements for itself.",
)
def tokens_create(request: HttpRequest, payload: TokenCreate) -> Status[ApiToken]:
    if getattr(request, "api_token", None) is not None:
        raise HttpError(403, _("Tokens can only be created from a logged-in browser session or the tokens page."))
    if not recently_reauthenticated(request):
        raise HttpError(403, _("Confirm your password first (reauthentication is required to create a token)."))
    days = payload.expires_in_days
    expires_at = timezone.now() + timedelta(days=days) if days else None
    token, plain = token_create(user=caller(request), name=payload.name, expires_at=expires_at)
    token.token = plain  # type: ignore[attr-defined]
    return Status(201, token)


@router.delete("/{token_id}", response={204: None, 400: ErrorOut, 404: ErrorOut}, summary="Revoke one of my tokens")
def tokens_revoke(request: HttpRequest, token_id: ObjectId) -> Status[None]:
    user = caller(request)
    token_revoke(actor=user, token=get_token_for_user(user, token_id))
    return Status(204, None)
