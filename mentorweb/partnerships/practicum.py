"""The course practicum (seed 000): "practical application of learning and skills with a chosen
mentee". A candidate with a confirmed seat in a course chooses a mentee; that is a partnership of
kind PRACTICUM (mentor = the candidate, mentee = the chosen person, course_registration = the
candidate's registration). The candidate's choice is the mentor's acceptance; the mentee answers
on their partnership page (partnerships.services.partnership_respond), and once both have
accepted the practicum is active. Its held meetings count towards the course's hours ledger
(partnerships.practicum_hours, registrations.hours).

The mentee is chosen by the e-mail address of an existing Mentorweb account. Inviting someone
without an account is left out: the organization's invitation service makes a membership of
the organization, which only its administrators may give, and a candidate's mentee is often in
another board.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person, User
from mentorweb.accounts.services import person_ensure_for_user
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.emails import partnership_url
from mentorweb.partnerships.models import (
    LIVE_STATUSES,
    MeetingStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Response,
)
from mentorweb.programs.cleaning import text
from mentorweb.programs.models import ProgramKind
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.registrations.selectors import get_registration_for_user

MAX_MESSAGE = 500


# --- reads ----------------------------------------------------------------------------------


def get_course_registration_for_user(user: Any, registration_id: int) -> Registration:
    """The user's own registration in a course; anything else is a 404."""
    registration = get_registration_for_user(user, registration_id)
    if registration.offering.program.kind != ProgramKind.COURSE:
        raise Http404
    return registration


def practicums_of(registration: Registration) -> QuerySet[Partnership]:
    """The registration's practicums, newest first, with their held meetings counted."""
    held = Q(meetings__status=MeetingStatus.HELD)
    return (
        Partnership.objects.filter(course_registration=registration, kind=PartnershipKind.PRACTICUM)
        .select_related("mentee__user")
        .annotate(
            held_meetings=Count("meetings", filter=held), held_minutes=Sum("meetings__duration_minutes", filter=held)
        )
        .order_by("-created_at", "-pk")
    )


def hours_of(partnership: Partnership) -> Decimal:
    minutes = getattr(partnership, "held_minutes", None) or 0
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"))


def may_choose_mentee(registration: Registration, practicums: list[Partnership]) -> bool:
    return registration.status == RegistrationStatus.CONFIRMED and not any(
        p.status in LIVE_STATUSES for p in practicums
    )


# --- choosing a mentee ------------------------------------------------------------------------


def _find_user(email: str) -> User | None:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        # The address may be a second, verified address of someone's account.
        address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
        user = address.user if address is not None else None
    return user


def _clean_email(value: Any) -> str:
    email = value.strip().lower() if isinstance(value, str) else ""
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter your mentee's e-mail address."), field="mentee_email") from error
    return email


def practicum_create(*, actor: Any, registration: Registration, mentee_email: str, message: str = "") -> Partnership:
    """The candidate chooses a mentee for the practicum: a proposed partnership the mentee accepts."""
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Only the candidate chooses their practicum mentee."), code="forbidden")
    if registration.offering.program.kind != ProgramKind.COURSE:
        raise DomainError(_("A practicum belongs to a course registration."), field="registration")
    email = _clean_email(mentee_email)
    message = text(message, "message", max_length=MAX_MESSAGE, multiline=True)
    with transaction.atomic():
        # The registration's row is the lock: two choices at once take turns, and the second
        # finds the first one's practicum.
        current = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("offering__program__organization", "person__user")
            .get(pk=registration.pk)
        )
        if current.status != RegistrationStatus.CONFIRMED:
            raise DomainError(
                _("You can choose your practicum mentee once your registration is confirmed."), field="registration"
            )
        if Partnership.objects.filter(
            course_registration=current, kind=PartnershipKind.PRACTICUM, status__in=LIVE_STATUSES
        ).exists():
            raise DomainError(
                _("You already have a practicum mentee. If it ends, you can choose another one."),
                field="mentee_email",
                code="exists",
            )
        user = _find_user(email)
        if user is None or not user.is_active:
            raise DomainError(
                _("No Mentorweb account uses this address. Ask your mentee to create one, then choose them again."),
                field="mentee_email",
                # Not "not_found": the API answers that code with a 404, and this is bad input.
                code="unknown_email",
            )
        if user.pk == current.person.user_id:
            raise DomainError(_("Choose someone other than yourself."), field="mentee_email")
        mentee = person_ensure_for_user(user=user)
        offering = current.offering
        program = offering.program
        organization = program.organization
        partnership = Partnership.objects.create(
            kind=PartnershipKind.PRACTICUM,
            organization=organization,
            program=program,
            offering=offering,
            mentor=current.person,
            mentee=mentee,
            course_registration=current,
            status=PartnershipStatus.PROPOSED,
            # Choosing the mentee is the candidate's own acceptance.
            mentor_response=Response.ACCEPTED,
            mentor_responded_at=timezone.now(),
            purpose=message,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="practicum.proposed",
            obj=partnership,
            organization=organization,
            changes={"course_registration": [None, current.pk], "mentee": [None, mentee.pk]},
        )
        _send_invitation(partnership, current.person, mentee)
    return partnership


def _send_invitation(partnership: Partnership, candidate: Person, mentee: Person) -> None:
    """Queued after commit: the mentee is asked to accept, on their partnership page."""
    program = partnership.program
    organization = program.organization
    language = mentee.preferred_language or "en"
    link = partnership_url(partnership)
    queue_email(
        key=f"practicum:{partnership.pk}:invited",
        to=mentee.user.email,
        template="emails/practicum_invitation",
        language=language,
        context={
            "given_name": mentee.given_name,
            "candidate_name": candidate.full_name,
            "program_name": program.name,
            "organization_name": organization.name,
            "message": partnership.purpose,
            "link": link,
            "contact_email": program.contact_email or organization.contact_email,
        },
    )
