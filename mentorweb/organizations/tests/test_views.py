import re

import pytest

from mentorweb.accounts.models import Credential, CredentialStatus, RoleGroup
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import Membership, MembershipStatus, StaffRole
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory

REAUTH = "/accounts/reauthenticate/"


def membership_of(user, organization):
    return Membership.objects.get(person__user=user, organization=organization)


def url(personas, suffix=""):
    return f"/o/{personas.org.slug}/{suffix}"


def member_url(personas, user, suffix=""):
    return url(personas, f"people/{membership_of(user, personas.org).pk}/{suffix}")


def reauthenticated(client):
    response = client.post(REAUTH, {"password": TEST_PASSWORD})
    assert response.status_code == 302, "re-authentication failed"
    return client


# --- organization pages --------------------------------------------------------------------


def test_my_organizations_shows_only_mine(personas):
    page = personas.client_for("outsider").get("/o/").content.decode()
    assert personas.other_org.name in page
    assert personas.org.name not in page


def test_overview_for_a_member_shows_the_role_but_no_counts(personas):
    response = personas.client_for("member").get(url(personas))
    page = response.content.decode()
    assert personas.org.name in page
    assert "America/Toronto" in page
    assert "Member" in page
    assert response.context["counts"] is None
    assert url(personas, "edit/") not in page


def test_overview_for_an_admin_counts_people_and_offers_editing(personas):
    MembershipFactory(organization=personas.org, deactivated_at="2024-01-01T00:00Z")
    response = personas.client_for("admin").get(url(personas))
    assert response.context["counts"] == {"active": 3, "staff": 2, "admins": 1, "deactivated": 1}
    assert url(personas, "edit/") in response.content.decode()


def test_parent_organization_is_shown(personas):
    parent = OrganizationFactory(name="Ministry of Education", slug="ministry")
    personas.org.parent = parent
    personas.org.save()
    assert "Ministry of Education" in personas.client_for("member").get(url(personas)).content.decode()


def test_admin_edits_the_organization(personas):
    client = personas.client_for("admin")
    data = {"name": "Northern Lights DSB", "short_name": "NLDSB", "time_zone": "America/Winnipeg", "languages": ["en"]}
    response = client.post(url(personas, "edit/"), data)
    assert response.status_code == 302
    personas.org.refresh_from_db()
    assert (personas.org.name, personas.org.time_zone, personas.org.languages) == (
        "Northern Lights DSB",
        "America/Winnipeg",
        ["en"],
    )


def test_bad_organization_input_is_tied_to_its_field(personas):
    response = personas.client_for("admin").post(url(personas, "edit/"), {"name": "", "time_zone": "Nowhere/City"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "time_zone"}
    assert re.search(r'aria-describedby="[^"]*id_name_error', response.content.decode())


# --- directory -----------------------------------------------------------------------------


def test_directory_search_and_filters(personas):
    aiyana = MembershipFactory(
        organization=personas.org,
        person__given_name="Aiyana",
        person__family_name="Whitecloud",
        person__role_group=RoleGroup.PRINCIPAL,
        status=MembershipStatus.RETIRED,
    )
    client = personas.client_for("staff")

    def names(**params):
        response = client.get(url(personas, "people/"), params)
        assert response.status_code == 200
        return {m.pk for m in response.context["page"]}

    assert aiyana.pk in names()
    assert names(q="whitec") == {aiyana.pk}
    assert names(q="aiyana whitecloud") == {aiyana.pk}
    assert names(q=personas.member.email) == {membership_of(personas.member, personas.org).pk}
    assert names(role=StaffRole.COORDINATOR) == {membership_of(personas.staff, personas.org).pk}
    assert names(role_group=RoleGroup.PRINCIPAL) == {aiyana.pk}
    assert names(status=MembershipStatus.RETIRED) == {aiyana.pk}
    assert names(state="deactivated") == set()
    Membership.objects.filter(pk=aiyana.pk).update(deactivated_at="2024-01-01T00:00Z")
    assert aiyana.pk not in names()
    assert names(state="deactivated") == {aiyana.pk}
    assert aiyana.pk in names(state="all")


def test_bad_filter_values_do_not_break_the_directory(personas):
    response = personas.client_for("staff").get(
        url(personas, "people/"), {"role": "emperor", "page": "x", "q": "a" * 500}
    )
    assert response.status_code == 200
    assert "role" in response.context["filters"].errors


def test_directory_pages_by_fifty(personas):
    MembershipFactory.create_batch(55, organization=personas.org)
    client = personas.client_for("staff")
    first = client.get(url(personas, "people/"))
    assert len(first.context["page"]) == 50
    second = client.get(url(personas, "people/"), {"page": 2})
    assert len(second.context["page"]) == 58 - 50


@pytest.mark.parametrize("people", [5, 80])
def test_directory_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries, people):
    MembershipFactory.create_batch(people, organization=personas.org)
    client = personas.client_for("staff")
    with django_assert_max_num_queries(14):
        assert client.get(url(personas, "people/"), {"q": "a"}).status_code == 200


def test_members_do_not_see_the_directory(personas):
    assert personas.client_for("member").get(url(personas, "people/")).status_code == 403


# --- invitations and member pages ----------------------------------------------------------


