"""Journey: an advisory team member runs the match of a pairing offering, approves a pair with a
rationale and publishes; the mentor and the mentee accept. A run in progress shows its bar.

Every page is audited with axe; the wide tables (the pool's runs, a run's proposals, a pair side
by side) are checked at 320px wide too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mentorweb.matching.models import MatchRun, Proposal, ProposalStatus, RunStatus
from mentorweb.matching.tests.world import advisory, small_pool
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.registrations.models import MentorPreference
from tests.browser.helpers import Browsing
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_advisory_team_matches_and_the_pair_accepts(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    organization = OrganizationFactory(
        slug="bc-association", name="BC Principals' Association", kind="association", time_zone="America/Vancouver"
    )
    pool = small_pool(organization)
    ada, _cy = pool.mentees
    bea, _dee = pool.mentors
    MentorPreference.objects.create(mentee=ada, mentor=bea, rank=1)
    member = advisory(organization)
    page = ui.page
    base = f"/o/{organization.slug}/offerings/{pool.offering.pk}/matching/"

    sign_in(member)
    ui.goto("/")
    ui.audit("home of the advisory team")
    ui.click_and_load(page.get_by_role("link", name=f"Matching: {pool.offering}"))
    ui.audit("matching")
    ui.check_narrow("matching")
    page.get_by_label("As many mentees as possible, then the best total score").check()
    # The job runs when the request's transaction commits: the run page already shows results.
    ui.submit("objective")
    ui.audit("run ready for review")
    ui.check_narrow("run ready for review")
    run = MatchRun.objects.get(offering=pool.offering)
    assert run.status == RunStatus.SUCCEEDED
    expect(page.locator("main")).to_contain_text("2 of 2 mentees")

    ui.click_and_load(page.get_by_role("link", name="Ada Lovelace with Bea Arthur: see the pair"))
    ui.audit("a proposed pair")
    ui.check_narrow("a proposed pair")
    ui.click_and_load(page.get_by_role("button", name="Approve the pair"))
    ui.audit("approving without a rationale")
    expect(page.locator(".error-summary")).to_contain_text("Rationale")
    page.get_by_label("Rationale").fill("Ada's budget needs meet Bea's expertise; both in the North.")
    ui.click_and_load(page.get_by_role("button", name="Approve the pair"))
    ui.audit("pair approved")
    assert Proposal.objects.get(run=run, mentee=ada).status == ProposalStatus.APPROVED

    ui.goto(f"{base}runs/{run.pk}/")
    ui.audit("run with an approved pair")
    ui.click_and_load(page.get_by_role("link", name="Publish the 1 approved pair…"))
    ui.audit("publish")
    ui.click_and_load(page.get_by_role("button", name="Publish 1 partnership and e-mail both people"))
    ui.audit("published")
    partnership = Partnership.objects.get()

    for person in (bea.person, ada.person):
        sign_in(person.user)
        ui.goto("/")
        ui.audit(f"home of the {'mentor' if person == bea.person else 'mentee'}")
        ui.click_and_load(page.get_by_role("link", name="See the partnership and answer"))
        ui.audit("proposed partnership")
        page.get_by_label("I accept this partnership").check()
        ui.submit("answer")
        ui.audit("answered")
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE
    expect(page.locator("main")).to_contain_text("Your partnership has started")


def test_a_run_in_progress_shows_an_accessible_progress_bar(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    organization = OrganizationFactory(slug="progress-association", name="Progress Association", kind="association")
    pool = small_pool(organization)
    run = MatchRun.objects.create(
        offering=pool.offering,
        number=1,
        objective="participation",
        status=RunStatus.RUNNING,
        progress=60,
        progress_message="solving",
    )
    sign_in(advisory(organization))
    ui.goto(f"/o/{organization.slug}/offerings/{pool.offering.pk}/matching/runs/{run.pk}/")
    ui.audit("run in progress")
    bar = ui.page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "60")
    MatchRun.objects.filter(pk=run.pk).update(progress=85, progress_message="saving")
    # The next poll (every two seconds) moves the bar and says the new step in the live region.
    expect(bar).to_have_attribute("aria-valuenow", "85", timeout=10_000)
    expect(ui.page.locator("#run-progress-status")).to_contain_text("Saving the proposals")
    ui.audit("run in progress, later")
