from __future__ import annotations

import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        from mentorweb.accounts.services import person_create_for_signup

        user = super().save_user(request, user, form, commit=commit)
        if commit:
            person_create_for_signup(
                user=user,
                given_name=form.cleaned_data["given_name"],
                family_name=form.cleaned_data["family_name"],
                preferred_language=getattr(request, "LANGUAGE_CODE", "en")[:2],
            )
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render now (in the request's language), send from the job queue after commit.

        A slow or failing mail server then never fails the page that asked for the e-mail,
        and every account e-mail gets an HTML part next to its text.
        """
        from django.utils import translation

        from mentorweb.notifications.html import text_to_html
        from mentorweb.notifications.tasks import send_prepared_email

        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        if not html:
            html = text_to_html(
                str(message.body), subject=str(message.subject), language=translation.get_language() or "en"
            )
        send_prepared_email.enqueue(
            key=f"account:{template_prefix}:{uuid.uuid4()}",
            to=list(message.to),
            subject=str(message.subject),
            text=str(message.body),
            html=html,
        )
