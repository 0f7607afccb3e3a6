"""Honoraria, cost shares and invoices: the seeds' figures, idempotence, payers and numbering."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import StaffRole
from mentorweb.partnerships import costs
from mentorweb.partnerships.costs_selectors import cost_overview, invoice_lines
from mentorweb.partnerships.models import CostInvoice, PartnershipStatus, Payable, PayableKind, PayableStatus
from mentorweb.partnerships.tests.costs_world import association, cost_program, partnership, staff_of
from tests.pairing import board, member_of, pairing_program

pytestmark = pytest.mark.django_db
NOW = "2026-10-01 12:00 -0400"


@pytest.fixture
def opsoa():
    organization = association("Ontario Public Supervisory Officials' Association", "OPSOA", "opsoa")
    return organization, staff_of(organization), cost_program(organization)


@pytest.fixture
def bcpvpa():
    organization = association("BC Principals' and Vice-Principals' Association", "BCPVPA", "bcpvpa")
    program = cost_program(organization, slug="pilot", honorarium="300.00", cost="0.00", percent=0)
    return organization, staff_of(organization, StaffRole.ORG_ADMIN), program


def test_share_is_the_percent_of_the_cost_to_the_cent_half_up():
    assert costs.share_amount(Decimal("2500.00"), 50) == Decimal("1250.00")
    assert costs.share_amount(Decimal("999.99"), 50) == Decimal("500.00")  # 499.995 rounds up
    assert costs.share_amount(Decimal("2500.00"), 33) == Decimal("825.00")
    assert costs.share_amount(Decimal("2500.00"), 0) == Decimal("0.00")


def test_bcpvpa_forty_honoraria_of_300_are_12000(bcpvpa):
    _organization, admin, program = bcpvpa
    for _ in range(40):
        partnership(program)
    result = costs.payables_prepare(actor=admin, program=program, year=2026)
    assert (result.honoraria, result.cost_shares) == (40, 0)
    honoraria = Payable.objects.filter(partnership__program=program, kind=PayableKind.HONORARIUM)
    assert honoraria.count() == 40
    assert sum(p.amount for p in honoraria) == Decimal("12000.00")
    assert all(p.payee_id == p.partnership.mentor_id for p in honoraria.select_related("partnership"))
    assert not Payable.objects.filter(kind=PayableKind.COST_SHARE).exists()
    overview = cost_overview(program, 2026)
    assert overview.partnerships == 40
    assert overview.honoraria_due == (40, Decimal("12000.00"))
    assert overview.missing == 0


def test_opsoa_share_is_1250_owed_by_the_board_or_else_the_individual(opsoa):
    _organization, coordinator, program = opsoa
    district = board("Kaministiquia River District School Board", "krdsb")
    with_board = partnership(program, board=district)
    individual = partnership(program, board=None)
    result = costs.payables_prepare(actor=coordinator, program=program, year=2026)
    assert (result.honoraria, result.cost_shares) == (0, 2)
    by_board = Payable.objects.get(partnership=with_board)
    assert (by_board.kind, by_board.amount) == (PayableKind.COST_SHARE, Decimal("1250.00"))
    assert (by_board.payer_board_id, by_board.payer_person_id) == (district.pk, None)
    by_person = Payable.objects.get(partnership=individual)
    assert by_person.amount == Decimal("1250.00")
    assert (by_person.payer_board_id, by_person.payer_person_id) == (None, individual.mentee_id)
    assert by_person.status == PayableStatus.DUE


def test_preparing_again_adds_only_the_missing_payables(opsoa):
    _organization, coordinator, program = opsoa
    partnership(program)
    assert costs.payables_prepare(actor=coordinator, program=program, year=2026).created == 1
    assert costs.payables_prepare(actor=coordinator, program=program, year=2026).created == 0
    partnership(program)
    assert costs.payables_prepare(actor=coordinator, program=program, year=2026).created == 1
    assert Payable.objects.count() == 2
    # One audit entry per run that added something.
    assert AuditEntry.objects.filter(action="payables.prepared").count() == 2


def test_only_active_or_completed_partnerships_started_in_the_year_count(opsoa):
    _organization, coordinator, program = opsoa
    counted = [
        partnership(program),
        partnership(program, status=PartnershipStatus.COMPLETED),
        partnership(program, starts_on=dt.date(2026, 1, 1)),
        partnership(program, starts_on=dt.date(2026, 12, 31)),
    ]
    partnership(program, starts_on=dt.date(2025, 9, 1))  # last year's commitment
    partnership(program, starts_on=dt.date(2027, 1, 1))
    partnership(program, status=PartnershipStatus.PROPOSED, starts_on=None)
    partnership(program, status=PartnershipStatus.DECLINED, starts_on=None)
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    assert set(Payable.objects.values_list("partnership_id", flat=True)) == {p.pk for p in counted}


@time_machine.travel(NOW, tick=False)
def test_an_active_partnership_without_a_start_counts_in_the_year_it_was_created(opsoa):
    _organization, coordinator, program = opsoa
    pair = partnership(program, starts_on=None)
    assert costs.payables_prepare(actor=coordinator, program=program, year=2026).created == 1
    assert Payable.objects.get().partnership_id == pair.pk


def test_refusals_name_the_field_and_save_nothing(opsoa, personas):
    organization, coordinator, program = opsoa
    partnership(program)
    member = member_of(organization).user
    with pytest.raises(DomainError) as refused:
        costs.payables_prepare(actor=member, program=program, year=2026)
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as refused:
        costs.payables_prepare(actor=personas.outsider, program=program, year=2026)
    assert refused.value.code == "forbidden"
    for bad in (1999, 2101, "next year", None, True):
        with pytest.raises(DomainError) as refused:
            costs.payables_prepare(actor=coordinator, program=program, year=bad)  # type: ignore[arg-type]
        assert refused.value.field == "year"
    free = pairing_program(organization, slug="free")
    with pytest.raises(DomainError) as refused:
        costs.payables_prepare(actor=coordinator, program=free, year=2026)
    assert refused.value.field == "program"
    assert not Payable.objects.exists()
    assert not AuditEntry.objects.filter(action="payables.prepared").exists()


@time_machine.travel(NOW, tick=False)
def test_one_invoice_per_board_and_per_individual_numbered_in_turn(opsoa):
    organization, coordinator, program = opsoa
    north, south = board("North Board", "north-board"), board("South Board", "south-board")
    north_pairs = [partnership(program, board=north) for _ in range(3)]
    south_pair = partnership(program, board=south)
    alone = partnership(program)
    costs.payables_prepare(actor=coordinator, program=program, year=2026)

    invoices = costs.invoices_issue(actor=coordinator, program=program, year=2026)

    assert [i.number for i in invoices] == ["OPSOA-2026-0001", "OPSOA-2026-0002", "OPSOA-2026-0003"]
    by_payer = {(i.board_id, i.person_id): i for i in invoices}
    north_invoice = by_payer[(north.pk, None)]
    assert north_invoice.total == Decimal("3750.00")
    assert set(north_invoice.lines.values_list("partnership_id", flat=True)) == {p.pk for p in north_pairs}
    assert by_payer[(south.pk, None)].lines.get().partnership_id == south_pair.pk
    assert by_payer[(None, alone.mentee_id)].total == Decimal("1250.00")
    assert all(i.status == PayableStatus.INVOICED and i.issued_on == dt.date(2026, 10, 1) for i in invoices)
    assert set(Payable.objects.values_list("status", flat=True)) == {PayableStatus.INVOICED}
    assert [line.amount for line in invoice_lines(north_invoice)] == [Decimal("1250.00")] * 3
    assert invoice_lines(north_invoice)[0].months == 12
    assert AuditEntry.objects.filter(action="cost_invoice.issued", organization=organization).count() == 3

    # Nothing left to invoice; a later partnership gets the next number.
    with pytest.raises(DomainError) as refused:
        costs.invoices_issue(actor=coordinator, program=program, year=2026)
    assert (refused.value.field, refused.value.code) == ("year", "nothing_due")
    partnership(program, board=north)
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    [later] = costs.invoices_issue(actor=coordinator, program=program, year=2026)
    assert later.number == "OPSOA-2026-0004"
    assert CostInvoice.objects.filter(board=north).count() == 2


@time_machine.travel(NOW, tick=False)
def test_marking_an_invoice_paid_pays_its_lines_once(opsoa):
    _organization, coordinator, program = opsoa
    partnership(program, board=board())
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    [invoice] = costs.invoices_issue(actor=coordinator, program=program, year=2026)
    with pytest.raises(DomainError) as refused:
        costs.invoice_mark_paid(actor=coordinator, invoice=invoice, paid_on=dt.date(2026, 10, 2))
    assert refused.value.field == "paid_on"
    with pytest.raises(DomainError) as refused:
        costs.invoice_mark_paid(actor=coordinator, invoice=invoice, paid_on=dt.date(2026, 9, 30))
    assert refused.value.field == "paid_on"
    assert CostInvoice.objects.get().status == PayableStatus.INVOICED

    costs.invoice_mark_paid(actor=coordinator, invoice=invoice, paid_on=dt.date(2026, 10, 1))

    invoice.refresh_from_db()
    assert invoice.status == PayableStatus.PAID
    line = invoice.lines.get()
    assert (line.status, line.paid_on) == (PayableStatus.PAID, dt.date(2026, 10, 1))
    assert AuditEntry.objects.filter(action="cost_invoice.paid", object_id=str(invoice.pk)).count() == 1
    with pytest.raises(DomainError) as refused:
        costs.invoice_mark_paid(actor=coordinator, invoice=invoice)
    assert refused.value.code == "conflict"


@time_machine.travel(NOW, tick=False)
def test_honoraria_are_marked_paid_all_at_once_or_by_choice(bcpvpa):
    _organization, admin, program = bcpvpa
    for _ in range(3):
        partnership(program)
    costs.payables_prepare(actor=admin, program=program, year=2026)
    first = Payable.objects.order_by("pk").first()
    assert first is not None
    with pytest.raises(DomainError) as refused:
        costs.honoraria_mark_paid(actor=admin, program=program, year=2026, payable_ids=[first.pk, 999_999])
    assert refused.value.field == "payables"
    assert costs.honoraria_mark_paid(actor=admin, program=program, year=2026, payable_ids=[first.pk]) == 1
    assert costs.honoraria_mark_paid(actor=admin, program=program, year=2026) == 2
    assert set(Payable.objects.values_list("status", "paid_on")) == {(PayableStatus.PAID, dt.date(2026, 10, 1))}
    with pytest.raises(DomainError) as refused:
        costs.honoraria_mark_paid(actor=admin, program=program, year=2026)
    assert refused.value.field == "payables"
    overview = cost_overview(program, 2026)
    assert overview.honoraria_paid == (3, Decimal("900.00"))
    assert overview.honoraria_due == (0, Decimal("0.00"))


def test_overview_counts_shares_by_payer_and_the_organizations_part(opsoa):
    organization, coordinator, program = opsoa
    north = board("North Board", "north-board")
    partnership(program, board=north)
    partnership(program, board=north)
    partnership(program)
    costs.payables_prepare(actor=coordinator, program=program, year=2026)
    overview = cost_overview(program, 2026)
    first = overview.payers[0]
    assert (first.name, first.partnerships, first.due) == ("North Board", 2, Decimal("2500.00"))
    assert overview.shares_total == Decimal("3750.00")
    # OPSOA carries the other half of each mentor's $2,500.
    assert overview.organization_share == Decimal("3750.00")
    assert overview.by_payer[0].name == organization.name
    assert [bar.percent for bar in overview.bars] == [100, 66, 33]
