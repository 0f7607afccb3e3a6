"""The web's pages for its people: "My web", the offer form, finding a mentor, asking, answering,
withdrawing and what we learned; each persona, errors tied to their fields, other boards a 404."""

from __future__ import annotations

import re

import pytest
from django.db import connection as db_connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorweb.accounts.models import RoleGroup
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.webs.models import LearningEntry, MentorOffer
from mentorweb.webs.tests.world import connection_row, offer_row, person_in, web_program, web_world
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def client_of(person) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def web_url(name, web, *args) -> str:
    return f"{reverse(name, args=args)}?web={web.program.pk}"


def tied(content: str, field: str, prefix: str = "") -> bool:
    """The field's error is shown and tied to its input with aria-describedby."""
    error_id = f"id_{prefix}{field}_error"
    described = re.search(rf'aria-describedby="[^"]*{error_id}[^"]*"', content)
    return f'id="{error_id}"' in content and described is not None


# --- My web ---------------------------------------------------------------------------------------


def test_my_web_draws_mentors_mentees_and_peers_with_a_text_list():
    web = web_world()
    connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ACTIVE, area="play")
    connection_row(web.program, mentee=web.coach, mentor=web.ece, status=PartnershipStatus.ACTIVE)
    peer = person_in(web.board, "Otto", RoleGroup.OFFICE_ADMINISTRATOR, family_name="Office")
    connection_row(web.program, mentee=peer, mentor=web.ece, status=PartnershipStatus.ACTIVE, peer=True)
    response = client_of(web.ece).get(reverse("webs:mine"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in content and "<title" in content and "aria-labelledby" in content
    for name in ("Pauline Principal", "Colette Coach", "Otto Office"):
        assert name in content
    # Colour is not the only signal: the role groups' codes and a legend in words.
    assert "Office administrator" in content and ">OA<" in content
    assert content.count('href="/me/web/connections/') >= 6  # picture and list link each connection


def test_my_web_shows_requests_in_and_out_and_a_decline_reason():
    web = web_world()
    asked = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    incoming = connection_row(web.program, mentee=web.coach, mentor=web.ece, peer=True)
    declined = connection_row(web.program, mentee=web.ece, mentor=web.coach, status=PartnershipStatus.DECLINED)
    Partnership.objects.filter(pk=declined.pk).update(decline_reason="No place this term", declined_by=web.coach.user)
    content = client_of(web.ece).get(reverse("webs:mine")).content.decode()
    assert f"/me/web/connections/{asked.pk}/withdraw/" in content
    assert f"/me/web/connections/{incoming.pk}/" in content
    assert "No place this term" in content


def test_someone_in_no_web_reads_why():
    outsider = person_in(OrganizationFactory(slug="no-web-board"), "Nadia")
    response = client_of(outsider).get(reverse("webs:mine"))
    assert response.status_code == 200
    assert "no mentoring web" in response.content.decode()
    assert client_of(outsider).get(reverse("webs:find")).status_code == 404
    assert client_of(outsider).get(reverse("webs:offer")).status_code == 404


def test_another_boards_web_is_a_404():
    web = web_world()
    other = web_program(OrganizationFactory(slug="far-board"))
    assert client_of(web.ece).get(reverse("webs:mine") + f"?web={other.pk}").status_code == 404
    assert client_of(web.ece).get(reverse("webs:find") + f"?web={other.pk}").status_code == 404


def test_the_menu_names_my_web_for_its_people_only():
    web = web_world()
    assert "My web" in client_of(web.ece).get(reverse("home")).content.decode()
    outsider = person_in(OrganizationFactory(slug="no-web-board"), "Nadia")
    assert "My web" not in client_of(outsider).get(reverse("home")).content.decode()


# --- offering to mentor ---------------------------------------------------------------------------


def test_offer_form_saves_areas_from_the_list_and_lines():
    web = web_world()
    client = client_of(web.ece)
    assert client.get(web_url("webs:offer", web)).status_code == 200
    response = client.post(
        web_url("webs:offer", web),
        {"areas": ["kindergarten teams"], "other_areas": "Play-based learning\n", "capacity": "2", "is_open": "on"},
    )
    assert response.status_code == 302
    offer = MentorOffer.objects.get(person=web.ece)
    assert set(offer.areas.values_list("area", flat=True)) == {"kindergarten teams", "Play-based learning"}


def test_offer_form_ties_errors_to_their_fields():
    web = web_world()
    response = client_of(web.ece).post(web_url("webs:offer", web), {"capacity": "2"})
    assert response.status_code == 400
    assert tied(response.content.decode(), "areas")
    response = client_of(web.ece).post(web_url("webs:offer", web), {"areas": ["feedback"], "capacity": "40"})
    assert response.status_code == 400 and tied(response.content.decode(), "capacity")


def test_capacity_below_the_places_taken_is_an_error_on_capacity():
    web = web_world()
    MentorOffer.objects.filter(pk=web.offer.pk).update(taken=2)
    response = client_of(web.principal).post(
        web_url("webs:offer", web), {"areas": ["kindergarten teams"], "capacity": "1", "is_open": "on"}
    )
    assert response.status_code == 400 and tied(response.content.decode(), "capacity")


# --- finding a mentor -----------------------------------------------------------------------------


def test_find_shows_open_offers_of_the_board_only():
    web = web_world()
    far = OrganizationFactory(slug="far-board")
    stranger = person_in(far, "Stella", family_name="Stranger")
    offer_row(web_program(far), stranger)
    closed = person_in(web.board, "Clara", family_name="Closed")
    offer_row(web.program, closed, is_open=False)
    content = client_of(web.ece).get(web_url("webs:find", web)).content.decode()
    assert "Pauline Principal" in content and "Colette Coach" in content
    assert "Stella Stranger" not in content and "Clara Closed" not in content
    assert "Amethyst Ridge Public School" in content  # the principal's school
    assert "2 places left" in content


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"area": "feedback"}, "Colette Coach", "Pauline Principal"),
        ({"role_group": RoleGroup.PRINCIPAL}, "Pauline Principal", "Colette Coach"),
        ({"language": "fr"}, "Colette Coach", "Pauline Principal"),
        ({"q": "kindergarten"}, "Pauline Principal", "Colette Coach"),
    ],
)
def test_find_filters(query, shown, hidden):
    web = web_world()
    content = client_of(web.ece).get(reverse("webs:find"), {"web": web.program.pk, **query}).content.decode()
    assert shown in content and hidden not in content


