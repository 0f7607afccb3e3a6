"""The demo data, its logins, and the README's table of them."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from mentorweb.accounts.models import Credential, CredentialStatus, Person, RoleGroup, User
from mentorweb.core.demo.loader import ALL_PEOPLE
from mentorweb.core.demo.organizations import ORGANIZATIONS
from mentorweb.core.demo.personas import (
    DEMO_PASSWORD,
    NO_SECRET,
    PERSONAS,
    PERSONAS_BY_EMAIL,
    derived_totp_secret,
    markdown_table,
    totp_secret_for,
)
from mentorweb.core.demo.specs import TAGS
from mentorweb.core.models import AuditEntry, AuditSource
from mentorweb.organizations.models import Membership, MembershipStatus, Organization, OrganizationKind, StaffRole

SPECS = {spec.email: spec for spec in ALL_PEOPLE}
TABLES = (User, EmailAddress, Person, Organization, Membership, Credential, Authenticator, AuditEntry)


def load(**kwargs: object) -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, **kwargs)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


@pytest.fixture(scope="module")
def first_load(django_db_setup, django_db_blocker):
    """The demo loaded once for this module; each test still runs in its own rolled-back transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = load()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(first_load, db):
    return first_load


# --- The data itself (no database) ---------------------------------------------------------------


def test_people_are_unique_and_use_reserved_domains():
    emails = [spec.email for spec in ALL_PEOPLE]
    assert len(emails) == len(set(emails))
    # RFC 2606 names only, so no demo e-mail can ever reach a real person.
    assert all(re.fullmatch(r"[a-z0-9.'-]+@example\.(org|com)", email) for email in emails), emails


def test_every_role_group_and_membership_status_appears():
    assert {spec.role_group for spec in ALL_PEOPLE} == set(RoleGroup.values)
    statuses = {m.status for spec in ALL_PEOPLE for m in spec.memberships}
    assert statuses == set(MembershipStatus.values)


def test_needs_and_expertise_come_from_the_shared_vocabulary():
    used = {tag for spec in ALL_PEOPLE for tag in (*spec.needs, *spec.expertise)}
    assert used <= TAGS, used - TAGS


def test_memberships_and_verifiers_name_known_organizations_and_people():
    slugs = {org.slug for org in ORGANIZATIONS}
    assert all(m.organization in slugs for spec in ALL_PEOPLE for m in spec.memberships)
    for spec in ALL_PEOPLE:
        if spec.credential and spec.credential.status != CredentialStatus.DECLARED:
            assert spec.credential.verified_by in SPECS, spec.email


def test_each_persona_is_a_person_and_staff_personas_have_a_secret():
    for persona in PERSONAS:
        spec = SPECS[persona.email]
        assert (persona.totp_secret is not None) == spec.has_staff_role, persona.key
        if persona.totp_secret:
            assert re.fullmatch(r"[A-Z2-7]{32}", persona.totp_secret)
    assert len({p.key for p in PERSONAS}) == len(PERSONAS) == 15


def test_derived_secrets_are_fixed_and_distinct():
    assert derived_totp_secret("a@example.org") == derived_totp_secret("A@example.org")
    assert derived_totp_secret("a@example.org") != derived_totp_secret("b@example.org")
    assert totp_secret_for("admin.opc@example.org") == PERSONAS_BY_EMAIL["admin.opc@example.org"].totp_secret


def test_readme_table_matches_the_persona_module():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme
    # And nothing else in the README looks like a stale row of the table.
    rows = [line for line in readme.splitlines() if line.startswith("| ") and f"`{DEMO_PASSWORD}`" in line]
    assert len(rows) == len(PERSONAS)


def test_readme_counts_match_the_demo_data():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert f"{len(ORGANIZATIONS)} organizations and {len(ALL_PEOPLE)} fictional people" in readme


