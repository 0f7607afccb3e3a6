"""The registrations part of the demo: MQP candidates in every state, on the programs demo's offerings.

It runs after the programs demo (INSTALLED_APPS order: programs, then registrations, then
reports, whose demo adds attendance, completion and tax receipts). The story:

- Winter and Summer 2025 (past, completed offerings) are history, written as rows with the
  dates they happened on (the services rightly refuse registrations after the deadline):
  Jasmine Nakamura completed Winter 2025 (card); Aaliyah Mohamed is confirmed in it (cheque);
  Ravi Dhillon (his board paid on an invoice) and Isabelle Roy (e-transfer) in Summer 2025.
- The upcoming online offering, through the services as the candidates and staff would:
  Sophie Tremblay-Ng registered and has not paid; Mathieu Gagnon paid by e-transfer and waits
  for staff to verify his College registration; Olena Kovalenko paid by card, then cancelled
  and was refunded $850 by the refund policy.
- The board-partnership offering (24 seats) is full: eighteen Kaministiquia River DSB staff
  sponsored by their board on two purchase orders (one paid, so those seats are confirmed;
  one still open), six educators from other boards who paid by card, and Aaliyah Mohamed
  first on the waitlist.

Loading again finds every registration, payment, invoice and refund in place and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F

from mentorweb.accounts.models import Credential, CredentialStatus, Person
from mentorweb.core.audit import audit_record
from mentorweb.organizations.models import Organization
from mentorweb.programs.models import Offering, OfferingStatus, Program
from mentorweb.registrations.models import (
    Invoice,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Refund,
    RefundStatus,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.payments.base import SIGNATURE_HEADER, signature_header
from mentorweb.registrations.payments.refunds import refund_process
from mentorweb.registrations.payments.services import (
    invoice_create,
    invoice_mark_paid,
    payment_record_offline,
    payment_start_card,
)
from mentorweb.registrations.payments.test_provider import event_json
from mentorweb.registrations.payments.webhooks import webhook_receive
from mentorweb.registrations.selectors import balance_due, credential_ok
from mentorweb.registrations.services import (
    registration_cancel,
    registration_create,
    registration_credential_verify,
)

S = RegistrationStatus
ORGANIZATION = "opc"
PROGRAM_SLUG = "mqp"
COORDINATOR = "coordinator.opc@example.org"
PARTNER = "krdsb"

# (offering slug, candidate, status, how they paid, the day they paid, sponsoring board)
PAST = (
    ("winter-2025-online", "candidate.opc@example.org", S.COMPLETED, PaymentMethod.CARD, dt.date(2025, 1, 8), ""),
    ("winter-2025-online", "aaliyah.mohamed@example.org", S.CONFIRMED, PaymentMethod.CHEQUE, dt.date(2025, 1, 6), ""),
    (
        "summer-2025-online",
        "ravi.dhillon@example.org",
        S.CONFIRMED,
        PaymentMethod.INVOICE,
        dt.date(2025, 6, 20),
        "gldsb",
    ),
    ("summer-2025-online", "isabelle.roy@example.org", S.CONFIRMED, PaymentMethod.E_TRANSFER, dt.date(2025, 6, 10), ""),
)

# The upcoming online offering: candidate → what happens to them.
ONLINE = (
    ("sophie.tremblay-ng@example.org", "unpaid"),
    ("mathieu.gagnon@example.org", "paid_unverified"),
    ("olena.kovalenko@example.org", "cancelled_with_refund"),
)

# The board partnership, in the order they registered: the first 24 take the seats.
PARTNER_PAID = (
    "kevin.omalley@example.org",
    "sheila.turcotte@example.org",
    "wei.zhang@example.org",
    "martin.levesque@example.org",
    "aiden.murphy@example.org",
    "leila.rahimi@example.org",
    "tyler.lindqvist@example.org",
    "ben.achterberg@example.org",
    "fatima.diallo@example.org",
    "graham.pelkonen@example.org",
    "heather.lindsay@example.org",
    "omar.farouk@example.org",
)
PARTNER_INVOICED = (
    "joel.kakegamic@example.org",
    "anne-marie.hebert@example.org",
    "steering.mfa@example.org",
    "michael.tran@example.org",
    "desmond.clarke@example.org",
    "diane.sinclair@example.org",
)
OTHER_BOARDS_BY_CARD = (
    "mentee.opsoa@example.org",
    "stephanie.bouchard@example.org",
    "leah.goldberg@example.org",
    "paul.richardson@example.org",
    "yvonne.chung@example.org",
    "sylvie.charbonneau@example.org",
)
WAITLISTED = ("aaliyah.mohamed@example.org",)
PURCHASE_ORDERS = ((PARTNER_PAID, "KRDSB-PO-MQP-01", True), (PARTNER_INVOICED, "KRDSB-PO-MQP-02", False))

# College registration numbers for the people who have none on file yet (invented).
NEW_NUMBERS = {
    email: f"5{index:05d}"
    for index, email in enumerate((*PARTNER_PAID, *PARTNER_INVOICED, *OTHER_BOARDS_BY_CARD), start=1)
}


def load_demo(context: Any) -> None:
    organization = context.organizations.get(ORGANIZATION)
    coordinator = context.people.get(COORDINATOR)
    program = Program.objects.filter(organization=organization, slug=PROGRAM_SLUG).first() if organization else None
    if program is None or coordinator is None:
        return
    demo = _Demo(context, organization, program, coordinator.user)
    for row in PAST:
        demo.past(*row)
    upcoming = program.offerings.filter(status=OfferingStatus.OPEN).select_related("program__organization")
    online = upcoming.filter(partner_board__isnull=True).order_by("start_date").first()
    partnership = upcoming.filter(partner_board__slug=PARTNER).order_by("start_date").first()
    if online is not None:
        for email, plan in ONLINE:
            demo.journey(online, email, plan)
    if partnership is not None:
        board = context.organizations[PARTNER]
        for email in (*PARTNER_PAID, *PARTNER_INVOICED):
            demo.journey(partnership, email, "verified", sponsor=board)
        for email in OTHER_BOARDS_BY_CARD:
            demo.journey(partnership, email, "card")
        for email in WAITLISTED:
            demo.journey(partnership, email, "waitlist")
        for emails, purchase_order, paid in PURCHASE_ORDERS:
            demo.invoice(partnership, board, emails, purchase_order, paid=paid)


class _Demo:
    def __init__(self, context: Any, organization: Organization, program: Program, coordinator: Any) -> None:
        self.context = context
        self.report = context.report
        self.organization = organization
        self.program = program
        self.coordinator = coordinator
        self.zone = zoneinfo.ZoneInfo(organization.time_zone)

    def _person(self, email: str) -> Person | None:
        person: Person | None = self.context.people.get(email)
        return person

    # --- history -----------------------------------------------------------------------------------

    def past(self, slug: str, email: str, status: str, method: str, paid_on: dt.date, sponsor_slug: str) -> None:
        offering = self.program.offerings.filter(slug=slug).first()
        person = self._person(email)
        if offering is None or person is None or Registration.objects.filter(offering=offering, person=person).exists():
            return
        paid_at = dt.datetime.combine(paid_on, dt.time(10, 0), tzinfo=self.zone)
        sponsor = self.context.organizations.get(sponsor_slug) if sponsor_slug else None
        registration = Registration.objects.create(
            offering=offering,
            person=person,
            status=status,
            credential=Credential.objects.filter(person=person, kind=self.program.required_credential_kind).first(),
            sponsor=sponsor,
            confirmed_at=paid_at,
            completed_at=dt.datetime.combine(offering.end_date, dt.time(17, 0), tzinfo=self.zone)
            if status == S.COMPLETED
            else None,
        )
        # History keeps its own dates: registered a few days before paying.
        Registration.objects.filter(pk=registration.pk).update(registered_at=paid_at - dt.timedelta(days=3))
        Offering.objects.filter(pk=offering.pk).update(seats_taken=F("seats_taken") + 1)
        invoice = None
        if method == PaymentMethod.INVOICE and sponsor is not None:
            invoice = Invoice.objects.create(
                organization=self.organization,
                sponsor=sponsor,
                number=f"OPC-{paid_on.year}-H{registration.pk:05d}",
                purchase_order=f"{sponsor.slug.upper()}-PO-{paid_on:%Y%m}",
                status=Invoice.Status.PAID,
                issued_on=paid_on - dt.timedelta(days=18),
                created_by=self.coordinator,
            )
            Registration.objects.filter(pk=registration.pk).update(invoice=invoice)
        card = method == PaymentMethod.CARD
        payment = Payment.objects.create(
            registration=registration,
            invoice=invoice,
            amount=self.program.fee,
            method=method,
            status=PaymentStatus.SUCCEEDED,
            provider="test" if card else "",
            provider_reference=f"pi_test_history_{registration.pk}" if card else None,
            idempotency_key=f"demo-history:{slug}:{email}",
            succeeded_at=paid_at,
            recorded_by=None if card else self.coordinator,
        )
        Payment.objects.filter(pk=payment.pk).update(created_at=paid_at)
        audit_record(
            actor=self.context.actor,
            action="registration.created",
            obj=registration,
            organization=self.organization,
            changes={"status": [None, status], "history": [None, f"paid {paid_on.isoformat()}"]},
        )
        audit_record(
            actor=self.context.actor,
            action="payment.recorded",
            obj=payment,
            organization=self.organization,
            changes={"amount": [None, str(payment.amount)], "method": [None, method]},
        )
        self.report.created["registrations"] += 1
        self.report.created["payments"] += 1

    # --- the upcoming offerings, through the services ---------------------------------------------------

    def journey(self, offering: Offering, email: str, plan: str, *, sponsor: Organization | None = None) -> None:
        person = self._person(email)
        if person is None:
            return
        registration = Registration.objects.filter(offering=offering, person=person).order_by("-pk").first()
        if registration is None:
            has_number = Credential.objects.filter(person=person, kind=self.program.required_credential_kind).exists()
            registration = registration_create(
                actor=person.user,
                offering=offering,
                person=person,
                answers={},
                credential_number=None if has_number else NEW_NUMBERS[email],
                sponsor=sponsor,
            )
            self.report.created["registrations"] += 1
        if plan in ("verified", "card"):
            self._verify(registration)
        if plan == "paid_unverified":
            self._pay_offline(registration, PaymentMethod.E_TRANSFER)
        elif plan in ("card", "cancelled_with_refund"):
            self._pay_by_card(registration)
        if plan == "cancelled_with_refund":
            self._cancel(registration)

    def _verify(self, registration: Registration) -> None:
        if credential_ok(registration):
            return
        registration_credential_verify(
            actor=self.coordinator, registration=registration, status=CredentialStatus.GOOD_STANDING
        )
        self.report.updated["credentials"] += 1

    def _owes(self, registration: Registration) -> bool:
        registration.refresh_from_db()
        return registration.status == S.PENDING_PAYMENT and balance_due(registration) > Decimal("0")

    def _pay_offline(self, registration: Registration, method: str) -> None:
        if not self._owes(registration):
            return
        payment_record_offline(
            actor=self.coordinator,
            registration=registration,
            amount=balance_due(registration),
            method=method,
            reference="Demo e-transfer",
            idempotency_key=f"demo:{registration.offering.slug}:{registration.person.user.email}",
        )
        self.report.created["payments"] += 1

    def _pay_by_card(self, registration: Registration) -> None:
        if not self._owes(registration):
            return
        payment, _checkout = payment_start_card(actor=registration.person.user, registration=registration)
        # The candidate paid with the test card: the provider's signed webhook, received now
        # (by the command, rather than by a job later, so that the demo is complete when it ends).
        body = event_json(reference=payment.provider_reference or "", amount=payment.amount).encode()
        headers = {SIGNATURE_HEADER: signature_header(settings.PAYMENT_WEBHOOK_SECRET, body)}
        webhook_receive(provider_name="test", body=body, headers=headers)
        self.report.created["payments"] += 1

    def _cancel(self, registration: Registration) -> None:
        registration.refresh_from_db()
        if registration.status != S.CANCELLED:
            registration_cancel(
                actor=registration.person.user,
                registration=registration,
                reason="Moving to British Columbia",
                idempotency_key=f"demo-cancel-{registration.pk}",
            )
            self.report.updated["registrations"] += 1
        # The provider's refund, which the job queue would do after the commit, done now for the demo.
        for refund in Refund.objects.filter(
            registration=registration, status=RefundStatus.PENDING, payment__method="card"
        ):
            refund_process(refund=refund)
            self.report.created["refunds"] += 1

    def invoice(
        self, offering: Offering, board: Organization, emails: tuple[str, ...], purchase_order: str, *, paid: bool
    ) -> None:
        invoice = Invoice.objects.filter(
            organization=self.organization, sponsor=board, purchase_order=purchase_order
        ).first()
        if invoice is None:
            owing = [
                r
                for r in Registration.objects.filter(
                    offering=offering, person__user__email__in=emails, invoice__isnull=True
                ).select_related("offering__program", "person")
                if r.status == S.PENDING_PAYMENT and balance_due(r) > 0
            ]
            if not owing:
                return
            invoice = invoice_create(
                actor=self.coordinator,
                organization=self.organization,
                sponsor=board,
                registrations=owing,
                purchase_order=purchase_order,
            )
            self.report.created["invoices"] += 1
        if paid and invoice.status == Invoice.Status.OPEN:
            invoice_mark_paid(actor=self.coordinator, invoice=invoice, reference=f"EFT {purchase_order}")
            self.report.updated["invoices"] += 1
