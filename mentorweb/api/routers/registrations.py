"""Registrations, payments and refunds: the same services and rules as the pages.

A candidate sees and cancels their own registrations; administrators and coordinators of the
organization that runs the offering see every registration of it and record offline payments.
Anyone else's registration is a 404.

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StringConstraints, field_validator

from mentorweb.accounts.services import person_ensure_for_user
from mentorweb.api.common import MAX_ID, InputSchema, ObjectId, Pagination, Slug, Text, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.api.schemas import FilterSchema, RegistrationRefsOut
from mentorweb.core.errors import DomainError
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.registrations import selectors, services
from mentorweb.registrations.models import Payment, Refund, Registration, RegistrationStatus
from mentorweb.registrations.payments.services import payment_record_offline

router = Router(tags=["registrations"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
MANAGE = "registrations.manage_registrations"
# An idempotency key: printable ASCII without spaces, as clients usually make them (UUIDs).
IdempotencyKey = Annotated[str, Header(alias="Idempotency-Key", min_length=1, max_length=64, pattern=r"^[!-~]+$")]
Money = Annotated[Decimal, Field(gt=0, lt=Decimal("1e10"), max_digits=12, decimal_places=2)]


class RegistrationOut(RegistrationRefsOut):
    id: int
    offering_id: int
    offering: str
    program: str
    organization: str
    candidate: str
    email: str
    status: str
    waitlist_position: int | None
    offer_expires_at: datetime | None
    registered_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    sponsor: str | None
    fee: Decimal
    amount_paid: Decimal
    amount_refunded: Decimal
    balance_due: Decimal

    # Read from the registration as the selectors return it (offering, program, person and
    # money sums loaded in the same query), so a page of them costs no query per row.
    @staticmethod
    def resolve_candidate(obj: Registration) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_sponsor(obj: Registration) -> str | None:
        return obj.sponsor.slug if obj.sponsor else None

    @staticmethod
    def resolve_fee(obj: Registration) -> Decimal:
        return selectors.fee_for(obj)

    @staticmethod
    def resolve_amount_paid(obj: Registration) -> Decimal:
        return selectors.amount_paid(obj)

    @staticmethod
    def resolve_amount_refunded(obj: Registration) -> Decimal:
        return selectors.amount_refunded(obj)

    @staticmethod
    def resolve_balance_due(obj: Registration) -> Decimal:
        return selectors.balance_due(obj)


class PaymentOut(Schema):
    id: int
    amount: Decimal
    method: str
    status: str
    reference: str
    created_at: datetime
    succeeded_at: datetime | None
    failure_reason: str


class RefundOut(Schema):
    id: int
    amount: Decimal
    status: str
    reason: str
    created_at: datetime
    processed_at: datetime | None


class RegistrationCreate(InputSchema):
    offering_id: int = Field(ge=1, le=MAX_ID)
    answers: dict[
        Annotated[Text, StringConstraints(max_length=60)], Annotated[Text, StringConstraints(max_length=2000)]
    ] = Field(default_factory=dict, max_length=20)
    credential_number: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    sponsor: Annotated[Text, StringConstraints(max_length=60, pattern=r"^[-a-zA-Z0-9_]+$")] | None = Field(
        None, description="Address name (slug) of a school board you belong to that pays by purchase order"
    )


class RegistrationCancel(InputSchema):
    reason: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class OfflinePaymentIn(InputSchema):
    amount: Money
    method: Literal["cheque", "e_transfer", "invoice"]
    reference: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    idempotency_key: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[!-~]+$")] | None = None

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError(_("must be a number"))
        return value


class RegistrationFilters(FilterSchema):
    status: RegistrationStatus | None = None


def _fresh(registration_id: int, request: HttpRequest) -> Registration:
    return selectors.get_registration_for_api(request.user, registration_id)


@router.get("/registrations", response=list[RegistrationOut], summary="My registrations")
@paginate(Pagination)
def registrations_mine(request: HttpRequest) -> QuerySet[Registration]:
    return selectors.registrations_for_user(request.user)


@router.post(
    "/registrations", response={201: RegistrationOut, **WRITE_ERRORS}, summary="Register myself in an offering"
)
def registration_create(request: HttpRequest, payload: RegistrationCreate) -> Status[Registration]:
    offering = selectors.get_open_offering(payload.offering_id)
    sponsor = None
    if payload.sponsor:
        sponsor = next((org for org in selectors.sponsor_choices(request.user) if org.slug == payload.sponsor), None)
        if sponsor is None:
            raise DomainError(_("Choose a school board you belong to."), field="sponsor")
    registration = services.registration_create(
        actor=request.user,
        offering=offering,
        person=person_ensure_for_user(user=request.user),  # type: ignore[arg-type]
        answers=payload.answers,
        credential_number=payload.credential_number or None,
        sponsor=sponsor,
    )
    return Status(201, _fresh(registration.pk, request))


@router.get(
    "/registrations/{registration_id}",
    response={200: RegistrationOut, **READ_ERRORS},
    summary="One registration (mine, or staff of its organization)",
)
def registration_get(request: HttpRequest, registration_id: ObjectId) -> Registration:
    return _fresh(registration_id, request)


@router.post(
    "/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, **WRITE_ERRORS},
    summary="Cancel a registration; refunds by the policy. Send an Idempotency-Key: a retry refunds nothing more",
)
def registration_cancel(
    request: HttpRequest, registration_id: ObjectId, payload: RegistrationCancel, idempotency_key: IdempotencyKey
) -> Registration:
    registration = selectors.get_registration_for_api(request.user, registration_id)
    services.registration_cancel(
        actor=request.user, registration=registration, reason=payload.reason, idempotency_key=idempotency_key
    )
    return _fresh(registration_id, request)


@router.get(
    "/registrations/{registration_id}/payments",
    response={200: list[PaymentOut], **READ_ERRORS},
    summary="Payments of a registration",
)
def registration_payments(request: HttpRequest, registration_id: ObjectId) -> QuerySet[Payment]:
    registration = selectors.get_registration_for_api(request.user, registration_id)
    return registration.payments.order_by("created_at", "pk")


@router.post(
    "/registrations/{registration_id}/payments",
    response={201: PaymentOut, **WRITE_ERRORS},
    summary="Record a cheque, e-transfer or board payment (administrators and coordinators)",
)
def registration_payment_record(
    request: HttpRequest, registration_id: ObjectId, payload: OfflinePaymentIn
) -> Status[Payment]:
    registration = selectors.get_registration_for_api(request.user, registration_id)
    require_perm(request, MANAGE, registration.offering.program.organization)
    payment = payment_record_offline(actor=request.user, registration=registration, **payload.model_dump())
    return Status(201, payment)


@router.get(
    "/registrations/{registration_id}/refunds",
    response={200: list[RefundOut], **READ_ERRORS},
    summary="Refunds of a registration",
)
def registration_refunds(request: HttpRequest, registration_id: ObjectId) -> QuerySet[Refund]:
    registration = selectors.get_registration_for_api(request.user, registration_id)
    return registration.refunds.order_by("created_at", "pk")


@router.get(
    "/organizations/{slug}/offerings/{offering_id}/registrations",
    response={200: list[RegistrationOut], **READ_ERRORS},
    summary="Registrations of an offering (administrators and coordinators)",
)
@paginate(Pagination)
def offering_registrations(
    request: HttpRequest, slug: Slug, offering_id: ObjectId, filters: Query[RegistrationFilters]
) -> QuerySet[Registration]:
    organization = get_organization_for_user(request.user, slug)
    offering = selectors.get_offering_in(organization, offering_id)
    require_perm(request, MANAGE, organization)
    return selectors.offering_registrations(offering, status=filters.status or "")
