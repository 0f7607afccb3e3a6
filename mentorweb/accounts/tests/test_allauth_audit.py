from allauth.account.models import EmailAddress

from mentorweb.core.models import AuditEntry, AuditSource
from tests.factories import TEST_PASSWORD


def test_password_change_through_allauth_is_audited(personas):
    client = personas.client_for("member")
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "a new long passphrase 42",
            "password2": "a new long passphrase 42",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="user.password_changed")
    assert entry.actor == personas.member
    assert entry.source == AuditSource.WEB
    assert entry.object_id == str(personas.member.pk)


def test_adding_an_email_address_is_audited_with_the_address(personas, client):
    client.force_login(personas.member)
    # Changing e-mail addresses is sensitive: confirm the password first when allauth asks for it.
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    response = client.post("/accounts/email/", {"action_add": "", "email": "second@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=personas.member, email="second@example.org").exists()
    entry = AuditEntry.objects.get(action="user.email_added")
    assert entry.changes == {"email": [None, "second@example.org"]}
