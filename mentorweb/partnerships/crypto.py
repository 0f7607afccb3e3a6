"""Encryption of private notes at rest: authenticated encryption (Fernet: AES-128-CBC with an
HMAC-SHA256 tag) under keys of their own, never SECRET_KEY.

settings.FIELD_ENCRYPTION_KEYS lists the keys, newest first. Each may be any string: a
32-byte Fernet key is derived from it with HKDF-SHA256 and a fixed purpose label, so the
same setting could serve another purpose later under another label without sharing a key.
The newest key encrypts; every key decrypts, so adding a new key in front and running
`manage.py rotate_encryption_keys` moves every note to it without losing any. Only then may
the old key be removed.

The text never leaves this module except to its author: nothing here logs, and errors never
carry the token or the text.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError

# Changing the label changes every derived key: existing notes would no longer decrypt.
PURPOSE = b"mentorweb/partnerships/private-notes/v1"


class NoteUnreadable(DomainError):
    """The token was changed, cut, or made with a key that is no longer configured."""

    def __init__(self) -> None:
        super().__init__(
            _("This note cannot be decrypted: it was altered, or the key that encrypted it is no longer configured."),
            code="undecryptable",
        )


def derive_key(secret: str) -> bytes:
    """The urlsafe-base64 Fernet key derived from one configured secret."""
    if not secret:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS contains an empty key")
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE)
    return base64.urlsafe_b64encode(hkdf.derive(secret.encode("utf-8")))


@functools.lru_cache(maxsize=4)
def _fernets(secrets: tuple[str, ...]) -> tuple[Fernet, ...]:
    # Keyed on the secrets themselves, so a test that overrides the setting gets its own keys.
    if not secrets:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: private notes cannot be encrypted")
    if secrets[0] == settings.SECRET_KEY or settings.SECRET_KEY in secrets:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must not contain SECRET_KEY")
    return tuple(Fernet(derive_key(secret)) for secret in secrets)


def _configured() -> tuple[Fernet, ...]:
    keys: Sequence[str] = settings.FIELD_ENCRYPTION_KEYS
    return _fernets(tuple(keys))


def multi_fernet() -> MultiFernet:
    return MultiFernet(list(_configured()))


def newest_fernet() -> Fernet:
    return _configured()[0]


def encrypt(text: str) -> str:
    """The token of `text` under the newest key (a different token each time)."""
    return multi_fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text of `token`; NoteUnreadable if it was tampered with or no configured key opens it."""
    try:
        return multi_fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise NoteUnreadable() from error


def uses_newest_key(token: str) -> bool:
    try:
        newest_fernet().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError, ValueError):
        return False
    return True


def rotate(token: str) -> str:
    """The same text re-encrypted under the newest key (MultiFernet.rotate)."""
    try:
        return multi_fernet().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeError, ValueError) as error:
        raise NoteUnreadable() from error