def test_find_filters_by_school():
    web = web_world()
    response = client_of(web.ece).get(reverse("webs:find"), {"web": web.program.pk, "school": web.school.pk})
    content = response.content.decode()
    assert "Pauline Principal" in content and "Colette Coach" not in content


def _find_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(db_connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_find_reads_a_bounded_number_of_queries_whatever_the_size():
    web = web_world()
    client, url = client_of(web.ece), web_url("webs:find", web)
    small = _find_queries(client, url)
    for i in range(25):
        person = person_in(web.board, f"Many{i}", school=web.school)
        offer_row(web.program, person, ("feedback", "goal setting", f"area {i}"))
    assert _find_queries(client, url) == small


def test_my_web_reads_a_bounded_number_of_queries_whatever_the_size():
    # Mentors, mentees, peers, requests both ways and suggestions: more of each, not more queries.
    web = web_world()
    web.ece.needs = ["kindergarten teams", "feedback"]
    web.ece.save(update_fields=["needs"])
    connection_row(web.program, mentee=web.ece, mentor=web.coach, status=PartnershipStatus.ACTIVE, area="feedback")
    client, url = client_of(web.ece), reverse("webs:mine")
    small = _find_queries(client, url)
    roles = (RoleGroup.TEACHER, RoleGroup.PRINCIPAL, RoleGroup.OFFICE_ADMINISTRATOR, RoleGroup.BUSINESS_SUPPORT)
    for i in range(16):
        other = person_in(web.board, f"Many{i}", roles[i % 4], school=web.school)
        offer_row(web.program, other, ("kindergarten teams", "feedback"))
        status = PartnershipStatus.PROPOSED if i % 4 == 3 else PartnershipStatus.ACTIVE
        if i % 2:
            connection_row(web.program, mentee=web.ece, mentor=other, status=status, peer=i % 3 == 0)
        else:
            connection_row(web.program, mentee=other, mentor=web.ece, status=status)
    assert _find_queries(client, url) == small


# --- asking, answering, withdrawing ---------------------------------------------------------------


def test_ask_for_a_mentor_in_an_area():
    web = web_world()
    client = client_of(web.ece)
    url = web_url("webs:connect", web, web.principal.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "mentor", "area": "kindergarten teams", "purpose": "Our K team"})
    connection = Partnership.objects.get(mentee=web.ece, mentor=web.principal)
    assert response.status_code == 302 and response["Location"] == f"/me/web/connections/{connection.pk}/"
    assert connection.area == "kindergarten teams" and connection.purpose == "Our K team"


def test_ask_errors_are_tied_to_their_fields():
    web = web_world()
    url = web_url("webs:connect", web, web.principal.pk)
    response = client_of(web.ece).post(url, {"kind": "mentor", "area": "", "purpose": "Hello"})
    assert response.status_code == 400 and tied(response.content.decode(), "area")
    response = client_of(web.ece).post(url, {"kind": "peer", "area": "", "purpose": ""})
    assert response.status_code == 400 and tied(response.content.decode(), "purpose")


def test_a_duplicate_request_is_an_error_on_the_page():
    web = web_world()
    connection_row(web.program, mentee=web.ece, mentor=web.principal)
    url = web_url("webs:connect", web, web.principal.pk)
    response = client_of(web.ece).post(url, {"kind": "peer", "purpose": "Again"})
    assert response.status_code == 400
    assert "already have a connection" in response.content.decode()


def test_a_person_of_another_board_is_a_404():
    web = web_world()
    stranger = person_in(OrganizationFactory(slug="far-board"), "Stella")
    assert client_of(web.ece).get(web_url("webs:connect", web, stranger.pk)).status_code == 404


