"""The candidate's "My practicum" page: choose a mentee, see the practicum and its hours.

The mentee answers on their own partnership page (partnerships:detail), and the pair log their
meetings in the partnership's workspace; this page only reads them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.partnerships import practicum
from mentorweb.partnerships.forms_costs import PracticumForm
from mentorweb.registrations.hours import hours_ledger
from mentorweb.registrations.views_candidate import form_error


@login_required
def my_practicum(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = practicum.get_course_registration_for_user(request.user, registration_id)
    practicums = list(practicum.practicums_of(registration))
    may_choose = practicum.may_choose_mentee(registration, practicums)
    form = PracticumForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                practicum.practicum_create(
                    actor=request.user,
                    registration=registration,
                    mentee_email=form.cleaned_data["mentee_email"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Your mentee is asked to accept. The practicum starts when they do."))
                return redirect("partnerships:practicum", registration_id=registration.pk)
        may_choose = True
    ledger = hours_ledger(registration)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "organization": registration.offering.program.organization,
        "practicums": [(p, practicum.hours_of(p)) for p in practicums],
        "may_choose": may_choose,
        "form": form,
        "module": ledger.modules[-1] if ledger.modules else None,
    }
    return render(request, "partnerships/practicum/mine.html", context)
