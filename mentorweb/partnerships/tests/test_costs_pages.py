"""The cost pages end to end: overview, prepare, issue, invoice, PDF, report and its exports; a
board contact's own invoices; permissions and bounded queries."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zlib
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from mentorweb.organizations.models import Membership, StaffRole
from mentorweb.partnerships import costs
from mentorweb.partnerships.invoices_pdf import invoice_pdf
from mentorweb.partnerships.models import CostInvoice, Payable, PayableStatus
from mentorweb.partnerships.tests.costs_world import association, cost_program, partnership, staff_of
from tests.factories import MembershipFactory, enrol_totp
from tests.pairing import board, member_of

pytestmark = pytest.mark.django_db
NOW = "2026-10-01 12:00 -0400"


@pytest.fixture
def world():
    organization = association("Ontario Public Supervisory Officials' Association", "OPSOA", "opsoa")
    coordinator = staff_of(organization)
    program = cost_program(organization)
    north = board("Northern Hills District School Board", "northern-hills")
    south = board("Southern Lakes District School Board", "southern-lakes")
    pairs = [partnership(program, board=north), partnership(program, board=north), partnership(program, board=south)]
    return organization, coordinator, program, north, south, pairs


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def contact_of(organization):
    user = MembershipFactory(organization=organization, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(user)
    return user


def overview_url(program, year=2026) -> str:
    return f"/o/{program.organization.slug}/partnerships/costs/{program.pk}/{year}/"


def pdf_text_of(content: bytes) -> str:
    """The text of a PDF's content streams (FlateDecode or not), enough to look for a string."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.DOTALL):
        data = match.group(1)
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        out.append(data.decode("latin-1"))
    return "\n".join(out)


