"""The pages of a mentoring web for the people who take part in it: "My web", offering to mentor,
finding a mentor, asking for a connection, and one connection's page (answer, withdraw, what we
learned, and the partnership's workspace).

A person reads only their own boards' webs and people, and their own connections: anything else is
a 404. A person in no web sees "My web" explain it; the other pages are a 404 for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.models import Partnership, PartnershipStatus, Response
from mentorweb.programs.models import Program
from mentorweb.webs import selectors, services
from mentorweb.webs.forms import AnswerForm, FindForm, LearningForm, OfferForm, RequestForm
from mentorweb.webs.picture import picture_of
from mentorweb.webs.suggestions import suggestions_for

PAGE_SIZE = 20
# Service fields that are named differently on a form.
FIELD_ALIASES = {"accept": "answer", "peer": "kind"}


def _saved(form: forms.BaseForm, call: Callable[[], Any]) -> bool:
    """Run the service; a DomainError becomes an error on the form, tied to its field."""
    try:
        call()
    except DomainError as error:
        name = FIELD_ALIASES.get(error.field or "", error.field)
        form.add_error(name if name in form.fields else None, error.message)
        return False
    return True


def web_url(name: str, program: Program, *args: Any) -> str:
    """A page of the web, naming the web (a person of two boards takes part in two)."""
    return f"{reverse(name, args=args)}?web={program.pk}"


def _me(request: HttpRequest) -> Person:
    person: Person | None = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    return person


def _web(request: HttpRequest) -> Program:
    return selectors.get_web_for_user(request.user, request.GET.get("web"))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    program = selectors.current_web(request.user, request.GET.get("web"))
    person = getattr(request.user, "person", None)
    if program is None or person is None:
        return render(request, "webs/none.html")
    web = selectors.my_web(program, person)
    context = {
        "program": program,
        "programs": selectors.web_programs_for_user(request.user),
        "web": web,
        "picture": picture_of(web),
        "offer": selectors.own_offer(program, person),
        "suggestions": suggestions_for(program, person),
        "needs": [n for n in person.needs if isinstance(n, str)] if isinstance(person.needs, list) else [],
    }
    return render(request, "webs/mine.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest) -> HttpResponse:
    program = _web(request)
    person = _me(request)
    current = selectors.own_offer(program, person)
    vocabulary = selectors.area_vocabulary(program, person)
    expertise = [a for a in person.expertise if isinstance(a, str)] if isinstance(person.expertise, list) else []
    form = OfferForm(request.POST or None, vocabulary=vocabulary, offer=current, initial_areas=expertise)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: services.offer_save(actor=request.user, program=program, data=data)):
            messages.success(request, _("Your offer to mentor is saved."))
            return redirect(web_url("webs:mine", program))
    status = 400 if request.method == "POST" else 200
    return render(request, "webs/offer.html", {"program": program, "form": form, "offer": current}, status=status)


@login_required
def find(request: HttpRequest) -> HttpResponse:
    program = _web(request)
    person = _me(request)
    schools = [(s.pk, str(s)) for s in selectors.schools_of(program)]
    filters = FindForm(request.GET, areas=selectors.open_area_choices(program), schools=schools)
    values = filters.values()
    offers = selectors.find_offers(program, person, **values)
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "filters": filters,
        "page": page,
        "filtered": any(values.values()),
        "connected": selectors.connected_ids(program, person),
    }
    return render(request, "webs/find.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def connect(request: HttpRequest, person_id: int) -> HttpResponse:
    program = _web(request)
    other = selectors.get_person_in_web(program, person_id)
    their_offer = selectors.own_offer(program, other)
    can_mentor = their_offer is not None and their_offer.is_open and their_offer.places_left > 0
    # Their offer's areas first (a mentoring request is about one of them), then their expertise.
    offered = [a.area for a in their_offer.areas.all()] if their_offer is not None and can_mentor else []
    expertise = [a for a in other.expertise if isinstance(a, str)] if isinstance(other.expertise, list) else []
    unique: dict[str, str] = {}
    for area in [*offered, *expertise]:
        unique.setdefault(area.casefold(), area)
    areas = list(unique.values())
    form = RequestForm(request.POST or None, name=other.given_name, can_mentor=can_mentor, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made: list[Partnership] = []
        if _saved(
            form,
            lambda: made.append(
                services.connection_request(
                    actor=request.user,
                    program=program,
                    to=other,
                    purpose=data["purpose"],
                    area=data["area"],
                    peer=data["kind"] == RequestForm.PEER,
                )
            ),
        ):
            messages.success(
                request,
                _("Your request is sent to %(name)s. You will read the answer here.") % {"name": other.full_name},
            )
            return redirect("webs:connection", connection_id=made[0].pk)
    context = {
        "program": program,
        "other": other,
        "their_offer": their_offer if their_offer is not None and their_offer.is_open else None,
        "schools": selectors.school_names(other),
        "form": form,
    }
    return render(request, "webs/connect.html", context, status=400 if request.method == "POST" else 200)


# --- one connection -------------------------------------------------------------------------------


def _connection_context(request: HttpRequest, connection: Partnership, **forms_: forms.Form) -> dict[str, Any]:
    person = _me(request)
    link = selectors.link_of(connection, person)
    waiting = connection.status == PartnershipStatus.PROPOSED and connection.mentor_response == Response.PENDING
    context: dict[str, Any] = {
        "connection": connection,
        "partnership": connection,
        "program": connection.program,
        "organization": connection.program.organization,
        "link": link,
        "other": link.other,
        "to_answer": waiting and not link.asked_by_me,
        "can_withdraw": waiting and link.asked_by_me,
        "can_write": connection.status == PartnershipStatus.ACTIVE,
        "learnings": selectors.learnings_of(connection),
        "answer_form": forms_.get("answer_form") or AnswerForm(prefix="answer"),
        "learning_form": forms_.get("learning_form") or LearningForm(prefix="learning"),
    }
    return context


@login_required
def connection(request: HttpRequest, connection_id: int) -> HttpResponse:
    found = selectors.get_connection_for_user(request.user, connection_id)
    return render(request, "webs/connection.html", _connection_context(request, found))


@login_required
def answer(request: HttpRequest, connection_id: int) -> HttpResponse:
    found = selectors.get_connection_for_user(request.user, connection_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = AnswerForm(request.POST, prefix="answer")
    if form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        reason = form.cleaned_data["reason"]
        if _saved(
            form,
            lambda: services.connection_respond(actor=request.user, connection=found, accept=accept, reason=reason),
        ):
            if accept:
                messages.success(request, _("You accepted. Your connection has started."))
            else:
                messages.success(request, _("You declined. The person who asked reads your reason."))
            return redirect("webs:connection", connection_id=found.pk)
    found = selectors.get_connection_for_user(request.user, connection_id)
    context = _connection_context(request, found, answer_form=form)
    return render(request, "webs/connection.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, connection_id: int) -> HttpResponse:
    found = selectors.get_connection_for_user(request.user, connection_id)
    if request.method == "POST":
        try:
            services.connection_withdraw(actor=request.user, connection=found)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request is withdrawn."))
        return redirect(web_url("webs:mine", found.program))
    link = selectors.link_of(found, _me(request))
    return render(request, "webs/withdraw.html", {"connection": found, "other": link.other})


@login_required
def learning(request: HttpRequest, connection_id: int) -> HttpResponse:
    found = selectors.get_connection_for_user(request.user, connection_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LearningForm(request.POST, prefix="learning")
    if form.is_valid():
        text = form.cleaned_data["text"]
        if _saved(form, lambda: services.learning_add(actor=request.user, connection=found, text=text)):
            messages.success(request, _("What you learned is saved. Both of you read it."))
            return redirect(reverse("webs:connection", args=[found.pk]) + "#learned-title")
    context = _connection_context(request, found, learning_form=form)
    return render(request, "webs/connection.html", context, status=400)
