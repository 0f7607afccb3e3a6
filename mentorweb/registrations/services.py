"""Every change to a registration: registering, the waitlist, confirmation, cancellation.

Seats are counted on the offering (`seats_taken`) and changed only by the conditional UPDATEs
of seats.py, so the database refuses to go over capacity whatever the concurrency. Status changes are conditional UPDATEs on the old status: of two requests racing to
make the same change, one changes the row and the other sees that it did nothing.

Payments, invoices and refunds are in payments/services.py and payments/refunds.py.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.accounts.models import Credential, CredentialStatus, Person
from mentorweb.accounts.services import credential_declare, credential_verify
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.core.money import ZERO
from mentorweb.organizations.models import Membership, Organization, OrganizationKind
from mentorweb.organizations.services import membership_credential_verify
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations import emails
from mentorweb.registrations.models import SEAT_HOLDING, Registration, RegistrationStatus
from mentorweb.registrations.payments.refunds import refunds_create
from mentorweb.registrations.seats import offer_next_seat, release_seat, take_seat
from mentorweb.registrations.selectors import (
    CANCELLABLE,
    amount_paid,
    amount_refunded,
    balance_due,
    credential_ok,
    refundable_now,
    registration_refusal,
)

S = RegistrationStatus
MAX_ANSWERS = 20
MAX_ANSWER_LENGTH = 2000
BARRED = (CredentialStatus.SUSPENDED, CredentialStatus.REVOKED, CredentialStatus.EXPIRED)


def _organization_of(offering: Offering) -> Organization:
    return offering.program.organization


def _may_manage(actor: Any, organization: Organization) -> bool:
    return bool(actor is not None and actor.has_perm("registrations.manage_registrations", organization))


def _require_owner_or_staff(actor: Any, registration: Registration) -> None:
    if registration.person.user_id != getattr(actor, "pk", None) and not _may_manage(
        actor, _organization_of(registration.offering)
    ):
        raise DomainError(_("You cannot change someone else's registration."), code="forbidden")


def lock_registration(registration_id: int) -> Registration:
    """The registration, locked until the end of the transaction, with what the rules read.

    Only the registration row is locked (`of`): PostgreSQL refuses to lock the nullable side
    of the joins, and the offering is changed by conditional UPDATEs anyway.
    """
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("offering__program__organization", "person__user")
        .get(pk=registration_id)
    )


# --- registering ---------------------------------------------------------------------------------


def _clean_answers(answers: Any) -> dict[str, str]:
    if answers is None:
        return {}
    if not isinstance(answers, dict) or len(answers) > MAX_ANSWERS:
        raise DomainError(
            _("The answers must be at most %(count)s named texts.") % {"count": MAX_ANSWERS}, field="answers"
        )
    cleaned: dict[str, str] = {}
    for key, value in answers.items():
        if not isinstance(key, str) or not isinstance(value, str) or len(key) > 60 or len(value) > MAX_ANSWER_LENGTH:
            raise DomainError(
                _("Each answer must be a text of at most %(length)s characters.") % {"length": MAX_ANSWER_LENGTH},
                field="answers",
            )
        cleaned[key] = value.strip()
    return cleaned


def _check_open(offering: Offering) -> None:
    refusal = registration_refusal(offering)
    if refusal is not None:
        message, code = refusal
        raise DomainError(message, field="offering", code=code)


def _credential_for(*, actor: Any, person: Person, kind: str, number: str | None) -> Credential:
    """The candidate's credential of the required kind, declared now if a number is given."""
    if number:
        try:
            credential = credential_declare(actor=actor, person=person, kind=kind, number=number)
        except DomainError as error:
            raise DomainError(error.message, field="credential_number") from error
    else:
        found = Credential.objects.filter(person=person, kind=kind).first()
        if found is None:
            raise DomainError(_("This program requires a registration number; enter yours."), field="credential_number")
        credential = found
    if credential.status in BARRED:
        raise DomainError(
            _(
                "Your registration is recorded as “%(status)s”. This program admits candidates whose "
                "registration is in good standing only."
            )
            % {"status": credential.get_status_display()},
            field="credential_number",
            code="ineligible",
        )
    return credential


