"""The web's services: offers, requests and answers, withdrawals and what people learned."""

from __future__ import annotations

import pytest

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.lifecycle import partnership_end
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.webs import services
from mentorweb.webs.models import LearningEntry, MentorOffer
from mentorweb.webs.tests.world import connection_row, offer_row, person_in, web_program, web_world
from tests.concurrency.harness import run_at_once
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _refused(call, *, field=None, code=None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    if field is not None:
        assert caught.value.field == field, caught.value.message
    if code is not None:
        assert caught.value.code == code, caught.value.message
    return caught.value


# --- offers ---------------------------------------------------------------------------------------


def test_an_offer_is_saved_with_its_areas_once_and_audited():
    web = web_world()
    data = {"areas": ["Goal setting", "goal setting", "Feedback"], "summary": "Coaching", "capacity": 3}
    offer = services.offer_save(actor=web.ece.user, program=web.program, data={**data, "is_open": True})
    assert sorted(offer.areas.values_list("area", flat=True)) == ["Feedback", "Goal setting"]
    assert offer.capacity == 3
    assert AuditEntry.objects.filter(action="web.offer_created").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"areas": []}, "areas"),
        ({"areas": ["x" * 101]}, "areas"),
        ({"areas": ["Feedback"], "capacity": 0}, "capacity"),
        ({"areas": ["Feedback"], "capacity": 11}, "capacity"),
        ({"areas": ["Feedback"], "capacity": "three"}, "capacity"),
        ({"areas": ["Feedback"], "is_open": "yes"}, "is_open"),
        ({"areas": ["Feedback"], "summary": "x" * 501}, "summary"),
        ({"areas": ["Feedback"], "taken": 0}, "taken"),
    ],
)
def test_bad_offer_input_names_the_field(data, field):
    web = web_world()
    _refused(lambda: services.offer_save(actor=web.ece.user, program=web.program, data=data), field=field)


def test_capacity_cannot_go_below_the_places_taken():
    web = web_world()
    MentorOffer.objects.filter(pk=web.offer.pk).update(taken=2)
    _refused(
        lambda: services.offer_save(actor=web.principal.user, program=web.program, data={"capacity": 1}),
        field="capacity",
    )


def test_an_outsider_cannot_offer_in_another_boards_web():
    web = web_world()
    stranger = person_in(OrganizationFactory(slug="other-board"), "Olive")
    data = {"areas": ["Feedback"]}
    _refused(lambda: services.offer_save(actor=stranger.user, program=web.program, data=data), code="forbidden")


# --- requests -------------------------------------------------------------------------------------


def test_a_request_waits_for_the_mentor_and_the_requester_has_accepted():
    web = web_world()
    request = services.connection_request(
        actor=web.ece.user,
        program=web.program,
        to=web.principal,
        purpose="Kindergarten teams",
        area="kindergarten teams",
    )
    assert request.kind == PartnershipKind.WEB and request.status == PartnershipStatus.PROPOSED
    assert request.mentee_id == web.ece.pk and request.mentee_response == Response.ACCEPTED
    assert request.mentor_response == Response.PENDING


def test_a_request_needs_a_purpose():
    web = web_world()
    _refused(
        lambda: services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose=" "),
        field="purpose",
    )


def test_a_duplicate_request_is_refused():
    web = web_world()
    services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="One")
    _refused(
        lambda: services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="Two"),
        field="to",
        code="duplicate",
    )
    # Nor the other way round, as peers.
    _refused(
        lambda: services.connection_request(
            actor=web.principal.user, program=web.program, to=web.ece, purpose="Three", peer=True
        ),
        code="duplicate",
    )


def test_a_person_of_another_board_cannot_be_asked():
    web = web_world()
    stranger = person_in(OrganizationFactory(slug="other-board"), "Olive")
    offer_row(web_program(stranger.memberships.get().organization), stranger)
    _refused(
        lambda: services.connection_request(actor=web.ece.user, program=web.program, to=stranger, purpose="Hi"),
        field="to",
        code="not_found",
    )


def test_several_mentors_and_a_peer_for_one_person():
    web = web_world()
    peer = person_in(web.board, "Paula", RoleGroup.OFFICE_ADMINISTRATOR)
    for to in (web.principal, web.coach):
        made = services.connection_request(actor=web.ece.user, program=web.program, to=to, purpose="Learn")
        services.connection_respond(actor=to.user, connection=made, accept=True)
    made = services.connection_request(actor=web.ece.user, program=web.program, to=peer, purpose="Both", peer=True)
    services.connection_respond(actor=peer.user, connection=made, accept=True)
    assert Partnership.objects.filter(mentee=web.ece, status=PartnershipStatus.ACTIVE).count() == 3


def test_a_full_offer_refuses_a_new_request_and_a_last_acceptance():
    web = web_world()
    first = services.connection_request(actor=web.ece.user, program=web.program, to=web.coach, purpose="One")
    other = person_in(web.board, "Omar", RoleGroup.BUSINESS_SUPPORT)
    second = services.connection_request(actor=other.user, program=web.program, to=web.coach, purpose="Two")
    services.connection_respond(actor=web.coach.user, connection=first, accept=True)
    _refused(
        lambda: services.connection_respond(actor=web.coach.user, connection=second, accept=True),
        field="accept",
        code="full",
    )
    third = person_in(web.board, "Tess")
    _refused(
        lambda: services.connection_request(actor=third.user, program=web.program, to=web.coach, purpose="Three"),
        field="to",
        code="full",
    )
    assert MentorOffer.objects.get(pk=web.coach_offer.pk).taken == 1


