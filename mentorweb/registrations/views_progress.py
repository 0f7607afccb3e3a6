"""Progress pages: attendance and module work for facilitators, materials, submissions, the
certificate and tax receipts for candidates, and receipt generation for staff."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch

from mentorweb.core.errors import DomainError
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import ProgramKind
from mentorweb.registrations import progress
from mentorweb.registrations import progress_selectors as selectors
from mentorweb.registrations.documents import certificate_number, certificate_pdf, receipt_pdf
from mentorweb.registrations.models import RegistrationStatus
from mentorweb.registrations.progress_forms import (
    AttendanceForm,
    DecisionForm,
    MarkCompleteForm,
    ReceiptYearForm,
    SubmissionForm,
)
from mentorweb.registrations.receipts import receipt_lines
from mentorweb.registrations.selectors import get_offering_for_staff, get_registration_for_user
from mentorweb.registrations.tasks import receipts_generate

PAGE_SIZE = 50


def _form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- facilitators ------------------------------------------------------------------------------


@login_required
def attendance(request: HttpRequest, slug: str, offering_id: int, session_id: int) -> HttpResponse:
    organization, offering, session = selectors.get_session_for_staff(
        request.user, slug, offering_id, session_id, "progress.mark_attendance"
    )
    sheet = selectors.attendance_sheet(session)
    pairing = offering.program.kind == ProgramKind.PAIRING
    choices = [(row.registration.pk, _attendee(row.registration, pairing)) for row in sheet]
    initial = {"present": [row.registration.pk for row in sheet if row.present]}
    form = AttendanceForm(request.POST if request.method == "POST" else None, choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = progress.attendance_record_session(
                actor=request.user, session=session, present_ids=form.cleaned_data["present"]
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                context = {"changed": changed, "saved_at": timezone.now(), "organization": organization}
                return render(request, "registrations/progress/_attendance_saved.html", context)
            messages.success(request, _("Attendance was saved."))
            return redirect(request.path)
    if request.htmx and request.method == "POST":  # type: ignore[attr-defined]
        return render(request, "registrations/progress/_attendance_saved.html", {"form": form})
    context = {
        "organization": organization,
        "offering": offering,
        "session": session,
        "form": form,
        "started": session.starts_at <= timezone.now(),
        "taken": any(row.present is not None for row in sheet),
        "pairing": pairing,
        "can_manage": request.user.has_perm("programs.manage_programs", organization),
    }
    return render(request, "registrations/progress/attendance.html", context)


def _attendee(registration: Any, pairing: bool) -> str:
    # At a pairing program's events, mentors and mentees are told apart on the sheet.
    if not pairing:
        return str(registration.person.full_name)
    return _("%(name)s (%(role)s)") % {
        "name": registration.person.full_name,
        "role": registration.get_role_display().lower(),
    }


@login_required
def modules(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = get_offering_for_staff(request.user, slug, offering_id, "progress.decide_modules")
    page = Paginator(selectors.in_course_registrations(offering), PAGE_SIZE).get_page(request.GET.get("page"))
    course_modules = selectors.program_modules(offering)
    context = {
        "organization": organization,
        "offering": offering,
        "modules": course_modules,
        "page": page,
        "rows": selectors.progress_rows(offering, list(page.object_list), course_modules),
        "sessions": selectors.sessions_with_counts(offering),
        "can_mark_attendance": request.user.has_perm("progress.mark_attendance", organization),
    }
    return render(request, "registrations/progress/modules.html", context)


@login_required
def mark_complete(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    _organization, offering = get_offering_for_staff(request.user, slug, offering_id, "progress.decide_modules")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = reverse("progress:modules", kwargs={"slug": slug, "offering_id": offering.pk})
    form = MarkCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a candidate and a module."))
        return redirect(back)
    registration = selectors.get_in_course_registration(offering, form.cleaned_data["registration"])
    module = selectors.get_module_for_registration(registration, form.cleaned_data["module"])
    try:
        progress.module_mark_complete(actor=request.user, registration=registration, module=module)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(module)s is marked complete for %(name)s.")
            % {"module": module, "name": registration.person.full_name},
        )
    return redirect(back)


@login_required
def completion(request: HttpRequest, slug: str, offering_id: int, completion_id: int) -> HttpResponse:
    organization, offering = get_offering_for_staff(request.user, slug, offering_id, "progress.decide_modules")
    work = selectors.get_completion_for_staff(offering, completion_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            progress.module_decide(
                actor=request.user, completion=work, accept=accept, feedback=form.cleaned_data["feedback"]
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            done = _("The work was accepted.") if accept else _("The work was returned with your feedback.")
            messages.success(request, done)
            return redirect("progress:modules", slug=slug, offering_id=offering.pk)
    context = {"organization": organization, "offering": offering, "work": work, "form": form}
    return render(request, "registrations/progress/completion.html", context)


# --- candidates ----------------------------------------------------------------------------------


@login_required
def materials(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_registration_for_user(request.user, registration_id)
    offering = registration.offering
    course_modules = selectors.program_modules(offering)
    context = {
        "registration": registration,
        "offering": offering,
        "organization": offering.program.organization,
        "access": progress.access_state(offering),
        "in_course": registration.status in progress.IN_COURSE,
        "row": selectors.progress_rows(offering, [registration], course_modules)[0],
        "sessions": list(offering.sessions.select_related("module").order_by("starts_at")),
        "deadlines": list(offering.deadlines.select_related("module").order_by("due_on")),
    }
    return render(request, "registrations/progress/materials.html", context)


@login_required
def submit(request: HttpRequest, registration_id: int, module_id: int) -> HttpResponse:
    registration = get_registration_for_user(request.user, registration_id)
    module = selectors.get_module_for_registration(registration, module_id)
    work = selectors.completion_of(registration, module)
    initial = {"submission": work.submission} if work is not None else None
    form = SubmissionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            progress.module_submit(
                actor=request.user, registration=registration, module=module, submission=form.cleaned_data["submission"]
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your work was submitted. Your facilitator will review it."))
            return redirect("progress:materials", registration_id=registration.pk)
    context = {
        "registration": registration,
        "offering": registration.offering,
        "module": module,
        "work": work,
        "form": form,
        "access": progress.access_state(registration.offering),
        "in_course": registration.status == RegistrationStatus.CONFIRMED,
    }
    return render(request, "registrations/progress/submit.html", context)


@login_required
def certificate(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.get_completed_registration_for_user(request.user, registration_id)
    return _pdf(certificate_pdf(registration), f"certificate-{certificate_number(registration)}.pdf")


@login_required
def receipts(request: HttpRequest) -> HttpResponse:
    return render(
        request, "registrations/progress/receipts.html", {"receipts": selectors.receipts_for_user(request.user)}
    )


@login_required
def receipt(request: HttpRequest, receipt_id: int) -> HttpResponse:
    found = selectors.get_receipt_for_user(request.user, receipt_id)
    return _pdf(receipt_pdf(found, lines=receipt_lines(found)), f"tax-receipt-{found.number}.pdf")


# --- staff: tax receipts ---------------------------------------------------------------------------


def _receipts_organization(request: HttpRequest, slug: str) -> Any:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm("progress.manage_receipts", organization):
        raise PermissionDenied
    return organization


@login_required
def staff_receipts(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _receipts_organization(request, slug)
    form = ReceiptYearForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = receipts_generate.enqueue(organization_id=organization.pk, year=form.cleaned_data["year"])
        messages.info(request, _("Receipts for %(year)s are being generated.") % {"year": form.cleaned_data["year"]})
        return redirect(f"{request.path}?job={result.id}")
    job = _job(request.GET.get("job", ""), organization) if request.GET.get("job") else None
    context = {
        "organization": organization,
        "form": form,
        "years": selectors.receipt_years(organization),
        "job": job,
    }
    return render(request, "registrations/progress/staff_receipts.html", context)


@login_required
def receipts_job(request: HttpRequest, slug: str, job_id: Any) -> HttpResponse:
    organization = _receipts_organization(request, slug)
    job = _job(str(job_id), organization)
    if job is None:
        raise Http404
    return render(request, "registrations/progress/_receipts_job.html", {"organization": organization, "job": job})


def _job(job_id: str, organization: Any) -> dict[str, Any] | None:
    """The state of a receipts job of this organization; None for any other job id."""
    try:
        result = receipts_generate.get_result(job_id)
    except (TaskResultDoesNotExist, TaskResultMismatch, ValueError):
        return None
    if result.kwargs.get("organization_id") != organization.pk:
        return None
    year = result.kwargs.get("year")
    return {
        "id": result.id,
        "year": year,
        "status": str(result.status),
        "finished": result.is_finished,
        "counts": result.return_value if str(result.status) == "SUCCESSFUL" else None,
        "so_far": selectors.receipt_count(organization, year),
    }
