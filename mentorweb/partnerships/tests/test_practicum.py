"""The course practicum: a candidate chooses a mentee, the mentee accepts, and the held meetings
count towards the course's hours ledger (module 4, where seed 000 puts the practicum)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships import practicum as practicum_services
from mentorweb.partnerships.models import MeetingStatus, Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.partnerships.services import partnership_respond
from mentorweb.partnerships.tests.costs_world import (
    candidate_registration,
    cost_program,
    course_offering,
    held_meeting,
    practicum,
)
from mentorweb.registrations.hours import hours_ledger, hours_ledgers
from mentorweb.registrations.models import CompletionStatus, ModuleCompletion, RegistrationRole, RegistrationStatus
from tests.factories import OrganizationFactory, PersonFactory
from tests.pairing import application, pairing_offering

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    organization = OrganizationFactory(name="Ontario Principals' Council", short_name="OPC", slug="opc")
    return course_offering(organization)


@pytest.fixture
def candidate(course):
    return candidate_registration(course)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- choosing a mentee ------------------------------------------------------------------------


def test_choosing_a_mentee_proposes_a_practicum_the_mentee_accepts(candidate, django_capture_on_commit_callbacks):
    mentee = PersonFactory(user__email="mentee.teacher@example.org", given_name="Inès")
    actor = candidate.person.user
    with django_capture_on_commit_callbacks(execute=True):
        partnership = practicum_services.practicum_create(
            actor=actor, registration=candidate, mentee_email="  Mentee.Teacher@Example.org ", message="Coaching"
        )
    assert partnership.kind == PartnershipKind.PRACTICUM
    assert (partnership.mentor_id, partnership.mentee_id) == (candidate.person_id, mentee.pk)
    assert partnership.course_registration_id == candidate.pk
    assert partnership.program_id == candidate.offering.program_id
    assert partnership.status == PartnershipStatus.PROPOSED
    assert (partnership.mentor_response, partnership.mentee_response) == (Response.ACCEPTED, Response.PENDING)
    assert AuditEntry.objects.filter(action="practicum.proposed", object_id=str(partnership.pk)).exists()
    [message] = mail.outbox
    assert message.to == ["mentee.teacher@example.org"]
    assert candidate.person.full_name in message.subject
    assert f"/me/partnerships/{partnership.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "Coaching" in html and "Inès" in html

    with django_capture_on_commit_callbacks(execute=True):
        partnership_respond(actor=mentee.user, partnership=partnership, accept=True)
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACTIVE


@pytest.mark.parametrize(
    ("email", "field"),
    [("not-an-address", "mentee_email"), ("nobody@example.org", "mentee_email"), ("", "mentee_email")],
)
def test_a_bad_mentee_address_names_the_field_and_saves_nothing(candidate, email, field):
    with pytest.raises(DomainError) as refused:
        practicum_services.practicum_create(actor=candidate.person.user, registration=candidate, mentee_email=email)
    assert refused.value.field == field
    assert not Partnership.objects.exists()


def test_refusals_for_oneself_a_second_mentee_an_unconfirmed_seat_and_someone_else(course, candidate):
    actor = candidate.person.user
    with pytest.raises(DomainError) as refused:
        practicum_services.practicum_create(actor=actor, registration=candidate, mentee_email=actor.email)
    assert refused.value.field == "mentee_email"

    first = PersonFactory()
    practicum_services.practicum_create(actor=actor, registration=candidate, mentee_email=first.user.email)
    with pytest.raises(DomainError) as refused:
        practicum_services.practicum_create(
            actor=actor, registration=candidate, mentee_email=PersonFactory().user.email
        )
    assert (refused.value.field, refused.value.code) == ("mentee_email", "exists")

    waiting = candidate_registration(course, status=RegistrationStatus.PENDING_PAYMENT)
    with pytest.raises(DomainError) as refused:
        practicum_services.practicum_create(
            actor=waiting.person.user, registration=waiting, mentee_email=first.user.email
        )
    assert refused.value.field == "registration"

    with pytest.raises(DomainError) as refused:
        practicum_services.practicum_create(
            actor=PersonFactory().user, registration=candidate, mentee_email=first.user.email
        )
    assert refused.value.code == "forbidden"
    assert Partnership.objects.count() == 1


def test_a_declined_practicum_lets_the_candidate_choose_again(candidate):
    actor = candidate.person.user
    first = PersonFactory()
    partnership = practicum_services.practicum_create(
        actor=actor, registration=candidate, mentee_email=first.user.email
    )
    partnership_respond(actor=first.user, partnership=partnership, accept=False, reason="Too busy this term")
    second = practicum_services.practicum_create(
        actor=actor, registration=candidate, mentee_email=PersonFactory().user.email
    )
    assert second.status == PartnershipStatus.PROPOSED


# --- practicum hours in the ledger ------------------------------------------------------------


def test_logging_a_held_meeting_adds_practicum_hours_to_module_4(candidate):
    before = hours_ledger(candidate)
    assert before.earned == Decimal("0.00")
    pair = practicum(candidate)

    held_meeting(pair, 90)

    ledger = hours_ledger(candidate)
    assert ledger.earned == Decimal("1.50")
    module4 = ledger.modules[-1]
    assert module4.module.number == 4
    assert (module4.practicum_hours, module4.async_earned) == (Decimal("1.50"), Decimal("1.50"))
    assert all(row.practicum_hours == 0 for row in ledger.modules[:-1])

    held_meeting(pair, 45)
    assert hours_ledger(candidate).async_earned == Decimal("2.25")


def test_only_held_meetings_of_an_accepted_practicum_count(course, candidate):
    pair = practicum(candidate)
    held_meeting(pair, 60, status=MeetingStatus.SCHEDULED)
    held_meeting(pair, 60, status=MeetingStatus.CANCELLED)
    waiting = practicum(candidate_registration(course), status=PartnershipStatus.PROPOSED)
    held_meeting(waiting, 60)
    # A pairing partnership of the same person is not a practicum.
    pairing = cost_program(course.program.organization, slug="pairing")
    offering = pairing_offering(pairing)
    other = Partnership.objects.create(
        organization=pairing.organization,
        program=pairing,
        offering=offering,
        mentor=candidate.person,
        mentee=PersonFactory(),
        mentee_registration=application(offering, PersonFactory(), RegistrationRole.MENTEE),
        status=PartnershipStatus.ACTIVE,
        mentor_response=Response.ACCEPTED,
        mentee_response=Response.ACCEPTED,
        course_registration=None,
    )
    held_meeting(other, 60)
    assert hours_ledger(candidate).earned == Decimal("0.00")
    assert hours_ledger(waiting.course_registration).earned == Decimal("0.00")


def test_practicum_hours_never_exceed_the_module_and_acceptance_gives_all_of_them(candidate):
    pair = practicum(candidate)
    for _ in range(16):
        held_meeting(pair, 120)  # 32 hours logged for 29 asynchronous hours
    module4 = hours_ledger(candidate).modules[-1]
    assert (module4.practicum_hours, module4.async_earned) == (Decimal("32.00"), Decimal("29.00"))
    ModuleCompletion.objects.create(registration=candidate, module=module4.module, status=CompletionStatus.ACCEPTED)
    assert hours_ledger(candidate).modules[-1].async_earned == Decimal("29.00")


def test_ledgers_with_practicums_still_take_five_queries(course, candidate, django_assert_max_num_queries):
    registrations = [candidate] + [candidate_registration(course) for _ in range(5)]
    for registration in registrations:
        held_meeting(practicum(registration), 60)
    with django_assert_max_num_queries(5):
        ledgers = hours_ledgers(registrations)
    assert {ledger.earned for ledger in ledgers.values()} == {Decimal("1.00")}


# --- the candidate's page ---------------------------------------------------------------------------


def test_my_practicum_page_chooses_a_mentee_and_shows_the_hours(candidate, django_capture_on_commit_callbacks):
    mentee = PersonFactory(user__email="chosen@example.org")
    client = client_for(candidate.person.user)
    detail = client.get(f"/me/registrations/{candidate.pk}/")
    assert f'href="/me/registrations/{candidate.pk}/practicum/"' in detail.content.decode()

    url = f"/me/registrations/{candidate.pk}/practicum/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="mentee_email"' in page.content.decode()

    response = client.post(url, {"mentee_email": "nobody@example.org"})
    text = response.content.decode()
    assert "No Mentorweb account uses this address" in text
    assert 'aria-describedby="id_mentee_email_helptext id_mentee_email_error"' in text
    assert not Partnership.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"mentee_email": "chosen@example.org", "message": ""}, follow=True)
    text = response.content.decode()
    assert "Your mentee is asked to accept." in text
    assert mentee.full_name in text and "Waiting for your mentee to accept" in text
    assert 'name="mentee_email"' not in text
    assert len(mail.outbox) == 1

    pair = Partnership.objects.get()
    partnership_respond(actor=mentee.user, partnership=pair, accept=True)
    held_meeting(pair, 75)
    text = client.get(url).content.decode()
    assert "1.25 hours of practicum meetings logged" in text
    detail = client.get(f"/me/registrations/{candidate.pk}/").content.decode()
    assert "1.25 practicum hours logged" in detail


def test_the_practicum_page_is_the_candidates_own_and_only_for_courses(candidate, personas):
    url = f"/me/registrations/{candidate.pk}/practicum/"
    assert personas.client_for("admin").get(url).status_code == 404
    assert personas.client_for("member").post(url, {"mentee_email": "x@example.org"}).status_code == 404
    program = cost_program(personas.org, slug="pairing-page")
    application_row = application(pairing_offering(program), personas.member.person, RegistrationRole.MENTEE)
    assert personas.client_for("member").get(f"/me/registrations/{application_row.pk}/practicum/").status_code == 404


def test_the_api_creates_a_practicum_for_ones_own_registration(candidate, personas):
    from mentorweb.api.services import token_create

    PersonFactory(user__email="api.mentee@example.org")
    token = token_create(user=candidate.person.user, name="tests", expires_at=None)[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = f"/api/v1/registrations/{candidate.pk}/practicum"
    response = client.post(url, json.dumps({"mentee_email": "nobody@example.org"}), content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "mentee_email"
    response = client.post(url, json.dumps({"mentee_email": "api.mentee@example.org"}), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["status"], body["course_registration_id"]) == ("practicum", "proposed", candidate.pk)
    other = token_create(user=personas.outsider, name="tests", expires_at=None)[1]
    response = Client(HTTP_AUTHORIZATION=f"Bearer {other}").post(
        url, json.dumps({"mentee_email": "api.mentee@example.org"}), content_type="application/json"
    )
    assert response.status_code == 404


def test_the_mentee_accepts_on_their_partnership_page(candidate):
    mentee = PersonFactory(user__email="page.mentee@example.org")
    pair = practicum_services.practicum_create(
        actor=candidate.person.user, registration=candidate, mentee_email="page.mentee@example.org"
    )
    client = client_for(mentee.user)
    page = client.get(f"/me/partnerships/{pair.pk}/")
    assert page.status_code == 200
    response = client.post(f"/me/partnerships/{pair.pk}/respond/", {"answer": "accept"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PartnershipStatus.ACTIVE
    # The candidate's page now counts the practicum as active.
    text = client_for(candidate.person.user).get(f"/me/registrations/{candidate.pk}/practicum/").content.decode()
    assert mentee.full_name in text and "Active" in text