def test_readme_documents_every_environment_variable_of_the_settings():
    source = (Path(settings.BASE_DIR) / "mentorweb" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r"\benv(?:str|bool|int|list|secret)\(\s*\"([A-Z0-9_]+)\"", source))
    assert len(names) > 20
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert {name for name in names if f"| `{name}` |" not in readme} == set()


def test_readme_starts_with_the_two_commands():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


# --- Loading ------------------------------------------------------------------------------------


def test_load_demo_creates_the_seed_organizations_and_people(demo):
    assert "Demo loaded." in demo
    assert Organization.objects.count() == len(ORGANIZATIONS)
    assert Person.objects.count() == len(ALL_PEOPLE)

    bc_retired = Organization.objects.get(slug="bcrpvpa")
    assert bc_retired.parent is not None and bc_retired.parent.slug == "bcpvpa"
    assert bc_retired.time_zone == "America/Vancouver"
    assert set(Organization.objects.filter(parent__slug="krdsb").values_list("kind", flat=True)) == {
        OrganizationKind.SCHOOL
    }
    assert Organization.objects.get(slug="ontario-edu").kind == OrganizationKind.MINISTRY

    # BC mentors live in the retired association; OPSOA mentors are alumni.
    mentor = Person.objects.get(user__email="mentor.bc@example.org")
    assert list(mentor.memberships.values_list("organization__slug", "status")) == [("bcrpvpa", "retired")]
    opsoa_mentor = Person.objects.get(user__email="mentor.opsoa@example.org")
    assert opsoa_mentor.role_group == RoleGroup.RETIRED_SUPERVISORY_OFFICER
    assert opsoa_mentor.memberships.get().status == MembershipStatus.ALUMNI
    assert Person.objects.filter(memberships__organization__slug="bcpvpa", remote_or_isolated=True).count() >= 3

    # The board contact is one for the board, OPSOA and OPC.
    contact = Person.objects.get(user__email="board.contact@example.org")
    assert set(contact.memberships.values_list("organization__slug", "role")) == {
        ("krdsb", StaffRole.BOARD_CONTACT),
        ("opsoa", StaffRole.BOARD_CONTACT),
        ("opc", StaffRole.BOARD_CONTACT),
    }


def test_credentials_are_declared_verified_or_suspended(demo):
    by_status = dict.fromkeys(CredentialStatus.values, 0)
    for credential in Credential.objects.filter(person__memberships__organization__slug="opc"):
        by_status[credential.status] += 1
    assert by_status[CredentialStatus.DECLARED] >= 2
    assert by_status[CredentialStatus.GOOD_STANDING] >= 4
    assert by_status[CredentialStatus.SUSPENDED] == 1
    verified = Credential.objects.exclude(status=CredentialStatus.DECLARED)
    assert {c.verified_by.email for c in verified if c.verified_by} == {"coordinator.opc@example.org"}
    assert all(c.verified_at is not None for c in verified)


def test_every_demo_user_can_log_in_and_staff_have_their_fixed_secret(demo):
    staff_emails = {spec.email for spec in ALL_PEOPLE if spec.has_staff_role}
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.email
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if user.email in staff_emails:
            assert totp is not None and totp.data["secret"] == totp_secret_for(user.email), user.email
            assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
        else:
            assert totp is None, user.email
    assert list(User.objects.filter(is_superuser=True).values_list("email", flat=True)) == ["siteadmin@example.org"]


def test_second_load_changes_nothing(demo):
    first = counts()
    entries = set(AuditEntry.objects.values_list("pk", flat=True))
    output = load()
    assert counts() == first
    assert set(AuditEntry.objects.values_list("pk", flat=True)) == entries
    assert "nothing changed" in output
    assert re.search(r"[1-9]\d* (created|updated)", output) is None


