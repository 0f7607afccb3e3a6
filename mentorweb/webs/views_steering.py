"""The steering committee's page of a board's mentoring web, its exports, and the committee's
membership. Another organization's page is a 404 (get_organization_for_user); a member of the
board who is neither staff nor on the committee gets 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentorweb.accounts.models import Person
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import Program
from mentorweb.webs import coverage as selectors
from mentorweb.webs import exports, services
from mentorweb.webs.forms_steering import CommitteeAddForm
from mentorweb.webs.models import SteeringMember

VIEW = "webs.view_coverage"
MANAGE = "webs.manage_web"


def _web(request: HttpRequest, slug: str, perm: str) -> tuple[Organization, Program | None]:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization, selectors.web_program_of(organization)


def _context(request: HttpRequest, organization: Organization, program: Program | None, **extra: object) -> dict:
    return {
        "organization": organization,
        "program": program,
        "coverage": selectors.coverage(program) if program is not None else None,
        "can_manage": request.user.has_perm(MANAGE, organization),
        "under_served_note": selectors.under_served_note(),
        "overload_limit": selectors.OVERLOAD_LIMIT,
        "tables": exports.TABLES,
        **extra,
    }


@login_required
def coverage(request: HttpRequest, slug: str) -> HttpResponse:
    organization, program = _web(request, slug, VIEW)
    context = _context(request, organization, program, form=CommitteeAddForm())
    return render(request, "webs/steering/coverage.html", context)


@login_required
def export(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    organization, program = _web(request, slug, VIEW)
    if program is None or table not in exports.TABLES:
        raise Http404
    response = HttpResponse(exports.table_csv(program, table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="web-{organization.slug}-{table}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def committee_add(request: HttpRequest, slug: str) -> HttpResponse:
    organization, program = _web(request, slug, MANAGE)
    if program is None:
        raise Http404
    form = CommitteeAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = Person.objects.filter(user__email__iexact=form.cleaned_data["person"]).first()
        try:
            if person is None:
                raise DomainError(_("Choose a person of the organization."), field="person")
            member = services.steering_add(
                actor=request.user, program=program, person=person, represents=form.cleaned_data["represents"]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("%(person)s joined the steering committee for %(group)s.")
                % {"person": person.full_name, "group": member.get_represents_display()},
            )
            return redirect("steering:coverage", slug=slug)
    return render(request, "webs/steering/committee_add.html", {"organization": organization, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def committee_remove(request: HttpRequest, slug: str, member_id: int) -> HttpResponse:
    organization, _program = _web(request, slug, MANAGE)
    member = get_object_or_404(
        SteeringMember.objects.select_related("person", "program__organization"),
        pk=member_id,
        program__organization=organization,
    )
    if request.method == "POST":
        try:
            services.steering_remove(actor=request.user, member=member)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(person)s left the steering committee.") % {"person": member.person.full_name}
            )
        return redirect("steering:coverage", slug=slug)
    context = {"organization": organization, "member": member}
    return render(request, "webs/steering/committee_remove.html", context)
