"""Account changes made through allauth's own views go into the audit trail too.

allauth changes passwords, e-mail addresses and authenticators itself, outside our
services; its signals are sent inside the request that made the change, so the entry
records the web source and the acting user like any other.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.dispatch import receiver

from mentorweb.core.audit import audit_record


def _record(user: Any, action: str, obj: Any = None, changes: dict[str, Any] | None = None) -> None:
    audit_record(actor=user, action=action, obj=obj if obj is not None else user, changes=changes)


@receiver(account_signals.user_signed_up)
def _signed_up(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    _record(user, "user.signed_up")


@receiver(account_signals.password_set)
def _password_set(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    _record(user, "user.password_set")


@receiver(account_signals.password_changed)
def _password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    _record(user, "user.password_changed")


@receiver(account_signals.password_reset)
def _password_reset(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    _record(user, "user.password_reset")


@receiver(account_signals.email_confirmed)
def _email_confirmed(sender: Any, request: Any, email_address: Any, **kwargs: Any) -> None:
    _record(email_address.user, "user.email_confirmed", changes={"email": [None, email_address.email]})


@receiver(account_signals.email_added)
def _email_added(sender: Any, request: Any, user: Any, email_address: Any, **kwargs: Any) -> None:
    _record(user, "user.email_added", changes={"email": [None, email_address.email]})


@receiver(account_signals.email_removed)
def _email_removed(sender: Any, request: Any, user: Any, email_address: Any, **kwargs: Any) -> None:
    _record(user, "user.email_removed", changes={"email": [email_address.email, None]})


@receiver(account_signals.email_changed)
def _email_changed(
    sender: Any, request: Any, user: Any, from_email_address: Any, to_email_address: Any, **kw: Any
) -> None:
    old = getattr(from_email_address, "email", None)
    _record(user, "user.email_changed", changes={"email": [old, to_email_address.email]})


@receiver(mfa_signals.authenticator_added)
def _authenticator_added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    _record(user, "mfa.authenticator_added", changes={"type": [None, authenticator.type]})


@receiver(mfa_signals.authenticator_removed)
def _authenticator_removed(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    _record(user, "mfa.authenticator_removed", changes={"type": [authenticator.type, None]})


@receiver(mfa_signals.authenticator_reset)
def _authenticator_reset(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    _record(user, "mfa.authenticator_reset", changes={"type": [authenticator.type, authenticator.type]})
