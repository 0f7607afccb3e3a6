"""E-mail jobs. Each takes a key and sends at most once for that key, however often it runs."""

from __future__ import annotations

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
def send_prepared_email(*, key: str, to: list[str], subject: str, text: str, html: str = "") -> bool:
    """Send a message rendered elsewhere (allauth's account e-mails); False when already sent."""
    with audit_source(AuditSource.JOB):
        try:
            with transaction.atomic():
                SentEmail.objects.create(key=key[:200], to=", ".join(to)[:254], subject=subject[:200])
                message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
                if html:
                    message.attach_alternative(html, "text/html")
                message.send()
        except IntegrityError:
            return False
        return True


def queue_email(*, key: str, to: str, template: str, context: dict[str, Any], language: str = "en") -> None:
    """Enqueue after the surrounding transaction commits (the backend is ENQUEUE_ON_COMMIT)."""
    send_templated_email.enqueue(key=key, to=to, template=template, context=context, language=language)