def registration_create(
    *,
    actor: Any,
    offering: Offering,
    person: Person,
    answers: dict[str, Any] | None,
    credential_number: str | None = None,
    sponsor: Organization | None = None,
) -> Registration:
    """Register a person: a seat while there is one (awaiting payment), else the waitlist."""
    organization = _organization_of(offering)
    if person.user_id != getattr(actor, "pk", None) and not _may_manage(actor, organization):
        raise DomainError(_("You can only register yourself."), code="forbidden")
    _check_open(offering)
    cleaned = _clean_answers(answers)
    if sponsor is not None and (sponsor.kind != OrganizationKind.BOARD or sponsor.pk == organization.pk):
        raise DomainError(_("Choose a school board as the sponsor."), field="sponsor")
    if Registration.objects.filter(offering=offering, person=person).exclude(status=S.CANCELLED).exists():
        raise DomainError(_("You are already registered in this offering."), field="offering", code="duplicate")
    program = offering.program
    try:
        with transaction.atomic():
            credential = None
            if program.required_credential_kind:
                credential = _credential_for(
                    actor=actor, person=person, kind=program.required_credential_kind, number=credential_number
                )
            status, position = S.PENDING_PAYMENT, None
            if not take_seat(offering):
                # Full: lock the offering so that waitlist positions are handed out one at a
                # time, then try once more, since a seat may have been freed while we waited.
                Offering.objects.select_for_update().get(pk=offering.pk)
                if not take_seat(offering):
                    status = S.WAITLISTED
                    last = Registration.objects.filter(offering=offering).aggregate(last=Max("waitlist_position"))
                    position = (last["last"] or 0) + 1
            registration = Registration.objects.create(
                offering=offering,
                person=person,
                status=status,
                answers=cleaned,
                credential=credential,
                sponsor=sponsor,
                waitlist_position=position,
            )
            audit_record(
                actor=actor,
                action="registration.created",
                obj=registration,
                organization=organization,
                changes={
                    "status": [None, status],
                    "waitlist_position": [None, position],
                    "sponsor": [None, sponsor.pk if sponsor else None],
                },
            )
            if status == S.WAITLISTED:
                emails.send_waitlisted(registration)
            elif not registration_confirm_if_ready(actor=actor, registration=registration):
                emails.send_received(registration, owed=balance_due(registration))
    except IntegrityError as error:
        # The partial unique constraint is the truth: a second request for the same person
        # and offering, at the same moment, ends here.
        raise DomainError(
            _("You are already registered in this offering."), field="offering", code="duplicate"
        ) from error
    return registration


# --- confirmation ---------------------------------------------------------------------------------


def registration_confirm_if_ready(*, actor: Any, registration: Registration) -> bool:
    """Confirm a registration awaiting payment once the fee is paid in full and the admission
    credential is verified in good standing. True when this call confirmed it (and then the
    instance given shows it)."""
    given = registration
    registration = Registration.objects.select_related("offering__program__organization", "person__user").get(
        pk=registration.pk
    )
    if registration.status != S.PENDING_PAYMENT:
        return False
    program = registration.offering.program
    # A program may confirm before payment (full_payment_confirms off); the MQP does not.
    if program.full_payment_confirms and balance_due(registration) > ZERO:
        return False
    if not credential_ok(registration):
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = Registration.objects.filter(pk=registration.pk, status=S.PENDING_PAYMENT).update(
            status=S.CONFIRMED, confirmed_at=now
        )
        if not updated:
            return False
        registration.status, registration.confirmed_at = S.CONFIRMED, now
        given.status, given.confirmed_at = S.CONFIRMED, now
        audit_record(
            actor=actor,
            action="registration.confirmed",
            obj=registration,
            organization=program.organization,
            changes={"status": [S.PENDING_PAYMENT, S.CONFIRMED]},
        )
        emails.send_confirmed(registration)
    return True


def registrations_confirm_for_person(*, actor: Any, person_id: int) -> int:
    """Confirm whatever a person's newly verified credential was holding back."""
    confirmed = 0
    for registration in Registration.objects.filter(person_id=person_id, status=S.PENDING_PAYMENT):
        confirmed += registration_confirm_if_ready(actor=actor, registration=registration)
    return confirmed


def registration_credential_verify(*, actor: Any, registration: Registration, status: str) -> Credential:
    """Record what the professional register shows for the candidate's credential, then
    confirm the registration if that was all it waited for.

    For a member of the organization it goes through the membership service, so the
    organization's own trail shows it too; for anyone else through the accounts service.
    """
    organization = _organization_of(registration.offering)
    if not _may_manage(actor, organization):
        raise DomainError(_("Only administrators and coordinators can record a verification."), code="forbidden")
    kind = registration.offering.program.required_credential_kind
    credential = Credential.objects.filter(person_id=registration.person_id, kind=kind).first() if kind else None
    if credential is None:
        raise DomainError(_("The candidate has not declared the required credential."), field="status")
    with transaction.atomic():
        membership = Membership.objects.filter(
            person_id=registration.person_id, organization=organization, deactivated_at__isnull=True
        ).first()
        if membership is not None:
            membership.organization = organization
            credential = membership_credential_verify(
                actor=actor, membership=membership, credential=credential, status=status
            )
        else:
            credential = credential_verify(actor=actor, credential=credential, status=status)
        registration_confirm_if_ready(actor=actor, registration=registration)
    return credential


