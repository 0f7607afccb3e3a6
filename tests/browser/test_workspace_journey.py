"""Journey: a pair agrees on a plan, logs a meeting with topics and a private note, and sets a
goal; the partner and an administrator cannot see the private note.

Every page is audited with axe; the agreement and the workspace are checked at 320px wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mentorweb.organizations.models import OrganizationKind, StaffRole
from mentorweb.partnerships.models import AgreementStatus, Goal, Meeting, MeetingStatus, PrivateNote
from mentorweb.partnerships.tests.workspace_world import OPSOA_TOPICS, active_pair
from mentorweb.programs.times import today_in
from tests.browser.helpers import Browsing
from tests.factories import MembershipFactory, OrganizationFactory, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOTE = "She is running on empty: ask how she is staying balanced"


def test_pair_agrees_meets_notes_and_sets_a_goal(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    org = OrganizationFactory(
        name="Ontario Public Supervisory Officials' Association",
        slug="opsoa",
        kind=OrganizationKind.ASSOCIATION,
        time_zone="America/Toronto",
    )
    pair = active_pair(org, slug="opsoa-mentorship")
    admin = MembershipFactory(organization=org, role=StaffRole.ORG_ADMIN).person.user
    enrol_totp(admin)
    detail = f"/me/partnerships/{pair.partnership.pk}/"
    page = ui.page

    # The mentor proposes how they will work together.
    sign_in(pair.mentor.user)
    ui.goto(detail)
    ui.audit("workspace, nothing agreed yet")
    ui.click_and_load(page.get_by_role("link", name="Read, propose or acknowledge the agreement, and its history"))
    ui.audit("agreement")
    ui.check_narrow("agreement")
    page.get_by_label("Text message").check()
    page.get_by_label("E-mail").first.check()
    page.get_by_label("How we plan our growth").fill("A goal-setting conversation in the first month.")
    page.get_by_label("We meet every (days)").fill("7")
    page.get_by_role("group", name="How we meet").get_by_label("Face to face").check()
    page.get_by_label("I acknowledge that what we share in this partnership stays confidential between us.").check()
    ui.click_and_load(page.get_by_role("button", name="Propose"))
    ui.audit("agreement proposed")
    expect(page.locator("[role='status']")).to_contain_text("Your proposal is saved.")

    # The mentee acknowledges it.
    sign_in(pair.mentee.user)
    ui.goto(f"{detail}agreement/")
    ui.audit("agreement to acknowledge")
    ui.click_and_load(page.get_by_role("button", name="I agree to this version"))
    ui.audit("acknowledgement refused without confidentiality")
    expect(page.locator(".error-summary")).to_contain_text("confidential")
    page.locator("input[name='ack-confidentiality']").check()
    ui.click_and_load(page.get_by_role("button", name="I agree to this version"))
    ui.audit("agreement agreed")
    assert pair.partnership.agreements.get().status == AgreementStatus.AGREED

    # The mentee logs yesterday's meeting, with topics from the program's list.
    ui.goto(detail)
    ui.audit("workspace with an agreement")
    expect(page.locator("main")).to_contain_text("every 7 days")
    ui.click_and_load(page.get_by_role("link", name="Log a meeting that took place"))
    ui.audit("log a meeting")
    yesterday = today_in(org.time_zone) - dt.timedelta(days=1)
    page.locator("input[name='date']").fill(yesterday.isoformat())
    page.locator("input[name='time']").fill("16:00")
    page.get_by_role("group", name="How we met").get_by_label("Video call").check()
    page.get_by_label(OPSOA_TOPICS[0]).check()
    page.get_by_label(OPSOA_TOPICS[10]).check()
    page.get_by_label("Shared notes").fill("We exchanged résumés and talked about the first term.")
    page.get_by_label("Plan for next time").fill("The entry plan")
    ui.click_and_load(page.get_by_role("button", name="Save the log"))
    ui.audit("meeting logged")
    meeting = Meeting.objects.get()
    assert meeting.status == MeetingStatus.HELD and meeting.topics == [OPSOA_TOPICS[0], OPSOA_TOPICS[10]]

    # A private note about it, then a goal.
    ui.click_and_load(page.get_by_role("link", name="Write a private note about this meeting"))
    ui.audit("private note")
    expect(page.locator("main")).to_contain_text("Only you can read this note.")
    page.get_by_label("Note").fill(NOTE)
    ui.click_and_load(page.get_by_role("button", name="Save my note"))
    ui.audit("workspace with a private note")
    ui.check_narrow("workspace with a private note")
    expect(page.locator(".private-notes")).to_contain_text(NOTE)
    expect(page.locator(".private-notes")).to_contain_text("Only you can read these.")
    ui.click_and_load(page.get_by_role("link", name="Set a goal"))
    ui.audit("goal form")
    page.locator("input[name='title']").fill("An entry plan for the first 100 days")
    page.get_by_label("How we will know it is met (success indicators)").fill("The board has it by November")
    page.get_by_label("Progress (%)").fill("10")
    ui.click_and_load(page.get_by_role("button", name="Save the goal"))
    ui.audit("workspace with a goal")
    expect(page.locator("main")).to_contain_text("An entry plan for the first 100 days")
    assert Goal.objects.get().progress == 10 and PrivateNote.objects.count() == 1

    # The partner sees the meeting and the goal, never the note.
    sign_in(pair.mentor.user)
    ui.goto(detail)
    ui.audit("partner's workspace")
    expect(page.locator("main")).to_contain_text("An entry plan for the first 100 days")
    assert "running on empty" not in page.content()
    ui.goto(f"{detail}meetings/{meeting.pk}/")
    ui.audit("partner's view of the meeting")
    expect(page.locator("main")).to_contain_text("We exchanged résumés")
    assert "running on empty" not in page.content()

    # An administrator of the organization cannot reach the workspace, and the staff list
    # shows metadata only.
    sign_in(admin)
    for path in (detail, f"{detail}notes/", f"{detail}meetings/{meeting.pk}/"):
        response = page.request.get(ui.url(path))
        assert response.status == 404
        assert "running on empty" not in response.text()
    ui.goto(f"/o/{org.slug}/partnerships/")
    ui.audit("staff list of partnerships")
    assert "running on empty" not in page.content()
    assert "We exchanged résumés" not in page.content()
