"""Journey: an early childhood educator finds a mentor in another role in the board's mentoring web,
asks to connect, the principal accepts; the ECE logs their meeting and a scaling-question
conversation; the steering committee then sees the new cross-role connection.

Every page is audited with axe; "My web", the search and the committee's tables are checked at
320px wide too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mentorweb.accounts.models import RoleGroup
from mentorweb.conversations.models import Conversation, Tool
from mentorweb.partnerships.models import Meeting, MeetingStatus, Partnership, PartnershipKind, PartnershipStatus
from mentorweb.programs.times import today_in
from mentorweb.webs.models import MentorOffer, SteeringMember
from mentorweb.webs.tests.world import person_in, web_world
from tests.browser.helpers import Browsing
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PURPOSE = "Our kindergarten team wants to plan together; how do you make time for it in a school?"


def test_an_ece_connects_across_roles_and_the_committee_sees_it(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    board = OrganizationFactory(
        name="Kaministiquia River District School Board", slug="krdsb", kind="board", time_zone="America/Toronto"
    )
    web = web_world(board)
    chair = person_in(board, "Samira", RoleGroup.CONSULTANT_COACH, family_name="Haidari")
    SteeringMember.objects.create(program=web.program, person=chair, represents=RoleGroup.CONSULTANT_COACH)
    page = ui.page

    # The ECE looks for a mentor among the principals.
    sign_in(web.ece.user)
    ui.goto("/")
    ui.audit("home of the ECE")
    ui.click_and_load(page.get_by_role("navigation", name="Main").get_by_role("link", name="My web"))
    ui.audit("my web, empty")
    ui.check_narrow("my web, empty")
    ui.click_and_load(page.get_by_role("main").get_by_role("link", name="Find a mentor").first)
    ui.audit("find a mentor")
    page.get_by_label("Role group").select_option(label="Principal")
    ui.click_and_load(page.get_by_role("button", name="Search"))
    ui.audit("find a mentor: principals")
    ui.check_narrow("find a mentor: principals")
    results = page.get_by_role("main")
    expect(results).to_contain_text("Pauline Principal")
    expect(results).not_to_contain_text("Colette Coach")
    ui.click_and_load(page.get_by_role("link", name="Ask Pauline to connect"))
    ui.audit("connect")

    # A request to be mentored names its area: without one it is refused, the error tied to the field.
    ui.click_and_load(page.get_by_role("button", name="Send my request"))
    ui.audit("connect, area missing")
    expect(page.locator(".error-summary")).to_contain_text("Area: Choose the area you would like to be mentored in.")
    expect(page.get_by_label("Area")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Area").select_option("kindergarten teams")
    page.get_by_label("Why you would like to connect").fill(PURPOSE)
    ui.click_and_load(page.get_by_role("button", name="Send my request"))
    ui.audit("request sent")
    connection = Partnership.objects.get(mentee=web.ece, mentor=web.principal)
    assert connection.kind == PartnershipKind.WEB and connection.status == PartnershipStatus.PROPOSED

    # The principal accepts: one of her places is taken.
    sign_in(web.principal.user)
    ui.goto("/me/web/")
    ui.audit("my web with a request to answer")
    ui.click_and_load(page.get_by_role("main").get_by_role("link", name="Crystal", exact=False).first)
    ui.audit("request to answer")
    expect(page.get_by_role("main")).to_contain_text(PURPOSE)
    page.get_by_label("I accept").check()
    ui.click_and_load(page.get_by_role("button", name="Send my answer"))
    ui.audit("request accepted")
    connection.refresh_from_db()
    assert connection.status == PartnershipStatus.ACTIVE
    assert MentorOffer.objects.get(pk=web.offer.pk).taken == 1

    # The ECE logs yesterday's meeting, then a scaling question about it.
    sign_in(web.ece.user)
    ui.goto(f"/me/web/connections/{connection.pk}/")
    ui.audit("connection, active")
    ui.click_and_load(page.get_by_role("link", name="Log a meeting that took place"))
    ui.audit("log a meeting")
    yesterday = today_in(board.time_zone) - dt.timedelta(days=1)
    page.locator("input[name='date']").fill(yesterday.isoformat())
    page.locator("input[name='time']").fill("15:30")
    page.get_by_role("group", name="How we met").get_by_label("Face to face").check()
    page.get_by_label("Plan for next time").fill("Our team's shared planning time")
    ui.click_and_load(page.get_by_role("button", name="Save the log"))
    ui.audit("meeting logged")
    meeting = Meeting.objects.get(partnership=connection)
    assert meeting.status == MeetingStatus.HELD
    ui.click_and_load(page.get_by_role("link", name="Conversation tools and records for this meeting"))
    ui.audit("conversation tools for the meeting")
    ui.click_and_load(page.get_by_role("link", name="Scaling question"))
    ui.audit("scaling question")
    page.get_by_label("What are we scaling?").fill("My confidence in leading our team's planning")
    page.get_by_role("group", name="Where are you now, from 0 to 10? (required)").get_by_label("6", exact=True).check()
    page.get_by_label("Why not lower?").fill("We already share observations every day.")
    ui.click_and_load(page.get_by_role("button", name="Save the record"))
    ui.audit("scaling question saved")
    record = Conversation.objects.get(partnership=connection)
    assert record.tool == Tool.SCALING_QUESTION and record.answers["scale"] == 6

    # The steering committee sees the new connection between an ECE and a principal: counts, no names.
    sign_in(chair.user)
    ui.goto("/")
    ui.audit("home of the steering committee")
    ui.click_and_load(
        page.get_by_role("link", name="Steering committee's view: Kaministiquia River District School Board")
    )
    ui.audit("steering committee's view")
    ui.check_narrow("steering committee's view")
    main = page.get_by_role("main")
    expect(main).to_contain_text("1 of the 1 active connections (100%) join two different role groups.")
    expect(main.locator("li", has_text="↔")).to_contain_text("1")
    expect(main.locator("li", has_text="↔")).to_contain_text("Principal")
    expect(main.locator("li", has_text="↔")).to_contain_text("Early childhood educator")
    expect(main).not_to_contain_text(PURPOSE)
    expect(main).not_to_contain_text("Crystal")
    assert ui.problems_left() == []
