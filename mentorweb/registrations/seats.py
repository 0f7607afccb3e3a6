"""Seats of an offering: taking one, giving one back, and offering a freed one to the waitlist.

`Offering.seats_taken` changes only here, by conditional UPDATEs: the condition and the change
are one statement, so two requests for the last seat cannot both see it free, and the
database's CHECK (seats_taken <= capacity) is the last word.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from mentorweb.core.audit import audit_record
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations import emails
from mentorweb.registrations.models import Registration, RegistrationStatus
from mentorweb.registrations.selectors import org_today

S = RegistrationStatus
OFFER_VALID_FOR = timedelta(hours=72)


def take_seat(offering: Offering) -> bool:
    # The condition and the increment are one statement: two requests for the last seat
    # cannot both see it free.
    return bool(
        Offering.objects.filter(pk=offering.pk, seats_taken__lt=F("capacity")).update(seats_taken=F("seats_taken") + 1)
    )


def release_seat(offering: Offering) -> None:
    Offering.objects.filter(pk=offering.pk, seats_taken__gt=0).update(seats_taken=F("seats_taken") - 1)


def offer_next_seat(*, actor: Any, offering: Offering) -> Registration | None:
    """Offer a free seat to the first person on the waitlist, if there is a free seat and someone waiting."""
    current = Offering.objects.only("status", "start_date").get(pk=offering.pk)
    if current.status not in (OfferingStatus.OPEN, OfferingStatus.CLOSED):
        return None
    if org_today(offering.program.organization) >= current.start_date:
        return None
    while True:
        waiting = (
            Registration.objects.filter(offering=offering, status=S.WAITLISTED).order_by("waitlist_position").first()
        )
        if waiting is None or not take_seat(offering):
            return None
        expires = timezone.now() + OFFER_VALID_FOR
        updated = Registration.objects.filter(pk=waiting.pk, status=S.WAITLISTED).update(
            status=S.OFFERED, waitlist_position=None, offer_expires_at=expires
        )
        if updated:
            break
        # Someone left the waitlist meanwhile: give the seat back and ask the next person.
        release_seat(offering)
    offered = Registration.objects.select_related("offering__program__organization", "person__user").get(pk=waiting.pk)
    audit_record(
        actor=actor,
        action="registration.seat_offered",
        obj=offered,
        organization=offering.program.organization,
        changes={
            "status": [S.WAITLISTED, S.OFFERED],
            "waitlist_position": [waiting.waitlist_position, None],
            "offer_expires_at": [None, expires.isoformat()],
        },
    )
    emails.send_offered(offered)
    return offered
