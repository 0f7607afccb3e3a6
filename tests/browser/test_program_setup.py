"""Journey: a coordinator sets up a course's refund policy and a session, then checks the catalogue.

Every page is audited with axe, and the table-shaped pages (the refund policy editor, the
offering with its sessions) are checked at 320px wide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mentorweb.organizations.models import OrganizationKind, StaffRole
from mentorweb.programs.models import RefundTier
from mentorweb.programs.tests.factories import course_with_offering
from tests.browser.helpers import Browsing
from tests.factories import MembershipFactory, OrganizationFactory, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_coordinator_sets_up_refunds_and_a_session(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    org = OrganizationFactory(name="Ontario Principals' Council", slug="opc", kind=OrganizationKind.ASSOCIATION)
    offering = course_with_offering(org, title="Winter 2030 - Online", slug="winter-2030-online")
    program = offering.program
    coordinator = MembershipFactory(organization=org, role=StaffRole.COORDINATOR).person.user
    enrol_totp(coordinator)
    sign_in(coordinator)
    page = ui.page

    ui.goto("/")
    ui.audit("home")
    ui.click_and_load(page.get_by_role("navigation", name="Main").get_by_role("link", name="Programs"))
    ui.audit("programs")
    ui.click_and_load(page.locator("main table").get_by_role("link", name=program.name))
    ui.audit("program")
    expect(page.locator("main")).to_contain_text("125 hours in all")

    ui.click_and_load(page.get_by_role("link", name="Edit the refund policy"))
    ui.audit("refund policy editor")
    ui.check_narrow("refund policy editor")
    # The last tier now reaches into the second one: the error names both.
    page.get_by_label("Tier 3: Until (days before the start)").fill("5")
    ui.click_and_load(page.get_by_role("button", name="Save the refund policy"))
    ui.audit("refund policy with an error")
    expect(page.locator(".error-summary")).to_contain_text(
        "Tier 3 (less than 5 days before) overlaps Tier 2 (0 to 14 days before)"
    )
    assert RefundTier.objects.filter(program=program, max_days_before=0).exists()

    page.get_by_label("Tier 3: Until (days before the start)").fill("0")
    ui.click_and_load(page.get_by_role("button", name="Add a row"))
    ui.audit("refund policy with a new row")
    page.get_by_label("Tier 2: From (days before the start)").fill("7")
    page.get_by_label("Tier 4: From (days before the start)").fill("0")
    page.get_by_label("Tier 4: Until (days before the start)").fill("7")
    page.get_by_label("Tier 4: Refund (CAD)").fill("100")
    ui.click_and_load(page.get_by_role("button", name="Save the refund policy"))
    ui.audit("program after saving the policy")
    expect(page.locator("[role='status']")).to_contain_text("The refund policy was saved.")
    assert RefundTier.objects.filter(program=program).count() == 4

    ui.click_and_load(page.locator("main table").get_by_role("link", name="Winter 2030 - Online"))
    ui.audit("offering")
    ui.check_narrow("offering")
    page.locator("select[name='session-module']").select_option(label="Module 2 – Skills")
    page.locator("input[name='session-date']").fill("2030-02-09")
    page.locator("input[name='session-start_time']").fill("08:30")
    page.locator("input[name='session-end_time']").fill("13:00")
    ui.click_and_load(page.get_by_role("button", name="Add the session"))
    ui.audit("offering with the new session")
    expect(page.locator("#sessions-caption")).to_contain_text("America/Toronto")
    expect(page.locator("main table").first).to_contain_text("8:30 a.m. – 1 p.m.")

    ui.click_and_load(page.get_by_role("link", name="See it in the catalogue"))
    ui.audit("catalogue offering")
    ui.check_narrow("catalogue offering")
    expect(page).to_have_url(re.compile(r"/catalogue/opc/.+/winter-2030-online/$"))
    expect(page.locator("main")).to_contain_text("From 6 days before the start date to the start date")
