"""The offering dashboard, its CSV and XLSX exports, completions and the Canvas roster."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentorweb.accounts.models import Credential
from mentorweb.registrations.models import Attendance, CompletionStatus, ModuleCompletion, RegistrationStatus
from mentorweb.registrations.tests.progress_world import attend_all, facilitator, make_offering, refund, register
from mentorweb.reports.selectors import offering_dashboard
from tests.factories import PersonFactory

AFTER = "2025-03-10 12:00 -0500"


@pytest.fixture
def offering(personas):
    return make_offering(personas.org, capacity=10)


def _login(user):
    client = Client()
    client.force_login(user)
    return client


def _url(name, personas, offering):
    return reverse(name, kwargs={"slug": personas.org.slug, "offering_id": offering.pk})


def _fill(offering, extra=0):
    """Two paid, one unpaid, one waitlisted, one cancelled with a refund, `extra` more paid."""
    alice, bob = register(offering), register(offering)
    unpaid = register(offering, status=RegistrationStatus.PENDING_PAYMENT, paid=None)
    register(offering, status=RegistrationStatus.WAITLISTED, paid=None)
    cancelled = register(offering, status=RegistrationStatus.CANCELLED)
    refund(cancelled, "850.00")
    more = [register(offering) for _ in range(extra)]
    return alice, bob, unpaid, more


@time_machine.travel(AFTER, tick=False)
def test_dashboard_figures(offering):
    alice, bob, _unpaid, _ = _fill(offering)
    attend_all(alice)
    first = offering.sessions.order_by("starts_at").first()
    Attendance.objects.create(session=first, registration=bob, present=False)
    module = offering.program.modules.get(number=1)
    ModuleCompletion.objects.create(registration=alice, module=module, status=CompletionStatus.ACCEPTED)
    offering.refresh_from_db()

    board = offering_dashboard(offering)

    assert board.counts[RegistrationStatus.CONFIRMED] == 2
    assert board.waitlisted == 1
    assert (board.paid_in_full, board.owing) == (2, 1)
    assert board.revenue == Decimal("2700.00")
    assert board.refunded == Decimal("850.00")
    assert board.net_revenue == Decimal("1850.00")
    assert board.in_course == 2
    # Six sessions held, two candidates: alice at all six.
    assert board.held_sessions == 6
    assert board.attendance_rate == 50
    assert [(m.number, n) for m, n in board.modules] == [(1, 1), (2, 0), (3, 0), (4, 0)]
    assert board.hours_required == Decimal("125")
    assert board.average_hours == Decimal("28.00")  # (36 + 20) / 2


@time_machine.travel(AFTER, tick=False)
def test_dashboard_page_is_bounded_and_accessible(offering, personas, django_assert_max_num_queries):
    _fill(offering, extra=1)
    client = _login(personas.staff)
    with django_assert_max_num_queries(25):
        small = client.get(_url("reports:offering_dashboard", personas, offering))
    for _ in range(5):
        register(offering)
    with django_assert_max_num_queries(25):
        large = client.get(_url("reports:offering_dashboard", personas, offering))
    assert small.status_code == large.status_code == 200
    page = large.content.decode()
    assert page.count("<h1") == 1
    assert "Attendance rate" in page or "No session has been held yet." in page
    assert 'class="bar-chart"' in page
    # Every bar has its numbers in text, next to a bar that screen readers skip.
    assert 'aria-hidden="true"><span class="bar-fill"' in page
    assert "of 10 seats" in page


def test_dashboard_is_for_coordinators_and_admins(offering, personas):
    url = _url("reports:offering_dashboard", personas, offering)
    assert _login(personas.admin).get(url).status_code == 200
    assert _login(personas.member).get(url).status_code == 403
    assert _login(facilitator(personas.org)).get(url).status_code == 403
    assert _login(personas.outsider).get(url).status_code == 404
    other = make_offering(personas.other_org, slug="elsewhere")
    assert _login(personas.admin).get(_url("reports:offering_dashboard", personas, other)).status_code == 404


@time_machine.travel(AFTER, tick=False)
def test_csv_export_escapes_formulas(offering, personas):
    register(offering, person=PersonFactory(given_name='=HYPERLINK("http://evil")', family_name="+Smith"))
    response = _login(personas.staff).get(_url("reports:offering_dashboard_csv", personas, offering))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Family name", "Given name", "E-mail"]
    assert rows[1][0] == "'+Smith"
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][5] == "900.00"


@time_machine.travel(AFTER, tick=False)
def test_xlsx_export_reads_back_with_escaped_formulas(offering, personas):
    person = PersonFactory(given_name="@SUM(A1:A2)", family_name="-2+3")
    registration = register(offering, person=person)
    attend_all(registration)
    response = _login(personas.staff).get(_url("reports:offering_dashboard_xlsx", personas, offering))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Registrations", "Sessions"]
    people = workbook["Registrations"]
    header = [cell.value for cell in people[1]]
    assert header[0] == "Family name"
    family, given = people.cell(row=2, column=1), people.cell(row=2, column=2)
    assert (family.value, family.data_type) == ("'-2+3", "s")
    assert (given.value, given.data_type) == ("'@SUM(A1:A2)", "s")
    # Numbers stay numbers.
    assert people.cell(row=2, column=6).value == 900
    assert people.cell(row=2, column=8).value == 6
    for row in workbook["Summary"].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert workbook["Sessions"].max_row == 7


@time_machine.travel(AFTER, tick=False)
def test_canvas_roster_has_canvas_files_and_columns(offering, personas):
    alice = register(offering)
    register(offering, status=RegistrationStatus.CANCELLED, paid=None)
    register(offering, status=RegistrationStatus.WAITLISTED, paid=None)
    response = _login(personas.staff).get(_url("reports:canvas_roster", personas, offering))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["courses.csv", "enrollments.csv", "sections.csv", "users.csv"]

    def read(name):
        return list(csv.reader(io.StringIO(archive.read(name).decode())))

    assert read("users.csv")[0] == ["user_id", "login_id", "first_name", "last_name", "email", "status"]
    assert read("courses.csv")[0] == ["course_id", "short_name", "long_name", "status"]
    assert read("sections.csv")[0] == ["section_id", "course_id", "name", "status"]
    assert read("enrollments.csv")[0] == ["course_id", "user_id", "role", "section_id", "status"]
    users = read("users.csv")[1:]
    assert len(users) == 2  # the waitlisted person is not in the course
    assert [f"mentorweb-person-{alice.person_id}", alice.person.user.email] == users[0][:2] or any(
        row[0] == f"mentorweb-person-{alice.person_id}" for row in users
    )
    enrollments = read("enrollments.csv")[1:]
    assert sorted(row[4] for row in enrollments) == ["active", "deleted"]
    assert {row[2] for row in enrollments} == {"student"}
    course = read("courses.csv")[1]
    assert course[0] == f"mentorweb-offering-{offering.pk}"
    assert read("sections.csv")[1][1] == course[0]


@time_machine.travel(AFTER, tick=False)
def test_completions_csv_for_the_certifying_body(offering, personas):
    done = register(offering)
    done.credential = Credential.objects.create(person=done.person, kind="oct", number="612345")
    attend_all(done)
    done.status = RegistrationStatus.COMPLETED
    done.completed_at = timezone.now()
    done.save(update_fields=["credential", "status", "completed_at"])
    register(offering)
    client = _login(personas.staff)
    url = reverse("reports:completions", kwargs={"slug": personas.org.slug})
    response = client.get(url, {"year": "2025"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Certificate number"
    assert len(rows) == 2
    assert rows[1][1] == "612345"
    assert rows[1][9] == "2025-03-10"
    assert rows[1][10] == "36.00"
    empty = client.get(url, {"year": "2024"})
    assert len(list(csv.reader(io.StringIO(b"".join(empty.streaming_content).decode())))) == 1
    assert client.get(url, {"year": "not a year"}).status_code == 200
    assert _login(personas.member).get(url).status_code == 403


def test_reports_index_lists_offerings_for_course_staff(offering, personas, django_assert_max_num_queries):
    for index in range(5):
        make_offering(
            personas.org,
            program=offering.program,
            slug=f"extra-{index}",
            start=dt.date(2026, 1, index + 1),
            end=dt.date(2026, 3, 1),
        )
    teacher = facilitator(personas.org)
    client = _login(teacher)
    url = reverse("reports:index", kwargs={"slug": personas.org.slug})
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "Progress" in page
    assert "Dashboard" not in page  # a facilitator sees progress, not money
    assert "Dashboard" in _login(personas.staff).get(url).content.decode()
    assert _login(personas.member).get(url).status_code == 403


def test_courses_menu_entry_is_current_on_course_pages(offering, personas):
    page = _login(personas.staff).get(_url("reports:offering_dashboard", personas, offering)).content.decode()
    url = reverse("reports:index", kwargs={"slug": personas.org.slug})
    assert f'<a href="{url}" aria-current="page">Courses</a>' in page
    home = _login(personas.member).get("/").content.decode()
    assert url not in home


@time_machine.travel("2026-02-10 10:00 -0500", tick=False)
def test_home_page_points_candidates_to_their_receipts(offering, personas):
    from mentorweb.registrations.models import Receipt

    client = _login(personas.member)
    assert "Your tax receipts" not in client.get("/").content.decode()
    Receipt.objects.create(
        person=personas.member.person, organization=personas.org, year=2025, number="T-1", amount=Decimal("900.00")
    )
    page = client.get("/").content.decode()
    assert "Your tax receipts" in page and "ready for 2025" in page
    assert reverse("progress:receipts") in page
