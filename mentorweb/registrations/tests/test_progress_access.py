"""The access window: materials and assignment pages open a week before the start and close two
weeks after the end, in the organization's zone; outside it the candidate is told when."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from mentorweb.core.errors import DomainError
from mentorweb.registrations import progress
from mentorweb.registrations.models import CompletionStatus, ModuleCompletion, RegistrationStatus
from mentorweb.registrations.tests.progress_world import TORONTO, make_offering, register


@pytest.fixture
def course(personas):
    offering = make_offering(personas.org)
    return offering, register(offering)


def test_window_is_a_week_before_to_two_weeks_after_in_toronto(course):
    offering, _ = course
    opens, closes = progress.access_window(offering)
    assert opens == dt.datetime(2025, 1, 18, 0, 0, tzinfo=TORONTO)
    # Two weeks after April 14 is April 28; the window ends when that day does.
    assert closes == dt.datetime(2025, 4, 29, 0, 0, tzinfo=TORONTO)
    state = progress.access_state(offering, now=opens)
    assert (state.first_day, state.last_day) == (dt.date(2025, 1, 18), dt.date(2025, 4, 28))


def test_window_follows_the_programs_settings(course):
    offering, _ = course
    program = offering.program
    program.access_opens_days_before = 3
    program.access_closes_days_after = 0
    opens, closes = progress.access_window(offering)
    assert opens.date() == dt.date(2025, 1, 22)
    assert closes.date() == dt.date(2025, 4, 15)


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        ("2025-01-17 23:59 -0500", progress.BEFORE),
        ("2025-01-18 00:00 -0500", progress.OPEN),
        # 04:30 UTC on January 18 is still January 17 in Toronto.
        ("2025-01-18 04:30 +0000", progress.BEFORE),
        ("2025-04-28 23:59 -0400", progress.OPEN),
        ("2025-04-29 00:00 -0400", progress.CLOSED),
    ],
)
def test_phase_at_the_edges(course, moment, phase):
    offering, _ = course
    with time_machine.travel(moment, tick=False):
        assert progress.access_state(offering).phase == phase


def _module4(offering):
    return offering.program.modules.get(number=4)


def test_submitting_before_the_window_says_when_it_opens(course):
    offering, registration = course
    with time_machine.travel("2025-01-10 10:00 -0500", tick=False), pytest.raises(DomainError) as error:
        progress.module_submit(
            actor=registration.person.user, registration=registration, module=_module4(offering), submission="x"
        )
    assert error.value.code == "access_not_open"
    assert "Jan. 18, 2025" in error.value.message
    assert not ModuleCompletion.objects.exists()


def test_submitting_after_the_window_is_refused(course):
    offering, registration = course
    with time_machine.travel("2025-05-01 10:00 -0400", tick=False), pytest.raises(DomainError) as error:
        progress.module_submit(
            actor=registration.person.user, registration=registration, module=_module4(offering), submission="x"
        )
    assert error.value.code == "access_closed"


def test_only_the_candidate_submits_and_only_when_confirmed(course, personas):
    offering, registration = course
    with time_machine.travel("2025-04-01 10:00 -0400", tick=False):
        with pytest.raises(DomainError) as error:
            progress.module_submit(
                actor=personas.admin, registration=registration, module=_module4(offering), submission="x"
            )
        assert error.value.code == "forbidden"
        unpaid = register(offering, status=RegistrationStatus.PENDING_PAYMENT, paid=None)
        with pytest.raises(DomainError):
            progress.module_submit(
                actor=unpaid.person.user, registration=unpaid, module=_module4(offering), submission="x"
            )
        with pytest.raises(DomainError) as error:
            progress.module_submit(
                actor=registration.person.user, registration=registration, module=_module4(offering), submission="   "
            )
        assert error.value.field == "submission"
        work = progress.module_submit(
            actor=registration.person.user, registration=registration, module=_module4(offering), submission="Project"
        )
    assert work.status == CompletionStatus.SUBMITTED


# --- the candidate's pages ---------------------------------------------------------------------


def _client(client, registration):
    client.force_login(registration.person.user)
    return client


def _page_at(client, registration, url, moment):
    # Sessions end after 30 idle minutes: log in again at each moment travelled to.
    with time_machine.travel(moment, tick=False):
        _client(client, registration)
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_materials_page_before_during_and_after(client, course):
    _offering, registration = course
    url = reverse("progress:materials", kwargs={"registration_id": registration.pk})
    page = _page_at(client, registration, url, "2025-01-10 10:00 -0500")
    assert "open on Jan. 18, 2025" in page
    assert "Submit your work" not in page
    page = _page_at(client, registration, url, "2025-04-20 10:00 -0400")
    assert "open until the end of April 28, 2025" in page
    assert "save anything you want to keep" in page
    assert "Submit your work" in page
    assert "https://video.example.org/j/mqp" in page
    page = _page_at(client, registration, url, "2025-05-20 10:00 -0400")
    assert "closed after April 28, 2025" in page
    assert "Submit your work" not in page


def test_submit_page_saves_the_work_inside_the_window(client, course):
    offering, registration = course
    module = _module4(offering)
    url = reverse("progress:submit", kwargs={"registration_id": registration.pk, "module_id": module.pk})
    with time_machine.travel("2025-04-10 10:00 -0400", tick=False):
        _client(client, registration)
        assert client.get(url).status_code == 200
        response = client.post(url, {"submission": "My personalized project"})
    assert response.status_code == 302
    assert (
        ModuleCompletion.objects.get(registration=registration, module=module).submission == "My personalized project"
    )


def test_submit_page_after_the_window_shows_the_reason_and_saves_nothing(client, course):
    offering, registration = course
    module = _module4(offering)
    url = reverse("progress:submit", kwargs={"registration_id": registration.pk, "module_id": module.pk})
    with time_machine.travel("2025-06-10 10:00 -0400", tick=False):
        _client(client, registration)
        response = client.post(url, {"submission": "Too late"})
    assert response.status_code == 200
    assert "closed after April 28, 2025" in response.content.decode()
    assert not ModuleCompletion.objects.exists()


def test_another_persons_registration_and_a_foreign_module_are_404(client, course, personas):
    _offering, registration = course
    client.force_login(personas.member)
    url = reverse("progress:materials", kwargs={"registration_id": registration.pk})
    assert client.get(url).status_code == 404
    _client(client, registration)
    url = reverse("progress:submit", kwargs={"registration_id": registration.pk, "module_id": 999_999})
    assert client.get(url).status_code == 404
