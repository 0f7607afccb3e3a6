"""Private notes: a person's own notes about a partnership, readable by their author only.

The text is encrypted before it reaches the database (partnerships.crypto) and decrypted only
in `notes_for` and `note_text`, for the author. Nothing else in Mentorweb reads it: the Django
admin does not register PrivateNote, no export or report selects it, the API serves it to its
author only, the audit trail records that a note was written (never its text), and nothing
here logs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.partnerships import crypto
from mentorweb.partnerships.models import Meeting, Partnership, PrivateNote
from mentorweb.partnerships.workspace_guards import HIDDEN, lock_active, require_active, require_pair
from mentorweb.programs import cleaning

MAX_NOTE_LENGTH = 20000


@dataclass(frozen=True)
class NoteView:
    """A note as its author reads it. `text` is None when it cannot be decrypted."""

    id: int
    text: str | None
    meeting_id: int | None
    meeting_starts_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def unreadable(self) -> bool:
        return self.text is None


def _clean_text(text: Any) -> str:
    return cleaning.text(text, "text", max_length=MAX_NOTE_LENGTH, required=True, multiline=True)


def _clean_meeting(meeting: Meeting | None, partnership: Partnership) -> Meeting | None:
    if meeting is not None and meeting.partnership_id != partnership.pk:
        raise DomainError(_("Choose a meeting of this partnership."), field="meeting")
    return meeting


def _require_author(actor: Any, note: PrivateNote) -> None:
    # Someone else's note does not exist for them: the same answer as a wrong id.
    if note.author_id != getattr(actor, "pk", None):
        raise NotFound()


def note_create(*, actor: Any, partnership: Partnership, text: str, meeting: Meeting | None = None) -> PrivateNote:
    """Write a private note (optionally about one meeting); only the actor will ever read it."""
    require_pair(actor, partnership)
    require_active(partnership)
    clean = _clean_text(text)
    meeting = _clean_meeting(meeting, partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        note = PrivateNote.objects.create(
            partnership=locked, meeting=meeting, author=actor, ciphertext=crypto.encrypt(clean)
        )
        # The fact, never the text: administrators read the trail.
        audit_record(
            actor=actor,
            action="private_note.created",
            obj=note,
            organization=locked.organization,
            changes={"text": [None, HIDDEN], "meeting": [None, meeting.pk if meeting else None]},
        )
    return note


def note_update(*, actor: Any, note: PrivateNote, text: str, meeting: Meeting | None = None) -> PrivateNote:
    _require_author(actor, note)
    partnership = note.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    clean = _clean_text(text)
    meeting = _clean_meeting(meeting, partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        current = PrivateNote.objects.select_for_update().get(pk=note.pk)
        changes: dict[str, Any] = {}
        if crypto.decrypt(current.ciphertext) != clean:
            current.ciphertext = crypto.encrypt(clean)
            changes["text"] = [HIDDEN, HIDDEN]
        if current.meeting_id != (meeting.pk if meeting else None):
            changes["meeting"] = [current.meeting_id, meeting.pk if meeting else None]
            current.meeting = meeting
        if changes:
            current.save(update_fields=["ciphertext", "meeting", "updated_at"])
            audit_record(
                actor=actor,
                action="private_note.updated",
                obj=current,
                organization=locked.organization,
                changes=changes,
            )
    return current


def note_delete(*, actor: Any, note: PrivateNote) -> None:
    _require_author(actor, note)
    partnership = note.partnership
    require_pair(actor, partnership)
    require_active(partnership)
    with transaction.atomic():
        locked = lock_active(partnership)
        label, pk = str(note), note.pk
        deleted, _count = PrivateNote.objects.filter(pk=note.pk, author=actor).delete()
        if not deleted:
            raise NotFound()
        audit_record(
            actor=actor,
            action="private_note.deleted",
            object_type="partnerships.privatenote",
            organization=locked.organization,
            changes={"note": [pk, None], "label": [label, None]},
        )


def _view(note: PrivateNote) -> NoteView:
    try:
        text: str | None = crypto.decrypt(note.ciphertext)
    except crypto.NoteUnreadable:
        text = None
    return NoteView(
        id=note.pk,
        text=text,
        meeting_id=note.meeting_id,
        meeting_starts_at=note.meeting.starts_at if note.meeting_id and note.meeting else None,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def own_notes(user: Any, partnership: Partnership) -> QuerySet[PrivateNote]:
    """The user's own notes about the partnership, newest first, still encrypted. The query
    itself is limited to the user as author: nobody else's note is ever read."""
    if not getattr(user, "is_authenticated", False):
        return PrivateNote.objects.none()
    return (
        PrivateNote.objects.filter(partnership=partnership, author=user)
        .select_related("meeting")
        .order_by("-created_at", "-pk")
    )


def as_views(notes: Iterable[PrivateNote]) -> list[NoteView]:
    return [_view(note) for note in notes]


def notes_for(
    user: Any, partnership: Partnership, *, limit: int | None = None, meeting: Meeting | None = None
) -> list[NoteView]:
    """The user's own notes about the partnership (or one of its meetings), newest first, decrypted."""
    notes = own_notes(user, partnership)
    if meeting is not None:
        notes = notes.filter(meeting=meeting)
    return as_views(notes[:limit] if limit is not None else notes)


def notes_count(user: Any, partnership: Partnership) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return PrivateNote.objects.filter(partnership=partnership, author=user).count()


def note_view(user: Any, note: PrivateNote) -> NoteView:
    """One note, for its author only."""
    _require_author(user, note)
    return _view(note)
