"""Registration and money invariants under concurrent requests (run on SQLite and on PostgreSQL).

On SQLite every transaction takes the write lock when it begins (IMMEDIATE), so the threads
queue up rather than interleave: the tests still prove that nothing breaks when requests
arrive together. On PostgreSQL they interleave for real, and the conditional UPDATEs, the row
locks and the unique constraints are what keep the counts right.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.programs.models import Offering
from mentorweb.registrations.models import (
    Payment,
    PaymentStatus,
    Refund,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.services import registration_cancel, registration_create
from mentorweb.registrations.tests.reg_world import (
    candidate,
    event_body,
    mqp,
    post_webhook,
    register,
    start_card_payment,
)
from tests.concurrency.harness import run_at_once
from tests.factories import OrganizationFactory

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def test_fifty_registrations_for_thirty_seats_leave_thirty_seated_and_twenty_waiting():
    offering = mqp(OrganizationFactory(slug="busy-association"), capacity=30)
    people = [candidate() for _ in range(50)]

    def register_one(i: int) -> Registration:
        person = Person.objects.select_related("user").get(pk=people[i].pk)
        fresh = Offering.objects.select_related("program__organization").get(pk=offering.pk)
        return registration_create(actor=person.user, offering=fresh, person=person, answers={})

    results = run_at_once(register_one, 50)

    assert all(isinstance(r, Registration) for r in results), [r for r in results if not isinstance(r, Registration)]
    offering.refresh_from_db()
    assert offering.seats_taken == 30
    statuses = list(Registration.objects.filter(offering=offering).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.PENDING_PAYMENT) == 30
    assert statuses.count(RegistrationStatus.WAITLISTED) == 20
    positions = sorted(
        Registration.objects.filter(offering=offering, status=RegistrationStatus.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, 21))


def test_one_person_registering_twenty_times_at_once_gets_one_registration():
    offering = mqp(OrganizationFactory(slug="double-clicks"), capacity=30)
    person = candidate()

    def register_again(i: int) -> Registration:
        fresh = Offering.objects.select_related("program__organization").get(pk=offering.pk)
        me = Person.objects.select_related("user").get(pk=person.pk)
        return registration_create(actor=me.user, offering=fresh, person=me, answers={})

    results = run_at_once(register_again, 20)

    assert sum(isinstance(r, Registration) for r in results) == 1, results
    assert all(isinstance(r, DomainError) and r.code == "duplicate" for r in results if not isinstance(r, Registration))
    offering.refresh_from_db()
    assert offering.seats_taken == 1
    assert Registration.objects.filter(offering=offering).count() == 1


def test_twenty_cancellations_of_one_paid_registration_make_one_refund():
    offering = mqp(OrganizationFactory(slug="cancel-storm"))
    registration = register(offering, candidate())
    payment, _url = start_card_payment(registration)
    assert post_webhook(event_body(payment.provider_reference, 90000)).status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    def cancel(i: int) -> Registration:
        fresh = Registration.objects.select_related("offering__program__organization", "person__user").get(
            pk=registration.pk
        )
        # Half the requests repeat one key (a retried request), the others each have their own.
        key = "retry" if i % 2 else f"click-{i}"
        return registration_cancel(actor=fresh.person.user, registration=fresh, reason="", idempotency_key=key)

    results = run_at_once(cancel, 20)

    refunds = list(Refund.objects.filter(registration=registration))
    assert len(refunds) == 1, results
    assert refunds[0].amount == Decimal("850.00")
    cancelled = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(cancelled) + len(refused) == 20, results
    assert all(error.code == "conflict" for error in refused)
    assert cancelled, results
    offering.refresh_from_db()
    assert offering.seats_taken == 0


def test_a_webhook_delivered_five_times_at_once_records_one_payment():
    registration = register(mqp(OrganizationFactory(slug="webhook-storm")), candidate())
    payment, _url = start_card_payment(registration)
    body = event_body(payment.provider_reference, 90000)

    results = run_at_once(lambda i: post_webhook(body).status_code, 5)

    assert results == [200] * 5
    assert Payment.objects.filter(registration=registration, status=PaymentStatus.SUCCEEDED).count() == 1
    assert Payment.objects.filter(registration=registration).count() == 1
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
