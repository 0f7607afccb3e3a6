"""What follows in registrations and notifications when staff change an offering or a session."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail

from mentorweb.programs.schedule import offering_update, session_update
from mentorweb.registrations.models import RegistrationStatus
from mentorweb.registrations.tests.reg_world import candidate, mqp, register


@time_machine.travel(dt.datetime(2029, 12, 1, 15, tzinfo=dt.UTC), tick=False)
def test_raising_the_capacity_offers_the_new_seats_to_the_waitlist_in_order(
    personas, django_capture_on_commit_callbacks
):
    offering = mqp(personas.org, capacity=1)
    seated = register(offering, candidate(personas.org))
    first, second, third = (register(offering, candidate(personas.org)) for _ in range(3))
    assert {r.status for r in (first, second, third)} == {RegistrationStatus.WAITLISTED}

    with django_capture_on_commit_callbacks(execute=True):
        offering_update(actor=personas.admin, offering=offering, data={"capacity": 3})

    for registration in (seated, first, second, third):
        registration.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert second.status == RegistrationStatus.OFFERED
    assert third.status == RegistrationStatus.WAITLISTED
    offering.refresh_from_db()
    assert offering.seats_taken == 3


@time_machine.travel(dt.datetime(2029, 12, 1, 15, tzinfo=dt.UTC), tick=False)
def test_moving_a_session_e_mails_the_people_holding_a_seat(personas, django_capture_on_commit_callbacks):
    offering = mqp(personas.org)
    registration = register(offering, candidate(personas.org))
    session = offering.sessions.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        session_update(actor=personas.admin, session=session, data={"start_time": dt.time(9, 0)})

    session.refresh_from_db()
    assert session.sequence == 1
    to_candidate = [m for m in mail.outbox if m.to == [registration.person.user.email]]
    assert len(to_candidate) == 1
    assert to_candidate[0].alternatives, "the notice has an HTML part"
