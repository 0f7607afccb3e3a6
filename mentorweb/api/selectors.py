"""Reads of personal access tokens, always scoped to their owner."""

from __future__ import annotations

import hmac
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from mentorweb.api.models import ApiToken
from mentorweb.api.services import TOKEN_SCHEME, token_digest


def tokens_for_user(user: Any) -> QuerySet[ApiToken]:
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def get_token_for_user(user: Any, token_id: int) -> ApiToken:
    """The user's own token; anybody else's is a 404, exactly like one that does not exist."""
    token = tokens_for_user(user).filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


def token_status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return "expired"
    return "active"


def token_lookup(plain: str) -> ApiToken | None:
    """The usable token matching `plain`, or None (malformed, unknown, revoked, expired, inactive user)."""
    parts = plain.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_SCHEME or not parts[1] or not parts[2] or len(parts[1]) > 12:
        return None
    digest = token_digest(plain)
    candidates = ApiToken.objects.filter(prefix=parts[1]).select_related("user")
    for token in candidates:
        # Compared in constant time so the answer's timing says nothing about the digest.
        if hmac.compare_digest(token.digest, digest):
            if token_status(token) != "active" or not token.user.is_active:
                return None
            return token
    return None
