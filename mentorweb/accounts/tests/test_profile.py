"""The profile page: personal details, declared credentials, organizations and roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from mentorweb.accounts.models import Credential, CredentialStatus, Person, User
from mentorweb.accounts.services import credential_verify
from mentorweb.accounts.tests.conftest import check_page
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import MembershipStatus, StaffRole
from tests.factories import MembershipFactory, OrganizationFactory

PROFILE = "/me/profile/"
DECLARE = "/me/profile/credentials/"
OCT_NUMBER = "ABC123456"


def profile_data(person: Person, **changes: Any) -> dict[str, Any]:
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "preferred_language": person.preferred_language,
        "role_group": person.role_group,
        "position": "",
        "portfolio": "",
        "years_in_role": "",
        "region": "",
        "languages_of_service": ["en"],
        "needs": "",
        "expertise": "",
        "bio": "",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_log_in(db: Any, client: Client) -> None:
    assert client.get(PROFILE)["Location"].startswith("/accounts/login/")
    assert client.post(DECLARE, {"credential-kind": "oct", "credential-number": OCT_NUMBER})["Location"].startswith(
        "/accounts/login/"
    )
    assert not Credential.objects.exists()


def test_saving_the_profile_is_audited(personas: Any) -> None:
    person = personas.member.person
    client = personas.client_for("member")
    response = client.post(PROFILE, profile_data(person, region="Thunder Bay", needs="coaching, budgets"))
    assert response["Location"] == PROFILE
    person.refresh_from_db()
    assert (person.region, person.needs) == ("Thunder Bay", ["coaching", "budgets"])
    entry = AuditEntry.objects.get(action="person.updated", object_id=str(person.pk))
    assert entry.actor == personas.member
    assert entry.changes["region"] == ["", "Thunder Bay"]


def test_profile_errors_are_tied_to_fields_and_nothing_is_saved(personas: Any) -> None:
    person = personas.member.person
    response = personas.client_for("member").post(PROFILE, profile_data(person, given_name="", years_in_role="-3"))
    assert response.status_code == 200
    page = check_page(response.content.decode())
    assert {"id_given_name_error", "id_years_in_role_error"} <= set(page.described_by)
    person.refresh_from_db()
    assert person.given_name != ""
    assert not AuditEntry.objects.filter(action="person.updated").exists()


def test_declaring_a_credential_shows_it_masked(personas: Any) -> None:
    client = personas.client_for("member")
    response = client.post(DECLARE, {"credential-kind": "oct", "credential-number": " ABC 123 456 "})
    assert response["Location"] == PROFILE + "#credentials"
    assert OCT_NUMBER not in response["Location"]

    credential = Credential.objects.get(person=personas.member.person)
    assert (credential.kind, credential.number, credential.status) == ("oct", OCT_NUMBER, CredentialStatus.DECLARED)
    html = client.get(PROFILE).content.decode()
    assert OCT_NUMBER not in html
    assert "••••••456" in html
    assert "Declared, not yet verified" in html
    entry = AuditEntry.objects.get(action="credential.declared")
    assert OCT_NUMBER not in str(entry.changes) and OCT_NUMBER not in entry.object_label


def test_a_verified_credential_shows_its_status_in_words(personas: Any) -> None:
    client = personas.client_for("member")
    client.post(DECLARE, {"credential-kind": "oct", "credential-number": OCT_NUMBER})
    credential_verify(actor=personas.admin, credential=Credential.objects.get(), status=CredentialStatus.SUSPENDED)
    html = client.get(PROFILE).content.decode()
    assert "Suspended" in html and "badge-bad" in html


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"credential-kind": "oct", "credential-number": "12-34/56"}, "number"),
        ({"credential-kind": "oct", "credential-number": ""}, "number"),
        ({"credential-kind": "passport", "credential-number": OCT_NUMBER}, "kind"),
        ({"credential-kind": "oct", "credential-number": "9" * 61}, "number"),
    ],
)
def test_bad_credential_input_is_an_error_on_its_field(personas: Any, data: dict[str, str], field: str) -> None:
    response = personas.client_for("member").post(DECLARE, data)
    assert response.status_code == 200
    page = check_page(response.content.decode())
    assert f"id_credential-{field}_error" in page.described_by
    assert not Credential.objects.exists()


def test_credentials_are_declared_by_post_only(personas: Any) -> None:
    response = personas.client_for("member").get(DECLARE, {"credential-kind": "oct", "credential-number": OCT_NUMBER})
    assert response.status_code == 405
    assert not Credential.objects.exists()


def test_organizations_and_roles_are_the_persons_own(personas: Any) -> None:
    html = personas.client_for("staff").get(PROFILE).content.decode()
    assert personas.org.name in html
    assert "Program coordinator" in html
    assert personas.other_org.name not in html


def test_profile_page_queries_stay_bounded(db: Any, django_assert_max_num_queries: Any) -> None:
    person = MembershipFactory(status=MembershipStatus.GOOD_STANDING).person
    for _ in range(25):
        MembershipFactory(person=person, organization=OrganizationFactory(), role=StaffRole.MEMBER)
    for kind, number in (("oct", "111222333"), ("bc_trb", "BC4455"), ("other", "X9")):
        Credential.objects.create(person=person, kind=kind, number=number)
    client = Client()
    client.force_login(person.user)
    with django_assert_max_num_queries(12):
        response = client.get(PROFILE)
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == 26 + 3


def test_an_account_without_a_profile_gets_an_empty_one(db: Any) -> None:
    admin = User.objects.create_superuser("root@example.org", "a long admin passphrase")
    client = Client()
    client.force_login(admin)
    # A superuser is sent to set up two factors first, like staff.
    assert client.get(PROFILE)["Location"] == "/accounts/2fa/totp/activate/"
    from tests.factories import enrol_totp

    enrol_totp(admin)
    assert client.get(PROFILE).status_code == 200
    assert Person.objects.filter(user=admin).exists()
    assert AuditEntry.objects.filter(action="person.created", actor=admin).exists()
