"""A credential verified anywhere (the organization's member page, the admin, our own staff
page) confirms the registrations waiting for it, through a job queued after the commit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from mentorweb.accounts.models import Credential, CredentialStatus
from mentorweb.programs.signals import capacity_increased


@receiver(post_save, sender=Credential, dispatch_uid="registrations.confirm_after_credential_check")
def credential_saved(sender: Any, instance: Credential, **kwargs: Any) -> None:
    if instance.status != CredentialStatus.GOOD_STANDING:
        return
    from mentorweb.registrations.jobs import confirm_after_credential_check

    confirm_after_credential_check.enqueue(person_id=instance.person_id)


@receiver(capacity_increased, dispatch_uid="registrations.offer_new_seats")
def offer_new_seats(sender: Any, offering: Any, old_capacity: int, new_capacity: int, **kwargs: Any) -> None:
    """More seats: offer each to the next person on the waitlist, in order."""
    from django.db import transaction

    from mentorweb.registrations.seats import offer_next_seat

    for _seat in range(new_capacity - old_capacity):
        with transaction.atomic():
            if offer_next_seat(actor=None, offering=offering) is None:
                break