def test_what_the_first_load_creates_is_in_the_audit_trail_as_a_command(demo):
    assert set(AuditEntry.objects.values_list("source", flat=True)) == {AuditSource.COMMAND}
    actions = AuditEntry.objects.values_list("action", flat=True)
    assert actions.filter(action="organization.created").count() == len(ORGANIZATIONS)
    assert actions.filter(action="person.created").count() == len(ALL_PEOPLE)
    assert actions.filter(action="membership.created").count() == Membership.objects.count()
    assert actions.filter(action="credential.declared").count() == Credential.objects.count()
    membership_entry = AuditEntry.objects.filter(action="membership.created").first()
    assert membership_entry is not None and membership_entry.actor is not None
    assert membership_entry.actor.email == "siteadmin@example.org"
    assert membership_entry.organization_id is not None


def test_loading_again_puts_changed_demo_data_back_and_records_it(demo):
    person = Person.objects.get(user__email="mentee.bc@example.org")
    person.position = "Something else"
    person.save(update_fields=["position"])
    Membership.objects.filter(person__user__email="admin.opc@example.org").update(role=StaffRole.MEMBER)

    output = load()

    person.refresh_from_db()
    assert person.position == SPECS["mentee.bc@example.org"].position
    assert Membership.objects.get(person__user__email="admin.opc@example.org").role == StaffRole.ORG_ADMIN
    assert "people: 0 created, 1 updated" in output
    assert "memberships: 0 created, 1 updated" in output
    updated = AuditEntry.objects.filter(action__in=["person.updated", "membership.updated"])
    assert updated.count() == 2
    assert set(updated.values_list("source", flat=True)) == {AuditSource.COMMAND}


def test_staff_persona_logs_in_with_password_and_totp_code(demo, client):
    persona = PERSONAS_BY_EMAIL["admin.opc@example.org"]
    response = client.post("/accounts/login/", {"login": persona.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert persona.totp_secret is not None
    code = format_hotp_value(hotp_value(persona.totp_secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.session["_auth_user_id"] == str(User.objects.get(email=persona.email).pk)


def test_non_staff_persona_logs_in_with_the_password_alone(demo, client):
    response = client.post("/accounts/login/", {"login": "ece.mfa@example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Alyssa" in client.get("/").content.decode()


# --- demo_logins --------------------------------------------------------------------------------


def test_demo_logins_prints_every_persona_with_password_and_secret(demo):
    out, err = io.StringIO(), io.StringIO()
    call_command("demo_logins", stdout=out, stderr=err)
    text = out.getvalue()
    for persona in PERSONAS:
        line = next(line for line in text.splitlines() if persona.email in line)
        assert persona.label in line and DEMO_PASSWORD in line
        assert (persona.totp_secret or NO_SECRET) in line
    assert "authenticator app" in text
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_demo_logins_all_lists_other_staff_with_their_derived_secret():
    out = io.StringIO()
    call_command("demo_logins", "--all", stdout=out, stderr=io.StringIO())
    line = next(line for line in out.getvalue().splitlines() if "harpreet.sandhu@example.org" in line)
    assert derived_totp_secret("harpreet.sandhu@example.org") in line
    assert len([line for line in out.getvalue().splitlines() if "@example." in line]) == len(ALL_PEOPLE)


@pytest.mark.django_db
def test_demo_logins_warns_when_the_demo_is_not_loaded():
    # Another test of this module may have loaded the demo in this transaction. Their registrations
    # and receipts protect the people from deletion, so the persona addresses are renamed instead.
    for user in User.objects.filter(email__in=list(PERSONAS_BY_EMAIL)):
        user.email = f"renamed-{user.pk}@example.net"
        user.save(update_fields=["email"])
    err = io.StringIO()
    call_command("demo_logins", stdout=io.StringIO(), stderr=err)
    assert "run `manage.py load_demo` first" in err.getvalue()


def test_demo_logins_markdown_is_the_readme_table():
    out = io.StringIO()
    call_command("demo_logins", "--markdown", stdout=out)
    assert out.getvalue().strip() == markdown_table()
