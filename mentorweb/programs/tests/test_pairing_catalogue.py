"""The public catalogue of a pairing program: what an applicant needs to know, in words."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from mentorweb.organizations.models import OrganizationKind
from mentorweb.programs import pairing
from mentorweb.programs.models import OfferingStatus, PairingRules, SessionKind
from mentorweb.programs.tests.factories import make_session
from mentorweb.programs.views_catalogue import APPLY_LINKS, APPLY_LINKS_PENDING
from tests.factories import OrganizationFactory
from tests.pairing import pairing_offering, pairing_program

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def offering():
    bcpvpa = OrganizationFactory(
        name="BC Principals' and Vice-Principals' Association",
        slug="bcpvpa",
        kind=OrganizationKind.ASSOCIATION,
        time_zone="America/Vancouver",
    )
    retired = OrganizationFactory(
        name="BC Retired Principals' and Vice-Principals' Association",
        slug="bcrpvpa",
        kind=OrganizationKind.ASSOCIATION,
    )
    program = pairing_program(
        bcpvpa,
        slug="mentorship",
        mentor_membership_organization=retired,
        mentor_membership_statuses=["retired"],
        mentee_role_groups=["principal", "vice_principal"],
        mentee_max_years_in_role=1,
        mentee_role_change_qualifies=True,
        mentor_capacity_max=1,
        max_hours_per_month=Decimal("4"),
        commitment_text="Participants will commit to participation for a full year.",
        mentor_honorarium=Decimal("300.00"),
        ranking_depth=3,
    )
    program.name, program.summary = "BCPVPA Mentorship Pilot", "A provincial pilot for new principals."
    program.learning_components = ["Build principals' and vice-principals' confidence and self-efficacy"]
    program.save()
    offering = pairing_offering(
        program,
        slug="2017-2018",
        title="2017–2018 pilot",
        registration_opens=dt.date(2017, 9, 1),
        registration_deadline=dt.date(2017, 10, 20),
        deadline_extended_from=dt.date(2017, 10, 6),
        start_date=dt.date(2017, 11, 1),
        end_date=dt.date(2018, 6, 30),
    )
    make_session(
        offering, dt.date(2017, 11, 1), dt.time(16), dt.time(17), kind=SessionKind.WEBINAR, title="Welcome webinar"
    )
    make_session(
        offering,
        dt.date(2017, 11, 9),
        dt.time(9),
        dt.time(16),
        kind=SessionKind.TRAINING,
        title="Mentor training, day 1",
    )
    make_session(offering, dt.date(2018, 5, 17), dt.time(9), dt.time(15), kind=SessionKind.CLOSURE)
    return offering


@time_machine.travel(dt.datetime(2017, 10, 10, 18, tzinfo=dt.UTC), tick=False)
def test_the_program_page_says_who_may_apply_the_commitment_and_the_honorarium(offering):
    response = Client().get("/catalogue/bcpvpa/mentorship/")
    text = text_of(response)
    assert "A one-to-one mentoring program offered by BC Principals&#x27; and Vice-Principals&#x27; Association" in text
    assert "A provincial pilot for new principals." in text
    assert "Guiding aims" in text and "confidence and self-efficacy" in text
    assert (
        "Members of BC Retired Principals&#x27; and Vice-Principals&#x27; Association with the status Retired." in text
    )
    assert "In one of the role groups Principal or Vice-principal." in text
    assert "In their role for at most 1 year, or having had a significant change of role." in text
    assert "One year, 2–4 hours a month, contact every 7 days." in text
    assert "Participants will commit to participation for a full year." in text
    assert "Up to 40 partnerships per offering." in text
    assert "Mentees say what they need and may rank up to 3 preferred mentors." in text
    assert "Mentors receive an honorarium of $300.00." in text
    assert "<strong>Deadline extended to Oct. 20, 2017</strong> (the original deadline was Oct. 6, 2017)." in text
    # Nothing about fees, refunds or modules.
    assert "Refund policy" not in text and "Modules and hours" not in text
    assert response.context["apply_links_template"] in (APPLY_LINKS, APPLY_LINKS_PENDING)


@time_machine.travel(dt.datetime(2017, 10, 10, 18, tzinfo=dt.UTC), tick=False)
def test_the_offering_page_shows_the_window_the_extension_and_the_events(offering, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(8):
        response = client.get("/catalogue/bcpvpa/mentorship/2017-2018/")
    text = text_of(response)
    assert "Applications open Sept. 1, 2017." in text
    assert "<strong>Deadline extended to Oct. 20, 2017</strong> (the original deadline was Oct. 6, 2017)." in text
    assert "All times are in the America/Vancouver time zone." in text
    assert "<strong>Welcome webinar</strong>: " in text and "Wednesday, Nov. 1, 2017" in text
    assert "4 p.m. – 5 p.m. PDT" in text
    assert "<strong>Mentor training, day 1</strong>" in text and "<strong>Closure day</strong>" in text
    assert "Members of BC Retired Principals" in text
    if response.context["apply_links_template"] == APPLY_LINKS_PENDING:
        assert "Online applications are not available yet." in text


@time_machine.travel(dt.datetime(2017, 10, 21, 18, tzinfo=dt.UTC), tick=False)
def test_after_the_deadline_applications_are_closed(offering):
    text = text_of(Client().get("/catalogue/bcpvpa/mentorship/2017-2018/"))
    assert "Applications closed on Oct. 20, 2017." in text
    assert "Online applications are not available yet." not in text


def test_a_draft_pairing_offering_is_not_in_the_catalogue(offering):
    offering.status = OfferingStatus.DRAFT
    offering.save()
    assert Client().get("/catalogue/bcpvpa/mentorship/2017-2018/").status_code == 404


def test_opsoa_rules_in_words():
    opsoa = OrganizationFactory(name="Ontario Public Supervisory Officials' Association", slug="opsoa")
    program = pairing_program(
        opsoa,
        mentor_membership_organization=opsoa,
        mentor_membership_statuses=["alumni"],
        mentee_membership_organization=opsoa,
        mentor_capacity_default=1,
        mentor_capacity_max=2,
        cost_per_mentor_year=Decimal("2500.00"),
        cost_share_percent=50,
        board_input=True,
    )
    rules = PairingRules.objects.get(program=program)
    assert pairing.describe_eligibility(rules, "mentor") == [
        "Members of Ontario Public Supervisory Officials' Association with the status Alumni."
    ]
    assert pairing.describe_eligibility(rules, "mentee") == [
        "Members of Ontario Public Supervisory Officials' Association."
    ]
    assert pairing.describe_size(rules)[1] == "Each mentor takes 1 mentee unless they offer more, up to 2."
    assert "Boards give their input on the mentors proposed for their people." in pairing.describe_matching(rules)
    assert pairing.describe_costs(rules, opsoa)[0].startswith(
        "The cost of $2,500.00 per mentor per year is shared: the board or the participant pays 50% ($1,250.00)"
    )
