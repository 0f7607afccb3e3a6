from mentorweb.accounts.models import Credential, CredentialKind
from tests.factories import PersonFactory, UserFactory, enrol_totp


def test_admin_is_for_superusers_only(personas, client):
    # An organization administrator is staff of an organization, not of the site.
    personas.admin.is_staff = True
    personas.admin.save(update_fields=["is_staff"])
    client.force_login(personas.admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get("/admin/accounts/user/").status_code == 302


def test_superuser_sees_the_admin_without_credential_numbers(db, client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    enrol_totp(superuser)
    person = PersonFactory()
    credential = Credential.objects.create(person=person, kind=CredentialKind.OCT, number="ABC123456")
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    page = client.get(f"/admin/accounts/credential/{credential.pk}/change/").content.decode()
    assert "ABC123456" not in page
    assert "••••••456" in page


def test_admin_login_goes_through_the_site_login(db, client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
