from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.accounts.forms import ProfileForm
from mentorweb.accounts.services import PROFILE_FIELDS, person_update
from mentorweb.core.errors import DomainError


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    person = request.user.person  # type: ignore[union-attr]
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PROFILE_FIELDS}
        try:
            person_update(actor=request.user, person=person, data=data)  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})
