"""Journey through a qualification course: a candidate registers from the catalogue, pays with the
test provider, downloads the calendar file, later cancels and sees the refund; a facilitator
takes attendance in an offering under way; a coordinator sees both on the dashboards."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from mentorweb.organizations.models import OrganizationKind, StaffRole
from mentorweb.registrations.models import Attendance, Registration, RegistrationStatus
from mentorweb.registrations.tests.progress_world import TORONTO, facilitator, make_offering, register
from mentorweb.registrations.tests.reg_world import candidate, mqp
from tests.browser.helpers import Browsing
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, enrol_totp

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _world() -> dict[str, Any]:
    org = OrganizationFactory(
        name="Ontario Principals' Council", short_name="OPC", slug="opc", kind=OrganizationKind.ASSOCIATION
    )
    upcoming = mqp(org)
    # An offering under way: its first class day was yesterday, and one candidate is confirmed in it.
    today = timezone.now().astimezone(TORONTO).date()
    yesterday = today - dt.timedelta(days=1)
    running = make_offering(
        org,
        program=upcoming.program,
        slug="spring-online",
        start=yesterday,
        end=today + dt.timedelta(days=60),
        sessions=((1, yesterday, dt.time(8, 30), dt.time(16, 0)),),
    )
    attendee = register(running, person=PersonFactory(given_name="Amara", family_name="Okafor"))
    coordinator = MembershipFactory(organization=org, role=StaffRole.COORDINATOR).person.user
    enrol_totp(coordinator)
    return {
        "org": org,
        "upcoming": upcoming,
        "running": running,
        "attendee": attendee,
        "candidate": candidate(org),
        "facilitator": facilitator(org),
        "coordinator": coordinator,
    }


def test_course_journey(ui: Browsing, sign_in: Callable[[Any], None]) -> None:
    world = _world()
    org, upcoming, running = world["org"], world["upcoming"], world["running"]
    program = upcoming.program
    page = ui.page

    # --- the candidate registers from the catalogue --------------------------------------------
    sign_in(world["candidate"].user)
    ui.goto(f"/catalogue/{org.slug}/{program.slug}/{upcoming.slug}/")
    ui.audit("catalogue offering")
    ui.click_and_load(page.locator(f"main a[href='/register/{upcoming.pk}/']").first)
    ui.audit("register")
    ui.check_narrow("register")
    ui.click_and_load(page.locator("main form button[type='submit']").last)
    expect(page).to_have_url(re.compile(r"/me/registrations/\d+/$"))
    ui.audit("registration awaiting payment")
    registration = Registration.objects.get(offering=upcoming, person=world["candidate"])
    assert registration.status == RegistrationStatus.PENDING_PAYMENT

    # --- pays with the test provider ---------------------------------------------------------------
    ui.click_and_load(page.get_by_role("button", name=re.compile(r"Pay .* by card")))
    ui.audit("test checkout")
    page.locator("input[name='card_number']").fill("4242 4242 4242 4242")
    ui.submit("card_number")
    ui.audit("registration after payment")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    expect(page.locator("main")).to_contain_text("Your seat is confirmed")
    expect(page.locator("main")).to_contain_text("Hours earned by module")

    # --- downloads the calendar file ---------------------------------------------------------------
    ui.click_and_load(page.get_by_role("link", name="Sessions in my calendar"))
    ui.audit("calendar")
    ui.check_narrow("calendar")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Download the calendar file")).click()
    ics = Path(download_info.value.path()).read_bytes()
    calendar = Calendar.from_ical(ics)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    events = calendar.walk("VEVENT")
    assert len(events) == upcoming.sessions.count() == 1
    assert events[0]["DTSTART"].params["TZID"] == "America/Toronto"
    assert events[0].decoded("dtstart") == dt.datetime(2030, 1, 26, 8, 30, tzinfo=TORONTO)
    assert int(events[0]["SEQUENCE"]) == 0

    # --- later cancels, and sees the refund ----------------------------------------------------------
    ui.goto(f"/me/registrations/{registration.pk}/")
    ui.audit("registration before cancelling")
    ui.click_and_load(page.get_by_role("link", name=re.compile(r"Cancel my registration")))
    ui.audit("cancel")
    expect(page.locator("main")).to_contain_text("$850.00")
    ui.click_and_load(page.locator("main form button.danger"))
    ui.audit("cancelled registration")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    expect(page.locator("main")).to_contain_text("$850.00")
    expect(page.locator("main")).to_contain_text("Refunds")

    # --- a facilitator takes attendance in the offering under way --------------------------------
    sign_in(world["facilitator"])
    ui.goto(f"/o/{org.slug}/offerings/{running.pk}/modules/")
    ui.audit("course progress")
    session = running.sessions.get()
    ui.click_and_load(page.locator(f"main a[href$='/sessions/{session.pk}/attendance/']"))
    ui.audit("attendance")
    ui.check_narrow("attendance")
    page.get_by_label("Amara Okafor").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance-status")).to_contain_text("Attendance saved")
    ui.audit("attendance saved")
    assert Attendance.objects.get(session=session, registration=world["attendee"]).present is True

    # --- a coordinator sees it on the dashboards ----------------------------------------------------
    sign_in(world["coordinator"])
    ui.goto(f"/o/{org.slug}/reports/")
    ui.audit("courses")
    ui.click_and_load(page.locator(f"main a[href='/o/{org.slug}/offerings/{running.pk}/dashboard/']"))
    ui.audit("dashboard of the offering under way")
    ui.check_narrow("dashboard")
    expect(page.locator("main")).to_contain_text("Attendance rate: 100% over 1 session held.")
    expect(page.locator("main")).to_contain_text("1 of 1 present (100%)")
    ui.goto(f"/o/{org.slug}/offerings/{upcoming.pk}/dashboard/")
    ui.audit("dashboard of the upcoming offering")
    refunded = page.locator("dl.details dt", has_text="Refunded").locator("xpath=following-sibling::dd[1]")
    expect(refunded).to_contain_text("$850.00")
