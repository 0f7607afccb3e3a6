"""The pages where people create and revoke their personal access tokens."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mentorweb.api.forms import TokenCreateForm
from mentorweb.api.selectors import get_token_for_user, token_status, tokens_for_user
from mentorweb.api.services import token_create, token_revoke
from mentorweb.core.errors import DomainError
from mentorweb.core.links import site_url


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(tokens_for_user(request.user), 50).get_page(request.GET.get("page"))
    rows = [(token, token_status(token)) for token in page.object_list]
    return render(request, "api/tokens/list.html", {"page": page, "rows": rows})


@never_cache
@login_required
@reauthentication_required
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, plain = token_create(
                user=request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            # Shown in this answer only (never_cache keeps it out of the browser's cache).
            api_url = site_url(reverse("api:me_get"))
            context = {"token": token, "plain": plain, "api_url": api_url}
            return render(request, "api/tokens/created.html", context)
    return render(request, "api/tokens/new.html", {"form": form})


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_token_for_user(request.user, token_id)
    try:
        token_revoke(actor=request.user, token=token)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens")
