"""Loading the demo so that a second load changes nothing.

Every row is found by its natural key (an organization's slug, a user's e-mail, a person's
user, a membership's person and organization, a credential's person and kind) and written
only when it is missing or differs from the demo data. Each write records an audit entry
with the source "command"; profile changes and credentials go through the accounts services.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, cast

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction

from mentorweb.accounts.models import Credential, CredentialStatus, Person, User
from mentorweb.accounts.services import credential_declare, credential_verify, person_update
from mentorweb.core.audit import audit_record, audit_source
from mentorweb.core.demo import (
    people_bc,
    people_bc_pilot,
    people_board,
    people_opc,
    people_opsoa,
    people_opsoa_program,
    people_web,
)
from mentorweb.core.demo.organizations import ORGANIZATIONS
from mentorweb.core.demo.personas import DEMO_PASSWORD, totp_secret_for
from mentorweb.core.demo.specs import MembershipSpec, OrganizationSpec, PersonSpec
from mentorweb.core.models import AuditSource
from mentorweb.organizations.models import Membership, Organization

ALL_PEOPLE: tuple[PersonSpec, ...] = (
    *people_opc.PEOPLE,
    *people_bc.PEOPLE,
    *people_bc_pilot.PEOPLE,
    *people_opsoa.PEOPLE,
    *people_opsoa_program.PEOPLE,
    *people_board.PEOPLE,
    *people_web.PEOPLE,
)

ORGANIZATION_FIELDS = ("name", "short_name", "kind", "time_zone", "languages", "province", "contact_email")


@dataclass
class DemoReport:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated)

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated))
        return [f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated" for kind in kinds]


@dataclass
class DemoContext:
    """What an app's `demo.load_demo(context)` gets: the loaded rows by natural key."""

    actor: User
    organizations: dict[str, Organization]
    people: dict[str, Person]
    report: DemoReport


class AppDemo(Protocol):
    def load_demo(self, context: DemoContext) -> None: ...


def load_demo() -> DemoReport:
    report = DemoReport()
    # One transaction: an interrupted load leaves nothing half-made.
    with audit_source(AuditSource.COMMAND), transaction.atomic():
        # Argon2 is slow on purpose; one hash shared by the new demo users keeps the load quick.
        password = make_password(DEMO_PASSWORD)
        site_admin_spec = next(spec for spec in ALL_PEOPLE if spec.superuser)
        actor = _ensure_user(site_admin_spec, password=password, actor=None, report=report)

        organizations: dict[str, Organization] = {}
        for org_spec in ORGANIZATIONS:
            organizations[org_spec.slug] = _ensure_organization(org_spec, organizations, actor, report)

        people: dict[str, Person] = {}
        for spec in ALL_PEOPLE:
            user = actor if spec.superuser else _ensure_user(spec, password=password, actor=actor, report=report)
            person = _ensure_person(spec, user, actor, report)
            people[spec.email] = person
            for membership_spec in spec.memberships:
                _ensure_membership(person, organizations[membership_spec.organization], membership_spec, actor, report)
            if spec.has_staff_role:
                _ensure_second_factor(user, actor, report)

        # Credentials come last: verifying one needs the verifier's account.
        for spec in ALL_PEOPLE:
            if spec.credential is not None:
                _ensure_credential(spec, people, report)

        context = DemoContext(actor=actor, organizations=organizations, people=people, report=report)
        for module in app_demo_modules():
            module.load_demo(context)
    return report


def app_demo_modules() -> list[AppDemo]:
    """`mentorweb.<app>.demo` modules of the installed apps, in INSTALLED_APPS order."""
    modules: list[AppDemo] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("mentorweb.") or config.name == "mentorweb.core":
            continue
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            modules.append(cast(AppDemo, importlib.import_module(name)))
    return modules


def _changed_fields(instance: Any, wanted: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [getattr(instance, name), value] for name, value in wanted.items() if getattr(instance, name) != value
    }


def _ensure_user(spec: PersonSpec, *, password: str, actor: User | None, report: DemoReport) -> User:
    wanted = {"is_staff": spec.superuser, "is_superuser": spec.superuser, "is_active": True}
    user = User.objects.filter(email__iexact=spec.email).first()
    if user is None:
        user = User(email=spec.email.lower(), password=password, **wanted)
        user.save()
        audit_record(actor=actor, action="user.created", obj=user, changes={"is_superuser": [None, spec.superuser]})
        report.created["users"] += 1
    else:
        # A password changed during a demo is left alone: reloading must not log people out.
        changes = _changed_fields(user, wanted)
        if changes:
            for name, (_old, new) in changes.items():
                setattr(user, name, new)
            user.save(update_fields=list(changes))
            audit_record(actor=actor, action="user.updated", obj=user, changes=changes)
            report.updated["users"] += 1
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user


