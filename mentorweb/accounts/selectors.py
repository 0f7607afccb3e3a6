"""Reads of people and credentials, always for the person who is asking."""

from __future__ import annotations

from typing import Any

from django.db.models import Subquery

from mentorweb.accounts.models import Credential, Person


def person_for_user(user: Any) -> Person | None:
    """The logged-in user's own profile, or None (an account made with createsuperuser has none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def person_pk_of(user: Any) -> Subquery:
    """The user's person id, as a subquery PostgreSQL runs once: `Q(mentor_id=me) | Q(mentee_id=me)`
    reads the partnerships through their mentor and mentee indexes, where
    `Q(mentor__user=user) | Q(mentee__user=user)` joins the whole people table to test the OR."""
    return Subquery(Person.objects.filter(user_id=user.pk).order_by().values("pk")[:1])


def credentials_for_person(person: Person) -> list[Credential]:
    # A person has at most one credential per kind, so this list is short by construction.
    return list(person.credentials.order_by("kind"))
