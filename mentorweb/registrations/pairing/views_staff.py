"""Staff review of an offering's applications: the list with counts and filters, one application
with everything the decision needs, and the decisions (accept, decline, ask for information).

Administrators, coordinators and the advisory team of the program's organization; another
organization's offering or application is a 404, a role that does not review a 403.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorweb.core.errors import DomainError
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from mentorweb.registrations.pairing import selectors, services
from mentorweb.registrations.pairing.display import answer_rows
from mentorweb.registrations.pairing.eligibility import eligibility_problems
from mentorweb.registrations.pairing.forms import AcceptForm, DeclineForm, RequestInfoForm, StaffFilterForm

PAGE_SIZE = 50
S = RegistrationStatus
ACTION_LABELS = {
    "application.submitted": gettext_lazy("Submitted"),
    "application.updated": gettext_lazy("Answers changed"),
    "application.answered": gettext_lazy("Answered the request for information"),
    "application.withdrawn": gettext_lazy("Withdrawn"),
    "application.accepted": gettext_lazy("Accepted"),
    "application.declined": gettext_lazy("Declined"),
    "application.info_requested": gettext_lazy("More information requested"),
    "application.preferences_set": gettext_lazy("Ranking of mentors changed"),
}


@login_required
def application_list(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = selectors.get_offering_for_review(request.user, slug, offering_id)
    boards = list(selectors.offering_boards(offering))
    filters = StaffFilterForm(request.GET or None, boards=boards)
    rows = selectors.offering_applications(offering, **filters.values())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.application_counts(offering)
    statuses = [(s, s.label) for s in StaffFilterForm.STATUSES]
    context = {
        "organization": organization,
        "offering": offering,
        "program": offering.program,
        "filters": filters,
        "page": page,
        "count_rows": [
            {
                "status": label,
                "mentors": counts[RegistrationRole.MENTOR].get(status, 0),
                "mentees": counts[RegistrationRole.MENTEE].get(status, 0),
            }
            for status, label in statuses
        ],
        "totals": {
            "mentors": counts[RegistrationRole.MENTOR]["total"],
            "mentees": counts[RegistrationRole.MENTEE]["total"],
        },
    }
    return render(request, "registrations/pairing/staff/list.html", context)


def _detail_page(
    request: HttpRequest,
    organization: Any,
    offering: Any,
    registration: Registration,
    *,
    forms_given: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    program = offering.program
    given = forms_given or {}
    mentee = registration.role == RegistrationRole.MENTEE
    context = {
        "organization": organization,
        "offering": offering,
        "program": program,
        "rules": program.pairing,
        "registration": registration,
        "person": registration.person,
        "answers": answer_rows(registration, selectors.questions_for(program, registration.role)),
        "problems": eligibility_problems(registration.person, program, registration.role, answers=registration.answers),
        "preferences": selectors.preferences_of(registration) if mentee else [],
        "ranked_by": registration.ranked_by.count() if not mentee else None,
        "board_inputs": selectors.board_inputs_on(registration),
        "conflicts": selectors.conflicts_of(registration),
        "history": [
            (entry, ACTION_LABELS.get(entry.action, entry.action))
            for entry in selectors.application_history(registration)
        ],
        "accept_form": given.get("accept") or AcceptForm(prefix="accept"),
        "decline_form": given.get("decline") or DeclineForm(prefix="decline"),
        "info_form": given.get("info") or RequestInfoForm(prefix="info"),
        "may_accept": registration.status in services.ACCEPTABLE,
        "may_decline": registration.status in services.DECLINABLE,
        "may_ask": registration.status in services.EDITABLE,
    }
    return render(request, "registrations/pairing/staff/detail.html", context, status=status)


def _application(
    request: HttpRequest, slug: str, offering_id: int, registration_id: int
) -> tuple[Any, Any, Registration]:
    organization, offering = selectors.get_offering_for_review(request.user, slug, offering_id)
    return organization, offering, selectors.get_application_for_review(offering, registration_id)


@login_required
def application_detail(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    organization, offering, registration = _application(request, slug, offering_id, registration_id)
    return _detail_page(request, organization, offering, registration)


def _decide(
    request: HttpRequest,
    slug: str,
    offering_id: int,
    registration_id: int,
    *,
    key: str,
    form_class: type[forms.Form],
    act: Any,
    done: str,
) -> HttpResponse:
    organization, offering, registration = _application(request, slug, offering_id, registration_id)
    back = redirect(
        "applications:staff_detail", slug=organization.slug, offering_id=offering.pk, registration_id=registration.pk
    )
    if request.method != "POST":
        return back
    form = form_class(request.POST, prefix=key)
    if form.is_valid():
        try:
            act(registration, form.cleaned_data)
        except DomainError as error:
            if error.field not in form.fields:
                # Not about what was typed (the application changed, the rules are not met):
                # said at the top of the application's page.
                messages.error(request, error.message)
                return back
            form.add_error(error.field, error.message)
        else:
            messages.success(request, done)
            return back
    return _detail_page(request, organization, offering, registration, forms_given={key: form})


@login_required
def application_accept(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    return _decide(
        request,
        slug,
        offering_id,
        registration_id,
        key="accept",
        form_class=AcceptForm,
        act=lambda registration, data: services.application_accept(
            actor=request.user, registration=registration, message=data["message"]
        ),
        done=_("The application is accepted. The applicant is told by e-mail."),
    )


@login_required
def application_decline(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    return _decide(
        request,
        slug,
        offering_id,
        registration_id,
        key="decline",
        form_class=DeclineForm,
        act=lambda registration, data: services.application_decline(
            actor=request.user, registration=registration, reason=data["reason"], message=data["message"]
        ),
        done=_("The application is declined. The applicant is told by e-mail."),
    )


@login_required
def application_request_info(request: HttpRequest, slug: str, offering_id: int, registration_id: int) -> HttpResponse:
    return _decide(
        request,
        slug,
        offering_id,
        registration_id,
        key="info",
        form_class=RequestInfoForm,
        act=lambda registration, data: services.application_request_info(
            actor=request.user, registration=registration, message=data["message"]
        ),
        done=_("Your request is sent to the applicant by e-mail."),
    )