@time_machine.travel(NOW, tick=False)
def test_the_coordinator_prepares_issues_and_marks_paid_through_the_pages(world):
    organization, coordinator, program, north, _south, _pairs = world
    client = client_for(coordinator)

    index = client.get(f"/o/{organization.slug}/partnerships/costs/")
    assert index.status_code == 200
    assert program.name in index.content.decode()

    page = client.get(overview_url(program))
    assert page.status_code == 200
    text = page.content.decode()
    assert "3 active or completed partnerships started in 2026." in text
    assert "3 payables are still to be prepared." in text

    response = client.post(overview_url(program) + "prepare/", follow=True)
    assert "3 payables added (0 honoraria, 3 cost shares)." in response.content.decode()
    assert Payable.objects.filter(status=PayableStatus.DUE).count() == 3
    response = client.post(overview_url(program) + "prepare/", follow=True)
    assert "Every payable was already there: nothing was added." in response.content.decode()

    response = client.post(overview_url(program) + "issue/", follow=True)
    text = response.content.decode()
    assert "2 invoices issued." in text
    assert "OPSOA-2026-0001" in text and "OPSOA-2026-0002" in text
    invoice = CostInvoice.objects.get(board=north)

    detail = client.get(f"/o/{organization.slug}/partnerships/costs/invoices/{invoice.pk}/")
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "Northern Hills District School Board" in text and "$2,500.00" in text
    assert "half of $2,500.00 per mentor per year" in text

    pdf = client.get(f"/o/{organization.slug}/partnerships/costs/invoices/{invoice.pk}/invoice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "$2,500.00" in pdf_text_of(pdf.content)

    response = client.post(
        f"/o/{organization.slug}/partnerships/costs/invoices/{invoice.pk}/", {"paid_on": "2026-10-01"}, follow=True
    )
    assert "is marked paid" in response.content.decode()
    invoice.refresh_from_db()
    assert invoice.status == PayableStatus.PAID
    assert set(invoice.lines.values_list("status", flat=True)) == {PayableStatus.PAID}


@time_machine.travel(NOW, tick=False)
def test_a_bad_payment_date_is_tied_to_its_field_and_nothing_changes(world):
    organization, coordinator, program, north, _south, _pairs = world
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    costs.invoices_issue(actor=coordinator, program=program, year=2026)
    invoice = CostInvoice.objects.get(board=north)
    response = client_for(coordinator).post(
        f"/o/{organization.slug}/partnerships/costs/invoices/{invoice.pk}/", {"paid_on": "2027-01-01"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The payment date cannot be in the future." in text
    assert 'aria-describedby="id_paid_on_helptext id_paid_on_error"' in text
    invoice.refresh_from_db()
    assert invoice.status == PayableStatus.INVOICED


@time_machine.travel(NOW, tick=False)
def test_honoraria_are_marked_paid_from_the_overview(world):
    organization, coordinator, _program, _north, _south, _pairs = world
    program = cost_program(organization, slug="pilot", honorarium="300.00", cost="0.00", percent=0)
    partnership(program)
    client = client_for(coordinator)
    client.post(overview_url(program) + "prepare/")
    assert "1 honorarium, $300.00" in client.get(overview_url(program)).content.decode()
    response = client.post(overview_url(program) + "honoraria-paid/", {"honoraria-paid_on": ""}, follow=True)
    assert "1 honorarium marked paid." in response.content.decode()
    assert Payable.objects.get(partnership__program=program).status == PayableStatus.PAID


def test_invoice_pdf_has_the_board_lines_total_explanation_and_terms(world):
    _organization, coordinator, program, north, _south, pairs = world
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    costs.invoices_issue(actor=coordinator, program=program, year=2026)
    invoice = CostInvoice.objects.select_related("organization", "program", "board").get(board=north)
    content = invoice_pdf(invoice, compress=False)
    assert content.startswith(b"%PDF-")
    text = content.decode("latin-1")
    for expected in (
        "Ontario Public Supervisory Officials' Association",
        "Northern Hills District School Board",
        program.name,
        invoice.number,
        pairs[0].mentee.full_name,
        pairs[0].mentor.full_name,
        "$1,250.00",
        "$2,500.00 CAD",
        "half of $2,500.00 per mentor per year",
        "Payment is due within 30 days",
    ):
        assert expected in text, expected


def test_a_board_contact_sees_only_their_boards_invoices(world):
    _organization, coordinator, program, north, south, _pairs = world
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    costs.invoices_issue(actor=coordinator, program=program, year=2026)
    mine, theirs = CostInvoice.objects.get(board=north), CostInvoice.objects.get(board=south)
    contact = client_for(contact_of(north))

    listing = contact.get("/o/northern-hills/cost-invoices/")
    assert listing.status_code == 200
    assert mine.number in listing.content.decode() and theirs.number not in listing.content.decode()
    assert contact.get(f"/o/northern-hills/cost-invoices/{mine.pk}/").status_code == 200
    pdf = contact.get(f"/o/northern-hills/cost-invoices/{mine.pk}/invoice.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # Another board's invoice, through one's own board or the other board: 404 either way.
    assert contact.get(f"/o/northern-hills/cost-invoices/{theirs.pk}/").status_code == 404
    assert contact.get(f"/o/northern-hills/cost-invoices/{theirs.pk}/invoice.pdf").status_code == 404
    assert contact.get(f"/o/southern-lakes/cost-invoices/{theirs.pk}/").status_code == 404
    # The board contact is not the issuer's staff.
    assert contact.get(f"/o/opsoa/partnerships/costs/invoices/{mine.pk}/").status_code == 404
    # A teacher of the board (no contact role) is refused, not shown.
    teacher = client_for(member_of(north).user)
    assert teacher.get("/o/northern-hills/cost-invoices/").status_code == 403


def test_staff_pages_refuse_members_and_hide_from_outsiders(world, personas):
    organization, coordinator, program, _north, _south, _pairs = world
    member = client_for(member_of(organization).user)
    assert member.get(overview_url(program)).status_code == 403
    assert member.post(overview_url(program) + "prepare/").status_code == 403
    outsider = personas.client_for("outsider")
    assert outsider.get(overview_url(program)).status_code == 404
    assert outsider.get(overview_url(program) + "prepare/").status_code == 404
    # An administrator of another organization asking for this program under their own: 404.
    other_admin = personas.client_for("admin")
    assert other_admin.get(f"/o/{personas.org.slug}/partnerships/costs/{program.pk}/2026/").status_code == 404
    coordinator_client = client_for(coordinator)
    assert coordinator_client.get(overview_url(program, 1999)).status_code == 404
    assert coordinator_client.get(overview_url(program) + "prepare/").status_code == 405
    assert not Payable.objects.exists()


def _count_queries(django_assert_max_num_queries, client, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@time_machine.travel(NOW, tick=False)
def test_overview_and_report_run_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    organization, coordinator, program, north, south, _pairs = world
    client = client_for(coordinator)
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    costs.invoices_issue(actor=coordinator, program=program, year=2026)
    pages = [
        overview_url(program),
        overview_url(program) + "report/",
        f"/o/{organization.slug}/partnerships/costs/",
        f"/o/{organization.slug}/partnerships/costs/invoices/{CostInvoice.objects.first().pk}/",  # type: ignore[union-attr]
    ]
    for url in pages:
        _count_queries(django_assert_max_num_queries, client, url, 14)
    for index in range(15):
        partnership(program, board=north if index % 2 else south)
        partnership(program, board=board(f"Board {index}", f"board-{index}"))
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    costs.invoices_issue(actor=coordinator, program=program, year=2026)
    for url in pages:
        _count_queries(django_assert_max_num_queries, client, url, 14)


@time_machine.travel(NOW, tick=False)
def test_report_exports_escape_formulas(world):
    _organization, coordinator, program, _north, _south, _pairs = world
    sneaky = board('=HYPERLINK("http://evil.example")', "sneaky-board")
    pair = partnership(program, board=sneaky)
    pair.mentee.family_name = "+SUM(1,2)"
    pair.mentee.save()
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    client = client_for(coordinator)

    page = client.get(overview_url(program) + "report/")
    assert page.status_code == 200
    assert 'class="bar-chart"' in page.content.decode()

    response = client.get(overview_url(program) + "report.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="costs-{program.slug}-2026.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Year"
    sneaky_row = next(row for row in rows if "HYPERLINK" in row[5])
    assert sneaky_row[5].startswith("'=")
    assert sneaky_row[3].endswith("+SUM(1,2)") and not sneaky_row[3].startswith(("=", "+"))
    assert sneaky_row[7] == "1250.00"

    response = client.get(overview_url(program) + "report.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert '\'=HYPERLINK("http://evil.example")' in texts
    amounts = [cell.value for cell in workbook["Payables"]["H"][1:]]
    assert sum(Decimal(str(value)) for value in amounts) == Decimal("5000.00")


def test_a_coordinator_of_another_program_organization_sees_no_foreign_invoice(world, personas):
    _organization, coordinator, program, _north, _south, _pairs = world
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    [first, *_rest] = costs.invoices_issue(actor=coordinator, program=program, year=2026)
    staff = personas.client_for("staff")
    assert staff.get(f"/o/{personas.org.slug}/partnerships/costs/invoices/{first.pk}/").status_code == 404
    assert staff.get(f"/o/{personas.org.slug}/partnerships/costs/invoices/{first.pk}/invoice.pdf").status_code == 404
    assert Membership.objects.filter(person__user=personas.staff, organization__slug="opsoa").count() == 0
