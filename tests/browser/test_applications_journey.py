"""Journey: a new vice-principal applies to the BCPVPA pilot as a mentee, an advisory team member
accepts the application, the mentee ranks mentors; a board contact gives input for OPSOA.

Every page is audited with axe; the grid-shaped pages (the application form with its
availability grid, the staff list, the ranking page) are checked at 320px wide too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from mentorweb.organizations.models import StaffRole
from mentorweb.registrations.models import MentorPreference, Registration, RegistrationStatus
from mentorweb.registrations.pairing.tests.world import MENTEE, MENTOR, bc_mentee, bc_mentor, bcpvpa, opsoa
from tests.browser.helpers import Browsing
from tests.factories import MembershipFactory, enrol_totp
from tests.pairing import NEEDS, application, member_of

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_mentee_applies_is_accepted_and_ranks_mentors(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    seed = bcpvpa()
    mentors = [
        application(seed.offering, bc_mentor(seed, given_name=name, family_name="Okafor"), MENTOR)
        for name in ("Grace", "Henry")
    ]
    person = bc_mentee(seed, given_name="Danielle", family_name="Moreau", region="Fort Nelson", needs=[NEEDS[0]])
    page = ui.page
    sign_in(person.user)

    org, program, offering = seed.organization, seed.program, seed.offering
    ui.goto(f"/catalogue/{org.slug}/{program.slug}/{offering.slug}/")
    ui.audit("catalogue offering")
    ui.click_and_load(page.get_by_role("link", name="Apply as a mentee"))
    ui.audit("apply as a mentee")
    ui.check_narrow("apply as a mentee")
    expect(page.get_by_label("Region or community")).to_have_value("Fort Nelson")
    page.get_by_label("English").uncheck()
    ui.submit("region")
    ui.audit("apply with an error")
    expect(page.locator(".error-summary")).to_contain_text("Languages in which you can meet")
    page.get_by_label("English").check()
    page.get_by_label("Tuesday, evening").check()
    page.get_by_label("Weekend").check()
    ui.submit("region")
    ui.audit("my application")
    expect(page.locator("main")).to_contain_text("Application submitted")
    registration = Registration.objects.get(person=person)
    assert registration.answers["availability"] == ["tue-evening", "weekend"]

    sign_in(seed.reviewer)
    ui.goto(f"/o/{org.slug}/offerings/{offering.pk}/applications/")
    ui.audit("staff applications")
    ui.check_narrow("staff applications")
    ui.click_and_load(page.get_by_role("link", name="Danielle Moreau"))
    ui.audit("staff application")
    expect(page.locator("main")).to_contain_text("Meets the program's rules")
    page.get_by_label("Message to the applicant (optional)").fill("Welcome to the pilot.")
    ui.click_and_load(page.get_by_role("button", name="Accept the application"))
    ui.audit("accepted")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.ACCEPTED

    sign_in(person.user)
    ui.goto(f"/me/applications/{registration.pk}/")
    ui.audit("accepted application")
    ui.click_and_load(page.get_by_role("link", name="Rank your preferred mentors"))
    ui.audit("rank mentors")
    ui.check_narrow("rank mentors")
    page.get_by_label("Choice 1").select_option(label="Henry Okafor")
    page.get_by_label("Choice 2").select_option(label="Grace Okafor")
    ui.submit("rank_1")
    ui.audit("ranking saved")
    henry = next(m for m in mentors if m.person.given_name == "Henry")
    assert MentorPreference.objects.get(mentee=registration, rank=1).mentor_id == henry.pk


def test_a_board_contact_gives_input(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    seed = opsoa()
    board = seed.boards[0]
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(contact)
    application(seed.offering, member_of(seed.organization), MENTEE, board=board)
    mentor = application(seed.offering, member_of(seed.organization, given_name="Ian", family_name="Baptiste"), MENTOR)
    sign_in(contact)
    page = ui.page
    ui.goto(f"/o/{board.slug}/board-input/")
    ui.audit("board offerings")
    ui.click_and_load(page.get_by_role("link", name=f"{seed.program.name} – {seed.offering.title}"))
    ui.audit("board input")
    page.locator(f"#id_mentor-{mentor.pk}-acceptable_2").check()
    ui.submit(f"mentor-{mentor.pk}-reason")
    ui.audit("board input with an error")
    expect(page.locator(".error-summary")).to_contain_text("Say why this mentor is not acceptable")
    page.get_by_label("Reason").fill("He supervised her last year.")
    ui.submit(f"mentor-{mentor.pk}-reason")
    ui.audit("board input saved")
    expect(page.locator("main")).to_contain_text("Last answered by")
