"""Certificates, tax receipts (generation, idempotence, versions, PDFs, pages) and their jobs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.registrations import tasks
from mentorweb.registrations.documents import certificate_number, certificate_pdf, pdf_text, receipt_pdf
from mentorweb.registrations.models import PaymentMethod, Receipt, RegistrationStatus
from mentorweb.registrations.receipts import receipt_amounts, receipt_generate_for_year, receipt_lines
from mentorweb.registrations.tests.progress_world import TORONTO, attend_all, make_offering, refund, register
from tests.factories import PersonFactory

NOW = "2026-02-01 10:00 +0000"


def at(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TORONTO)


@pytest.fixture
def offering(personas):
    personas.org.short_name = "NLDSB"
    personas.org.save(update_fields=["short_name"])
    return make_offering(personas.org)


def _login(user):
    client = Client()
    client.force_login(user)
    return client


# --- generating receipts ----------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_one_receipt_per_candidate_net_of_refunds_in_the_year(offering, personas):
    alice = register(offering, paid_at=at(2025, 1, 5))
    bob = register(offering, paid_at=at(2025, 1, 6))
    refund(bob, "850.00", at=at(2025, 1, 20))
    late = register(offering, paid_at=at(2026, 1, 3))

    run = receipt_generate_for_year(organization=personas.org, year=2025)

    assert run.as_dict() == {"created": 2, "corrected": 0, "unchanged": 0}
    receipts = {r.person_id: r for r in Receipt.objects.filter(year=2025)}
    assert receipts[alice.person_id].amount == Decimal("900.00")
    assert receipts[bob.person_id].amount == Decimal("50.00")
    assert late.person_id not in receipts
    numbers = sorted(r.number for r in receipts.values())
    assert numbers == ["NLDSB-2025-000001", "NLDSB-2025-000002"]
    assert AuditEntry.objects.filter(action="receipt.issued").count() == 2


@time_machine.travel(NOW, tick=False)
def test_the_year_is_read_in_the_organizations_zone(offering, personas):
    # 8 p.m. on December 31 in Toronto is already January 1 in UTC: it belongs to 2024.
    new_years_eve = register(offering, paid_at=at(2024, 12, 31, 20))
    assert receipt_amounts(organization=personas.org, year=2024) == {new_years_eve.person_id: Decimal("900.00")}
    assert receipt_amounts(organization=personas.org, year=2025) == {}


@time_machine.travel(NOW, tick=False)
def test_board_invoices_are_not_the_candidates_to_claim(offering, personas):
    sponsored = register(offering, paid_at=at(2025, 1, 5), method=PaymentMethod.INVOICE)
    own = register(offering, paid_at=at(2025, 1, 5), method=PaymentMethod.E_TRANSFER)
    assert receipt_amounts(organization=personas.org, year=2025) == {own.person_id: Decimal("900.00")}
    assert sponsored.person_id not in receipt_amounts(organization=personas.org, year=2025)


@time_machine.travel(NOW, tick=False)
def test_generating_again_gives_the_same_receipt(offering, personas):
    alice = register(offering, paid_at=at(2025, 1, 5))
    receipt_generate_for_year(organization=personas.org, year=2025)
    first = Receipt.objects.get(person=alice.person)

    run = receipt_generate_for_year(organization=personas.org, year=2025)

    assert run.as_dict() == {"created": 0, "corrected": 0, "unchanged": 1}
    again = Receipt.objects.get(person=alice.person)
    assert (again.pk, again.number, again.amount, again.issued_at) == (
        first.pk,
        first.number,
        first.amount,
        first.issued_at,
    )


@time_machine.travel(NOW, tick=False)
def test_a_changed_amount_gives_a_new_version_and_new_people_get_the_next_number(offering, personas):
    alice = register(offering, paid_at=at(2025, 1, 5))
    receipt_generate_for_year(organization=personas.org, year=2025)
    refund(alice, "250.00", at=at(2025, 12, 1))
    bob = register(offering, paid_at=at(2025, 3, 1))

    run = receipt_generate_for_year(organization=personas.org, year=2025)

    assert run.as_dict() == {"created": 1, "corrected": 1, "unchanged": 0}
    corrected = Receipt.objects.get(person=alice.person)
    assert (corrected.number, corrected.amount) == ("NLDSB-2025-000001-v2", Decimal("650.00"))
    assert Receipt.objects.get(person=bob.person).number == "NLDSB-2025-000002"
    entry = AuditEntry.objects.get(action="receipt.corrected")
    assert entry.changes["number"] == ["NLDSB-2025-000001", "NLDSB-2025-000001-v2"]
    refund(alice, "100.00", at=at(2025, 12, 2))
    receipt_generate_for_year(organization=personas.org, year=2025)
    assert Receipt.objects.get(person=alice.person).number == "NLDSB-2025-000001-v3"


@time_machine.travel(NOW, tick=False)
def test_receipts_of_one_organization_leave_the_other_alone(offering, personas):
    register(offering, paid_at=at(2025, 1, 5))
    elsewhere = make_offering(personas.other_org, slug="elsewhere")
    register(elsewhere, paid_at=at(2025, 1, 5))
    receipt_generate_for_year(organization=personas.org, year=2025)
    assert list(Receipt.objects.values_list("organization", flat=True)) == [personas.org.pk]


@time_machine.travel(NOW, tick=False)
def test_a_future_or_silly_year_is_refused(personas):
    for year in (2027, 1999):
        with pytest.raises(DomainError) as error:
            receipt_generate_for_year(organization=personas.org, year=year)
        assert error.value.field == "year"


# --- PDFs ---------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_receipt_pdf_names_its_number_amount_and_person(offering, personas):
    alice = register(offering, paid_at=at(2025, 1, 5))
    receipt_generate_for_year(organization=personas.org, year=2025)
    receipt = Receipt.objects.get(person=alice.person)
    content = receipt_pdf(receipt, lines=receipt_lines(receipt), compress=False)
    assert content.startswith(b"%PDF")
    assert receipt.number.encode() in content
    assert b"900.00" in content
    assert pdf_text(alice.person.full_name).encode("latin-1") in content
    # Compressed as served, the number is still in the document's metadata.
    assert receipt.number.encode() in receipt_pdf(receipt, lines=[])


def test_pdf_text_keeps_french_and_makes_punctuation_plain():
    assert pdf_text("Émilie Côté – “MQP” ’25") == 'Émilie Côté - "MQP" \'25'
    assert pdf_text("Dvořák") == "Dvorák"
    assert pdf_text("名") == "?"


@time_machine.travel("2025-03-20 10:00 -0400", tick=False)
def test_certificate_pdf_of_a_completed_candidate(offering, personas):
    registration = register(offering, person=PersonFactory(given_name="Émilie", family_name="Côté"))
    attend_all(registration)
    registration.status = RegistrationStatus.COMPLETED
    registration.completed_at = timezone.now()
    registration.save(update_fields=["status", "completed_at"])
    number = certificate_number(registration)
    assert re.fullmatch(r"NLDSB-C-2025-\d{6}", number)
    content = certificate_pdf(registration, compress=False)
    assert content.startswith(b"%PDF")
    assert number.encode() in content
    assert "Émilie Côté".encode("latin-1") in content
    assert b"Mentoring Qualification Program" in content


# --- pages ----------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_candidate_sees_and_downloads_only_their_receipts(offering, personas):
    alice = register(offering, paid_at=at(2025, 1, 5))
    bob = register(offering, paid_at=at(2025, 1, 5))
    client = _login(alice.person.user)
    page = client.get(reverse("progress:receipts")).content.decode()
    assert "No tax receipt yet" in page
    receipt_generate_for_year(organization=personas.org, year=2025)
    mine = Receipt.objects.get(person=alice.person)
    page = client.get(reverse("progress:receipts")).content.decode()
    assert mine.number in page and "Download the 2025 receipt" in page
    response = client.get(reverse("progress:receipt", kwargs={"receipt_id": mine.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    theirs = Receipt.objects.get(person=bob.person)
    assert client.get(reverse("progress:receipt", kwargs={"receipt_id": theirs.pk})).status_code == 404


@time_machine.travel("2025-03-20 10:00 -0400", tick=False)
def test_certificate_only_once_completed(offering, personas):
    registration = register(offering)
    client = _login(registration.person.user)
    url = reverse("progress:certificate", kwargs={"registration_id": registration.pk})
    assert client.get(url).status_code == 404
    registration.status = RegistrationStatus.COMPLETED
    registration.completed_at = timezone.now()
    registration.save(update_fields=["status", "completed_at"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert _login(personas.member).get(url).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_staff_generate_receipts_on_demand_and_the_page_polls_the_job(
    offering, personas, django_capture_on_commit_callbacks
):
    register(offering, paid_at=at(2025, 1, 5))
    client = _login(personas.staff)
    url = reverse("progress:staff_receipts", kwargs={"slug": personas.org.slug})
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": "2025"})
    assert response.status_code == 302
    job_id = response["Location"].split("job=")[1]
    assert Receipt.objects.filter(year=2025).count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "1 new, 0 corrected, 0 unchanged" in page
    status = client.get(reverse("progress:receipts_job", kwargs={"slug": personas.org.slug, "job_id": job_id}))
    assert status.status_code == 200
    assert "hx-get" not in status.content.decode()  # finished: no more polling
    # Another organization's administrator cannot read this job, even with its id.
    outsider = _login(personas.outsider)
    other_url = reverse("progress:receipts_job", kwargs={"slug": personas.other_org.slug, "job_id": job_id})
    assert outsider.get(other_url).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_a_waiting_job_polls_itself(offering, personas):
    client = _login(personas.staff)
    # Enqueued but not yet run (the transaction is not committed): the page shows it waiting.
    result = tasks.receipts_generate.enqueue(organization_id=personas.org.pk, year=2025)
    HUEY.put_result(
        f"djt.{result.id}",
        {
            "id": result.id,
            "backend": "default",
            "task_path": tasks.receipts_generate.module_path,
            "priority": 0,
            "queue_name": "default",
            "takes_context": False,
            "run_after": None,
            "status": "READY",
            "enqueued_at": None,
            "started_at": None,
            "last_attempted_at": None,
            "finished_at": None,
            "args": [],
            "kwargs": {"organization_id": personas.org.pk, "year": 2025},
            "return_value": None,
            "errors": [],
            "worker_ids": [],
        },
    )
    status = client.get(reverse("progress:receipts_job", kwargs={"slug": personas.org.slug, "job_id": result.id}))
    page = status.content.decode()
    assert "Waiting to start" in page and "hx-get" in page
    HUEY.storage.delete_data(f"djt.{result.id}")


def test_staff_receipts_page_is_for_coordinators(personas):
    url = reverse("progress:staff_receipts", kwargs={"slug": personas.org.slug})
    client = _login(personas.admin)
    assert client.get(url, {"job": "not-a-job"}).status_code == 200
    response = client.post(url, {"year": "next year"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert _login(personas.member).get(url).status_code == 403
    assert _login(personas.outsider).get(url).status_code == 404


# --- jobs ----------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_yearly_job_covers_every_organization_with_fees_and_is_safe_twice(offering, personas):
    register(offering, paid_at=at(2025, 1, 5))
    register(make_offering(personas.other_org, slug="elsewhere"), paid_at=at(2025, 6, 5))
    totals = tasks.receipts_generate_all.call()
    assert totals == {"organizations": 2, "created": 2, "corrected": 0, "unchanged": 0}
    assert tasks.receipts_generate_all.call()["unchanged"] == 2
    assert Receipt.objects.filter(year=2025).count() == 2


def test_yearly_job_runs_on_february_first_and_fifteenth():
    def due(moment):
        return {task.name for task in HUEY.read_periodic(moment)}

    assert "registrations.receipts_yearly" in due(dt.datetime(2026, 2, 1, 10, 0))
    assert "registrations.receipts_yearly" in due(dt.datetime(2026, 2, 15, 10, 0))
    assert "registrations.receipts_yearly" not in due(dt.datetime(2026, 3, 1, 10, 0))
    assert "registrations.receipts_yearly" not in due(dt.datetime(2026, 2, 2, 10, 0))
