"""The payment provider's side: the webhook endpoint, and the test provider's hosted checkout page."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mentorweb.core.errors import DomainError
from mentorweb.registrations.forms import CardForm
from mentorweb.registrations.payments import get_provider
from mentorweb.registrations.payments.base import WebhookRejected
from mentorweb.registrations.payments.test_provider import checkout_pay, checkout_session
from mentorweb.registrations.payments.webhooks import webhook_receive

logger = logging.getLogger(__name__)


# The provider has no session and no CSRF token: the signature is what authenticates it.
@csrf_exempt
@require_POST
def webhook(request: HttpRequest, provider: str) -> HttpResponse:
    try:
        get_provider(provider)
    except KeyError:
        raise Http404 from None
    try:
        outcome = webhook_receive(provider_name=provider, body=request.body, headers=request.headers)
    except WebhookRejected as error:
        logger.warning("Payment webhook from %s rejected: %s", provider, error)
        return HttpResponseBadRequest("rejected", content_type="text/plain")
    return HttpResponse(outcome, content_type="text/plain")


def test_checkout(request: HttpRequest, token: str) -> HttpResponse:
    """The test provider's hosted checkout page. Like a real one, it needs no Mentorweb login:
    the signed link is the authority, and what it does reaches Mentorweb by webhook."""
    try:
        session = checkout_session(token)
    except DomainError:
        raise Http404 from None
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            succeeded = checkout_pay(session, form.cleaned_data["card_number"])
        except DomainError as error:
            form.add_error("card_number", error.message)
        else:
            if succeeded:
                messages.success(
                    request, _("Payment accepted. Your registration shows it as soon as the provider confirms it.")
                )
                back = session.return_url
                if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                    return redirect(back)
                return redirect("registrations:mine")
            form.add_error("card_number", _("Your card was declined. Try another card."))
    return render(request, "registrations/checkout.html", {"session": session, "form": form})
