"""The mentoring web's API: the same rules as the services, errors that name the field, and
another board's web or a stranger's connection a 404."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mentorweb.accounts.models import RoleGroup
from mentorweb.api.tests import conftest as api_fixtures
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.webs.models import MentorOffer, SteeringMember
from mentorweb.webs.tests.api_world import connection, offer, person_in, web

# The API's fixtures (a token per persona, a caller), as the other apps' API tests use them.
tokens = api_fixtures.tokens
api_as = api_fixtures.api_as


@pytest.fixture
def world(personas):
    program = web(personas.org)
    member = personas.member.person
    ece = person_in(personas.org, RoleGroup.EARLY_CHILDHOOD_EDUCATOR, languages_of_service=["fr", "en"])
    principal = person_in(personas.org, RoleGroup.PRINCIPAL, given_name="Sheila", family_name="Turcotte")
    return SimpleNamespace(
        program=program,
        member=member,
        ece_offer=offer(program, ece, "kindergarten teams", summary="Sharing a room"),
        principal=principal,
        principal_offer=offer(program, principal, "staff supervision", "timetabling", capacity=1),
        other_web=web(personas.other_org, "other-web"),
    )


def test_find_a_mentor_filters_like_the_page(api_as, world):
    call = api_as("member")
    url = f"/webs/{world.program.pk}/offers"
    everyone = call("GET", url).json()
    assert everyone["count"] == 2
    by_area = call("GET", url + "?area=Timetabling").json()["items"]
    assert [item["id"] for item in by_area] == [world.principal_offer.pk]
    assert by_area[0]["person"]["name"] == "Sheila Turcotte" and by_area[0]["places_left"] == 1
    assert "email" not in by_area[0]["person"]
    assert call("GET", url + "?role_group=early_childhood_educator").json()["count"] == 1
    assert call("GET", url + "?language=fr").json()["items"][0]["id"] == world.ece_offer.pk
    assert call("GET", url + "?q=room").json()["count"] == 1
    assert call("GET", url + "?role_group=nobody").status_code == 422


def test_my_offer_is_created_then_changed_and_bad_input_names_the_field(api_as, world):
    call = api_as("member")
    url = f"/webs/{world.program.pk}/my-offer"
    assert call("GET", url).status_code == 404
    refused = call("PUT", url, {"capacity": 2})
    assert refused.status_code == 400 and refused.json()["field"] == "areas"
    created = call("PUT", url, {"areas": ["Feedback", "feedback", "goal setting"], "capacity": 2})
    assert created.status_code == 201, created.content
    assert created.json()["areas"] == ["Feedback", "goal setting"] and created.json()["taken"] == 0
    changed = call("PUT", url, {"is_open": False})
    assert changed.status_code == 200 and changed.json()["is_open"] is False
    assert changed.json()["capacity"] == 2
    too_many = call("PUT", url, {"capacity": 11})
    assert too_many.status_code == 422 and too_many.json()["field"] == "capacity"
    typo = call("PUT", url, {"capacty": 3})
    assert typo.status_code == 422 and typo.json()["field"] == "capacty"


def test_request_accept_and_write_what_we_learned(api_as, personas, world):
    asked = api_as("member")
    program = world.program
    offer(program, world.member, "relational trust", capacity=1)
    asker = api_as("staff")
    made = asker(
        "POST",
        f"/webs/{program.pk}/connections",
        {"to": world.member.pk, "purpose": "Learn from another role", "area": "relational trust"},
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["status"] == "proposed" and body["relation"] == "mentor" and body["asked_by_me"] is True
    incoming = asked("GET", f"/webs/{program.pk}/connections?box=incoming").json()["items"]
    assert [c["id"] for c in incoming] == [body["id"]] and incoming[0]["waits_for_me"] is True
    accepted = asked("POST", f"/web-connections/{body['id']}/respond", {"accept": True})
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert MentorOffer.objects.get(program=program, person=world.member).taken == 1
    wrote = asker("POST", f"/web-connections/{body['id']}/learnings", {"text": "How the office sees families."})
    assert wrote.status_code == 201 and wrote.json()["mine"] is True
    read = asked("GET", f"/web-connections/{body['id']}/learnings").json()["items"]
    assert read[0]["text"] == "How the office sees families." and read[0]["mine"] is False
    # Staff who are not one of the two never reach it.
    assert api_as("admin")("GET", f"/web-connections/{body['id']}").status_code == 404
    assert api_as("admin")("GET", f"/web-connections/{body['id']}/learnings").status_code == 404


def test_declining_needs_a_reason_and_the_asker_reads_it(api_as, personas, world):
    request = connection(world.program, world.member, world.principal, status=PartnershipStatus.PROPOSED)
    offer(world.program, world.member, "feedback")
    call = api_as("member")
    refused = call("POST", f"/web-connections/{request.pk}/respond", {"accept": False})
    assert refused.status_code == 400 and refused.json()["field"] == "reason"
    declined = call("POST", f"/web-connections/{request.pk}/respond", {"accept": False, "reason": "No time this term."})
    assert declined.status_code == 200 and declined.json()["decline_reason"] == "No time this term."


def test_a_full_mentor_a_duplicate_and_an_unknown_person_are_refused_with_the_field(api_as, personas, world):
    call = api_as("member")
    url = f"/webs/{world.program.pk}/connections"
    first = call("POST", url, {"to": world.principal.pk, "purpose": "Timetable"})
    assert first.status_code == 201
    again = call("POST", url, {"to": world.principal.pk, "purpose": "Timetable", "peer": True})
    assert again.status_code == 400 and again.json()["code"] == "duplicate" and again.json()["field"] == "to"
    stranger = person_in(personas.other_org)
    unknown = call("POST", url, {"to": stranger.pk, "purpose": "Hello"})
    assert unknown.status_code == 404 and unknown.json()["field"] == "to"
    empty = call("POST", url, {"to": world.ece_offer.person_id, "purpose": "  "})
    assert empty.status_code in (400, 422) and empty.json()["field"] == "purpose"
    # The principal's single place is held by nobody yet (a request takes no place), but a peer of
    # theirs at capacity is refused as full when the place is taken.
    MentorOffer.objects.filter(pk=world.principal_offer.pk).update(taken=1)
    full = api_as("staff")("POST", url, {"to": world.principal.pk, "purpose": "Staffing"})
    assert full.status_code == 400 and full.json()["code"] == "full"


def test_withdraw_only_my_own_unanswered_request(api_as, world):
    call = api_as("member")
    made = call("POST", f"/webs/{world.program.pk}/connections", {"to": world.principal.pk, "purpose": "Timetable"})
    pk = made.json()["id"]
    withdrawn = call("POST", f"/web-connections/{pk}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "declined"
    assert call("POST", f"/web-connections/{pk}/withdraw").status_code == 400
    assert Partnership.objects.get(pk=pk).status == PartnershipStatus.DECLINED


def test_another_boards_web_is_a_404(api_as, world):
    outsider = api_as("outsider")
    assert outsider("GET", f"/webs/{world.program.pk}").status_code == 404
    assert outsider("GET", f"/webs/{world.program.pk}/offers/{world.ece_offer.pk}").status_code == 404
    member = api_as("member")
    assert member("GET", f"/webs/{world.other_web.pk}/offers").status_code == 404
    assert [w["id"] for w in member("GET", "/webs").json()] == [world.program.pk]


def test_the_steering_committee(api_as, personas, world):
    url = f"/webs/{world.program.pk}/steering-members"
    coordinator = api_as("staff")
    added = coordinator("POST", url, {"person": world.member.pk, "represents": "teacher"})
    assert added.status_code == 201, added.content
    assert added.json()["represents"] == "teacher"
    duplicate = coordinator("POST", url, {"person": world.member.pk, "represents": "teacher"})
    assert duplicate.status_code == 400 and duplicate.json()["field"] == "person"
    stranger = person_in(personas.other_org)
    assert coordinator("POST", url, {"person": stranger.pk, "represents": "teacher"}).json()["field"] == "person"
    bad_group = coordinator("POST", url, {"person": world.principal.pk, "represents": "astronaut"})
    assert bad_group.status_code == 422 and bad_group.json()["field"] == "represents"
    # Now a member of the committee, the member sees it but cannot change it.
    member = api_as("member")
    assert [m["person"]["id"] for m in member("GET", url).json()] == [world.member.pk]
    seat = SteeringMember.objects.get(person=world.member)
    assert member("DELETE", f"{url}/{seat.pk}").status_code == 403
    assert coordinator("DELETE", f"{url}/{seat.pk}").status_code == 204
    assert coordinator("DELETE", f"{url}/{seat.pk}").status_code == 404


def test_the_partnerships_answer_takes_the_web_mentors_place_too(api_as, world):
    # The general answer (/partnerships/{id}/respond) must not be a way round the offer's places.
    program = world.program
    offer(program, world.member, "relational trust", capacity=1)
    first = connection(program, world.member, world.principal, status=PartnershipStatus.PROPOSED)
    second = connection(program, world.member, world.ece_offer.person, status=PartnershipStatus.PROPOSED)
    call = api_as("member")
    accepted = call("POST", f"/partnerships/{first.pk}/respond", {"accept": True})
    assert accepted.status_code == 200 and accepted.json()["status"] == "active"
    assert MentorOffer.objects.get(program=program, person=world.member).taken == 1
    full = call("POST", f"/partnerships/{second.pk}/respond", {"accept": True})
    assert full.status_code == 400 and full.json()["code"] == "full"
    assert Partnership.objects.get(pk=second.pk).status == PartnershipStatus.PROPOSED
