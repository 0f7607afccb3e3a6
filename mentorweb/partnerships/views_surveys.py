"""Survey pages: a person answers their own survey (/me/surveys/<id>/), and staff edit a
program's survey questions (/o/<slug>/partnerships/programs/<id>/surveys/<kind>/...).

A survey request is its person's alone: anyone else's, staff included, is a 404. Another
organization's program is a 404 for every role; a member without the right role gets a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentorweb.core.errors import DomainError
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships import selectors_staff
from mentorweb.partnerships.forms_surveys import KIND_LABELS, QuestionForm, SurveyAnswerForm
from mentorweb.partnerships.models import Survey, SurveyKind
from mentorweb.partnerships.surveys import (
    current_questions,
    get_request_for_user,
    label_of,
    offers_quote,
    other_person_name,
    survey_answer,
    survey_for,
    survey_question_add,
    survey_question_remove,
    survey_question_update,
)

MANAGE = "partnerships.manage_surveys"


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    survey_request = get_request_for_user(request.user, request_id)
    survey = survey_request.survey
    if request.method == "POST" and survey_request.answered_at is not None:
        messages.info(request, _("You have already answered this survey. Thank you!"))
        return redirect("partnerships:survey_answer", request_id=survey_request.pk)
    form = SurveyAnswerForm(survey, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(actor=request.user, survey_request=survey_request, **form.service_data())
        except DomainError as error:
            form.add_error(form.field_for(error.field), error.message)
        else:
            messages.success(request, _("Thank you: your answers were recorded."))
            return redirect("partnerships:survey_answer", request_id=survey_request.pk)
    answers = [
        (label_of(question["label"]), _shown(question, survey_request.answers.get(question["key"])))
        for question in survey.questions
        if question["key"] in survey_request.answers
    ]
    context = {
        "survey_request": survey_request,
        "survey": survey,
        "title": label_of(survey.title),
        "partner_name": other_person_name(survey_request),
        "form": form,
        "answers": answers,
        "offers_quote": offers_quote(survey),
    }
    return render(request, "partnerships/surveys/answer.html", context)


def _shown(question: dict[str, Any], value: Any) -> str:
    if question["kind"] == "choice":
        return label_of(str(value))
    return str(value)


def _survey(request: HttpRequest, slug: str, program_id: int, kind: str) -> Survey:
    organization = get_organization_for_user(request.user, slug)
    program = selectors_staff.get_program(organization, program_id)
    if kind not in SurveyKind.values:
        raise Http404
    if not request.user.has_perm(MANAGE, organization):
        raise PermissionDenied
    return survey_for(program, kind)


def _edit_url(survey: Survey) -> str:
    program = survey.program
    return reverse("partnerships:survey_edit", args=[program.organization.slug, program.pk, survey.kind])


def _question(survey: Survey, key: str) -> dict[str, Any]:
    for question in current_questions(survey):
        if question.get("key") == key:
            return dict(question)
    raise Http404


def _questions(survey: Survey) -> list[dict[str, Any]]:
    return [
        {
            **question,
            "shown_label": label_of(question["label"]),
            "kind_label": KIND_LABELS.get(question["kind"], question["kind"]),
            "shown_options": [label_of(option) for option in question.get("options", [])],
        }
        for question in current_questions(survey)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, slug: str, program_id: int, kind: str) -> HttpResponse:
    """The survey's questions, and a form to add one."""
    survey = _survey(request, slug, program_id, kind)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_question_add(actor=request.user, survey=survey, data=form.service_data())
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The question was added."))
            return redirect(_edit_url(survey))
    context = {
        "organization": survey.program.organization,
        "program": survey.program,
        "survey": survey,
        "title": label_of(survey.title),
        "questions": _questions(survey),
        "form": form,
    }
    return render(request, "partnerships/surveys/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_question_edit(request: HttpRequest, slug: str, program_id: int, kind: str, key: str) -> HttpResponse:
    survey = _survey(request, slug, program_id, kind)
    question = _question(survey, key)
    form = QuestionForm.for_question(question, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_question_update(actor=request.user, survey=survey, key=key, data=form.service_data())
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(_edit_url(survey))
    context = {
        "organization": survey.program.organization,
        "program": survey.program,
        "survey": survey,
        "title": label_of(survey.title),
        "question": {**question, "shown_label": label_of(question["label"])},
        "form": form,
    }
    return render(request, "partnerships/surveys/question_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_question_delete(request: HttpRequest, slug: str, program_id: int, kind: str, key: str) -> HttpResponse:
    survey = _survey(request, slug, program_id, kind)
    question = _question(survey, key)
    if request.method == "POST":
        try:
            survey_question_remove(actor=request.user, survey=survey, key=key)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The question was removed. Answers already given are kept."))
        return redirect(_edit_url(survey))
    context = {
        "organization": survey.program.organization,
        "program": survey.program,
        "survey": survey,
        "title": label_of(survey.title),
        "question": {**question, "shown_label": label_of(question["label"])},
    }
    return render(request, "partnerships/surveys/question_delete.html", context)
