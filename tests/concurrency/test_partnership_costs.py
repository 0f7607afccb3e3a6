"""Partnership costs under concurrent requests (run on SQLite and on PostgreSQL): preparing the
payables twice at once makes each payable once; issuing invoices twice at once invoices each
cost share once, with numbers that are never handed out twice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mentorweb.accounts.models import User
from mentorweb.core.errors import DomainError
from mentorweb.partnerships import costs
from mentorweb.partnerships.models import CostInvoice, Payable, PayableKind, PayableStatus
from mentorweb.partnerships.tests.costs_world import association, cost_program, partnership, staff_of
from mentorweb.programs.models import Program
from tests.concurrency.harness import run_at_once
from tests.pairing import board

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def _world():
    organization = association("Ontario Public Supervisory Officials' Association", "OPSOA", "opsoa-race")
    coordinators = [staff_of(organization) for _ in range(2)]
    program = cost_program(organization, honorarium="300.00")
    boards = [board(f"Board {n}", f"race-board-{n}") for n in range(3)]
    for n in range(9):
        partnership(program, board=boards[n % 3] if n < 6 else None)
    return coordinators, program


def _fresh(i: int, coordinators: list[User], program: Program) -> tuple[User, Program]:
    actor = User.objects.get(pk=coordinators[i % len(coordinators)].pk)
    return actor, Program.objects.select_related("organization", "pairing").get(pk=program.pk)


def test_preparing_payables_twice_at_once_makes_each_payable_once():
    coordinators, program = _world()

    def prepare(i: int) -> costs.PrepareResult:
        actor, fresh = _fresh(i, coordinators, program)
        return costs.payables_prepare(actor=actor, program=fresh, year=2026)

    results = run_at_once(prepare, 2)

    assert all(isinstance(r, costs.PrepareResult) for r in results), results
    assert sum(r.created for r in results) == 18
    assert Payable.objects.filter(kind=PayableKind.HONORARIUM).count() == 9
    assert Payable.objects.filter(kind=PayableKind.COST_SHARE).count() == 9
    assert sum(p.amount for p in Payable.objects.filter(kind=PayableKind.COST_SHARE)) == Decimal("11250.00")


def test_issuing_invoices_twice_at_once_invoices_each_share_once():
    coordinators, program = _world()
    costs.payables_prepare(actor=coordinators[0], program=program, year=2026)

    def issue(i: int) -> list[CostInvoice]:
        actor, fresh = _fresh(i, coordinators, program)
        return costs.invoices_issue(actor=actor, program=fresh, year=2026)

    results = run_at_once(issue, 2)

    issued = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(issued) == 1 and len(refused) == 1, results
    assert refused[0].field == "year"
    # Three boards and three individuals: six invoices, numbered once each.
    numbers = sorted(CostInvoice.objects.values_list("number", flat=True))
    assert numbers == [f"OPSOA-2026-{n:04d}" for n in range(1, 7)]
    shares = Payable.objects.filter(kind=PayableKind.COST_SHARE)
    assert set(shares.values_list("status", flat=True)) == {PayableStatus.INVOICED}
    assert shares.filter(invoice__isnull=True).count() == 0
    assert sum(i.total for i in CostInvoice.objects.all()) == Decimal("11250.00")