# --- the waitlist ---------------------------------------------------------------------------------


def registration_offer_accept(*, actor: Any, registration: Registration) -> Registration:
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the person offered the seat can accept it."), code="forbidden")
    with transaction.atomic():
        updated = Registration.objects.filter(
            pk=registration.pk, status=S.OFFERED, offer_expires_at__gt=timezone.now()
        ).update(status=S.PENDING_PAYMENT, offer_expires_at=None)
        if not updated:
            raise DomainError(_("This seat offer is no longer open."), code="conflict")
        registration = Registration.objects.select_related("offering__program__organization", "person__user").get(
            pk=registration.pk
        )
        audit_record(
            actor=actor,
            action="registration.offer_accepted",
            obj=registration,
            organization=_organization_of(registration.offering),
            changes={"status": [S.OFFERED, S.PENDING_PAYMENT]},
        )
        if not registration_confirm_if_ready(actor=actor, registration=registration):
            emails.send_received(registration, owed=balance_due(registration))
    return registration


def _end_offer(*, actor: Any, registration: Registration, reason: str, action: str, expired: bool) -> bool:
    condition: dict[str, Any] = {"pk": registration.pk, "status": S.OFFERED}
    if expired:
        condition["offer_expires_at__lte"] = timezone.now()
    with transaction.atomic():
        updated = Registration.objects.filter(**condition).update(
            status=S.CANCELLED, cancelled_at=timezone.now(), cancellation_reason=reason, offer_expires_at=None
        )
        if not updated:
            return False
        offering = registration.offering
        release_seat(offering)
        registration.status = S.CANCELLED
        audit_record(
            actor=actor,
            action=action,
            obj=registration,
            organization=_organization_of(offering),
            changes={"status": [S.OFFERED, S.CANCELLED]},
        )
        if expired:
            emails.send_offer_expired(registration)
        offer_next_seat(actor=actor, offering=offering)
    return True


def registration_offer_decline(*, actor: Any, registration: Registration) -> Registration:
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the person offered the seat can decline it."), code="forbidden")
    if not _end_offer(
        actor=actor,
        registration=registration,
        reason=_("Declined the seat offered from the waitlist"),
        action="registration.offer_declined",
        expired=False,
    ):
        raise DomainError(_("This seat offer is no longer open."), code="conflict")
    return registration


def registrations_expire_offers(*, actor: Any = None) -> int:
    """End the seat offers whose time ran out and offer each seat to the next person (a job)."""
    expired = 0
    due = Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=timezone.now()).select_related(
        "offering__program__organization", "person__user"
    )
    for registration in due:
        expired += _end_offer(
            actor=actor,
            registration=registration,
            reason=_("The seat offer expired"),
            action="registration.offer_expired",
            expired=True,
        )
    return expired


# --- cancellation -------------------------------------------------------------------------------


def _cancelled_with_key(registration: Registration, key: str) -> bool:
    return AuditEntry.objects.filter(
        action__in=("registration.cancelled", "registration.cancelled_low_enrolment"),
        object_type="registrations.registration",
        object_id=str(registration.pk),
        changes__idempotency_key=[None, key],
    ).exists()


def _clean_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 64 or not key.isprintable():
        raise DomainError(_("Send an idempotency key of 1 to 64 printable characters."), field="idempotency_key")
    return key


