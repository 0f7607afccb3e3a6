"""E-mail jobs. Each takes a key and sends at most once for that key, however often it runs."""

from __future__ import annotations

from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from mentorweb.core.audit import audit_source
from mentorweb.core.models import AuditSource
from mentorweb.notifications.models import SentEmail


@task()
def send_templated_email(*, key: str, to: str, template: str, context: dict[str, Any], language: str = "en") -> bool:
    """Render `<template>_subject.txt`, `.txt` and `.html` and send them; False when already sent."""
    with audit_source(AuditSource.JOB), translation.override(language):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
        try:
            # The row is written first, in its own transaction: a second run of the job
            # fails on the unique key and sends nothing.
            with transaction.atomic():
                SentEmail.objects.create(key=key[:200], to=to, subject=subject[:200])
                message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
                message.attach_alternative(html, "text/html")
                message.send()
        except IntegrityError:
            return False
        return True


@task()
def send_prepared_email(
    *,
    key: str,
    to: list[str],
    subject: str,
    text: str,
    html: str = "",
    attachments: list[dict[str, str]] | None = None,
) -> bool:
    """Send a message rendered elsewhere (allauth's account e-mails); False when already sent.

    `attachments` are text files as {"filename", "content", "mimetype"} (plain strings, so the
    job's arguments stay JSON); the mimetype may carry parameters, such as
    "text/calendar; method=REQUEST" for a meeting invitation."""
    with audit_source(AuditSource.JOB):
        try:
            with transaction.atomic():
                SentEmail.objects.create(key=key[:200], to=", ".join(to)[:254], subject=subject[:200])
                message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
                if html:
                    message.attach_alternative(html, "text/html")
                for attachment in attachments or []:
                    message.attach(_text_attachment(**attachment))
                message.send()
        except IntegrityError:
            return False
        return True


def _text_attachment(*, filename: str, content: str, mimetype: str = "text/plain") -> MIMEText:
    """A text part with its parameters kept (EmailMessage.attach would drop "; method=...")."""
    kind, *params = (part.strip() for part in mimetype.split(";"))
    maintype, subtype = kind.split("/", 1)
    if maintype != "text":
        raise ValueError(f"only text attachments are supported, not {kind}")
    part = MIMEText(content, subtype, "utf-8")
    for param in params:
        name, _sep, value = param.partition("=")
        part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def queue_email(*, key: str, to: str, template: str, context: dict[str, Any], language: str = "en") -> None:
    """Enqueue after the surrounding transaction commits (the backend is ENQUEUE_ON_COMMIT)."""
    send_templated_email.enqueue(key=key, to=to, template=template, context=context, language=language)
