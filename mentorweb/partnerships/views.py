"""A person's own partnerships: the list, one partnership, and the answer to a proposed one.

Only the mentor and the mentee reach a partnership: anyone else's is a 404, whatever their
role. A proposed partnership shows the partner through the program's shared fields only.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorweb.core.errors import DomainError
from mentorweb.partnerships import selectors, services
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.webs import services as web_services

PAGE_SIZE = 20
WEB_KINDS = (PartnershipKind.WEB, PartnershipKind.PEER)


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[
            ("accept", gettext_lazy("I accept this partnership")),
            ("decline", gettext_lazy("I decline this partnership")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Why you decline"),
        help_text=gettext_lazy(
            "Needed if you decline. Only the program's staff read it; it helps them propose a better match."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _detail_context(request: HttpRequest, partnership: Partnership, form: RespondForm) -> dict[str, object]:
    user = request.user
    waiting = (
        partnership.status == PartnershipStatus.PROPOSED
        and selectors.my_response(partnership, user) == Response.PENDING
    )
    return {
        "partnership": partnership,
        "program": partnership.program,
        "organization": partnership.program.organization,
        "side": selectors.side_of(partnership, user),
        "my_response": selectors.my_response(partnership, user),
        "partner_fields": selectors.shared_profile(partnership, user),
        "waiting": waiting,
        "form": form,
    }


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.partnerships_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, selectors.side_of(p, request.user), selectors.my_response(p, request.user)) for p in page]
    return render(request, "partnerships/mine.html", {"page": page, "rows": rows})


@login_required
def detail(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_user(request.user, partnership_id)
    if partnership.kind in WEB_KINDS:
        # A mentoring web's connection has its own page (answer, what we learned), which also shows
        # this workspace; links and e-mails that name this page arrive there.
        return redirect("webs:connection", connection_id=partnership.pk)
    return render(request, "partnerships/detail.html", _detail_context(request, partnership, RespondForm()))


@login_required
def respond(request: HttpRequest, partnership_id: int) -> HttpResponse:
    partnership = selectors.get_partnership_for_user(request.user, partnership_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = RespondForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        # A mentoring web's request is answered by the web's service: accepting takes a place of the offer.
        try:
            if partnership.kind in WEB_KINDS:
                web_services.connection_respond(
                    actor=request.user, connection=partnership, accept=accept, reason=form.cleaned_data["reason"]
                )
            else:
                services.partnership_respond(
                    actor=request.user, partnership=partnership, accept=accept, reason=form.cleaned_data["reason"]
                )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if accept:
                messages.success(request, _("Thank you: you accepted the partnership."))
            else:
                messages.success(request, _("You declined the partnership. The program will propose another match."))
            return redirect("partnerships:detail", partnership_id=partnership.pk)
    partnership = selectors.get_partnership_for_user(request.user, partnership_id)
    return render(request, "partnerships/detail.html", _detail_context(request, partnership, form), status=400)