def test_declining_needs_a_reason_which_the_requester_reads():
    web = web_world()
    request = services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="One")
    _refused(
        lambda: services.connection_respond(actor=web.principal.user, connection=request, accept=False, reason=""),
        field="reason",
    )
    services.connection_respond(
        actor=web.principal.user, connection=request, accept=False, reason="Full this term; ask Colette"
    )
    request.refresh_from_db()
    assert request.status == PartnershipStatus.DECLINED
    assert request.decline_reason == "Full this term; ask Colette"
    assert MentorOffer.objects.get(pk=web.offer.pk).taken == 0


def test_only_the_asked_person_answers():
    web = web_world()
    request = services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="One")
    _refused(lambda: services.connection_respond(actor=web.ece.user, connection=request, accept=True))
    _refused(lambda: services.connection_respond(actor=web.coach.user, connection=request, accept=True))


def test_the_requester_withdraws_a_pending_request_only():
    web = web_world()
    request = services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="One")
    _refused(lambda: services.connection_withdraw(actor=web.principal.user, connection=request), code="conflict")
    services.connection_withdraw(actor=web.ece.user, connection=request)
    request.refresh_from_db()
    assert request.status == PartnershipStatus.DECLINED
    _refused(lambda: services.connection_withdraw(actor=web.ece.user, connection=request), code="conflict")
    # Withdrawn, the two may connect again.
    services.connection_request(actor=web.ece.user, program=web.program, to=web.principal, purpose="Again")


def test_ending_a_connection_gives_the_place_back():
    web = web_world()
    request = services.connection_request(actor=web.ece.user, program=web.program, to=web.coach, purpose="One")
    services.connection_respond(actor=web.coach.user, connection=request, accept=True)
    assert MentorOffer.objects.get(pk=web.coach_offer.pk).taken == 1
    partnership_end(actor=web.ece.user, partnership=Partnership.objects.get(pk=request.pk), reason="Done for now")
    assert MentorOffer.objects.get(pk=web.coach_offer.pk).taken == 0


# --- what we learned ------------------------------------------------------------------------------


def _active(web):
    return connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ACTIVE)


def test_both_people_log_what_they_learned():
    web = web_world()
    connection = _active(web)
    services.learning_add(actor=web.ece.user, connection=connection, text="Wait time in circle")
    services.learning_add(actor=web.principal.user, connection=connection, text="How ECEs plan play")
    assert LearningEntry.objects.filter(partnership=connection).count() == 2


def test_learning_needs_text_and_one_of_the_two():
    web = web_world()
    connection = _active(web)
    _refused(lambda: services.learning_add(actor=web.ece.user, connection=connection, text=" "), field="text")
    _refused(lambda: services.learning_add(actor=web.coach.user, connection=connection, text="Hi"), code="forbidden")


def test_an_ended_connection_refuses_learning_entries():
    web = web_world()
    connection = connection_row(web.program, mentee=web.ece, mentor=web.principal, status=PartnershipStatus.ENDED)
    _refused(lambda: services.learning_add(actor=web.ece.user, connection=connection, text="Late"), code="read_only")
    assert not LearningEntry.objects.exists()


# --- many at once ---------------------------------------------------------------------------------


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_acceptances_never_exceed_the_capacity():
    web = web_world(OrganizationFactory(slug="race-board"))
    MentorOffer.objects.filter(pk=web.coach_offer.pk).update(capacity=3)
    askers = [person_in(web.board, f"Asker{i}", RoleGroup.TEACHER) for i in range(10)]
    requests = [
        services.connection_request(actor=p.user, program=web.program, to=web.coach, purpose="Learn") for p in askers
    ]
    ids = [r.pk for r in requests]
    coach_user_id = web.coach.user_id

    def accept(i: int) -> Partnership:
        coach = Person.objects.select_related("user").get(user_id=coach_user_id)
        connection = Partnership.objects.select_related("mentor__user", "mentee__user", "program").get(pk=ids[i])
        return services.connection_respond(actor=coach.user, connection=connection, accept=True)

    results = run_at_once(accept, 10)

    accepted = [r for r in results if isinstance(r, Partnership)]
    refused = [r for r in results if not isinstance(r, Partnership)]
    assert len(accepted) == 3, results
    assert all(isinstance(r, DomainError) and r.code == "full" for r in refused), refused
    assert MentorOffer.objects.get(pk=web.coach_offer.pk).taken == 3
    assert Partnership.objects.filter(mentor=web.coach, status=PartnershipStatus.ACTIVE).count() == 3


def test_the_general_answer_cannot_take_a_web_mentee_without_a_place():
    # partnerships.services.partnership_respond is also reachable from the pairing pages and the API:
    # for a web request it refuses an acceptance that did not take a place through the web's service.
    from mentorweb.partnerships.services import partnership_respond

    web = web_world()
    request = connection_row(web.program, mentee=web.ece, mentor=web.principal)
    _refused(lambda: partnership_respond(actor=web.principal.user, partnership=request, accept=True), code="conflict")
    assert Partnership.objects.get(pk=request.pk).status == PartnershipStatus.PROPOSED
    assert MentorOffer.objects.get(pk=web.offer.pk).taken == 0
