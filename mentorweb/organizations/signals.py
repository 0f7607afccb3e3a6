"""Finishing an invitation: choosing a password through the e-mailed link verifies the address."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.db import transaction
from django.dispatch import receiver

from mentorweb.core.audit import audit_record


@receiver(password_reset)
def verify_address_after_password_link(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """An invited person's account starts with an unverified address and no password.

    The link to choose a password only ever reaches an address of the account, so when the
    account has exactly one address, following the link proves the person reads it. Without
    this, e-mail verification being mandatory would stop them at their first login and send
    a second e-mail. With several addresses we cannot tell which one received the link, so
    nothing changes.
    """
    addresses = list(EmailAddress.objects.filter(user=user)[:2])
    if len(addresses) == 1 and not addresses[0].verified:
        address = addresses[0]
        with transaction.atomic():
            address.verified = True
            address.save(update_fields=["verified"])
            audit_record(
                actor=user,
                action="email.verified",
                obj=address,
                object_type="account.emailaddress",
                changes={"verified": [False, True], "through": [None, "password link"]},
            )
