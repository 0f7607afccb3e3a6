"""Reads of registrations and money, scoped to what the user may see.

Balances are derived from the Payment and Refund rows, never stored. Lists annotate the sums
in the same query (`with_money`), so a page of registrations costs one query whatever its size.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Credential, CredentialStatus
from mentorweb.core.money import ZERO, cad
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships, get_organization_for_user
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.programs.policies import refund_for
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import (
    Invoice,
    Payment,
    PaymentStatus,
    Refund,
    RefundStatus,
    Registration,
    RegistrationStatus,
)

MONEY_FIELD = DecimalField(max_digits=12, decimal_places=2)
# Refunds that are owed or made: a pending refund is already promised, so it counts against
# what can still be refunded.
COMMITTED_REFUNDS = (RefundStatus.PENDING, RefundStatus.SUCCEEDED)
# Statuses in which nothing is owed: a waitlisted person pays once offered a seat.
OWES_NOTHING = (RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED)
CANCELLABLE = (
    RegistrationStatus.PENDING_PAYMENT,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)
REGISTRATION_RELATED = ("offering__program__organization", "person__user", "credential", "sponsor", "invoice")


def org_today(organization: Organization) -> date:
    """Today's date where the organization is: deadlines and refund tiers are counted in its days."""
    return today_in(organization.time_zone)


# --- money ----------------------------------------------------------------------------------


def _sum_of(model: Any, statuses: tuple[str, ...]) -> Coalesce:
    rows = (
        model.objects.filter(registration=OuterRef("pk"), status__in=statuses)
        .order_by()
        .values("registration")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=MONEY_FIELD), Value(ZERO), output_field=MONEY_FIELD)


