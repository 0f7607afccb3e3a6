"""The applications API: the same services and rules as the pages, errors naming the field,
another organization's rows a 404."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.organizations.models import MembershipStatus, StaffRole
from mentorweb.registrations.models import BoardInput, MentorPreference, Registration, RegistrationStatus
from mentorweb.registrations.pairing.tests.world import MENTEE, MENTOR, bc_mentee, bc_mentor, bcpvpa, mentee_data, opsoa
from tests.factories import MembershipFactory
from tests.pairing import application, member_of

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def caller(user):
    token = token_create(user=user, name="tests", expires_at=None)[1]
    client = Client()

    def call(method, path, body=None):
        kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
        return getattr(client, method.lower())(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)

    return call


def test_applying_and_changing_through_the_api(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed)
    api = caller(person.user)
    body = {**mentee_data(board=seed.boards[0].slug), "offering_id": seed.offering.pk, "role": "mentee"}
    with django_capture_on_commit_callbacks(execute=True):
        response = api("POST", "/applications", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["role"], data["board"]) == ("submitted", "mentee", seed.boards[0].slug)
    assert data["answers"]["needs"] == mentee_data()["needs"]
    assert len(mailoutbox) == 1
    pk = data["id"]
    response = api("PATCH", f"/applications/{pk}", {"region": "Dease Lake"})
    assert response.status_code == 200
    assert response.json()["answers"]["region"] == "Dease Lake"
    assert response.json()["answers"]["needs"] == mentee_data()["needs"]
    listing = api("GET", "/applications").json()
    assert [row["id"] for row in listing["items"]] == [pk]
    response = api("POST", f"/applications/{pk}/withdraw")
    assert response.json()["status"] == "withdrawn"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"needs": ["astrology"]}, 400, "needs"),
        ({"capacity": 2}, 400, "capacity"),
        ({"languages": ["de"]}, 422, "languages.0"),
        ({"region": "A\x00B"}, 422, "region"),
        ({"colour": "blue"}, 422, "colour"),
        ({"years_in_role": 99}, 422, "years_in_role"),
        ({"board": "nowhere"}, 400, "board"),
    ],
)
def test_bad_input_names_its_field(body, status, field):
    seed = bcpvpa()
    api = caller(bc_mentee(seed).user)
    response = api(
        "POST", "/applications", {**mentee_data(), **body, "offering_id": seed.offering.pk, "role": "mentee"}
    )
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
    assert not Registration.objects.exists()


def test_ineligible_and_closed_are_refused_with_a_message():
    seed = bcpvpa()
    api = caller(bc_mentee(seed).user)
    response = api("POST", "/applications", {**mentee_data(), "offering_id": seed.offering.pk, "role": "mentor"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" or response.json()["code"] == "ineligible"
    response = api("POST", "/applications", {**mentee_data(), "offering_id": 999999, "role": "mentee"})
    assert response.status_code == 404


def test_staff_review_through_the_api(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    mentee = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    api = caller(seed.reviewer)
    base = f"/organizations/{seed.organization.slug}/offerings/{seed.offering.pk}/applications"
    listing = api("GET", base + "?role=mentee&status=submitted").json()
    assert [row["id"] for row in listing["items"]] == [mentee.pk]
    one = api("GET", f"{base}/{mentee.pk}").json()
    assert one["eligibility"] == []
    response = api("POST", f"{base}/{mentee.pk}/request-info", {"message": ""})
    assert response.status_code == 400 and response.json()["field"] == "message"
    with django_capture_on_commit_callbacks(execute=True):
        response = api("POST", f"{base}/{mentee.pk}/decline", {"reason": "timing", "message": "Next year."})
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "timing"
    assert "Next year." in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        response = api("POST", f"{base}/{mentee.pk}/accept", {})
    assert response.json()["status"] == "accepted"
    # Another organization's reviewer gets a 404 for all of it.
    other = caller(opsoa().reviewer)
    assert other("GET", base).status_code == 404
    assert other("POST", f"{base}/{mentee.pk}/accept", {}).status_code == 404


def test_a_mentee_ranks_through_the_api():
    seed = bcpvpa()
    seed.rules.shared_fields = ["region"]
    seed.rules.save()
    mentee = application(seed.offering, bc_mentee(seed), MENTEE)
    mentors = [application(seed.offering, bc_mentor(seed), MENTOR, answers={"region": f"R{i}"}) for i in range(2)]
    api = caller(mentee.person.user)
    data = api("GET", f"/applications/{mentee.pk}/preferences").json()
    assert [m["id"] for m in data["mentors"]] == [
        m.pk for m in sorted(mentors, key=lambda r: (r.person.family_name, r.person.given_name, r.pk))
    ]
    assert all(set(m["fields"]) == {"region"} for m in data["mentors"])
    assert all(m["title"].startswith("Mentor ") for m in data["mentors"])
    response = api("PUT", f"/applications/{mentee.pk}/preferences", {"mentor_ids": [mentors[1].pk, mentors[1].pk]})
    assert response.status_code == 400 and response.json()["field"] == "mentor_ids"
    response = api("PUT", f"/applications/{mentee.pk}/preferences", {"mentor_ids": [mentors[1].pk, mentors[0].pk]})
    assert response.json()["mentor_ids"] == [mentors[1].pk, mentors[0].pk]
    assert MentorPreference.objects.count() == 2
    # A mentor application has no ranking.
    mentor_api = caller(mentors[0].person.user)
    assert mentor_api("GET", f"/applications/{mentors[0].pk}/preferences").status_code == 404


def test_board_input_through_the_api():
    seed = opsoa()
    board, other_board = seed.boards
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    application(seed.offering, member_of(seed.organization), MENTEE, board=board)
    mentor = application(seed.offering, member_of(seed.organization, membership_status=MembershipStatus.ALUMNI), MENTOR)
    api = caller(contact)
    offerings = api("GET", f"/organizations/{board.slug}/board-input").json()
    assert [(o["id"], o["board_mentees"]) for o in offerings] == [(seed.offering.pk, 1)]
    path = f"/organizations/{board.slug}/board-input/{seed.offering.pk}"
    assert api("GET", path).json()[0]["acceptable"] is None
    response = api("PUT", f"{path}/mentors/{mentor.pk}", {"acceptable": False})
    assert response.status_code == 400 and response.json()["field"] == "reason"
    response = api("PUT", f"{path}/mentors/{mentor.pk}", {"acceptable": False, "reason": "Conflict."})
    assert response.json() | {"fields": {}} == {
        "mentor_id": mentor.pk,
        "name": mentor.person.full_name,
        "fields": {},
        "acceptable": False,
        "reason": "Conflict.",
    }
    assert BoardInput.objects.get().acceptable is False
    other = caller(MembershipFactory(organization=other_board, role=StaffRole.BOARD_CONTACT).person.user)
    assert other("GET", f"/organizations/{other_board.slug}/board-input/{seed.offering.pk}").status_code == 404
    assert other("GET", path).status_code == 404
