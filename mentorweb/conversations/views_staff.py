"""Staff pages for conversation tools, under /o/<slug>/conversation-tools/.

Administrators and coordinators see the built-ins and their organization's own tools, customize a
built-in (a copy into the organization), add tools and change their own. Another organization's
tool is a 404; a member without a staff role gets a 403. Records are never shown here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentorweb.conversations import selectors, services
from mentorweb.conversations.display import template_texts
from mentorweb.conversations.forms import QuestionFormSet, TemplateForm, question_initial
from mentorweb.conversations.models import ConversationTemplate
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(services.MANAGE, organization):
        raise PermissionDenied
    return organization


@login_required
def tools(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    rows = [{"template": t, **template_texts(t)} for t in selectors.templates_for_organization(organization)]
    return render(request, "conversations/staff/tools.html", {"organization": organization, "rows": rows})


@login_required
def tool_detail(request: HttpRequest, slug: str, template_id: int) -> HttpResponse:
    organization = _organization(request, slug)
    template = selectors.get_template_for_staff(organization, template_id)
    copy = None
    if template.is_builtin:
        copy = ConversationTemplate.objects.filter(organization=organization, key=template.key).first()
    context = {"organization": organization, "template": template, "texts": template_texts(template), "copy": copy}
    return render(request, "conversations/staff/tool.html", context)


def _apply_error(form: TemplateForm, formset: Any, kept: list[Any], error: DomainError) -> None:
    """Tie a service error to its input: "fields.2.options" is the third question kept."""
    field = error.field or ""
    if field.startswith("fields."):
        parts = field.split(".")
        index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1
        name = parts[2] if len(parts) > 2 else None
        if 0 <= index < len(kept):
            question = kept[index]
            question.add_error(name if name in question.fields else None, error.message)
            return
    if field == "fields":
        formset._non_form_errors = formset.error_class([error.message])
        return
    form.add_error(field if field in form.fields else None, error.message)


def _edit(request: HttpRequest, organization: Organization, template: ConversationTemplate | None) -> HttpResponse:
    if template is None:
        form = TemplateForm(request.POST or None)
        formset = QuestionFormSet(request.POST or None, prefix="questions")
    else:
        form = TemplateForm.for_template(template, request.POST or None)
        formset = QuestionFormSet(request.POST or None, prefix="questions", initial=question_initial(template))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        kept = formset.kept_forms()  # type: ignore[attr-defined]
        data = {**form.cleaned_data, "fields": [question.question() for question in kept]}
        try:
            if template is None:
                saved = services.template_create(actor=request.user, organization=organization, data=data)
            else:
                saved = services.template_update(actor=request.user, template=template, data=data)
        except DomainError as error:
            _apply_error(form, formset, kept, error)
        else:
            messages.success(request, _("The tool “%(name)s” was saved.") % {"name": saved.name})
            return redirect("conversations:tool", slug=organization.slug, template_id=saved.pk)
    context = {"organization": organization, "form": form, "formset": formset, "template": template}
    return render(request, "conversations/staff/tool_form.html", context)


@login_required
def tool_new(request: HttpRequest, slug: str) -> HttpResponse:
    return _edit(request, _organization(request, slug), None)


@login_required
def tool_edit(request: HttpRequest, slug: str, template_id: int) -> HttpResponse:
    organization = _organization(request, slug)
    return _edit(request, organization, selectors.get_own_template(organization, template_id))


@login_required
@require_http_methods(["GET", "POST"])
def tool_customize(request: HttpRequest, slug: str, template_id: int) -> HttpResponse:
    organization = _organization(request, slug)
    template = selectors.get_template_for_staff(organization, template_id)
    if not template.is_builtin:
        raise Http404
    existing = ConversationTemplate.objects.filter(organization=organization, key=template.key).first()
    if request.method == "POST" and existing is None:
        try:
            copy = services.template_customize(actor=request.user, organization=organization, template=template)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("conversations:tools", slug=slug)
        messages.success(
            request, _("Your organization now has its own copy of “%(name)s”: change it below.") % {"name": copy.name}
        )
        return redirect("conversations:tool_edit", slug=slug, template_id=copy.pk)
    context = {"organization": organization, "template": template, "texts": template_texts(template), "copy": existing}
    return render(request, "conversations/staff/customize.html", context)