def test_admin_invites_through_the_form(personas, mailoutbox, django_capture_on_commit_callbacks):
    data = {"email": "rowan@example.org", "given_name": "Rowan", "family_name": "Tremblay", "role": "facilitator"}
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client_for("admin").post(url(personas, "people/invite/"), {**data, "status": "active"})
    membership = Membership.objects.get(person__user__email="rowan@example.org")
    assert response.status_code == 302
    assert response["Location"] == url(personas, f"people/{membership.pk}/")
    assert membership.role == StaffRole.FACILITATOR
    assert len(mailoutbox) == 1


def test_inviting_a_member_twice_shows_the_error_on_the_email_field(personas):
    data = {"email": personas.member.email, "given_name": "A", "family_name": "B", "role": "member", "status": "active"}
    response = personas.client_for("admin").post(url(personas, "people/invite/"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["email"]
    assert 'href="#id_email"' in response.content.decode()


def test_member_page_masks_credential_numbers(personas):
    Credential.objects.create(person=personas.member.person, kind="oct", number="5551234")
    page = personas.client_for("staff").get(member_url(personas, personas.member)).content.decode()
    assert "5551234" not in page
    assert "234" in page
    assert "/credentials/" in page  # coordinators may record a verification
    assert "/role/" not in page  # but not change roles


def test_coordinator_records_a_verification(personas):
    credential = Credential.objects.create(person=personas.member.person, kind="oct", number="5551234")
    path = member_url(personas, personas.member, f"credentials/{credential.pk}/verify/")
    response = personas.client_for("staff").post(path, {"status": CredentialStatus.SUSPENDED})
    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.SUSPENDED
    assert credential.verified_by == personas.staff


def test_credentials_of_someone_else_are_not_found(personas):
    credential = Credential.objects.create(person=personas.outsider.person, kind="oct", number="999999")
    path = member_url(personas, personas.member, f"credentials/{credential.pk}/verify/")
    assert personas.client_for("staff").get(path).status_code == 404


def test_another_organizations_membership_is_not_found_even_for_an_admin(personas):
    foreign = membership_of(personas.outsider, personas.other_org)
    client = personas.client_for("admin")
    for suffix in ("", "role/", "deactivate/", "reactivate/"):
        assert client.get(url(personas, f"people/{foreign.pk}/{suffix}")).status_code == 404


def test_role_change_asks_to_reauthenticate_first(personas):
    client = personas.client_for("admin")
    path = member_url(personas, personas.member, "role/")
    response = client.post(path, {"role": StaffRole.ADVISORY})
    assert response.status_code == 302
    assert response["Location"].startswith(REAUTH)
    assert membership_of(personas.member, personas.org).role == StaffRole.MEMBER

    response = reauthenticated(client).post(path, {"role": StaffRole.ADVISORY})
    assert response.status_code == 302
    assert membership_of(personas.member, personas.org).role == StaffRole.ADVISORY


def test_the_suspended_role_change_is_completed_after_reauthentication(personas):
    client = personas.client_for("admin")
    path = member_url(personas, personas.member, "role/")
    reauth_url = client.post(path, {"role": StaffRole.ADVISORY})["Location"]
    client.post(reauth_url, {"password": TEST_PASSWORD})
    assert membership_of(personas.member, personas.org).role == StaffRole.ADVISORY


def test_last_admin_error_is_shown_on_the_role_field(personas):
    client = reauthenticated(personas.client_for("admin"))
    response = client.post(member_url(personas, personas.admin, "role/"), {"role": StaffRole.MEMBER})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["role"]


def test_deactivate_and_reactivate_through_the_pages(personas):
    client = personas.client_for("admin")
    path = member_url(personas, personas.member, "deactivate/")
    assert client.get(path)["Location"].startswith(REAUTH)
    reauthenticated(client)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert membership_of(personas.member, personas.org).deactivated_at is not None

    path = member_url(personas, personas.member, "reactivate/")
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert membership_of(personas.member, personas.org).deactivated_at is None
    assert AuditEntry.objects.filter(organization=personas.org, action__startswith="membership.").count() == 2


def test_deactivating_oneself_shows_a_message(personas):
    client = reauthenticated(personas.client_for("admin"))
    response = client.post(member_url(personas, personas.admin, "deactivate/"), follow=True)
    assert "You cannot deactivate your own membership." in response.content.decode()
    assert membership_of(personas.admin, personas.org).deactivated_at is None


@pytest.mark.parametrize(
    "suffix",
    ["edit/", "people/invite/", "audit/", "audit/export.csv", "people/{member}/role/", "people/{member}/deactivate/"],
)
def test_staff_without_the_permission_get_403_outsiders_404(personas, suffix):
    suffix = suffix.format(member=membership_of(personas.member, personas.org).pk)
    assert personas.client_for("staff").get(url(personas, suffix)).status_code == 403
    assert personas.client_for("outsider").get(url(personas, suffix)).status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_my_organizations_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries, extra):
    for _ in range(extra):
        MembershipFactory(person=personas.member.person)
    client = personas.client_for("member")
    with django_assert_max_num_queries(8):
        response = client.get("/o/")
    assert len(response.context["memberships"]) == 1 + extra


def test_ids_out_of_range_are_not_found(personas):
    client = personas.client_for("admin")
    assert client.get(url(personas, "people/99999999999999999999999/")).status_code == 404
    assert client.get(url(personas, "people/1/credentials/99999999999999999999999/verify/")).status_code == 404
