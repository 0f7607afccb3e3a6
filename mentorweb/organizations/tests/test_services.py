import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from mentorweb.accounts.models import CredentialStatus, Person, User
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations import services
from mentorweb.organizations.models import Membership, StaffRole
from mentorweb.organizations.selectors import active_memberships, forget_memberships
from tests.factories import MembershipFactory, UserFactory

NEW_PASSWORD = "a long invitation passphrase 7"


def membership_of(user, organization):
    return Membership.objects.get(person__user=user, organization=organization)


def invite(personas, captured, **overrides):
    arguments = {
        "actor": personas.admin,
        "organization": personas.org,
        "email": "Nadia.Okafor@Example.org",
        "given_name": " Nadia ",
        "family_name": "Okafor",
        "role": StaffRole.MEMBER,
    }
    arguments.update(overrides)
    with captured(execute=True):
        return services.membership_invite(**arguments)


# --- invitations ---------------------------------------------------------------------------


def test_invitation_creates_the_account_and_sends_text_and_html(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    membership = invite(personas, django_capture_on_commit_callbacks)

    user = User.objects.get(email="nadia.okafor@example.org")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified is False
    assert membership.person.given_name == "Nadia"
    assert membership.invited_by == personas.admin
    entry = AuditEntry.objects.get(action="membership.invited")
    assert entry.organization == personas.org
    assert entry.changes["new_account"] == [None, True]

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nadia.okafor@example.org"]
    assert personas.org.name in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "/accounts/password/reset/key/" in message.body
    assert "/accounts/password/reset/key/" in html


def test_the_set_password_link_works_and_the_person_can_then_log_in(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    invite(personas, django_capture_on_commit_callbacks)
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client = Client()
    response = client.get(f"/{path}")
    assert response.status_code == 302
    set_password_url = response["Location"]
    assert set_password_url.endswith("-set-password/")
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    user = User.objects.get(email="nadia.okafor@example.org")
    assert user.check_password(NEW_PASSWORD)
    # Following the e-mailed link proved the address: login is not stopped for verification.
    assert EmailAddress.objects.get(user=user).verified is True
    response = client.post("/accounts/login/", {"login": "nadia.okafor@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/o/").wsgi_request.user == user


def test_the_text_part_is_not_html_escaped(personas, mailoutbox, django_capture_on_commit_callbacks):
    invite(personas, django_capture_on_commit_callbacks, given_name="D'Arcy")
    message = mailoutbox[0]
    assert "Hello D'Arcy," in message.body
    assert "D&#x27;Arcy" in message.alternatives[0][0]


def test_a_new_person_gets_the_organizations_only_language(personas, django_capture_on_commit_callbacks):
    personas.org.languages = ["fr"]
    personas.org.save()
    membership = invite(personas, django_capture_on_commit_callbacks)
    assert membership.person.preferred_language == "fr"


def test_a_used_link_does_not_work_twice(personas, mailoutbox, django_capture_on_commit_callbacks):
    invite(personas, django_capture_on_commit_callbacks)
    path = "/" + re.search(r"/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0).lstrip("/")
    client = Client()
    set_password_url = client.get(path)["Location"]
    client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    response = Client().get(path)
    assert response.status_code == 200
    assert response.context["token_fail"] is True


def test_inviting_an_existing_account_adds_a_membership_and_links_to_the_organization(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    membership = invite(personas, django_capture_on_commit_callbacks, email=personas.outsider.email.upper())
    assert membership.person == personas.outsider.person
    assert User.objects.filter(email__iexact=personas.outsider.email).count() == 1
    body = mailoutbox[0].body
    assert f"/o/{personas.org.slug}/" in body
    assert "/accounts/password/reset/key/" not in body


def test_inviting_an_active_member_again_is_refused_on_the_email_field(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as caught:
        invite(personas, django_capture_on_commit_callbacks, email=personas.member.email)
    assert caught.value.field == "email"
    assert not mailoutbox


def test_inviting_a_deactivated_member_reactivates_them_with_the_new_role(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    membership = membership_of(personas.member, personas.org)
    services.membership_deactivate(actor=personas.admin, membership=membership)
    invite(personas, django_capture_on_commit_callbacks, email=personas.member.email, role=StaffRole.FACILITATOR)
    membership.refresh_from_db()
    assert membership.deactivated_at is None
    assert membership.role == StaffRole.FACILITATOR
    assert len(mailoutbox) == 1


def test_only_organization_admins_can_invite(personas, django_capture_on_commit_callbacks):
    for actor in (personas.staff, personas.member, personas.outsider):
        with pytest.raises(DomainError) as caught:
            invite(personas, django_capture_on_commit_callbacks, actor=actor)
        assert caught.value.code == "forbidden"
    assert not User.objects.filter(email="nadia.okafor@example.org").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-address"), ("given_name", "  "), ("family_name", "x" * 101), ("role", "king"), ("status", "?")],
)
def test_bad_invitation_input_names_the_field(personas, django_capture_on_commit_callbacks, field, value):
    with pytest.raises(DomainError) as caught:
        invite(personas, django_capture_on_commit_callbacks, **{field: value})
    assert caught.value.field == field
    assert not Person.objects.filter(family_name="Okafor").exists()


# --- roles ---------------------------------------------------------------------------------


def test_admin_changes_a_role_and_it_is_audited(personas):
    membership = membership_of(personas.member, personas.org)
    services.membership_change_role(actor=personas.admin, membership=membership, role=StaffRole.ADVISORY)
    membership.refresh_from_db()
    assert membership.role == StaffRole.ADVISORY
    entry = AuditEntry.objects.get(action="membership.role_changed")
    assert entry.organization == personas.org
    assert entry.changes == {"role": ["member", "advisory"]}


def test_the_last_admin_cannot_step_down(personas):
    membership = membership_of(personas.admin, personas.org)
    with pytest.raises(DomainError) as caught:
        services.membership_change_role(actor=personas.admin, membership=membership, role=StaffRole.MEMBER)
    assert caught.value.field == "role"
    membership.refresh_from_db()
    assert membership.role == StaffRole.ORG_ADMIN


def test_an_admin_may_step_down_when_another_admin_remains(personas):
    second = MembershipFactory(organization=personas.org, role=StaffRole.ORG_ADMIN)
    membership = membership_of(personas.admin, personas.org)
    services.membership_change_role(actor=personas.admin, membership=membership, role=StaffRole.COORDINATOR)
    assert not personas.admin.has_perm("organizations.manage_members", personas.org)
    second.refresh_from_db()
    assert second.role == StaffRole.ORG_ADMIN


def test_two_admins_demoting_each_other_leave_one_admin(personas):
    """The second demotion runs with permissions read before the first one: it must still fail."""
    other_admin = MembershipFactory(organization=personas.org, role=StaffRole.ORG_ADMIN).person.user
    first = membership_of(personas.admin, personas.org)
    second = membership_of(other_admin, personas.org)
    # Both requests have read their permissions already.
    assert personas.admin.has_perm("organizations.manage_members", personas.org)
    assert other_admin.has_perm("organizations.manage_members", personas.org)

    services.membership_change_role(actor=other_admin, membership=first, role=StaffRole.MEMBER)
    with pytest.raises(DomainError) as caught:
        services.membership_change_role(actor=personas.admin, membership=second, role=StaffRole.MEMBER)
    assert caught.value.code == "forbidden"
    assert Membership.objects.filter(organization=personas.org, role=StaffRole.ORG_ADMIN).count() == 1


def test_staff_cannot_change_roles(personas):
    membership = membership_of(personas.member, personas.org)
    with pytest.raises(DomainError):
        services.membership_change_role(actor=personas.staff, membership=membership, role=StaffRole.ORG_ADMIN)
    membership.refresh_from_db()
    assert membership.role == StaffRole.MEMBER


# --- deactivation --------------------------------------------------------------------------


def test_deactivation_ends_the_persons_sessions(personas):
    client = personas.client_for("member")
    assert client.get("/o/").wsgi_request.user == personas.member

    services.membership_deactivate(actor=personas.admin, membership=membership_of(personas.member, personas.org))

    response = client.get("/o/")
    assert response.wsgi_request.user.is_anonymous
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="membership.deactivated", organization=personas.org).exists()
    assert AuditEntry.objects.filter(action="user.sessions_ended", organization=personas.org).exists()


def test_deactivation_removes_access_to_the_organization(personas):
    services.membership_deactivate(actor=personas.admin, membership=membership_of(personas.staff, personas.org))
    forget_memberships(personas.staff)
    assert active_memberships(personas.staff) == []
    assert not personas.staff.has_perm("organizations.view_directory", personas.org)


def test_admins_cannot_deactivate_themselves(personas):
    MembershipFactory(organization=personas.org, role=StaffRole.ORG_ADMIN)
    with pytest.raises(DomainError):
        services.membership_deactivate(actor=personas.admin, membership=membership_of(personas.admin, personas.org))


def test_the_last_admin_cannot_be_deactivated(personas):
    superuser = UserFactory(is_superuser=True)
    membership = membership_of(personas.admin, personas.org)
    with pytest.raises(DomainError) as caught:
        services.membership_deactivate(actor=superuser, membership=membership)
    assert caught.value.code == "last_admin"
    membership.refresh_from_db()
    assert membership.deactivated_at is None


def test_deactivating_twice_is_refused(personas):
    membership = membership_of(personas.member, personas.org)
    services.membership_deactivate(actor=personas.admin, membership=membership)
    with pytest.raises(DomainError) as caught:
        services.membership_deactivate(actor=personas.admin, membership=membership)
    assert caught.value.code == "conflict"
    assert AuditEntry.objects.filter(action="membership.deactivated").count() == 1


def test_reactivation(personas):
    membership = membership_of(personas.member, personas.org)
    services.membership_deactivate(actor=personas.admin, membership=membership)
    services.membership_reactivate(actor=personas.admin, membership=membership)
    membership.refresh_from_db()
    assert membership.deactivated_at is None
    assert AuditEntry.objects.get(action="membership.reactivated").organization == personas.org
    with pytest.raises(DomainError):
        services.membership_reactivate(actor=personas.admin, membership=membership)


# --- the organization and credentials ------------------------------------------------------


def test_organization_update_records_the_changes(personas):
    services.organization_update(
        actor=personas.admin,
        organization=personas.org,
        data={"short_name": "NLDSB", "time_zone": "America/Vancouver", "languages": ["fr", "en"]},
    )
    personas.org.refresh_from_db()
    assert personas.org.time_zone == "America/Vancouver"
    assert personas.org.languages == ["en", "fr"]
    entry = AuditEntry.objects.get(action="organization.updated")
    assert entry.organization == personas.org
    assert entry.changes["time_zone"] == ["America/Toronto", "America/Vancouver"]
    assert "languages" not in entry.changes  # same languages, other order


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"name": ""}, "name"),
        ({"contact_email": "nope"}, "contact_email"),
        ({"languages": ["de"]}, "languages"),
        ({"slug": "stolen"}, None),
    ],
)
def test_organization_update_refuses_bad_values(personas, data, field):
    with pytest.raises(DomainError) as caught:
        services.organization_update(actor=personas.admin, organization=personas.org, data=data)
    assert caught.value.field == field
    personas.org.refresh_from_db()
    assert personas.org.slug == "northern-lights"
    assert personas.org.time_zone == "America/Toronto"
    assert not AuditEntry.objects.filter(action="organization.updated").exists()


def test_only_admins_update_the_organization(personas):
    with pytest.raises(DomainError):
        services.organization_update(actor=personas.staff, organization=personas.org, data={"name": "Taken over"})


def test_coordinators_record_credential_verification_in_the_organizations_trail(personas):
    from mentorweb.accounts.models import Credential

    credential = Credential.objects.create(person=personas.member.person, kind="oct", number="123456")
    membership = membership_of(personas.member, personas.org)
    services.membership_credential_verify(
        actor=personas.staff, membership=membership, credential=credential, status=CredentialStatus.GOOD_STANDING
    )
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.GOOD_STANDING
    entry = AuditEntry.objects.get(action="membership.credential_verified")
    assert entry.organization == personas.org
    assert "123456" not in str(entry.changes) + entry.object_label
    with pytest.raises(DomainError):
        services.membership_credential_verify(
            actor=personas.member, membership=membership, credential=credential, status=CredentialStatus.REVOKED
        )
