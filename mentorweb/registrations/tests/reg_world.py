"""Helpers for the registration tests: an MQP-like course in the personas' organization,
candidates with or without a credential, and the steps of the journey through the services."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from decimal import Decimal
from typing import Any

from django.test import Client

from mentorweb.accounts.models import Credential, CredentialStatus, Person
from mentorweb.organizations.models import Organization, OrganizationKind, StaffRole
from mentorweb.programs.models import Offering
from mentorweb.programs.tests.factories import course_with_offering
from mentorweb.registrations.models import Payment, PaymentMethod, Registration
from mentorweb.registrations.payments.base import SIGNATURE_HEADER, signature_header
from mentorweb.registrations.payments.services import payment_record_offline, payment_start_card
from mentorweb.registrations.services import registration_create
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory

TORONTO = zoneinfo.ZoneInfo("America/Toronto")
WEBHOOK_SECRET = "local-development-webhook-secret"


def toronto(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TORONTO)


def mqp(organization: Organization, *, credential: bool = True, **offering_fields: Any) -> Offering:
    """The MQP: $900 with $50 non-refundable, tiers 850 / 250 / 0, starting 26 January 2030,
    registration until 12 January 2030, an OCT registration in good standing required."""
    offering = course_with_offering(organization, **offering_fields)
    if credential:
        offering.program.required_credential_kind = "oct"
        offering.program.save(update_fields=["required_credential_kind"])
    return offering


def candidate(
    organization: Organization | None = None, *, credential: str | None = CredentialStatus.GOOD_STANDING
) -> Person:
    """A person (a member of `organization` when given) with an OCT registration in that status."""
    person = MembershipFactory(organization=organization).person if organization is not None else PersonFactory()
    if credential is not None:
        Credential.objects.create(
            person=person,
            kind="oct",
            number=f"9{person.pk:06d}",
            status=credential,
            verified_at=None if credential == CredentialStatus.DECLARED else dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        )
    return person


def board(slug: str = "lakeshore-board") -> Organization:
    return OrganizationFactory(slug=slug, name=f"Board {slug}", kind=OrganizationKind.BOARD)


def board_contact(sponsor: Organization) -> Any:
    from tests.factories import enrol_totp

    user = MembershipFactory(organization=sponsor, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(user)
    return user


def register(offering: Offering, person: Person, **kwargs: Any) -> Registration:
    kwargs.setdefault("answers", {})
    return registration_create(actor=person.user, offering=offering, person=person, **kwargs)


def pay_offline(staff: Any, registration: Registration, amount: str | Decimal = "900.00", **kwargs: Any) -> Payment:
    kwargs.setdefault("method", PaymentMethod.CHEQUE)
    return payment_record_offline(actor=staff, registration=registration, amount=Decimal(amount), **kwargs)


def start_card_payment(registration: Registration) -> tuple[Payment, str]:
    return payment_start_card(actor=registration.person.user, registration=registration)


def event_body(reference: str, amount_cents: int, kind: str = "payment_intent.succeeded") -> bytes:
    event = {
        "id": "evt_test_1",
        "type": kind,
        "created": 1,
        "data": {"object": {"id": reference, "amount": amount_cents, "currency": "cad", "last_error": None}},
    }
    return json.dumps(event).encode()


def post_webhook(body: bytes, *, header: str | None = None, provider: str = "test") -> Any:
    header = header if header is not None else signature_header(WEBHOOK_SECRET, body)
    return Client().post(
        f"/payments/webhook/{provider}/",
        data=body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: header},
    )


def matrix_ids(personas: Any) -> dict[str, Any]:
    """The rows whose ids go into the registration URLs of the permission matrix
    (tests/test_permission_matrix.py): an MQP offering of the personas' organization, the
    member's registration in it with a card payment opened, a refund and a board invoice."""
    from mentorweb.registrations.models import Invoice, Refund, RegistrationStatus

    offering = mqp(personas.org)
    person = personas.member.person
    # The matrix's world may already have declared the member's registration number.
    credential, _created = Credential.objects.get_or_create(person=person, kind="oct", defaults={"number": "4455668"})
    registration = Registration.objects.create(
        offering=offering, person=person, status=RegistrationStatus.PENDING_PAYMENT, credential=credential
    )
    Offering.objects.filter(pk=offering.pk).update(seats_taken=1)
    _payment, checkout_url = start_card_payment(registration)
    paid = Payment.objects.create(
        registration=registration,
        amount=Decimal("100.00"),
        method=PaymentMethod.CHEQUE,
        status="succeeded",
        idempotency_key="matrix-cheque",
    )
    refund = Refund.objects.create(
        registration=registration, payment=paid, amount=Decimal("50.00"), reason="matrix", idempotency_key="matrix"
    )
    invoice = Invoice.objects.create(
        organization=personas.org, sponsor=board("matrix-board"), number="MATRIX-1", issued_on=dt.date(2030, 1, 2)
    )
    return {
        "offering": offering.pk,
        "registration": registration.pk,
        "checkout": checkout_url.rstrip("/").rsplit("/", 1)[1],
        "refund": refund.pk,
        "invoice": invoice.pk,
    }


def api_matrix_ids(personas: Any) -> dict[str, Any]:
    """Ids for the API permission matrix: the member's registration in one MQP offering of the
    personas' organization, and a second open offering for registering into."""
    from mentorweb.registrations.models import RegistrationStatus

    offering = mqp(personas.org)
    person = personas.member.person
    credential, _created = Credential.objects.get_or_create(person=person, kind="oct", defaults={"number": "4455669"})
    registration = Registration.objects.create(
        offering=offering, person=person, status=RegistrationStatus.PENDING_PAYMENT, credential=credential
    )
    Offering.objects.filter(pk=offering.pk).update(seats_taken=1)
    return {"offering_id": offering.pk, "registration_id": registration.pk, "open_offering_id": mqp(personas.org).pk}