def test_the_asked_person_declines_with_a_reason_the_requester_reads():
    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal, area="kindergarten teams")
    page = client_of(web.principal).get(reverse("webs:connection", args=[request.pk])).content.decode()
    assert "Your answer" in page
    url = reverse("webs:answer", args=[request.pk])
    response = client_of(web.principal).post(url, {"answer-answer": "decline", "answer-reason": ""})
    assert response.status_code == 400 and tied(response.content.decode(), "reason", "answer-")
    client_of(web.principal).post(url, {"answer-answer": "decline", "answer-reason": "Ask Colette instead"})
    page = client_of(web.ece).get(reverse("webs:connection", args=[request.pk])).content.decode()
    assert "Ask Colette instead" in page


def test_accepting_takes_a_place_and_starts_the_connection():
    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    response = client_of(web.principal).post(reverse("webs:answer", args=[request.pk]), {"answer-answer": "accept"})
    assert response.status_code == 302
    assert Partnership.objects.get(pk=request.pk).status == PartnershipStatus.ACTIVE
    assert MentorOffer.objects.get(pk=web.offer.pk).taken == 1


def test_the_requester_cannot_answer_and_a_full_offer_is_an_error():
    web = web_world()
    MentorOffer.objects.filter(pk=web.coach_offer.pk).update(taken=1)
    request = connection_row(web.program, mentee=web.ece, mentor=web.coach)
    response = client_of(web.coach).post(reverse("webs:answer", args=[request.pk]), {"answer-answer": "accept"})
    assert response.status_code == 400 and tied(response.content.decode(), "answer", "answer-")
    assert (
        client_of(web.ece).post(reverse("webs:answer", args=[request.pk]), {"answer-answer": "accept"}).status_code
        == 400
    )
    assert Partnership.objects.get(pk=request.pk).status == PartnershipStatus.PROPOSED


def test_the_requester_withdraws():
    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    client = client_of(web.ece)
    assert client.get(reverse("webs:withdraw", args=[request.pk])).status_code == 200
    assert client.post(reverse("webs:withdraw", args=[request.pk])).status_code == 302
    assert Partnership.objects.get(pk=request.pk).status == PartnershipStatus.DECLINED


def test_a_connection_is_its_two_peoples_only():
    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    assert client_of(web.coach).get(reverse("webs:connection", args=[request.pk])).status_code == 404
    assert client_of(web.coach).post(reverse("webs:withdraw", args=[request.pk])).status_code == 404


def test_the_partnership_page_of_a_web_connection_leads_to_its_web_page():
    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    response = client_of(web.principal).get(reverse("partnerships:detail", args=[request.pk]))
    assert response.status_code == 302 and response["Location"] == f"/me/web/connections/{request.pk}/"


def test_the_partnership_answer_of_a_web_request_takes_a_place():
    web = web_world()
    MentorOffer.objects.filter(pk=web.coach_offer.pk).update(taken=1)
    request = connection_row(web.program, mentee=web.ece, mentor=web.coach)
    response = client_of(web.coach).post(reverse("partnerships:respond", args=[request.pk]), {"answer": "accept"})
    assert response.status_code == 400  # the offer is full: refused as by the web's own page
    assert Partnership.objects.get(pk=request.pk).status == PartnershipStatus.PROPOSED


# --- what we learned ------------------------------------------------------------------------------


def test_both_log_and_read_what_they_learned():
    web = web_world()
    active = connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ACTIVE)
    url = reverse("webs:learning", args=[active.pk])
    assert client_of(web.ece).post(url, {"learning-text": "Wait time works"}).status_code == 302
    assert client_of(web.principal).post(url, {"learning-text": "Play plans"}).status_code == 302
    page = client_of(web.ece).get(reverse("webs:connection", args=[active.pk])).content.decode()
    assert "Wait time works" in page and "Play plans" in page
    response = client_of(web.ece).post(url, {"learning-text": ""})
    assert response.status_code == 400 and tied(response.content.decode(), "text", "learning-")


def test_an_ended_connection_takes_no_learning():
    web = web_world()
    ended = connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ENDED)
    page = client_of(web.ece).get(reverse("webs:connection", args=[ended.pk])).content.decode()
    assert "Save what I learned" not in page
    response = client_of(web.ece).post(reverse("webs:learning", args=[ended.pk]), {"learning-text": "Late"})
    assert response.status_code == 400
    assert not LearningEntry.objects.exists()


def test_my_web_picture_keeps_its_coordinates_in_french():
    web = web_world()
    connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ACTIVE)
    client = client_of(web.ece)
    client.cookies["django_language"] = "fr"
    content = client.get(reverse("webs:mine")).content.decode()
    assert 'lang="fr"' in content and "<svg" in content
    assert not re.search(r'\b(x|y|cx|cy|r|x1|y1|x2|y2|width|height)="-?[0-9]+,[0-9]+"', content)
    # Polygon points are "x,y x,y …": exactly one comma in each pair.
    for points in re.findall(r'points="([^"]*)"', content):
        assert all(pair.count(",") == 1 for pair in points.split()), points
