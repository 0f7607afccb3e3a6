"""Staff pages for setting up pairing programs, under /o/<org_slug>/programs/: the rules, the
application questions, and extending an offering's deadline.

The same reach as the other set-up pages: another organization's program is a 404, a member
who may not set up programs gets a 403; a course program has no pairing pages (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.errors import DomainError
from mentorweb.programs import pairing
from mentorweb.programs.models import ApplicationQuestion, Offering, Program, ProgramKind
from mentorweb.programs.pairing_forms import ExtendDeadlineForm, PairingRulesForm, QuestionForm
from mentorweb.programs.views_staff import _confirm_delete, _offering, _offering_url, _program, _program_url, _saved


def _pairing_program(request: HttpRequest, org_slug: str, program_slug: str) -> Program:
    program = _program(request, org_slug, program_slug)
    if program.kind != ProgramKind.PAIRING:
        raise Http404
    return program


def _questions_url(program: Program) -> str:
    return reverse("programs:questions", args=[program.organization.slug, program.slug])


def _question(program: Program, question_id: int) -> ApplicationQuestion:
    question = ApplicationQuestion.objects.filter(program=program, pk=question_id).first()
    if question is None:
        raise Http404
    question.program = program
    return question


@login_required
def pairing_rules(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    form = PairingRulesForm(request.POST or None, rules=pairing.rules_of(program))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: pairing.pairing_rules_update(actor=request.user, program=program, data=data)):
            messages.success(request, _("The pairing rules were saved."))
            return redirect(_program_url(program) + "#pairing-rules")
    context = {"organization": program.organization, "program": program, "form": form}
    return render(request, "programs/staff/pairing_rules.html", context)


@login_required
def questions(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    context = {
        "organization": program.organization,
        "program": program,
        "questions": list(ApplicationQuestion.objects.filter(program=program).order_by("position", "pk")),
        "form": QuestionForm(prefix="question"),
    }
    return render(request, "programs/staff/questions.html", context)


@login_required
def question_create(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    form = QuestionForm(request.POST or None, prefix="question")
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: pairing.question_create(actor=request.user, program=program, data=data)):
            messages.success(request, _("The question was added."))
            return redirect(_questions_url(program))
    return _question_form(request, program, form, _("Add a question"))


@login_required
def question_edit(request: HttpRequest, org_slug: str, program_slug: str, question_id: int) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    question = _question(program, question_id)
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        if _saved(form, lambda: pairing.question_update(actor=request.user, question=question, data=data)):
            messages.success(request, _("The question was saved."))
            return redirect(_questions_url(program))
    return _question_form(request, program, form, _("Change a question"), question=question)


def _question_form(
    request: HttpRequest, program: Program, form: QuestionForm, title: str, question: ApplicationQuestion | None = None
) -> HttpResponse:
    context = {
        "organization": program.organization,
        "program": program,
        "form": form,
        "title": title,
        "question": question,
        "answered": pairing.answer_count(question) if question is not None else 0,
    }
    return render(request, "programs/staff/question_form.html", context)


@login_required
def question_delete(request: HttpRequest, org_slug: str, program_slug: str, question_id: int) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    question = _question(program, question_id)
    return _confirm_delete(
        request,
        obj=question,
        done=_questions_url(program),
        delete=lambda: pairing.question_delete(actor=request.user, question=question),
        context={"organization": program.organization, "program": program},
    )


@login_required
def question_move(request: HttpRequest, org_slug: str, program_slug: str, question_id: int) -> HttpResponse:
    program = _pairing_program(request, org_slug, program_slug)
    question = _question(program, question_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        pairing.question_move(actor=request.user, question=question, direction=request.POST.get("direction", ""))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(_questions_url(program) + f"#question-{question.pk}")


@login_required
def offering_extend_deadline(
    request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str
) -> HttpResponse:
    offering = _offering(request, org_slug, program_slug, offering_slug)
    waiting = pairing.applications_in_progress(offering).count()
    form = ExtendDeadlineForm(request.POST or None, initial={"notify": waiting > 0})
    form.fields["notify"].help_text = ngettext(
        "%(count)s application is in progress.", "%(count)s applications are in progress.", waiting
    ) % {"count": waiting}
    if request.method == "POST" and form.is_valid():
        day, notify = form.cleaned_data["new_deadline"], form.cleaned_data["notify"]
        extended: list[Offering] = []
        if _saved(
            form,
            lambda: extended.append(
                pairing.offering_extend_deadline(actor=request.user, offering=offering, new_deadline=day, notify=notify)
            ),
        ):
            message = _("Deadline extended to %(date)s.") % {"date": formats.date_format(day, "DATE_FORMAT")}
            if notify and waiting:
                message += " " + ngettext(
                    "%(count)s applicant is being e-mailed the new date.",
                    "%(count)s applicants are being e-mailed the new date.",
                    waiting,
                ) % {"count": waiting}
            messages.success(request, message)
            return redirect(_offering_url(offering))
    context = {
        "organization": offering.program.organization,
        "program": offering.program,
        "offering": offering,
        "form": form,
        "waiting": waiting,
    }
    return render(request, "programs/staff/extend_deadline.html", context)
