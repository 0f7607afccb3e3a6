"""Journey: an organization administrator invites a member from the people directory."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import expect

from mentorweb.organizations.models import Membership, StaffRole
from tests.browser.helpers import Browsing, mail_text, wait_for_mail
from tests.factories import MembershipFactory, OrganizationFactory, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

INVITEE = "ines.castillo@example.org"


def test_org_admin_invites_a_member(
    ui: Browsing, sign_in: Callable[[Any], None], mailoutbox: list[EmailMessage]
) -> None:
    org = OrganizationFactory(name="Northern Lights District School Board", slug="northern-lights")
    admin = MembershipFactory(organization=org, role=StaffRole.ORG_ADMIN).person.user
    MembershipFactory(organization=org, person__given_name="Oliver", person__family_name="Bergstrom")
    enrol_totp(admin)
    sign_in(admin)
    page = ui.page

    ui.goto(f"/o/{org.slug}/people/")
    ui.audit("people directory")
    ui.check_narrow("people directory")
    directory = page.locator("main table")
    expect(directory).to_contain_text("Bergstrom")
    assert INVITEE not in page.content()

    ui.click_and_load(page.locator(f"main a[href='/o/{org.slug}/people/invite/']").first)
    ui.audit("invite a person")
    ui.check_narrow("invite a person")
    page.locator("input[name='email']").fill(INVITEE)
    page.locator("input[name='given_name']").fill("Inès")
    page.locator("input[name='family_name']").fill("Castillo")
    page.locator("select[name='role']").select_option(StaffRole.MEMBER.value)
    ui.submit("email")

    expect(page).to_have_url(re.compile(rf"/o/{org.slug}/people/\d+/$"))
    ui.audit("invited member")
    expect(page.locator("[role='status']")).to_contain_text("Inès Castillo was invited.")

    ui.goto(f"/o/{org.slug}/people/")
    ui.audit("people directory with the new member")
    expect(page.locator("main table")).to_contain_text("Castillo")
    membership = Membership.objects.select_related("person__user").get(person__user__email=INVITEE)
    assert membership.organization_id == org.pk and membership.role == StaffRole.MEMBER
    assert membership.invited_by_id == admin.pk

    invitation = wait_for_mail(mailoutbox, INVITEE)
    body = mail_text(invitation)
    assert org.name in invitation.subject or org.name in body, "the invitation does not say which organization"
    assert re.search(r"https?://\S+/", body), "the invitation has no link to follow"
