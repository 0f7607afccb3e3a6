"""Suggested mentors on "My web": only needs without a mentor yet, ranked by the matching engine's
score components, the engine's hard rules applied, other boards never suggested."""

from __future__ import annotations

import pytest

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.partnerships.models import PartnershipStatus
from mentorweb.webs.suggestions import suggestions_for
from mentorweb.webs.tests.world import connection_row, offer_row, person_in, web_program, web_world
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _names(groups, need):
    group = next(g for g in groups if g.need == need)
    return [s.offer.person.given_name for s in group.offers]


def _needs(person: Person, *needs: str, **fields) -> Person:
    Person.objects.filter(pk=person.pk).update(needs=list(needs), **fields)
    person.refresh_from_db()
    return person


def test_each_open_need_gets_the_offers_in_that_area():
    web = web_world()
    ece = _needs(web.ece, "kindergarten teams", "feedback")
    groups = suggestions_for(web.program, ece)
    assert [g.need for g in groups] == ["kindergarten teams", "feedback"]
    assert _names(groups, "kindergarten teams") == ["Pauline"]
    assert _names(groups, "feedback") == ["Colette"]


def test_a_need_with_a_mentor_is_not_suggested_again():
    web = web_world()
    ece = _needs(web.ece, "kindergarten teams", "feedback")
    connection_row(
        web.program, mentee=ece, mentor=web.principal, status=PartnershipStatus.ACTIVE, area="Kindergarten teams"
    )
    assert [g.need for g in suggestions_for(web.program, ece)] == ["feedback"]


def test_the_engine_ranks_more_needs_met_and_the_same_region_first():
    web = web_world()
    ece = _needs(web.ece, "feedback", "goal setting", region="Kenora")
    both = person_in(web.board, "Bea", RoleGroup.TEACHER, family_name="Zed")
    offer_row(web.program, both, ("feedback", "goal setting"))
    near = person_in(web.board, "Nell", RoleGroup.TEACHER, family_name="Zed", region="Kenora")
    offer_row(web.program, near, ("feedback",))
    # Bea covers both needs; Nell one need but in the same region; Colette one need, elsewhere.
    assert _names(suggestions_for(web.program, ece), "feedback") == ["Bea", "Nell", "Colette"]


def test_no_shared_language_drops_a_candidate():
    web = web_world()
    ece = _needs(web.ece, "feedback", languages_of_service=["fr"])
    english = person_in(web.board, "Erin", languages_of_service=["en"])
    offer_row(web.program, english, ("feedback",))
    assert _names(suggestions_for(web.program, ece), "feedback") == ["Colette"]  # she serves in French too


def test_full_closed_connected_and_other_boards_offers_are_never_suggested():
    web = web_world()
    ece = _needs(web.ece, "feedback")
    web.coach_offer.taken = 1
    web.coach_offer.save()
    closed = person_in(web.board, "Cleo")
    offer_row(web.program, closed, ("feedback",), is_open=False)
    asked = person_in(web.board, "Asha")
    offer_row(web.program, asked, ("feedback",))
    connection_row(web.program, mentee=ece, mentor=asked, peer=True)
    far = OrganizationFactory(slug="far-board")
    stranger = person_in(far, "Stella")
    offer_row(web_program(far), stranger, ("feedback",))
    assert _names(suggestions_for(web.program, ece), "feedback") == []


def test_no_needs_no_suggestions():
    web = web_world()
    assert suggestions_for(web.program, _needs(web.ece)) == []


def test_suggestions_appear_on_my_web(client):
    web = web_world()
    _needs(web.ece, "feedback")
    client.force_login(web.ece.user)
    content = client.get("/me/web/").content.decode()
    assert "Suggested mentors" in content and "Colette Coach" in content
