"""The public catalogue: published programs only, times in the organization's zone, seats left."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import NoReverseMatch, reverse

from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.programs.tests.factories import (
    CourseModuleFactory,
    OfferingFactory,
    ProgramFactory,
    course_with_offering,
    make_session,
)
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def offering():
    organization = OrganizationFactory(name="Ontario Principals' Council", slug="opc", kind="association")
    offering = course_with_offering(organization, title="Winter 2030 - Online", slug="winter-2030-online")
    program = offering.program
    program.name, program.slug, program.contact_email = "Mentoring Qualification Program", "mqp", "mqp@example.org"
    program.partnership_note = "Write to learning@example.org to offer it with your board."
    program.required_credential_kind = "oct"
    program.admission_requirements = "OCT registration in good standing."
    program.save()
    return offering


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_anonymous_visitors_see_published_programs_only(offering):
    ProgramFactory(name="Secret draft course", is_published=False)
    hidden_offering = OfferingFactory(program=offering.program, title="Draft offering", status=OfferingStatus.DRAFT)
    client = Client()
    index = text_of(client.get("/catalogue/"))
    assert "Mentoring Qualification Program" in index and "Secret draft course" not in index
    assert "Winter 2030 - Online" in index and "Draft offering" not in index
    assert client.get(f"/catalogue/opc/mqp/{hidden_offering.slug}/").status_code == 404
    draft = ProgramFactory(organization=offering.program.organization, slug="draft", is_published=False)
    assert client.get(f"/catalogue/opc/{draft.slug}/").status_code == 404
    assert client.get("/catalogue/opc/no-such-program/").status_code == 404


@time_machine.travel(dt.datetime(2029, 11, 1, 12, tzinfo=dt.UTC), tick=False)
def test_program_page_shows_hours_fee_admission_and_the_refund_table(offering):
    text = text_of(Client().get("/catalogue/opc/mqp/"))
    assert "36 synchronous hours + 89 asynchronous hours = 125 hours in all" in text
    assert "$900.00" in text and "Includes a $50.00 non-refundable registration fee." in text
    assert "Full payment is required for registration to be confirmed." in text
    assert "OCT registration in good standing." in text
    for days, refund in (
        ("14 days before the start date or earlier", "$850.00"),
        ("From 13 days before the start date to the start date", "$250.00"),
        ("After the start date", "$0.00"),
    ):
        assert re.search(re.escape(days) + r".*?" + re.escape(refund), text), days
    assert "learning@example.org" in text and "mqp@example.org" in text
    assert "Upcoming offerings" in text and "Winter 2030 - Online" in text


@time_machine.travel(dt.datetime(2029, 11, 1, 12, tzinfo=dt.UTC), tick=False)
def test_offering_page_shows_times_in_toronto_seats_left_and_access_window(offering):
    module_2 = offering.program.modules.get(number=2)
    make_session(offering, dt.date(2030, 4, 4), dt.time(8, 30), dt.time(13, 0), module=module_2)
    Offering.objects.filter(pk=offering.pk).update(seats_taken=26)
    text = text_of(Client().get("/catalogue/opc/mqp/winter-2030-online/"))
    # 8:30 a.m. in Toronto is 13:30 UTC in January and 12:30 UTC in April: the page shows Toronto time.
    assert "Saturday, Jan. 26, 2030</time>: 8:30 a.m. – 4 p.m. EST" in text
    assert "Thursday, April 4, 2030</time>: 8:30 a.m. – 1 p.m. EDT" in text
    assert "1:30 p.m." not in text and "12:30 p.m." not in text
    assert "All times are in the America/Toronto time zone" in text
    assert "Module 4 – Practicum (asynchronous)" in text and "Module 4 complete by April 15, 2030" in text
    assert "Seats left</dt> <dd>4</dd>" in text
    assert "from Jan. 19, 2030 to April 29, 2030" in text
    assert "Registration deadline</dt> <dd>Saturday, Jan. 12, 2030</dd>" in text


@time_machine.travel(dt.datetime(2029, 11, 1, 12, tzinfo=dt.UTC), tick=False)
def test_register_link_appears_only_while_registration_is_open(offering):
    client = Client()
    page = text_of(client.get("/catalogue/opc/mqp/winter-2030-online/"))
    try:
        register_url = reverse("registrations:register", args=[offering.pk])
    except NoReverseMatch:
        # Until the registrations pages exist, the page says so instead of failing.
        assert "Online registration is not available yet." in page
    else:
        assert f'href="{register_url}"' in page
    with time_machine.travel(dt.datetime(2030, 1, 14, 12, tzinfo=dt.UTC), tick=False):
        closed = text_of(client.get("/catalogue/opc/mqp/winter-2030-online/"))
    assert "Registration closed on Jan. 12, 2030." in closed
    assert "/register/" not in closed and "Online registration is not available" not in closed


def test_a_full_offering_offers_the_waitlist(offering):
    Offering.objects.filter(pk=offering.pk).update(seats_taken=30, registration_deadline=dt.date(2999, 1, 1))
    with time_machine.travel(dt.datetime(2029, 11, 1, 12, tzinfo=dt.UTC), tick=False):
        text = text_of(Client().get("/catalogue/opc/mqp/winter-2030-online/"))
    assert "None: new registrations join the waitlist" in text


def test_a_partner_board_offering_names_the_board(offering):
    board = OrganizationFactory(kind="board", name="Kaministiquia River District School Board", slug="krdsb")
    OfferingFactory(
        program=offering.program, slug="spring-krdsb", partner_board=board, customization_notes="Local cases."
    )
    text = text_of(Client().get("/catalogue/opc/mqp/spring-krdsb/"))
    assert "Offered with Kaministiquia River District School Board, customized for its staff. Local cases." in text


def test_catalogue_pages_run_a_bounded_number_of_queries(offering, django_assert_max_num_queries):
    for _n in range(12):
        program = ProgramFactory(organization=offering.program.organization)
        CourseModuleFactory(program=program)
        for m in range(3):
            OfferingFactory(program=program, slug=f"o-{m}")
    for day in range(1, 20):
        make_session(offering, offering.start_date + dt.timedelta(days=day), dt.time(9), dt.time(12))
    client = Client()
    with django_assert_max_num_queries(5):
        assert client.get("/catalogue/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/catalogue/opc/mqp/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/catalogue/opc/mqp/winter-2030-online/").status_code == 200


def test_signed_in_people_reach_the_catalogue_from_the_menu(personas):
    items = {item.label: item for item in personas.client_for("member").get("/catalogue/").context["nav_items"]}
    assert items["Catalogue"].current
