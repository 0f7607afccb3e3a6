"""Attendance (service and page) and the facilitator's module pages."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.registrations import progress
from mentorweb.registrations.models import Attendance, CompletionStatus, ModuleCompletion, RegistrationStatus
from mentorweb.registrations.tests.progress_world import facilitator, make_offering, register

DURING = "2025-01-25 17:00 -0500"


@pytest.fixture
def course(personas):
    offering = make_offering(personas.org)
    first = offering.sessions.order_by("starts_at").first()
    return offering, first, [register(offering) for _ in range(3)], facilitator(personas.org)


def _login(user):
    client = Client()
    client.force_login(user)
    return client


@time_machine.travel(DURING, tick=False)
def test_mark_one_present_then_absent_records_each_change(course):
    _offering, session, (alice, *_), teacher = course
    progress.attendance_mark(actor=teacher, session=session, registration=alice, present=True)
    progress.attendance_mark(actor=teacher, session=session, registration=alice, present=True)
    progress.attendance_mark(actor=teacher, session=session, registration=alice, present=False)
    mark = Attendance.objects.get(session=session, registration=alice)
    assert mark.present is False and mark.marked_by == teacher
    entries = AuditEntry.objects.filter(action="attendance.recorded", object_id=str(session.pk))
    # The repeated "present" changed nothing, so it recorded nothing.
    assert entries.count() == 2
    assert entries.first().changes == {"present": {str(alice.pk): [True, False]}}


@time_machine.travel(DURING, tick=False)
def test_whole_session_marks_the_unticked_absent(course):
    _offering, session, (alice, bob, carol), teacher = course
    changed = progress.attendance_record_session(actor=teacher, session=session, present_ids=[alice.pk, carol.pk])
    assert changed == 3
    marks = dict(Attendance.objects.filter(session=session).values_list("registration_id", "present"))
    assert marks == {alice.pk: True, bob.pk: False, carol.pk: True}
    assert progress.attendance_record_session(actor=teacher, session=session, present_ids=[alice.pk, carol.pk]) == 0


@time_machine.travel(DURING, tick=False)
def test_unknown_or_unconfirmed_people_are_refused(course):
    offering, session, (alice, *_), teacher = course
    waiting = register(offering, status=RegistrationStatus.WAITLISTED, paid=None)
    with pytest.raises(DomainError) as error:
        progress.attendance_record_session(actor=teacher, session=session, present_ids=[alice.pk, waiting.pk])
    assert error.value.field == "present"
    with pytest.raises(DomainError):
        progress.attendance_mark(actor=teacher, session=session, registration=waiting, present=True)
    assert not Attendance.objects.exists()


def test_attendance_waits_for_the_session_to_start(course):
    _offering, session, (alice, *_), teacher = course
    with time_machine.travel("2025-01-25 08:00 -0500", tick=False), pytest.raises(DomainError) as error:
        progress.attendance_mark(actor=teacher, session=session, registration=alice, present=True)
    assert error.value.code == "session_not_started"


@time_machine.travel(DURING, tick=False)
def test_members_and_outsiders_cannot_take_attendance(course, personas):
    _offering, session, (alice, *_), _teacher = course
    for actor in (personas.member, personas.outsider):
        with pytest.raises(DomainError) as error:
            progress.attendance_mark(actor=actor, session=session, registration=alice, present=True)
        assert error.value.code == "forbidden"
    progress.attendance_mark(actor=personas.admin, session=session, registration=alice, present=True)


# --- the attendance page ------------------------------------------------------------------------


def _attendance_url(personas, offering, session):
    return reverse(
        "progress:attendance", kwargs={"slug": personas.org.slug, "offering_id": offering.pk, "session_id": session.pk}
    )


@time_machine.travel(DURING, tick=False)
def test_attendance_page_lists_the_class_as_labelled_checkboxes(course, personas, django_assert_max_num_queries):
    offering, session, registrations, teacher = course
    for _ in range(10):
        register(offering)
    client = _login(teacher)
    with django_assert_max_num_queries(20):
        response = client.get(_attendance_url(personas, offering, session))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('type="checkbox"') == 13
    assert "<legend" in page
    for registration in registrations:
        assert registration.person.full_name in page


@time_machine.travel(DURING, tick=False)
def test_attendance_page_saves_with_htmx_and_says_so(course, personas):
    offering, session, (alice, bob, _carol), teacher = course
    client = _login(teacher)
    response = client.post(
        _attendance_url(personas, offering, session), {"present": [str(alice.pk), str(bob.pk)]}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Attendance saved at" in response.content.decode()
    assert "3 marks changed" in response.content.decode()
    assert Attendance.objects.filter(session=session, present=True).count() == 2
    # Without htmx the page goes back to itself, with the saved marks ticked.
    response = client.post(_attendance_url(personas, offering, session), {"present": [str(alice.pk)]})
    assert response.status_code == 302
    page = client.get(_attendance_url(personas, offering, session)).content.decode()
    assert page.count("checked") == 1


@time_machine.travel(DURING, tick=False)
def test_attendance_page_rejects_garbage_without_a_500(course, personas):
    offering, session, _registrations, teacher = course
    client = _login(teacher)
    response = client.post(_attendance_url(personas, offering, session), {"present": ["not-a-number", "999999"]})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Attendance.objects.exists()


def test_attendance_page_before_the_session_explains_and_has_no_form(course, personas):
    offering, session, _registrations, teacher = course
    with time_machine.travel("2025-01-20 10:00 -0500", tick=False):
        page = _login(teacher).get(_attendance_url(personas, offering, session)).content.decode()
    assert "once the session has started" in page
    assert 'type="checkbox"' not in page


def test_attendance_page_of_another_offering_is_404(course, personas):
    offering, _session, _registrations, _teacher = course
    other = make_offering(personas.other_org, slug="elsewhere")
    url = reverse(
        "progress:attendance",
        kwargs={"slug": personas.org.slug, "offering_id": other.pk, "session_id": other.sessions.first().pk},
    )
    assert _login(personas.admin).get(url).status_code == 404
    url = reverse(
        "progress:attendance",
        kwargs={"slug": personas.org.slug, "offering_id": offering.pk, "session_id": other.sessions.first().pk},
    )
    assert _login(personas.admin).get(url).status_code == 404


# --- module pages --------------------------------------------------------------------------------


@time_machine.travel(DURING, tick=False)
def test_modules_page_is_bounded_and_marks_complete(course, personas, django_assert_max_num_queries):
    offering, _session, (alice, *_), teacher = course
    for _ in range(15):
        register(offering)
    client = _login(teacher)
    url = reverse("progress:modules", kwargs={"slug": personas.org.slug, "offering_id": offering.pk})
    with django_assert_max_num_queries(25):
        response = client.get(url)
    assert response.status_code == 200
    assert "18 confirmed candidates" in response.content.decode()

    module = offering.program.modules.get(number=2)
    mark = reverse("progress:mark_complete", kwargs={"slug": personas.org.slug, "offering_id": offering.pk})
    response = client.post(mark, {"registration": alice.pk, "module": module.pk})
    assert response.status_code == 302
    assert ModuleCompletion.objects.get(registration=alice, module=module).status == CompletionStatus.ACCEPTED
    assert client.post(mark, {"registration": "x"}).status_code == 302
    assert client.post(mark, {"registration": 999999, "module": module.pk}).status_code == 404


@time_machine.travel(DURING, tick=False)
def test_review_page_accepts_or_returns_work(course, personas):
    offering, _session, (alice, *_), teacher = course
    module = offering.program.modules.get(number=1)
    work = progress.module_submit(
        actor=alice.person.user, registration=alice, module=module, submission="Reading notes"
    )
    client = _login(teacher)
    url = reverse(
        "progress:completion", kwargs={"slug": personas.org.slug, "offering_id": offering.pk, "completion_id": work.pk}
    )
    page = client.get(url).content.decode()
    assert "Reading notes" in page
    response = client.post(url, {"decision": "return", "feedback": ""})
    assert response.status_code == 200
    assert "Say what to revise" in response.content.decode()
    response = client.post(url, {"decision": "return", "feedback": "Add a reflection"})
    assert response.status_code == 302
    work.refresh_from_db()
    assert (work.status, work.feedback) == (CompletionStatus.RETURNED, "Add a reflection")
