"""Registering: eligibility, the deadline, seats and the waitlist, duplicates, e-mails."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine

from mentorweb.accounts.models import Credential, CredentialStatus
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.registrations.services import registration_create
from mentorweb.registrations.tests.reg_world import board, candidate, mqp, register, toronto
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_registering_takes_a_seat_awaiting_payment(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering = mqp(personas.org)
    person = candidate(personas.org)
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(offering, person, answers={"notes": "  Large print, please. "})

    assert registration.status == RegistrationStatus.PENDING_PAYMENT
    assert registration.answers == {"notes": "Large print, please."}
    assert registration.credential == Credential.objects.get(person=person)
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1
    entry = AuditEntry.objects.get(action="registration.created")
    assert entry.organization == personas.org
    assert entry.changes["status"] == [None, "pending_payment"]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [person.user.email]
    assert "$900.00" in message.body
    html = message.alternatives[0][0]
    assert "<strong>$900.00</strong>" in html
    assert f"/me/registrations/{registration.pk}/" in message.body


def test_a_full_offering_puts_people_on_the_waitlist_in_order(personas, mailoutbox, django_capture_on_commit_callbacks):
    offering = mqp(personas.org, capacity=1)
    first, second, third = (candidate() for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        seated = register(offering, first)
        waiting = [register(offering, second), register(offering, third)]

    assert seated.status == RegistrationStatus.PENDING_PAYMENT
    assert [r.status for r in waiting] == [RegistrationStatus.WAITLISTED] * 2
    assert [r.waitlist_position for r in waiting] == [1, 2]
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1
    waitlisted_mail = mailoutbox[-1]
    assert "position 2" in waitlisted_mail.body
    assert "position 2" in waitlisted_mail.alternatives[0][0]


def test_registering_twice_is_refused_with_the_field(personas):
    offering = mqp(personas.org)
    person = candidate()
    register(offering, person)
    with pytest.raises(DomainError) as error:
        register(offering, person)
    assert error.value.field == "offering"
    assert error.value.code == "duplicate"
    assert Registration.objects.filter(offering=offering).count() == 1
    assert Offering.objects.get(pk=offering.pk).seats_taken == 1


def test_registering_again_after_cancelling_is_allowed(personas):
    offering = mqp(personas.org)
    person = candidate()
    registration = register(offering, person)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.CANCELLED)
    again = register(offering, person)
    assert again.pk != registration.pk


def test_the_deadline_is_the_end_of_its_day_in_the_organizations_time_zone(personas):
    offering = mqp(personas.org)  # deadline 12 January 2030
    with time_machine.travel(toronto(2030, 1, 12, 23, 59), tick=False):
        register(offering, candidate())
    late = candidate()
    # 00:30 in Toronto is still the 12th in Vancouver but already the 13th where the organization is.
    with time_machine.travel(toronto(2030, 1, 13, 0, 30), tick=False), pytest.raises(DomainError) as error:
        register(offering, late)
    assert error.value.field == "offering"
    assert error.value.code == "deadline_passed"
    assert "closed at the end of the day" in error.value.message
    assert not Registration.objects.filter(person=late).exists()


@pytest.mark.parametrize("status", [OfferingStatus.DRAFT, OfferingStatus.CLOSED, OfferingStatus.CANCELLED])
def test_only_an_open_offering_takes_registrations(personas, status):
    offering = mqp(personas.org, status=status)
    with pytest.raises(DomainError) as error:
        register(offering, candidate())
    assert error.value.code == "closed"


def test_registration_before_it_opens_is_refused(personas):
    import datetime as dt

    offering = mqp(personas.org, registration_opens=dt.date(2029, 11, 1))
    with time_machine.travel(toronto(2029, 10, 31), tick=False), pytest.raises(DomainError) as error:
        register(offering, candidate())
    assert error.value.code == "not_yet_open"


def test_the_required_credential_must_be_given(personas):
    offering = mqp(personas.org)
    with pytest.raises(DomainError) as error:
        register(offering, candidate(credential=None))
    assert error.value.field == "credential_number"


def test_a_number_given_at_registration_is_declared_for_staff_to_verify(personas):
    offering = mqp(personas.org)
    person = candidate(credential=None)
    registration = register(offering, person, credential_number="554 433")
    credential = Credential.objects.get(person=person)
    assert credential.number == "554433"
    assert credential.status == CredentialStatus.DECLARED
    assert registration.credential == credential


def test_a_bad_number_is_an_error_on_the_number_field(personas):
    with pytest.raises(DomainError) as error:
        register(mqp(personas.org), candidate(credential=None), credential_number="12-34!")
    assert error.value.field == "credential_number"


@pytest.mark.parametrize("status", [CredentialStatus.SUSPENDED, CredentialStatus.REVOKED, CredentialStatus.EXPIRED])
def test_a_credential_not_in_good_standing_is_refused(personas, status):
    offering = mqp(personas.org)
    with pytest.raises(DomainError) as error:
        register(offering, candidate(credential=status))
    assert error.value.code == "ineligible"
    assert error.value.field == "credential_number"
    assert Offering.objects.get(pk=offering.pk).seats_taken == 0


def test_nobody_registers_someone_else_without_the_staff_role(personas):
    offering = mqp(personas.org)
    other = candidate()
    with pytest.raises(DomainError) as error:
        registration_create(actor=personas.member, offering=offering, person=other, answers={}, credential_number=None)
    assert error.value.code == "forbidden"
    staff_made = registration_create(actor=personas.staff, offering=offering, person=other, answers={})
    assert staff_made.person == other


def test_answers_must_be_short_named_texts(personas):
    offering = mqp(personas.org)
    with pytest.raises(DomainError) as error:
        register(offering, candidate(), answers={"notes": "x" * 2001})
    assert error.value.field == "answers"
    with pytest.raises(DomainError):
        register(offering, candidate(), answers={"notes": 5})


def test_the_sponsor_must_be_a_school_board(personas):
    offering = mqp(personas.org)
    association = OrganizationFactory(slug="some-association", kind="association")
    with pytest.raises(DomainError) as error:
        register(offering, candidate(), sponsor=association)
    assert error.value.field == "sponsor"
    sponsored = register(offering, candidate(), sponsor=board())
    assert sponsored.sponsor is not None


def test_a_free_course_without_admission_requirement_is_confirmed_at_once(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    offering = mqp(personas.org, credential=False)
    offering.program.fee = offering.program.non_refundable_fee = Decimal("0.00")
    offering.program.save(update_fields=["fee", "non_refundable_fee"])
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(offering, PersonFactory())
    assert registration.status == RegistrationStatus.CONFIRMED
    assert [m.subject for m in mailoutbox] == [f"Confirmed: {offering.program.name}, {offering.title}"]
