"""Offering, session and deadline services: dates, capacity, time zones and calendar sequence."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import OrganizationKind
from mentorweb.programs import services
from mentorweb.programs.models import Offering, OfferingStatus, Session
from mentorweb.programs.signals import capacity_increased
from mentorweb.programs.tests.factories import ProgramFactory, course_with_offering
from mentorweb.registrations.models import Attendance, Registration, RegistrationStatus
from tests.factories import OrganizationFactory

OFFERING = {
    "title": "Winter 2030 - Online",
    "slug": "winter-2030-online",
    "start_date": dt.date(2030, 1, 26),
    "end_date": dt.date(2030, 4, 15),
    "registration_deadline": dt.date(2030, 1, 12),
    "capacity": 30,
}


def test_create_an_offering_as_a_draft_with_a_partner_board(personas):
    program = ProgramFactory(organization=personas.org)
    board = OrganizationFactory(kind=OrganizationKind.BOARD, slug="krdsb")
    offering = services.offering_create(
        actor=personas.staff, program=program, data={**OFFERING, "partner_board": board}
    )
    assert offering.status == OfferingStatus.DRAFT
    assert offering.partner_board == board
    assert (offering.materials_open_on, offering.materials_close_on) == (dt.date(2030, 1, 19), dt.date(2030, 4, 29))
    entry = AuditEntry.objects.get(action="offering.created")
    assert entry.organization == personas.org and entry.changes["partner_board"] == [None, board.pk]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": dt.date(2030, 1, 1)}, "end_date"),
        ({"registration_deadline": dt.date(2030, 5, 1)}, "registration_deadline"),
        ({"registration_opens": dt.date(2030, 1, 20)}, "registration_opens"),
        ({"start_date": dt.date(1900, 1, 1)}, "start_date"),
        ({"capacity": 0}, "capacity"),
        ({"status": OfferingStatus.CANCELLED}, "status"),
        ({"slug": "edit"}, "slug"),
        ({"video_meeting_url": "javascript:alert(1)"}, "video_meeting_url"),
        ({"partner_board": "krdsb"}, "partner_board"),
    ],
)
def test_bad_offerings_are_refused_with_the_field_named(personas, change, field):
    program = ProgramFactory(organization=personas.org)
    with pytest.raises(DomainError) as error:
        services.offering_create(actor=personas.admin, program=program, data={**OFFERING, **change})
    assert error.value.field == field
    assert not Offering.objects.exists()


def test_a_partner_board_must_be_another_organizations_board(personas):
    program = ProgramFactory(organization=personas.org)  # the personas' organization is itself a board
    association = OrganizationFactory(kind=OrganizationKind.ASSOCIATION)
    for board in (personas.org, association):
        with pytest.raises(DomainError) as error:
            services.offering_create(actor=personas.admin, program=program, data={**OFFERING, "partner_board": board})
        assert error.value.field == "partner_board"


def _take_seats(offering: Offering, count: int) -> None:
    Offering.objects.filter(pk=offering.pk).update(seats_taken=count)
    offering.refresh_from_db()


def test_capacity_never_goes_below_the_seats_taken(personas):
    offering = course_with_offering(personas.org)
    _take_seats(offering, 12)
    with pytest.raises(DomainError) as error:
        services.offering_update(actor=personas.admin, offering=offering, data={"capacity": 11})
    assert error.value.field == "capacity" and "12 seats" in error.value.message
    services.offering_update(actor=personas.admin, offering=offering, data={"capacity": 12})
    offering.refresh_from_db()
    assert offering.capacity == 12


def test_raising_capacity_tells_the_registrations_app_after_commit(personas, django_capture_on_commit_callbacks):
    offering = course_with_offering(personas.org)
    received = []

    def receiver(sender, **kwargs):
        received.append((kwargs["old_capacity"], kwargs["new_capacity"]))

    capacity_increased.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.offering_update(actor=personas.admin, offering=offering, data={"capacity": 40})
            assert received == []
        services.offering_update(actor=personas.admin, offering=offering, data={"capacity": 35})
    finally:
        capacity_increased.disconnect(receiver)
    assert received == [(30, 40)]


def test_an_offering_with_registrations_cannot_go_back_to_draft(personas):
    offering = course_with_offering(personas.org)
    Registration.objects.create(
        offering=offering, person=Person.objects.get(user=personas.member), status=RegistrationStatus.PENDING_PAYMENT
    )
    with pytest.raises(DomainError) as error:
        services.offering_update(actor=personas.admin, offering=offering, data={"status": OfferingStatus.DRAFT})
    assert error.value.field == "status"
    services.offering_update(actor=personas.admin, offering=offering, data={"status": OfferingStatus.CLOSED})


def test_a_cancelled_offering_is_frozen(personas):
    offering = course_with_offering(personas.org, status=OfferingStatus.CANCELLED)
    with pytest.raises(DomainError):
        services.offering_update(actor=personas.admin, offering=offering, data={"title": "Renamed"})


def test_offering_dates_cannot_move_away_from_its_sessions(personas):
    offering = course_with_offering(personas.org)  # a session on 26 January 2030
    with pytest.raises(DomainError) as error:
        services.offering_update(actor=personas.admin, offering=offering, data={"start_date": dt.date(2030, 2, 1)})
    assert error.value.field == "start_date"


# --- sessions -----------------------------------------------------------------------------------


def test_sessions_are_entered_in_toronto_time_and_stored_in_utc(personas):
    offering = course_with_offering(personas.org)
    module = offering.program.modules.get(number=2)
    winter = services.session_create(
        actor=personas.staff,
        offering=offering,
        date=dt.date(2030, 2, 9),
        start_time=dt.time(8, 30),
        end_time=dt.time(13, 0),
        module=module,
    )
    assert winter.starts_at == dt.datetime(2030, 2, 9, 13, 30, tzinfo=dt.UTC)  # EST, UTC-5
    spring = services.session_create(
        actor=personas.staff,
        offering=offering,
        date=dt.date(2030, 4, 6),
        start_time=dt.time(8, 30),
        end_time=dt.time(16),
    )
    assert spring.starts_at == dt.datetime(2030, 4, 6, 12, 30, tzinfo=dt.UTC)  # EDT, UTC-4
    assert spring.hours == 7.5
    assert AuditEntry.objects.filter(action="session.created").count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": dt.date(2030, 5, 1)}, "date"),
        ({"end_time": dt.time(8, 0)}, "end_time"),
        # Clocks move from 2:00 to 3:00 on 10 March 2030 in Toronto: 2:30 never happens.
        ({"date": dt.date(2030, 3, 10), "start_time": dt.time(2, 30)}, "start_time"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_sessions_are_refused_with_the_field_named(personas, change, field):
    offering = course_with_offering(personas.org)
    data = {"date": dt.date(2030, 2, 9), "start_time": dt.time(8, 30), "end_time": dt.time(13, 0), **change}
    with pytest.raises(DomainError) as error:
        services.session_create(actor=personas.staff, offering=offering, **data)
    assert error.value.field == field
    assert offering.sessions.count() == 1


def test_a_module_of_another_program_is_refused(personas):
    offering = course_with_offering(personas.org)
    other = course_with_offering(personas.org).program.modules.first()
    with pytest.raises(DomainError) as error:
        services.session_create(
            actor=personas.staff,
            offering=offering,
            date=dt.date(2030, 2, 9),
            start_time=dt.time(8, 30),
            end_time=dt.time(13, 0),
            module=other,
        )
    assert error.value.field == "module"


def test_every_session_change_raises_its_sequence(personas):
    offering = course_with_offering(personas.org)
    session = offering.sessions.get()
    assert session.sequence == 0
    session = services.session_update(actor=personas.staff, session=session, data={"end_time": dt.time(15, 30)})
    assert session.sequence == 1
    assert session.ends_at == dt.datetime(2030, 1, 26, 20, 30, tzinfo=dt.UTC)
    assert session.starts_at == dt.datetime(2030, 1, 26, 13, 30, tzinfo=dt.UTC)  # unchanged
    session = services.session_update(actor=personas.staff, session=session, data={"end_time": dt.time(15, 30)})
    assert session.sequence == 1  # nothing changed, nothing to re-issue
    services.offering_update(
        actor=personas.staff, offering=offering, data={"video_meeting_url": "https://meet.example.org/x"}
    )
    services.module_update(actor=personas.staff, module=session.module, data={"title": "Renamed"})
    session.refresh_from_db()
    assert session.sequence == 3
    entry = AuditEntry.objects.filter(action="session.updated").get()
    assert entry.changes["sequence"] == [0, 1]


def test_a_session_with_attendance_cannot_be_deleted(personas):
    offering = course_with_offering(personas.org)
    session = offering.sessions.get()
    registration = Registration.objects.create(
        offering=offering, person=Person.objects.get(user=personas.member), status=RegistrationStatus.CONFIRMED
    )
    Attendance.objects.create(session=session, registration=registration, present=True)
    with pytest.raises(DomainError):
        services.session_delete(actor=personas.staff, session=session)
    Attendance.objects.all().delete()
    services.session_delete(actor=personas.staff, session=session)
    assert not Session.objects.exists()
    assert AuditEntry.objects.filter(action="session.deleted").exists()


# --- deadlines ----------------------------------------------------------------------------------


def test_deadlines_stay_within_the_offering(personas):
    offering = course_with_offering(personas.org)
    module = offering.program.modules.get(number=4)
    deadline = services.deadline_create(
        actor=personas.staff, offering=offering, title="Module 4 complete", due_on=dt.date(2030, 4, 14), module=module
    )
    with pytest.raises(DomainError) as error:
        services.deadline_update(actor=personas.staff, deadline=deadline, data={"due_on": dt.date(2030, 6, 1)})
    assert error.value.field == "due_on"
    with pytest.raises(DomainError) as error:
        services.deadline_create(actor=personas.staff, offering=offering, title=" ", due_on=dt.date(2030, 4, 1))
    assert error.value.field == "title"
    services.deadline_delete(actor=personas.staff, deadline=deadline)
    assert set(AuditEntry.objects.filter(action__startswith="deadline.").values_list("action", flat=True)) == {
        "deadline.created",
        "deadline.deleted",
    }
