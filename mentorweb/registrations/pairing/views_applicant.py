"""The applicant's pages: apply, my applications, one application (edit, answer a request for
information, withdraw), and, for an accepted mentee, ranking mentors and declaring a conflict."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorweb.accounts.services import person_ensure_for_user
from mentorweb.core.errors import DomainError
from mentorweb.programs.pairing import describe_commitment, describe_eligibility
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from mentorweb.registrations.pairing import selectors, services
from mentorweb.registrations.pairing.display import answer_rows, shared_view
from mentorweb.registrations.pairing.eligibility import blocking_problems, eligibility_check
from mentorweb.registrations.pairing.forms import (
    ApplicationForm,
    ConflictForm,
    RankingForm,
    WithdrawForm,
    initial_for,
)

PAGE_SIZE = 20
S = RegistrationStatus


def _detail(registration: Registration) -> HttpResponse:
    return redirect("applications:detail", registration_id=registration.pk)


def _form(
    request: HttpRequest, registration_or_none: Registration | None, *, offering: Any, role: str, person: Any
) -> ApplicationForm:
    program = offering.program
    boards = list(selectors.board_choices(program))
    return ApplicationForm(
        request.POST or None,
        role=role,
        rules=program.pairing,
        questions=selectors.questions_for(program, role),
        boards=boards,
        initial=initial_for(
            person=person, role=role, rules=program.pairing, boards=boards, registration=registration_or_none
        ),
    )


@login_required
def apply(request: HttpRequest, offering_id: int, role: str) -> HttpResponse:
    if role not in (RegistrationRole.MENTOR, RegistrationRole.MENTEE):
        raise Http404
    offering = selectors.get_pairing_offering(offering_id)
    program = offering.program
    person = person_ensure_for_user(user=request.user)  # type: ignore[arg-type]
    existing = selectors.live_application(person, offering)
    refusal = selectors.application_refusal(offering)
    problems = eligibility_check(person, program, role)
    blocking = blocking_problems(problems)
    form = _form(request, None, offering=offering, role=role, person=person)
    may_submit = existing is None and refusal is None and not blocking
    if request.method == "POST" and may_submit and form.is_valid():
        try:
            registration = services.application_submit(
                actor=request.user, offering=offering, role=role, data=form.data_for_service()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Your application is submitted. We sent you a confirmation by e-mail."))
            return _detail(registration)
    context = {
        "offering": offering,
        "program": program,
        "rules": program.pairing,
        "organization": program.organization,
        "role": role,
        "form": form,
        "existing": existing,
        "refusal": refusal[0] if refusal else "",
        "blocking": blocking,
        "notes": [p for p in problems if p.field],
        "who_may_apply": describe_eligibility(program.pairing, role),
        "commitment": describe_commitment(program.pairing),
        "may_submit": may_submit,
    }
    return render(request, "registrations/pairing/apply.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.applications_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/pairing/mine.html", {"page": page})


@login_required
def detail(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_application_for_user(request.user, registration_id)
    offering = registration.offering
    rules = offering.program.pairing
    may_rank = (
        registration.role == RegistrationRole.MENTEE and registration.status == S.ACCEPTED and rules.mentee_may_rank
    )
    preferences = selectors.preferences_of(registration) if registration.role == RegistrationRole.MENTEE else []
    context = {
        "registration": registration,
        "offering": offering,
        "program": offering.program,
        "organization": offering.program.organization,
        "rules": rules,
        "answers": answer_rows(registration, selectors.questions_for(offering.program, registration.role)),
        "editable": registration.status in services.EDITABLE,
        "withdrawable": registration.status in services.WITHDRAWABLE,
        "may_rank": may_rank,
        "preferences": preferences,
        "conflicts": selectors.conflicts_of(registration) if registration.role == RegistrationRole.MENTEE else [],
    }
    return render(request, "registrations/pairing/detail.html", context)


@login_required
def edit(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_application_for_user(request.user, registration_id)
    offering = registration.offering
    editable = registration.status in services.EDITABLE
    form = _form(request, registration, offering=offering, role=registration.role, person=registration.person)
    if request.method == "POST" and editable and form.is_valid():
        answering = registration.status == S.INFO_REQUESTED
        try:
            services.application_update(actor=request.user, registration=registration, data=form.data_for_service())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("Your answer is sent: the program reviews your application again.")
                if answering
                else _("Your application is updated."),
            )
            return _detail(registration)
    refusal = selectors.application_refusal(offering) if registration.status == S.SUBMITTED else None
    context = {
        "registration": registration,
        "offering": offering,
        "program": offering.program,
        "rules": offering.program.pairing,
        "organization": offering.program.organization,
        "role": registration.role,
        "form": form,
        "editable": editable and refusal is None,
        "refusal": refusal[0] if refusal else "",
    }
    return render(request, "registrations/pairing/edit.html", context)


@login_required
def withdraw(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_application_for_user(request.user, registration_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(actor=request.user, registration=registration)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your application is withdrawn."))
            return _detail(registration)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "form": form,
        "withdrawable": registration.status in services.WITHDRAWABLE,
    }
    return render(request, "registrations/pairing/withdraw.html", context)


def _ranking_context(registration: Registration) -> dict[str, Any]:
    offering = registration.offering
    rules = offering.program.pairing
    mentors = [m for m in selectors.eligible_mentors(offering) if m.person_id != registration.person_id]
    fields = list(rules.shared_fields or [])
    cards = [shared_view(mentor, fields, number=index) for index, mentor in enumerate(mentors, 1)]
    return {"mentors": mentors, "cards": cards, "rules": rules, "show_names": "name" in fields}


def _ranking_forms(
    request: HttpRequest, registration: Registration, mentors: list[Registration], cards: list[Any]
) -> tuple[RankingForm, ConflictForm]:
    labels = {card.registration.pk: card.title for card in cards}
    current = {f"rank_{p.rank}": p.mentor_id for p in selectors.preferences_of(registration)}
    ranking = RankingForm(
        request.POST or None,
        depth=registration.offering.program.pairing.ranking_depth,
        mentors=mentors,
        labels=labels,
        board_choice=registration.board_id is not None,
        initial={**current, "board_preference": registration.answers.get("board_preference", "")},
    )
    conflict = ConflictForm(mentors=mentors, labels=labels)
    return ranking, conflict


@login_required
def mentors(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The offering's accepted mentors as the program shows them; the mentee ranks some of them
    (when the program asks) and may declare a conflict of interest with any of them."""
    registration = selectors.get_application_for_user(request.user, registration_id)
    if registration.role != RegistrationRole.MENTEE or registration.status != S.ACCEPTED:
        raise Http404
    ranking_context = _ranking_context(registration)
    ranking, conflict_form = _ranking_forms(request, registration, ranking_context["mentors"], ranking_context["cards"])
    may_rank = bool(ranking_context["rules"].mentee_may_rank)
    if request.method == "POST" and may_rank and ranking.is_valid():
        try:
            services.preferences_set(
                actor=request.user,
                registration=registration,
                mentor_ids=ranking.mentor_ids(),
                board_preference=ranking.cleaned_data.get("board_preference")
                if "board_preference" in ranking.fields
                else None,
            )
        except DomainError as error:
            ranking.add_error("rank_1" if error.field == "mentor_ids" else None, error.message)
        else:
            messages.success(request, _("Your choice of mentors is saved."))
            return redirect("applications:mentors", registration_id=registration.pk)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "may_rank": may_rank,
        "ranking": ranking,
        "conflict_form": conflict_form,
        "conflicts": selectors.conflicts_of(registration),
        **ranking_context,
    }
    return render(request, "registrations/pairing/mentors.html", context)


@login_required
@require_POST
def conflict(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_application_for_user(request.user, registration_id)
    if registration.role != RegistrationRole.MENTEE or registration.status != S.ACCEPTED:
        raise Http404
    ranking_context = _ranking_context(registration)
    labels = {card.registration.pk: card.title for card in ranking_context["cards"]}
    form = ConflictForm(request.POST, mentors=ranking_context["mentors"], labels=labels)
    if form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user,
                mentee=registration,
                mentor=form.mentors[form.cleaned_data["mentor"]],
                kind=form.cleaned_data["kind"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The conflict of interest is recorded: you will not be paired with this mentor.")
            )
    else:
        messages.error(request, _("Choose a mentor and the kind of conflict."))
    return redirect("applications:mentors", registration_id=registration.pk)
