"""The registrations API: the same rules as the pages, through the same services."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.registrations.models import Refund, Registration
from mentorweb.registrations.tests.reg_world import board, mqp, pay_offline, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(personas):
    """A caller with the persona's personal access token (like the API tests' fixture of that name)."""

    def make(name: str) -> Any:
        token = token_create(user=getattr(personas, name), name="tests", expires_at=None)[1]

        def call(method: str, path: str, body: Any = None, **headers: str) -> Any:
            kwargs: dict[str, Any] = (
                {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
            )
            return getattr(Client(), method.lower())(
                f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs, **headers
            )

        return call

    return make


@pytest.fixture
def offering(personas):
    return mqp(personas.org)


def test_register_and_read_back(personas, api_as, offering):
    response = api_as("member")("POST", "/registrations", {"offering_id": offering.pk, "credential_number": "123456"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending_payment"
    assert body["fee"] == "900.00"
    assert body["balance_due"] == "900.00"
    assert body["organization"] == personas.org.slug
    mine = api_as("member")("GET", "/registrations").json()
    assert [item["id"] for item in mine["items"]] == [body["id"]]


def test_errors_name_the_field(personas, api_as, offering):
    caller = api_as("member")
    response = caller("POST", "/registrations", {"offering_id": offering.pk})
    assert response.status_code == 400
    assert response.json()["field"] == "credential_number"
    caller("POST", "/registrations", {"offering_id": offering.pk, "credential_number": "123456"})
    duplicate = caller("POST", "/registrations", {"offering_id": offering.pk})
    assert (duplicate.status_code, duplicate.json()["field"], duplicate.json()["code"]) == (
        400,
        "offering",
        "duplicate",
    )
    other_board = board("not-my-board")
    sponsored = caller("POST", "/registrations", {"offering_id": mqp(personas.org).pk, "sponsor": other_board.slug})
    assert (sponsored.status_code, sponsored.json()["field"]) == (400, "sponsor")
    assert caller("POST", "/registrations", {"offering_id": 999999}).status_code == 404
    extra = caller("POST", "/registrations", {"offering_id": offering.pk, "status": "confirmed"})
    assert extra.status_code == 422


def test_cancel_needs_an_idempotency_key_and_refunds_once(personas, api_as, offering):
    registration = register(offering, personas.member.person, credential_number="123456")
    pay_offline(personas.staff, registration)
    caller = api_as("member")
    path = f"/registrations/{registration.pk}/cancel"
    missing = caller("POST", path, {})
    assert missing.status_code == 422
    assert missing.json()["field"] == "Idempotency-Key"
    first = caller("POST", path, {"reason": "Moving"}, HTTP_IDEMPOTENCY_KEY="retry-1")
    again = caller("POST", path, {"reason": "Moving"}, HTTP_IDEMPOTENCY_KEY="retry-1")
    assert first.status_code == again.status_code == 200
    assert first.json()["amount_refunded"] == again.json()["amount_refunded"] == "850.00"
    other = caller("POST", path, {}, HTTP_IDEMPOTENCY_KEY="retry-2")
    assert (other.status_code, other.json()["code"]) == (400, "conflict")
    assert Refund.objects.filter(registration=registration).count() == 1
    refunds = caller("GET", f"/registrations/{registration.pk}/refunds").json()
    assert [r["amount"] for r in refunds] == ["850.00"]


def test_staff_record_offline_payments_and_candidates_cannot(personas, api_as, offering):
    registration = register(offering, personas.member.person, credential_number="123456")
    path = f"/registrations/{registration.pk}/payments"
    payment = {"amount": "900.00", "method": "cheque", "reference": "Cheque 12"}
    assert api_as("member")("POST", path, payment).status_code == 403
    assert api_as("outsider")("POST", path, payment).status_code == 404
    too_much = api_as("staff")("POST", path, {**payment, "amount": "901.00"})
    assert (too_much.status_code, too_much.json()["field"]) == (400, "amount")
    assert api_as("staff")("POST", path, {**payment, "amount": "NaN"}).status_code == 422
    assert api_as("staff")("POST", path, {**payment, "method": "card"}).status_code == 422
    created = api_as("staff")("POST", path, payment)
    assert created.status_code == 201
    assert created.json()["status"] == "succeeded"
    assert Registration.objects.get(pk=registration.pk).status == "pending_payment"  # credential only declared
    listed = api_as("member")("GET", path).json()
    assert [p["amount"] for p in listed] == ["900.00"]


def test_staff_list_an_offerings_registrations_in_bounded_queries(
    personas, api_as, offering, django_assert_max_num_queries
):
    from mentorweb.registrations.tests.reg_world import candidate

    for _ in range(5):
        register(offering, candidate())
    caller = api_as("staff")
    path = f"/organizations/{personas.org.slug}/offerings/{offering.pk}/registrations"
    with django_assert_max_num_queries(12):
        body = caller("GET", path).json()
    assert body["count"] == 5
    assert caller("GET", path + "?status=waitlisted").json()["count"] == 0
    assert caller("GET", path + "?status=nonsense").status_code == 422
    assert api_as("member")("GET", path).status_code == 403
    other = mqp(personas.other_org)
    assert caller("GET", f"/organizations/{personas.org.slug}/offerings/{other.pk}/registrations").status_code == 404
