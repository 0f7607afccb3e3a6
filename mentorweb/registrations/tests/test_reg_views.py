"""The candidate's and the staff's pages: what they show, what they do, how many queries they run."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from mentorweb.accounts.models import CredentialStatus
from mentorweb.core.models import AuditEntry
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations.formatting import format_cad
from mentorweb.registrations.models import Invoice, Payment, Refund, RefundStatus, Registration, RegistrationStatus
from mentorweb.registrations.services import registration_cancel
from mentorweb.registrations.tests.reg_world import (
    board,
    board_contact,
    candidate,
    mqp,
    pay_offline,
    register,
    toronto,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def staff_url(offering: Offering, rest: str = "") -> str:
    return f"/o/{offering.program.organization.slug}/offerings/{offering.pk}/{rest}"


# --- candidate -------------------------------------------------------------------------------------


def test_the_register_page_shows_the_terms_before_registering(personas):
    offering = mqp(personas.org)
    page = client_for(candidate().user).get(f"/register/{offering.pk}/").content.decode()
    assert "$900.00" in page
    assert "$50.00" in page
    assert "$850.00" in page and "$250.00" in page
    assert "Full payment is required" in page
    # The candidate's number is already on file: they may leave the field empty.
    assert "We have yours (ending in" in page
    assert ">Register</button>" in page


def test_registering_from_the_page(personas):
    offering = mqp(personas.org)
    person = candidate(credential=None)
    client = client_for(person.user)
    response = client.post(f"/register/{offering.pk}/", {"credential_number": "", "notes": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-describedby="id_credential_number_helptext id_credential_number_error"' in page
    response = client.post(f"/register/{offering.pk}/", {"credential_number": "123456", "notes": "Ramp access"})
    registration = Registration.objects.get(person=person)
    assert response["Location"] == f"/me/registrations/{registration.pk}/"
    assert registration.answers == {"notes": "Ramp access"}
    detail = client.get(response["Location"]).content.decode()
    assert "Pay $900.00 by card" in detail
    assert "Not yet verified" in detail


def test_a_full_offering_offers_the_waitlist(personas):
    offering = mqp(personas.org, capacity=1)
    register(offering, candidate())
    client = client_for(candidate().user)
    assert "Join the waitlist" in client.get(f"/register/{offering.pk}/").content.decode()
    response = client.post(f"/register/{offering.pk}/", {"notes": ""}, follow=True)
    page = response.content.decode()
    assert "you are on the waitlist" in page
    assert "0 people are ahead of you" in page


def test_after_the_deadline_the_page_says_so_and_has_no_form(personas):
    offering = mqp(personas.org)
    with time_machine.travel(toronto(2030, 1, 13), tick=False):
        page = client_for(candidate().user).get(f"/register/{offering.pk}/").content.decode()
    assert "Registration closed at the end of the day on" in page
    assert '<form method="post" novalidate' not in page


def test_drafts_and_unpublished_programs_are_not_found(personas):
    draft = mqp(personas.org, status=OfferingStatus.DRAFT)
    client = client_for(candidate().user)
    assert client.get(f"/register/{draft.pk}/").status_code == 404
    offering = mqp(personas.org)
    offering.program.is_published = False
    offering.program.save(update_fields=["is_published"])
    assert client.get(f"/register/{offering.pk}/").status_code == 404


def test_the_registration_page_shows_an_existing_registration(personas):
    offering = mqp(personas.org)
    person = candidate()
    registration = register(offering, person)
    page = client_for(person.user).get(f"/register/{offering.pk}/").content.decode()
    assert f"/me/registrations/{registration.pk}/" in page


def test_my_registrations_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    person = candidate()
    for _ in range(6):
        register(mqp(personas.org), person)
    client = client_for(person.user)
    with django_assert_max_num_queries(12):
        page = client.get("/me/registrations/").content.decode()
    assert page.count("$900.00") == 6


def test_the_cancel_page_shows_the_refund_before_confirming(personas, mailoutbox, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    pay_offline(personas.staff, registration)
    client = client_for(registration.person.user)
    page = client.get(f"/me/registrations/{registration.pk}/cancel/").content.decode()
    assert "you are refunded <strong>$850.00</strong> of the $900.00 you paid" in page
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/me/registrations/{registration.pk}/cancel/", {"reason": "", "idempotency_key": key})
        # The same form sent again (a double click) changes nothing.
        again = client.post(f"/me/registrations/{registration.pk}/cancel/", {"reason": "", "idempotency_key": key})
    assert response.status_code == again.status_code == 302
    assert Refund.objects.filter(registration=registration).count() == 1
    detail = client.get(response["Location"]).content.decode()
    assert "Refund: $850.00" in detail
    assert "To be sent by the program" in detail


def test_accepting_a_seat_offer_from_the_page(personas):
    offering = mqp(personas.org, capacity=1)
    seated = register(offering, candidate())
    waiting = register(offering, candidate())
    registration_cancel(actor=seated.person.user, registration=seated, reason="", idempotency_key="k")
    client = client_for(waiting.person.user)
    assert "Accept the seat" in client.get(f"/me/registrations/{waiting.pk}/").content.decode()
    client.post(f"/me/registrations/{waiting.pk}/offer/", {"choice": "accept"})
    waiting.refresh_from_db()
    assert waiting.status == S.PENDING_PAYMENT


def test_pay_needs_a_post(personas):
    registration = register(mqp(personas.org), candidate())
    assert client_for(registration.person.user).get(f"/me/registrations/{registration.pk}/pay/").status_code == 405


# --- staff -----------------------------------------------------------------------------------------------


def test_the_staff_page_lists_and_filters_in_bounded_queries(personas, django_assert_max_num_queries):
    offering = mqp(personas.org, capacity=4)
    sponsor = board()
    for i in range(6):
        registration = register(offering, candidate(), sponsor=sponsor if i % 2 else None)
        if i == 0:
            pay_offline(personas.staff, registration)
    client = client_for(personas.staff)
    with django_assert_max_num_queries(20):
        page = client.get(staff_url(offering, "registrations/")).content.decode()
    assert "6 registrations" in page
    assert page.count(">Record a payment</a>") == 3
    waitlisted = client.get(staff_url(offering, "registrations/"), {"status": "waitlisted"}).content.decode()
    assert "2 registrations" in waitlisted
    assert "Position 1" in waitlisted
    # A status that does not exist is ignored, not an error.
    assert client.get(staff_url(offering, "registrations/"), {"status": "nonsense"}).status_code == 200


def test_another_organizations_offering_is_a_404_for_staff(personas):
    offering = mqp(personas.other_org)
    assert client_for(personas.staff).get(staff_url(offering, "registrations/")).status_code == 404
    own = mqp(personas.org)
    assert (
        client_for(personas.staff).get(f"/o/{personas.org.slug}/offerings/{offering.pk}/registrations/").status_code
        == 404
    )
    assert client_for(personas.staff).get(staff_url(own, "registrations/")).status_code == 200


def test_recording_a_payment_from_the_page(personas, django_capture_on_commit_callbacks):
    registration = register(mqp(personas.org), candidate())
    client = client_for(personas.staff)
    url = staff_url(registration.offering, f"registrations/{registration.pk}/payment/")
    page = client.get(url).content.decode()
    assert 'value="900.00"' in page
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', page).group(1)
    response = client.post(url, {"amount": "1000", "method": "cheque", "reference": "", "idempotency_key": key})
    assert "more than the $900.00 still owed" in response.content.decode()
    data = {"amount": "900.00", "method": "cheque", "reference": "Cheque 221", "idempotency_key": key}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code in (200, 302)
    assert Payment.objects.filter(registration=registration).count() == 1
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_verifying_a_credential_from_the_page_confirms_a_paid_seat(personas):
    person = candidate(credential=CredentialStatus.DECLARED)
    registration = register(mqp(personas.org), person)
    pay_offline(personas.staff, registration)
    url = staff_url(registration.offering, f"registrations/{registration.pk}/verify/")
    client = client_for(personas.staff)
    assert "•••" in client.get(url).content.decode()
    assert client.post(url, {"status": "good_standing"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert AuditEntry.objects.filter(action="credential.verified").exists()


def test_staff_cancel_shows_the_refund_then_cancels(personas):
    registration = register(mqp(personas.org), candidate())
    pay_offline(personas.staff, registration, "300.00")
    url = staff_url(registration.offering, f"registrations/{registration.pk}/cancel/")
    client = client_for(personas.staff)
    assert "refunds <strong>$300.00</strong> of the $300.00 paid" in client.get(url).content.decode()
    assert client.post(url, {"reason": "Duplicate", "idempotency_key": "abc"}).status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.cancellation_reason) == (S.CANCELLED, "Duplicate")


def test_cancelling_an_offering_asks_first(personas):
    offering = mqp(personas.org)
    registration = register(offering, candidate())
    pay_offline(personas.staff, registration)
    client = client_for(personas.staff)
    page = client.get(staff_url(offering, "cancel-low-enrolment/")).content.decode()
    assert "1 live registration will be cancelled" in page
    assert "$900.00 in all" in page
    client.post(staff_url(offering, "cancel-low-enrolment/"))
    offering.refresh_from_db()
    assert offering.status == OfferingStatus.CANCELLED


def test_a_board_invoice_from_the_pages(personas):
    offering = mqp(personas.org)
    sponsor = board()
    sponsored = [register(offering, candidate(), sponsor=sponsor) for _ in range(2)]
    register(offering, candidate())
    client = client_for(personas.admin)
    page = client.get(staff_url(offering, "invoices/new/")).content.decode()
    assert page.count('name="registrations"') == 2
    response = client.post(
        staff_url(offering, "invoices/new/"),
        {"sponsor": sponsor.pk, "registrations": [r.pk for r in sponsored], "purchase_order": "PO-1"},
    )
    invoice = Invoice.objects.get()
    assert response["Location"] == f"/o/{personas.org.slug}/invoices/{invoice.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "$1,800.00" in page
    client.post(response["Location"], {"reference": "EFT 5"})
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert set(Registration.objects.filter(invoice=invoice).values_list("status", flat=True)) == {S.CONFIRMED}


def test_recording_a_manual_refund_as_sent(personas):
    registration = register(mqp(personas.org), candidate())
    pay_offline(personas.staff, registration)
    registration_cancel(actor=personas.staff, registration=registration, reason="", idempotency_key="k")
    refund = Refund.objects.get()
    client = client_for(personas.staff)
    assert "Refunds to send" in client.get(staff_url(registration.offering, "registrations/")).content.decode()
    client.post(staff_url(registration.offering, f"refunds/{refund.pk}/sent/"), {"reference": "Cheque 9"})
    refund.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED


def test_board_contacts_see_only_their_boards_registrations(personas, django_assert_max_num_queries):
    sponsor, other = board("board-one"), board("board-two")
    offering = mqp(personas.org)
    for _ in range(3):
        register(offering, candidate(), sponsor=sponsor)
    theirs = register(offering, candidate(), sponsor=other)
    client = client_for(board_contact(sponsor))
    with django_assert_max_num_queries(15):
        page = client.get(f"/o/{sponsor.slug}/sponsored-registrations/").content.decode()
    assert "3 sponsored registrations" in page
    assert theirs.person.full_name not in page
    assert client.get(f"/o/{other.slug}/sponsored-registrations/").status_code == 404
    assert "Registrations Board board-one sponsors" in client.get("/").content.decode()


def test_amounts_are_written_the_canadian_way():
    assert format_cad(Decimal("1234.5"), "en") == "$1,234.50"
    assert format_cad(Decimal("1234.5"), "fr") == "1\u00a0234,50\u00a0$"
    assert format_cad("-5", "en") == "-$5.00"
