"""Reads of people and credentials, always for the person who is asking."""

from __future__ import annotations

from typing import Any

from mentorweb.accounts.models import Credential, Person


def person_for_user(user: Any) -> Person | None:
    """The logged-in user's own profile, or None (an account made with createsuperuser has none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def credentials_for_person(person: Person) -> list[Credential]:
    # A person has at most one credential per kind, so this list is short by construction.
    return list(person.credentials.order_by("kind"))
