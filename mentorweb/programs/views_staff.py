"""Staff pages for setting up programs, under /o/<org_slug>/programs/.

Every page starts from the organizations the user belongs to: another organization's
program is a 404; a member without a staff role who may not set up programs gets a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs import pairing, selectors, services
from mentorweb.programs.forms import (
    DeadlineForm,
    ModuleForm,
    OfferingFilterForm,
    OfferingForm,
    ProgramForm,
    SessionForm,
    TierFormSet,
)
from mentorweb.programs.models import Offering, Program, ProgramKind
from mentorweb.programs.pairing_words import rules_in_words
from mentorweb.programs.policies import TierError, describe_days

PAGE_SIZE = 50


def _organization(request: HttpRequest, org_slug: str) -> Organization:
    organization = get_organization_for_user(request.user, org_slug)
    if not request.user.has_perm("programs.manage_programs", organization):
        raise PermissionDenied
    return organization


def _program(request: HttpRequest, org_slug: str, program_slug: str) -> Program:
    return selectors.get_program(_organization(request, org_slug), program_slug)


def _offering(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> Offering:
    return selectors.get_offering(_program(request, org_slug, program_slug), offering_slug)


def _form_error(form: forms.BaseForm, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _saved(form: forms.BaseForm, call: Callable[[], Any]) -> bool:
    """Run the service; a DomainError becomes an error on the form, tied to its field."""
    try:
        call()
    except DomainError as error:
        _form_error(form, error)
        return False
    return True


def _program_url(program: Program) -> str:
    return reverse("programs:detail", args=[program.organization.slug, program.slug])


def _offering_url(offering: Offering) -> str:
    program = offering.program
    return reverse("programs:offering", args=[program.organization.slug, program.slug, offering.slug])


# --- programs -----------------------------------------------------------------------------------


@login_required
def program_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organization = _organization(request, org_slug)
    page = Paginator(selectors.organization_programs(organization), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/staff/program_list.html", {"organization": organization, "page": page})


@login_required
def program_create(request: HttpRequest, org_slug: str) -> HttpResponse:
    organization = _organization(request, org_slug)
    form = ProgramForm(request.POST or None)
    created: list[Program] = []
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(
            form,
            lambda: created.append(services.program_create(actor=request.user, organization=organization, data=data)),
        ):
            if created[0].kind == ProgramKind.PAIRING:
                messages.success(request, _("The program was created with the usual rules. Adjust them next."))
                return redirect(reverse("programs:pairing_rules", args=[organization.slug, created[0].slug]))
            messages.success(request, _("The program was created. Add its modules and refund policy next."))
            return redirect(_program_url(created[0]))
    context = {"organization": organization, "form": form}
    return render(request, "programs/staff/program_form.html", context)


@login_required
def program_detail(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    context = {
        "organization": program.organization,
        "program": program,
        "hours": selectors.program_hours(program),
        "refund_rows": [(describe_days(tier), tier) for tier in selectors.refund_table(program)],
        "offerings": selectors.program_offerings(program),
    }
    # A mentoring web has no offerings, fees or modules: its page leads to the web's own pages.
    context["web"] = program.kind == ProgramKind.WEB
    if program.kind == ProgramKind.PAIRING:
        rules = pairing.rules_of(program)
        context["pairing"] = rules_in_words(rules, program.organization)
        context["rules"] = rules
        context["question_count"] = program.questions.count()
    return render(request, "programs/staff/program_detail.html", context)


@login_required
def program_edit(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        updated: list[Program] = []
        if _saved(
            form, lambda: updated.append(services.program_update(actor=request.user, program=program, data=data))
        ):
            messages.success(request, _("The program's details were saved."))
            return redirect(_program_url(updated[0]))
    context = {"organization": program.organization, "program": program, "form": form}
    return render(request, "programs/staff/program_form.html", context)


# --- modules ------------------------------------------------------------------------------------


@login_required
def module_create(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    next_number = max((m.number for m in program.modules.all()), default=0) + 1
    form = ModuleForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: services.module_create(actor=request.user, program=program, data=data)):
            messages.success(request, _("The module was added."))
            return redirect(_program_url(program))
    context = {"organization": program.organization, "program": program, "form": form}
    return render(request, "programs/staff/module_form.html", context)


@login_required
def module_edit(request: HttpRequest, org_slug: str, program_slug: str, module_id: int) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    module = selectors.get_module(program, module_id)
    form = ModuleForm.for_module(module, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: services.module_update(actor=request.user, module=module, data=data)):
            messages.success(request, _("The module was saved."))
            return redirect(_program_url(program))
    context = {"organization": program.organization, "program": program, "module": module, "form": form}
    return render(request, "programs/staff/module_form.html", context)


@login_required
def module_delete(request: HttpRequest, org_slug: str, program_slug: str, module_id: int) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    module = selectors.get_module(program, module_id)
    return _confirm_delete(
        request,
        obj=module,
        done=_program_url(program),
        delete=lambda: services.module_delete(actor=request.user, module=module),
        context={"organization": program.organization, "program": program},
    )


def _confirm_delete(
    request: HttpRequest, *, obj: Any, done: str, delete: Callable[[], None], context: dict[str, Any]
) -> HttpResponse:
    """A confirmation page on GET; the deletion on POST, then back to `done`."""
    if request.method == "POST":
        try:
            delete()
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("“%(name)s” was deleted.") % {"name": obj})
        return redirect(done)
    return render(request, "programs/staff/confirm_delete.html", {**context, "object": obj, "cancel_url": done})


# --- refund policy ------------------------------------------------------------------------------


@login_required
def refund_policy(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    initial = [
        {
            "min_days_before": t.min_days_before,
            "max_days_before": t.max_days_before,
            "amount": t.amount,
            "label": t.label,
        }
        for t in selectors.refund_table(program)
    ]
    if request.method == "POST":
        # No initial data here: a row counts as blank only when nothing was typed in it.
        formset = TierFormSet(request.POST, prefix="tiers")
        if "add_row" in request.POST:
            # Adding a row shows the table again with one more empty row; nothing is saved yet.
            formset = _with_extra_row(request)
        elif formset.is_valid() and _policy_saved(request, program, formset):
            messages.success(request, _("The refund policy was saved."))
            return redirect(_program_url(program))
    else:
        formset = TierFormSet(initial=initial or [{}], prefix="tiers")
    context = {"organization": program.organization, "program": program, "formset": formset}
    return render(request, "programs/staff/refund_policy.html", context)


def _with_extra_row(request: HttpRequest) -> Any:
    data = request.POST.copy()
    try:
        total = int(data.get("tiers-TOTAL_FORMS", "0"))
    except ValueError:
        total = 0
    data["tiers-TOTAL_FORMS"] = str(total + 1)
    return TierFormSet(data, prefix="tiers")


def _policy_saved(request: HttpRequest, program: Program, formset: Any) -> bool:
    tiers, indexes = formset.service_data()
    try:
        services.refund_policy_replace(
            actor=request.user, program=program, tiers=tiers, row_numbers=[index + 1 for index in indexes]
        )
    except TierError as error:
        form = formset.forms[indexes[error.index]]
        # Tied to the row's input; the error summary links to it.
        form.add_error(error.column if error.column in form.fields else None, error.message)
        return False
    except DomainError as error:
        formset._non_form_errors.append(error.message)
        return False
    return True


# --- offerings ----------------------------------------------------------------------------------


@login_required
def offering_list(request: HttpRequest, org_slug: str) -> HttpResponse:
    organization = _organization(request, org_slug)
    filters = OfferingFilterForm(request.GET)
    offerings = selectors.organization_offerings(organization, status=filters.status_value())
    page = Paginator(offerings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": organization, "filters": filters, "page": page}
    return render(request, "programs/staff/offering_list.html", context)


@login_required
def offering_create(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _program(request, org_slug, program_slug)
    form = OfferingForm(request.POST or None, program=program)
    created: list[Offering] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(
            form, lambda: created.append(services.offering_create(actor=request.user, program=program, data=data))
        ):
            messages.success(request, _("The offering was created. Add its sessions and deadlines."))
            return redirect(_offering_url(created[0]))
    context = {"organization": program.organization, "program": program, "form": form}
    return render(request, "programs/staff/offering_form.html", context)


@login_required
def offering_detail(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    return render(request, "programs/staff/offering_detail.html", _offering_context(offering))


def _offering_context(offering: Offering) -> dict[str, Any]:
    context = {
        "organization": offering.program.organization,
        "program": offering.program,
        "offering": offering,
        "schedule": selectors.offering_schedule(offering),
        "session_form": SessionForm(offering=offering, prefix="session"),
        "deadline_form": DeadlineForm(offering=offering, prefix="deadline"),
    }
    if offering.program.kind == ProgramKind.PAIRING:
        context["pairing"] = rules_in_words(pairing.rules_of(offering.program), offering.program.organization)
        context["applications_in_progress"] = pairing.applications_in_progress(offering).count()
    return context


@login_required
def offering_edit(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    program = offering.program
    form = OfferingForm(request.POST or None, program=program, offering=offering)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        updated: list[Offering] = []
        if _saved(
            form, lambda: updated.append(services.offering_update(actor=request.user, offering=offering, data=data))
        ):
            messages.success(request, _("The offering was saved."))
            return redirect(_offering_url(updated[0]))
    context = {"organization": program.organization, "program": program, "offering": offering, "form": form}
    return render(request, "programs/staff/offering_form.html", context)


# --- sessions and deadlines ---------------------------------------------------------------------


@login_required
def session_create(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    form = SessionForm(request.POST or None, offering=offering, prefix="session")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.session_create(actor=request.user, offering=offering, **data)):
            messages.success(request, _("The session was added."))
            return redirect(_offering_url(offering))
    return _schedule_form(request, offering, form, _("Add a session"))


@login_required
def session_edit(
    request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str, session_id: int
) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    session = selectors.get_session(offering, session_id)
    form = SessionForm(request.POST or None, offering=offering, session=session, prefix="session")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.session_update(actor=request.user, session=session, data=data)):
            messages.success(request, _("The session was saved. Calendars will show the change."))
            return redirect(_offering_url(offering))
    return _schedule_form(request, offering, form, _("Change a session"))


@login_required
def session_delete(
    request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str, session_id: int
) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    session = selectors.get_session(offering, session_id)
    return _confirm_schedule_delete(
        request, offering, obj=session, delete=lambda: services.session_delete(actor=request.user, session=session)
    )


@login_required
def deadline_create(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    form = DeadlineForm(request.POST or None, offering=offering, prefix="deadline")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.deadline_create(actor=request.user, offering=offering, **data)):
            messages.success(request, _("The deadline was added."))
            return redirect(_offering_url(offering))
    return _schedule_form(request, offering, form, _("Add a deadline"))


@login_required
def deadline_edit(
    request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str, deadline_id: int
) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    deadline = selectors.get_deadline(offering, deadline_id)
    initial = {"module": deadline.module_id, "title": deadline.title, "due_on": deadline.due_on}
    form = DeadlineForm(request.POST or None, offering=offering, initial=initial, prefix="deadline")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _saved(form, lambda: services.deadline_update(actor=request.user, deadline=deadline, data=data)):
            messages.success(request, _("The deadline was saved."))
            return redirect(_offering_url(offering))
    return _schedule_form(request, offering, form, _("Change a deadline"))


@login_required
def deadline_delete(
    request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str, deadline_id: int
) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    deadline = selectors.get_deadline(offering, deadline_id)
    return _confirm_schedule_delete(
        request, offering, obj=deadline, delete=lambda: services.deadline_delete(actor=request.user, deadline=deadline)
    )


def _confirm_schedule_delete(
    request: HttpRequest, offering: Offering, *, obj: Any, delete: Callable[[], None]
) -> HttpResponse:
    """Delete one of the offering's sessions or deadlines after confirming; back to the offering either way."""
    return _confirm_delete(
        request,
        obj=obj,
        done=_offering_url(offering),
        delete=delete,
        context={"organization": offering.program.organization, "program": offering.program, "offering": offering},
    )


def _schedule_form(request: HttpRequest, offering: Offering, form: forms.Form, title: str) -> HttpResponse:
    context = {
        "organization": offering.program.organization,
        "program": offering.program,
        "offering": offering,
        "form": form,
        "title": title,
    }
    return render(request, "programs/staff/schedule_form.html", context)
