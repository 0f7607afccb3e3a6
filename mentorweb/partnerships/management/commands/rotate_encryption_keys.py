"""`manage.py rotate_encryption_keys`: re-encrypt every private note under the newest key.

Put the new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it), restart, run
this command, and only then remove the old keys. It works in batches, each in its own
transaction with its rows locked, so it can run while people write notes; a note already
under the newest key is left as it is, so a second run changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from mentorweb.core.audit import audit_record
from mentorweb.partnerships import crypto
from mentorweb.partnerships.models import PrivateNote


class Command(BaseCommand):
    help = "Re-encrypt every private note with the newest key of FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Notes per transaction (default 500).")

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        rotated = unchanged = unreadable = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                batch = list(
                    PrivateNote.objects.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", "ciphertext")[:batch_size]
                )
                if not batch:
                    break
                last_pk = batch[-1].pk
                changed = []
                for note in batch:
                    if crypto.uses_newest_key(note.ciphertext):
                        unchanged += 1
                        continue
                    try:
                        note.ciphertext = crypto.rotate(note.ciphertext)
                    except crypto.NoteUnreadable:
                        # Left as it is for a person to look into: no configured key opens it.
                        unreadable += 1
                        continue
                    changed.append(note)
                # bulk_update leaves updated_at alone: re-encrypting is not an edit by the author.
                PrivateNote.objects.bulk_update(changed, ["ciphertext"])
                rotated += len(changed)
        # Counts only, never which notes or whose.
        audit_record(
            actor=None,
            action="private_notes.keys_rotated",
            object_type="partnerships.privatenote",
            changes={"rotated": rotated, "unchanged": unchanged, "unreadable": unreadable},
        )
        self.stdout.write(
            f"Re-encrypted {rotated} private notes with the newest key; "
            f"{unchanged} already used it; {unreadable} could not be decrypted."
        )
        if unreadable:
            raise CommandError(f"{unreadable} private notes could not be decrypted with any configured key")
