"""Private notes are encrypted at rest with their own keys (not SECRET_KEY), can be rotated
without losing any, and a tampered token fails clearly."""

from __future__ import annotations

import base64
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import crypto
from mentorweb.partnerships.models import PrivateNote
from mentorweb.partnerships.notes import note_create, notes_for
from mentorweb.partnerships.tests.workspace_world import SECRET, active_pair, note_row

OLD_KEY = "old-key: any string at all"
NEW_KEY = "new-key: another string"


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def raw_ciphertexts() -> list[str]:
    table = connection.ops.quote_name(PrivateNote._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - the table name is quoted
        return [" ".join(str(value) for value in row) for row in cursor.fetchall()]


def test_round_trip_and_a_new_token_each_time(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    first, second = crypto.encrypt("été à l'école"), crypto.encrypt("été à l'école")
    assert first != second
    assert crypto.decrypt(first) == crypto.decrypt(second) == "été à l'école"


def test_raw_sql_read_of_the_table_finds_no_plaintext(pair):
    note_create(actor=pair.mentor.user, partnership=pair.partnership, text=SECRET)
    rows = raw_ciphertexts()
    assert len(rows) == 1
    assert SECRET not in rows[0]
    for word in ("superintendent", "undermining", "worry"):
        assert word not in rows[0]
    # What is stored is a Fernet token under the derived key.
    stored = PrivateNote.objects.get().ciphertext
    assert stored.startswith("gAAAAA")


def test_the_key_is_derived_from_field_encryption_keys_never_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    token = crypto.encrypt(SECRET)
    # SECRET_KEY changes nothing: the notes do not depend on it.
    settings.SECRET_KEY = "a-completely-different-secret-key-" + "x" * 30
    assert crypto.decrypt(token) == SECRET
    # The derived key is HKDF of the configured string, not the string itself.
    expected = Fernet(crypto.derive_key(OLD_KEY))
    assert expected.decrypt(token.encode()).decode() == SECRET
    assert crypto.derive_key(OLD_KEY) != base64.urlsafe_b64encode(OLD_KEY.encode()[:32].ljust(32, b"\0"))
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(crypto.NoteUnreadable):
        crypto.decrypt(token)


def test_secret_key_is_refused_as_an_encryption_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = [settings.SECRET_KEY]
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        crypto.encrypt("x")


def test_a_tampered_token_fails_clearly(settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    token = crypto.encrypt(SECRET)
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[-40] ^= 0x01  # one bit of the ciphertext
    tampered = base64.urlsafe_b64encode(bytes(raw)).decode()
    with pytest.raises(crypto.NoteUnreadable) as caught:
        crypto.decrypt(tampered)
    assert "altered" in caught.value.message
    assert caught.value.code == "undecryptable"
    # Neither the token nor the text is in the error.
    assert tampered not in str(caught.value) and SECRET not in str(caught.value)
    for broken in (token[:-5], "not a token", ""):
        with pytest.raises(crypto.NoteUnreadable):
            crypto.decrypt(broken)


def test_an_unreadable_note_is_shown_as_such_to_its_author(pair):
    note = note_row(pair.partnership, pair.mentor)
    PrivateNote.objects.filter(pk=note.pk).update(ciphertext=note.ciphertext[:-4] + "AAAA")
    [view] = notes_for(pair.mentor.user, pair.partnership)
    assert view.unreadable and view.text is None


def test_rotation_keeps_every_note_and_moves_it_to_the_new_key(pair, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    notes = [note_row(pair.partnership, pair.mentor, f"{SECRET} #{i}") for i in range(5)]
    updated = {n.pk: PrivateNote.objects.get(pk=n.pk).updated_at for n in notes}
    # The new key goes first; the old one stays until the rotation has run.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert [v.text for v in reversed(notes_for(pair.mentor.user, pair.partnership))] == [
        f"{SECRET} #{i}" for i in range(5)
    ]
    out = io.StringIO()
    call_command("rotate_encryption_keys", "--batch-size", "2", stdout=out)
    assert "Re-encrypted 5 private notes" in out.getvalue()
    # The new key alone now opens every note.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]
    assert sorted(v.text for v in notes_for(pair.mentor.user, pair.partnership)) == sorted(
        f"{SECRET} #{i}" for i in range(5)
    )
    for note in PrivateNote.objects.all():
        assert Fernet(crypto.derive_key(NEW_KEY)).decrypt(note.ciphertext.encode()).decode().startswith(SECRET)
        # Re-encrypting is not an edit by the author.
        assert note.updated_at == updated[note.pk]
    entry = AuditEntry.objects.get(action="private_notes.keys_rotated")
    assert entry.changes == {"rotated": 5, "unchanged": 0, "unreadable": 0}
    assert SECRET not in str(entry.changes)


def test_rotation_is_idempotent(pair, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    note_row(pair.partnership, pair.mentor)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    token = PrivateNote.objects.get().ciphertext
    out = io.StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    assert "Re-encrypted 0 private notes" in out.getvalue()
    assert "1 already used it" in out.getvalue()
    assert PrivateNote.objects.get().ciphertext == token


def test_rotation_reports_notes_no_key_opens(pair, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD_KEY]
    note_row(pair.partnership, pair.mentor)
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY]  # the old key was dropped too early
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 private notes could not be decrypted"):
        call_command("rotate_encryption_keys", stdout=out)
    assert "1 could not be decrypted" in out.getvalue()
    # Left as it was: putting the old key back still opens it.
    settings.FIELD_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    assert notes_for(pair.mentor.user, pair.partnership)[0].text == SECRET