def registration_cancel(*, actor: Any, registration: Registration, reason: str, idempotency_key: str) -> Registration:
    """Cancel, refund by the policy (capped at what was paid) and free the seat for the waitlist.

    A repeated request with the same idempotency key returns the cancelled registration and
    refunds nothing more; the row lock and the conditional UPDATE make sure that, whatever the
    keys, only one request ever cancels and refunds.
    """
    _require_owner_or_staff(actor, registration)
    key = _clean_key(idempotency_key)
    reason = " ".join((reason or "").split())
    if len(reason) > 200:
        raise DomainError(_("Give a reason of at most 200 characters."), field="reason")
    with transaction.atomic():
        registration = lock_registration(registration.pk)
        if registration.status == S.CANCELLED:
            if _cancelled_with_key(registration, key):
                return registration
            raise DomainError(_("This registration is already cancelled."), code="conflict")
        if registration.status not in CANCELLABLE:
            raise DomainError(_("A completed registration cannot be cancelled."), code="conflict")
        old = registration.status
        refund = refundable_now(registration)
        now = timezone.now()
        by_staff = registration.person.user_id != actor.pk
        updated = Registration.objects.filter(pk=registration.pk, status=old).update(
            status=S.CANCELLED,
            cancelled_at=now,
            cancelled_by=actor,
            cancellation_reason=reason,
            waitlist_position=None,
            offer_expires_at=None,
        )
        if not updated:
            raise DomainError(_("This registration is already cancelled."), code="conflict")
        registration.status, registration.cancelled_at, registration.cancellation_reason = S.CANCELLED, now, reason
        registration.waitlist_position = None
        organization = _organization_of(registration.offering)
        refunds = refunds_create(
            actor=actor,
            registration=registration,
            amount=refund,
            base_key=f"cancel:{key}",
            reason=reason or _("Cancelled"),
        )
        audit_record(
            actor=actor,
            action="registration.cancelled",
            obj=registration,
            organization=organization,
            changes={"status": [old, S.CANCELLED], "refund": [None, str(refund)], "idempotency_key": [None, key]},
        )
        if old in SEAT_HOLDING:
            release_seat(registration.offering)
            offer_next_seat(actor=actor, offering=registration.offering)
        manual = any(r.payment is not None and r.payment.method != "card" for r in refunds)
        emails.send_cancelled(registration, refund=refund, manual=manual, by_staff=by_staff)
    return registration


def offering_cancel_for_low_enrolment(*, actor: Any, offering: Offering) -> int:
    """Cancel the offering and every registration in it, refunding in full what each one paid,
    the non-refundable part included. Returns the number of registrations cancelled."""
    organization = _organization_of(offering)
    if not _may_manage(actor, organization):
        raise DomainError(_("Only administrators and coordinators can cancel an offering."), code="forbidden")
    minimum = offering.program.minimum_enrolment
    with transaction.atomic():
        enrolled = Registration.objects.filter(offering=offering, status__in=SEAT_HOLDING).count()
        if minimum and enrolled >= minimum:
            raise DomainError(
                ngettext(
                    "%(count)s person is registered, which meets the minimum of %(minimum)s.",
                    "%(count)s people are registered, which meets the minimum of %(minimum)s.",
                    enrolled,
                )
                % {"count": enrolled, "minimum": minimum},
                code="conflict",
            )
        reason = _("Cancelled for low enrolment")
        updated = Offering.objects.filter(
            pk=offering.pk, status__in=(OfferingStatus.DRAFT, OfferingStatus.OPEN, OfferingStatus.CLOSED)
        ).update(status=OfferingStatus.CANCELLED, cancelled_reason=reason, seats_taken=0)
        if not updated:
            raise DomainError(_("This offering is already cancelled or completed."), code="conflict")
        audit_record(
            actor=actor,
            action="offering.cancelled_low_enrolment",
            obj=offering,
            organization=organization,
            changes={"status": [offering.status, OfferingStatus.CANCELLED], "enrolled": [None, enrolled]},
        )
        offering.status = OfferingStatus.CANCELLED
        cancelled = 0
        live = Registration.objects.filter(offering=offering, status__in=CANCELLABLE).values_list("pk", flat=True)
        for registration_id in list(live):
            registration = lock_registration(registration_id)
            old = registration.status
            if not Registration.objects.filter(pk=registration.pk, status=old).update(
                status=S.CANCELLED,
                cancelled_at=timezone.now(),
                cancelled_by=actor,
                cancellation_reason=reason,
                waitlist_position=None,
                offer_expires_at=None,
            ):
                continue
            registration.status = S.CANCELLED
            # Everything paid comes back, the non-refundable registration fee included.
            refund = max(amount_paid(registration) - amount_refunded(registration), ZERO)
            refunds_create(
                actor=actor, registration=registration, amount=refund, base_key=f"offering:{offering.pk}", reason=reason
            )
            audit_record(
                actor=actor,
                action="registration.cancelled_low_enrolment",
                obj=registration,
                organization=organization,
                changes={"status": [old, S.CANCELLED], "refund": [None, str(refund)]},
            )
            emails.send_offering_cancelled(registration, refund=refund)
            cancelled += 1
    return cancelled


def registration_refund_preview(registration: Registration) -> Decimal:
    """What cancelling now would refund (shown before the candidate confirms)."""
    if registration.status not in CANCELLABLE:
        return ZERO
    return refundable_now(registration)
