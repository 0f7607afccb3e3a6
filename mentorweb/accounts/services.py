"""Every change to users, people and credentials."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Credential, CredentialKind, CredentialStatus, Language, Person, User, UserSession
from mentorweb.core.audit import audit_record, diff, snapshot
from mentorweb.core.errors import DomainError

PROFILE_FIELDS = (
    "given_name",
    "family_name",
    "preferred_language",
    "role_group",
    "position",
    "portfolio",
    "years_in_role",
    "region",
    "remote_or_isolated",
    "languages_of_service",
    "needs",
    "expertise",
    "bio",
)


def person_create_for_signup(
    *, user: User, given_name: str, family_name: str, preferred_language: str = "en"
) -> Person:
    with transaction.atomic():
        person = Person.objects.create(
            user=user,
            given_name=given_name.strip(),
            family_name=family_name.strip(),
            preferred_language=preferred_language if preferred_language in ("en", "fr") else "en",
        )
        audit_record(actor=user, action="person.created", obj=person, changes={"signup": [None, user.email]})
    return person


def person_ensure_for_user(*, user: User) -> Person:
    """The user's profile, made empty if missing (accounts created with createsuperuser have none)."""
    with transaction.atomic():
        person, created = Person.objects.get_or_create(user=user)
        if created:
            audit_record(actor=user, action="person.created", obj=person, changes={"profile": [None, "empty"]})
    return person


def person_set_language(*, actor: User, person: Person, language: str) -> Person:
    """Remember the language the person chose for the interface (and for the e-mails we send them)."""
    if language not in Language.values:
        raise DomainError(_("Choose English or French."), field="preferred_language")
    with transaction.atomic():
        # Locked, so that two quick clicks on the switch record one change, not two.
        person = Person.objects.select_for_update().get(pk=person.pk)
        old = person.preferred_language
        if old != language:
            person.preferred_language = language
            person.save(update_fields=["preferred_language", "updated_at"])
            audit_record(
                actor=actor,
                action="person.language_changed",
                obj=person,
                changes={"preferred_language": [old, language]},
            )
    return person


def person_update(*, actor: User, person: Person, data: dict[str, Any]) -> Person:
    """Update profile fields. Unknown keys are refused, so a caller cannot set anything else."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed here: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        before = snapshot(person, data)
        for name, value in data.items():
            setattr(person, name, value)
        person.full_clean(exclude=["user"])
        changes = diff(person, before, data)
        if changes:
            person.save(update_fields=[*changes, "updated_at"])
            audit_record(actor=actor, action="person.updated", obj=person, changes=changes)
    return person


def credential_declare(*, actor: User, person: Person, kind: str, number: str) -> Credential:
    number = "".join(number.split())
    if kind not in CredentialKind.values:
        raise DomainError(_("Choose a kind of credential."), field="kind")
    if not number or len(number) > 40 or not number.isalnum():
        raise DomainError(_("Enter the registration number using letters and digits only."), field="number")
    with transaction.atomic():
        credential, created = Credential.objects.select_for_update().get_or_create(
            person=person, kind=kind, defaults={"number": number}
        )
        if not created:
            if credential.number == number:
                return credential
            credential.number = number
            credential.status = CredentialStatus.DECLARED
            credential.verified_by = None
            credential.verified_at = None
            credential.save(update_fields=["number", "status", "verified_by", "verified_at"])
        # The number itself is not written to the audit trail, only that it changed.
        audit_record(actor=actor, action="credential.declared", obj=credential, changes={"number": ["…", "…"]})
    return credential


def credential_verify(*, actor: User, credential: Credential, status: str) -> Credential:
    if status not in CredentialStatus.values or status == CredentialStatus.DECLARED:
        raise DomainError(_("Choose the status the register shows."), field="status")
    with transaction.atomic():
        credential = Credential.objects.select_for_update().get(pk=credential.pk)
        old = credential.status
        credential.status = status
        credential.verified_by = actor
        credential.verified_at = timezone.now()
        credential.save(update_fields=["status", "verified_by", "verified_at"])
        audit_record(actor=actor, action="credential.verified", obj=credential, changes={"status": [old, status]})
    return credential


def user_end_sessions(*, user: User) -> int:
    """Log the user out everywhere by deleting every session they hold."""
    with transaction.atomic():
        keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
        Session.objects.filter(session_key__in=keys).delete()
        UserSession.objects.filter(user=user).delete()
    return len(keys)
