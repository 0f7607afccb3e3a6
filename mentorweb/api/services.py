"""Personal access tokens: creating, revoking and noting their use.

A token reads `mw_<prefix>_<secret>`. The prefix is stored in clear so people can tell their
tokens apart and so a lookup is one indexed query; the whole token is stored only as a SHA-256
digest. A fast hash is enough here: the secret is 256 random bits, nothing a dictionary or
brute force could guess, unlike a password.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import User
from mentorweb.api.models import ApiToken
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError

TOKEN_SCHEME = "mw"  # noqa: S105 - the tokens' visible prefix, not a secret
# A token in use is written back at most this often, so that a busy script does not turn
# every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def token_digest(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()


def _new_token() -> tuple[str, str]:
    # Hex for the prefix: it never contains the "_" that separates the parts.
    prefix = secrets.token_hex(4)
    return prefix, f"{TOKEN_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"


def token_create(*, user: User, name: str, expires_at: datetime | None) -> tuple[ApiToken, str]:
    """Create a token for `user`; the plain token is returned here and never again."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Give the token a name, so you can recognise it later."), field="name")
    if len(name) > 100:
        raise DomainError(_("The name must be 100 characters or fewer."), field="name")
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(_("The expiry date must be in the future."), field="expires_at")
    if not user.is_active:
        raise DomainError(_("This account is not active."), code="inactive")
    prefix, plain = _new_token()
    with transaction.atomic():
        # Locking the user serialises concurrent creations, so the limit below holds.
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )
        if active.count() >= MAX_ACTIVE_TOKENS:
            raise DomainError(
                _("You already have %(count)s active tokens. Revoke one you no longer use first.")
                % {"count": MAX_ACTIVE_TOKENS},
                code="too_many_tokens",
            )
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, digest=token_digest(plain), expires_at=expires_at
        )
        audit_record(
            actor=user,
            action="api_token.created",
            obj=token,
            changes={"name": [None, name], "expires_at": [None, expires_at.isoformat() if expires_at else None]},
        )
    return token, plain


def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens. Revoking twice is refused with a clear message."""
    if token.user_id != actor.pk:
        # Selectors only hand out the actor's own tokens; this guards against a caller that did not.
        raise DomainError(_("You can only revoke your own tokens."), code="not_owner")
    now = timezone.now()
    with transaction.atomic():
        # A conditional UPDATE: of two concurrent revocations exactly one changes the row.
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
        if not updated:
            raise DomainError(_("This token was already revoked."), code="already_revoked")
        token.revoked_at = now
        audit_record(
            actor=actor, action="api_token.revoked", obj=token, changes={"revoked_at": [None, now.isoformat()]}
        )
    return token


def token_mark_used(*, token: ApiToken) -> None:
    """Note that the token was just used, at most once per LAST_USED_RESOLUTION.

    Not audited: this is bookkeeping shown to the owner, not a change anyone makes.
    """
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ).update(last_used_at=now)
    token.last_used_at = now
