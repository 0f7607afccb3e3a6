"""The cost API: prepare, list, issue, read, mark paid and the report; a board contact's view."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.organizations.models import StaffRole
from mentorweb.partnerships.models import CostInvoice, PayableStatus
from mentorweb.partnerships.tests.costs_world import association, cost_program, partnership, staff_of
from tests.factories import MembershipFactory
from tests.pairing import board

pytestmark = pytest.mark.django_db
NOW = "2026-10-01 12:00 -0400"


def api_for(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_create(user=user, name='tests', expires_at=None)[1]}")


def post(client: Client, url: str, body: dict | None = None):
    return client.post(f"/api/v1{url}", json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def world():
    organization = association("Ontario Public Supervisory Officials' Association", "OPSOA", "opsoa")
    program = cost_program(organization, honorarium="300.00")
    north, south = board("North Board", "north-board"), board("South Board", "south-board")
    partnership(program, board=north)
    partnership(program, board=south)
    return organization, staff_of(organization), program, north, south


@time_machine.travel(NOW, tick=False)
def test_the_whole_cycle_through_the_api(world):
    _organization, coordinator, program, north, _south = world
    api = api_for(coordinator)
    base = f"/organizations/opsoa/programs/{program.pk}/costs/2026"

    response = post(api, base + "/prepare")
    assert response.status_code == 200, response.content
    assert response.json() == {"honoraria": 2, "cost_shares": 2}
    assert post(api, base + "/prepare").json() == {"honoraria": 0, "cost_shares": 0}

    payables = api.get(f"/api/v1{base}/payables").json()
    assert payables["count"] == 4
    shares = [p for p in payables["items"] if p["kind"] == "cost_share"]
    assert {p["payer_board"] for p in shares} == {"north-board", "south-board"}
    assert {p["amount"] for p in shares} == {"1250.00"}

    response = post(api, base + "/invoices")
    assert response.status_code == 201
    numbers = [invoice["number"] for invoice in response.json()]
    assert numbers == ["OPSOA-2026-0001", "OPSOA-2026-0002"]
    again = post(api, base + "/invoices")
    assert again.status_code == 400 and again.json()["field"] == "year"

    listing = api.get("/api/v1/organizations/opsoa/cost-invoices", {"year": 2026}).json()
    assert listing["count"] == 2
    invoice = CostInvoice.objects.get(board=north)
    detail = api.get(f"/api/v1/organizations/opsoa/cost-invoices/{invoice.pk}").json()
    assert detail["total"] == "1250.00" and detail["board"] == "north-board"
    assert len(detail["lines"]) == 1 and detail["lines"][0]["months"] == 12

    bad = post(api, f"/organizations/opsoa/cost-invoices/{invoice.pk}/paid", {"paid_on": "2027-01-01"})
    assert bad.status_code == 400 and bad.json()["field"] == "paid_on"
    paid = post(api, f"/organizations/opsoa/cost-invoices/{invoice.pk}/paid", {"paid_on": "2026-10-01"})
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert post(api, f"/organizations/opsoa/cost-invoices/{invoice.pk}/paid").status_code == 400

    assert post(api, base + "/honoraria/paid").json() == {"count": 2}
    report = api.get(f"/api/v1{base}/report").json()
    assert report["partnerships"] == 2
    assert report["share"] == "1250.00" and report["share_percent"] == 50
    assert report["honoraria_total"] == "600.00" and report["shares_total"] == "2500.00"
    by_name = {payer["name"]: payer for payer in report["payers"]}
    assert by_name["North Board"]["paid"] == "1250.00"
    assert by_name["South Board"]["invoiced"] == "1250.00"
    # OPSOA: the two honoraria and its half of two mentors' $2,500.
    assert Decimal(by_name[program.organization.name]["total"]) == Decimal("3100.00")


@time_machine.travel(NOW, tick=False)
def test_a_board_contact_reads_only_their_boards_invoices(world):
    _organization, coordinator, program, north, south = world
    api = api_for(coordinator)
    post(api, f"/organizations/opsoa/programs/{program.pk}/costs/2026/prepare")
    post(api, f"/organizations/opsoa/programs/{program.pk}/costs/2026/invoices")
    mine, theirs = CostInvoice.objects.get(board=north), CostInvoice.objects.get(board=south)
    contact = MembershipFactory(organization=north, role=StaffRole.BOARD_CONTACT).person.user
    api = api_for(contact)
    listing = api.get("/api/v1/organizations/north-board/cost-invoices").json()
    assert [item["number"] for item in listing["items"]] == [mine.number]
    assert api.get(f"/api/v1/organizations/north-board/cost-invoices/{mine.pk}").status_code == 200
    assert api.get(f"/api/v1/organizations/north-board/cost-invoices/{theirs.pk}").status_code == 404
    assert api.get(f"/api/v1/organizations/south-board/cost-invoices/{theirs.pk}").status_code == 404
    assert post(api, f"/organizations/north-board/cost-invoices/{mine.pk}/paid").status_code == 404
    assert api.get(f"/api/v1/organizations/opsoa/programs/{program.pk}/costs/2026/report").status_code == 404
    mine.refresh_from_db()
    assert mine.status == PayableStatus.INVOICED


def test_years_out_of_range_are_refused_before_anything_runs(world):
    _organization, coordinator, program, _north, _south = world
    api = api_for(coordinator)
    response = post(api, f"/organizations/opsoa/programs/{program.pk}/costs/1999/prepare")
    assert response.status_code == 422 and response.json()["field"] == "cost_year"
    response = post(api, f"/organizations/opsoa/programs/{program.pk}/costs/2026/honoraria/paid", {"payable_ids": [0]})
    assert response.status_code == 422
    response = post(api, f"/organizations/opsoa/programs/{program.pk}/costs/2026/honoraria/paid", {"extra": 1})
    assert response.status_code == 422
