"""token_create and token_revoke: their rules and their audit entries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentorweb.api.models import ApiToken
from mentorweb.api.selectors import token_lookup, token_status
from mentorweb.api.services import MAX_ACTIVE_TOKENS, token_create, token_revoke
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry


def test_create_is_audited_without_the_secret(personas):
    token, plain = token_create(user=personas.member, name="  Nightly   export ", expires_at=None)
    assert token.name == "Nightly export"
    entry = AuditEntry.objects.get(action="api_token.created")
    assert entry.actor == personas.member
    assert entry.object_id == str(token.pk)
    secret = plain.split("_", 2)[2]
    assert secret not in str(entry.changes) and secret not in entry.object_label


@pytest.mark.parametrize(("name", "field"), [("", "name"), ("   ", "name"), ("x" * 101, "name")])
def test_create_refuses_bad_names(personas, name, field):
    with pytest.raises(DomainError) as error:
        token_create(user=personas.member, name=name, expires_at=None)
    assert error.value.field == field
    assert not ApiToken.objects.exists()


def test_create_refuses_an_expiry_in_the_past(personas):
    with pytest.raises(DomainError) as error:
        token_create(user=personas.member, name="x", expires_at=timezone.now() - timedelta(seconds=1))
    assert error.value.field == "expires_at"


def test_create_refuses_inactive_users(personas):
    personas.member.is_active = False
    with pytest.raises(DomainError):
        token_create(user=personas.member, name="x", expires_at=None)


def test_active_tokens_are_limited(personas):
    for number in range(MAX_ACTIVE_TOKENS):
        token_create(user=personas.member, name=f"t{number}", expires_at=None)
    with pytest.raises(DomainError) as error:
        token_create(user=personas.member, name="one too many", expires_at=None)
    assert error.value.code == "too_many_tokens"
    # Revoking one makes room again.
    token_revoke(actor=personas.member, token=ApiToken.objects.filter(user=personas.member).first())
    token_create(user=personas.member, name="replacement", expires_at=None)


def test_revoke_is_audited_and_happens_once(personas):
    token, plain = token_create(user=personas.member, name="x", expires_at=None)
    token_revoke(actor=personas.member, token=token)
    token.refresh_from_db()
    assert token_status(token) == "revoked"
    assert token_lookup(plain) is None
    assert AuditEntry.objects.filter(action="api_token.revoked", object_id=str(token.pk)).count() == 1
    with pytest.raises(DomainError) as error:
        token_revoke(actor=personas.member, token=token)
    assert error.value.code == "already_revoked"
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_nobody_revokes_another_persons_token(personas):
    token, plain = token_create(user=personas.member, name="x", expires_at=None)
    with pytest.raises(DomainError):
        token_revoke(actor=personas.admin, token=token)
    assert token_lookup(plain) is not None


def test_lookup_tells_tokens_with_the_same_prefix_apart(personas):
    first, plain = token_create(user=personas.member, name="a", expires_at=None)
    # A second token whose prefix collides: only the digest decides.
    ApiToken.objects.create(user=personas.admin, name="b", prefix=first.prefix, digest="0" * 64)
    found = token_lookup(plain)
    assert found is not None and found.pk == first.pk