def _ensure_organization(
    spec: OrganizationSpec, loaded: dict[str, Organization], actor: User, report: DemoReport
) -> Organization:
    wanted: dict[str, Any] = {name: getattr(spec, name) for name in ORGANIZATION_FIELDS}
    wanted["languages"] = list(spec.languages)
    wanted["parent"] = loaded[spec.parent] if spec.parent else None
    organization = Organization.objects.filter(slug=spec.slug).first()
    if organization is None:
        organization = Organization(slug=spec.slug, **wanted)
        # Field checks catch a mistake in the demo data; the database checks the constraints.
        organization.clean_fields()
        organization.save()
        audit_record(
            actor=actor,
            action="organization.created",
            obj=organization,
            organization=organization,
            changes={"kind": [None, spec.kind], "parent": [None, spec.parent or None]},
        )
        report.created["organizations"] += 1
        return organization
    changes = _changed_fields(organization, wanted)
    if changes:
        for name, (_old, new) in changes.items():
            setattr(organization, name, new)
        organization.clean_fields()
        organization.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="organization.updated",
            obj=organization,
            organization=organization,
            changes={name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
        )
        report.updated["organizations"] += 1
    return organization


def _plain(value: Any) -> Any:
    """A value the audit trail's JSON can hold."""
    if isinstance(value, Organization):
        return value.slug
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _ensure_person(spec: PersonSpec, user: User, actor: User, report: DemoReport) -> Person:
    profile = spec.profile()
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = Person(user=user, **profile)
        person.clean_fields(exclude=["user"])
        person.save()
        audit_record(actor=actor, action="person.created", obj=person, changes={"role_group": [None, spec.role_group]})
        report.created["people"] += 1
    elif _changed_fields(person, profile):
        # The profile service checks the values and records what changed.
        person = person_update(actor=actor, person=person, data=profile)
        report.updated["people"] += 1
    return person


def _ensure_membership(
    person: Person, organization: Organization, spec: MembershipSpec, actor: User, report: DemoReport
) -> Membership:
    wanted = {"role": spec.role, "status": spec.status, "deactivated_at": None}
    membership = Membership.objects.filter(person=person, organization=organization).first()
    if membership is None:
        membership = Membership.objects.create(
            person=person, organization=organization, role=spec.role, status=spec.status, invited_by=actor
        )
        audit_record(
            actor=actor,
            action="membership.created",
            obj=membership,
            organization=organization,
            changes={"role": [None, spec.role], "status": [None, spec.status]},
        )
        report.created["memberships"] += 1
        return membership
    changes = _changed_fields(membership, wanted)
    if changes:
        for name, (_old, new) in changes.items():
            setattr(membership, name, new)
        membership.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="membership.updated",
            obj=membership,
            organization=organization,
            changes={name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
        )
        report.updated["memberships"] += 1
    return membership


def _ensure_second_factor(user: User, actor: User, report: DemoReport) -> None:
    """Staff must use a second factor; demo staff get a fixed TOTP secret so the README can print it."""
    existing = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    if Authenticator.Type.TOTP not in existing:
        totp = TOTP.activate(user, totp_secret_for(user.email)).instance
        audit_record(actor=actor, action="mfa.totp_activated", obj=totp)
        report.created["authenticators"] += 1
    if Authenticator.Type.RECOVERY_CODES not in existing:
        codes = RecoveryCodes.activate(user).instance
        audit_record(actor=actor, action="mfa.recovery_codes_generated", obj=codes)
        report.created["authenticators"] += 1


def _ensure_credential(spec: PersonSpec, people: dict[str, Person], report: DemoReport) -> None:
    wanted = spec.credential
    assert wanted is not None
    person = people[spec.email]
    before = Credential.objects.filter(person=person, kind=wanted.kind).first()
    # The person declares their own registration, as they would on their profile; the
    # service leaves an unchanged number alone.
    credential = credential_declare(actor=person.user, person=person, kind=wanted.kind, number=wanted.number)
    changed = before is not None and before.number != wanted.number
    if wanted.status != CredentialStatus.DECLARED and credential.status != wanted.status:
        # The program staff member named in the data checked the public register.
        credential_verify(actor=people[wanted.verified_by].user, credential=credential, status=wanted.status)
        changed = before is not None
    if before is None:
        report.created["credentials"] += 1
    elif changed:
        report.updated["credentials"] += 1