def with_money(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Annotate `paid_total` and `refunded_total`, read by amount_paid and amount_refunded."""
    return registrations.annotate(
        paid_total=_sum_of(Payment, (PaymentStatus.SUCCEEDED,)),
        refunded_total=_sum_of(Refund, COMMITTED_REFUNDS),
    )


def amount_paid(registration: Registration) -> Decimal:
    """Succeeded payments."""
    total = getattr(registration, "paid_total", None)
    if total is None:
        total = registration.payments.filter(status=PaymentStatus.SUCCEEDED).aggregate(total=Sum("amount"))["total"]
    return cad(total or ZERO)


def amount_refunded(registration: Registration, *, settled_only: bool = False) -> Decimal:
    """Refunds made, and by default also those still owed (pending), which are already promised.

    `settled_only=True` counts only the money that has actually gone back (for tax receipts).
    """
    if settled_only:
        total = registration.refunds.filter(status=RefundStatus.SUCCEEDED).aggregate(total=Sum("amount"))["total"]
        return cad(total or ZERO)
    total = getattr(registration, "refunded_total", None)
    if total is None:
        total = registration.refunds.filter(status__in=COMMITTED_REFUNDS).aggregate(total=Sum("amount"))["total"]
    return cad(total or ZERO)


def fee_for(registration: Registration) -> Decimal:
    return cad(registration.offering.program.fee)


def balance_due(registration: Registration) -> Decimal:
    """What the candidate still owes: the fee minus what was paid and kept; never negative."""
    if registration.status in OWES_NOTHING:
        return ZERO
    kept = amount_paid(registration) - amount_refunded(registration)
    return max(fee_for(registration) - kept, ZERO)


def refundable_now(registration: Registration) -> Decimal:
    """What cancelling today would refund: the policy's amount, capped at what was paid and not
    yet refunded. Shown to the candidate before they confirm, and used by the cancellation."""
    available = amount_paid(registration) - amount_refunded(registration)
    if available <= ZERO:
        return ZERO
    return min(refund_for(registration.offering, timezone.now()), available)


def credential_ok(registration: Registration) -> bool:
    """The program's admission requirement is met: a credential of the required kind, verified in good standing."""
    kind = registration.offering.program.required_credential_kind
    if not kind:
        return True
    return Credential.objects.filter(
        person_id=registration.person_id, kind=kind, status=CredentialStatus.GOOD_STANDING
    ).exists()


# --- the candidate's own registrations -------------------------------------------------------


def registrations_for_user(user: Any) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return with_money(Registration.objects.filter(person__user=user).select_related(*REGISTRATION_RELATED)).order_by(
        "-registered_at", "-pk"
    )


def get_registration_for_user(user: Any, registration_id: int) -> Registration:
    """The user's own registration; anyone else's is a 404, like one that does not exist."""
    registration = registrations_for_user(user).filter(pk=registration_id).first()
    if registration is None:
        raise Http404
    return registration


def waitlist_ahead(registration: Registration) -> int:
    """How many people are before this one on the waitlist."""
    if registration.waitlist_position is None:
        return 0
    return Registration.objects.filter(
        offering_id=registration.offering_id,
        status=RegistrationStatus.WAITLISTED,
        waitlist_position__lt=registration.waitlist_position,
    ).count()


def get_open_offering(offering_id: int) -> Offering:
    """An offering of a published program, as the catalogue shows it; drafts do not exist for candidates."""
    offering = (
        Offering.objects.select_related("program__organization", "partner_board")
        .prefetch_related("program__refund_tiers")
        .filter(pk=offering_id, program__is_published=True)
        .exclude(status=OfferingStatus.DRAFT)
        .first()
    )
    if offering is None:
        raise Http404
    return offering


def registration_refusal(offering: Offering) -> tuple[str, str] | None:
    """Why registering in this offering is refused today, as (message, code), or None when it is open.

    The deadline is the end of its day in the organization's time zone.
    """
    organization = offering.program.organization
    today = org_today(organization)
    if offering.status != OfferingStatus.OPEN:
        return _("This offering is not open for registration."), "closed"
    if offering.registration_opens and today < offering.registration_opens:
        return (
            _("Registration opens on %(date)s.") % {"date": date_format(offering.registration_opens, "DATE_FORMAT")},
            "not_yet_open",
        )
    if today > offering.registration_deadline:
        return (
            _(
                "Registration closed at the end of the day on %(date)s (%(zone)s time). "
                "Write to the program to ask about a later offering."
            )
            % {"date": date_format(offering.registration_deadline, "DATE_FORMAT"), "zone": organization.time_zone},
            "deadline_passed",
        )
    return None


def sponsor_choices(user: Any) -> list[Organization]:
    """Boards the person belongs to, which may pay for them by purchase order."""
    return [m.organization for m in active_memberships(user) if m.organization.kind == "board"]


# --- staff -------------------------------------------------------------------------------------


def get_offering_for_staff(user: Any, slug: str, offering_id: int, perm: str) -> tuple[Organization, Offering]:
    """The organization's offering: another organization's (or a missing one) is a 404, then a
    page of one's own organization that the role does not open is a 403."""
    organization = get_organization_for_user(user, slug)
    offering = get_offering_in(organization, offering_id)
    if not user.has_perm(perm, organization):
        raise PermissionDenied
    return organization, offering


def get_offering_in(organization: Organization, offering_id: int) -> Offering:
    """One of the organization's offerings, or a 404."""
    offering = (
        Offering.objects.select_related("program__organization")
        .filter(pk=offering_id, program__organization=organization)
        .first()
    )
    if offering is None:
        raise Http404
    return offering


def get_registration_for_staff(user: Any, offering: Offering, registration_id: int) -> Registration:
    registration = (
        with_money(Registration.objects.select_related(*REGISTRATION_RELATED))
        .filter(pk=registration_id, offering=offering)
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def offering_registrations(offering: Offering, *, status: str = "") -> QuerySet[Registration]:
    registrations = with_money(Registration.objects.filter(offering=offering).select_related(*REGISTRATION_RELATED))
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("status", "waitlist_position", "registered_at", "pk")


def offering_invoices(offering: Offering) -> QuerySet[Invoice]:
    return (
        Invoice.objects.filter(registrations__offering=offering)
        .select_related("sponsor")
        .distinct()
        .order_by("-issued_on", "number")
    )


def invoiceable_registrations(offering: Offering) -> QuerySet[Registration]:
    """Sponsored registrations awaiting payment that are on no open invoice."""
    return (
        Registration.objects.filter(offering=offering, status=RegistrationStatus.PENDING_PAYMENT, sponsor__isnull=False)
        .exclude(invoice__status=Invoice.Status.OPEN)
        .select_related("person", "sponsor")
        .order_by("sponsor__name", "person__family_name", "person__given_name", "pk")
    )


def invoice_sponsors(offering: Offering, registrations: list[Registration]) -> list[Organization]:
    """The boards an invoice for this offering can go to: the sponsors of its registrations and its partner board."""
    boards = {r.sponsor.pk: r.sponsor for r in registrations if r.sponsor is not None}
    if offering.partner_board_id is not None and offering.partner_board_id not in boards:
        partner = Organization.objects.filter(pk=offering.partner_board_id).first()
        if partner is not None:
            boards[partner.pk] = partner
    return sorted(boards.values(), key=lambda org: org.name)


def refund_owed_on_cancelling(offering: Offering) -> Decimal:
    """What cancelling the whole offering refunds: everything paid on its live registrations and not yet refunded."""
    live = {"registration__offering": offering, "registration__status__in": CANCELLABLE}
    paid = Payment.objects.filter(status=PaymentStatus.SUCCEEDED, **live).aggregate(total=Sum("amount"))["total"]
    refunded = Refund.objects.filter(status__in=COMMITTED_REFUNDS, **live).aggregate(total=Sum("amount"))["total"]
    return cad((paid or ZERO) - (refunded or ZERO))


def get_invoice_for_staff(user: Any, slug: str, invoice_id: int) -> tuple[Organization, Invoice]:
    organization = get_organization_for_user(user, slug)
    invoice = (
        Invoice.objects.select_related("sponsor", "organization")
        .filter(pk=invoice_id, organization=organization)
        .first()
    )
    if invoice is None:
        raise Http404
    if not user.has_perm("registrations.manage_registrations", organization):
        raise PermissionDenied
    return organization, invoice


def invoice_registrations(invoice: Invoice) -> QuerySet[Registration]:
    return with_money(invoice.registrations.select_related(*REGISTRATION_RELATED)).order_by(
        "person__family_name", "person__given_name", "pk"
    )


def get_refund_for_staff(user: Any, offering: Offering, refund_id: int) -> Refund:
    refund = (
        Refund.objects.select_related("registration", "payment")
        .filter(pk=refund_id, registration__offering=offering)
        .first()
    )
    if refund is None:
        raise Http404
    return refund


def sponsored_registrations(sponsor: Organization) -> QuerySet[Registration]:
    """Registrations a board pays for, across the organizations that run the offerings."""
    return with_money(Registration.objects.filter(sponsor=sponsor).select_related(*REGISTRATION_RELATED)).order_by(
        "-registered_at", "pk"
    )


def get_registration_for_api(user: Any, registration_id: int) -> Registration:
    """For the API: one's own registration, or one of an organization where one manages registrations."""
    registration = (
        with_money(Registration.objects.select_related(*REGISTRATION_RELATED)).filter(pk=registration_id).first()
    )
    if registration is None:
        raise Http404
    if registration.person.user_id == user.pk:
        return registration
    if user.has_perm("registrations.manage_registrations", registration.offering.program.organization):
        return registration
    raise Http404
