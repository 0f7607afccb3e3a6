"""Staff pages of partnerships, under /o/<slug>/partnerships/: the list with health (metadata only)
and its export, the program evaluation from the surveys and its export, and the closure day's
"send the closing survey now".

Every page starts from the organizations the user belongs to: another organization's program or
offering is a 404 for every role; a member without the right role gets a 403.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from mentorweb.core.errors import DomainError
from mentorweb.core.paging import CountedPaginator
from mentorweb.organizations.exports import csv_safe
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships import selectors_staff as selectors
from mentorweb.partnerships.forms_surveys import PartnershipFilterForm
from mentorweb.partnerships.models import Health, PartnershipStatus
from mentorweb.partnerships.surveys import closing_survey_send
from mentorweb.partnerships.surveys_evaluation import evaluation, evaluation_csv_lines
from mentorweb.programs.models import Offering

PAGE_SIZE = 50
VIEW = "partnerships.view_health"
MANAGE = "partnerships.manage_surveys"


def _organization(request: HttpRequest, slug: str, perm: str = VIEW) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _filters(request: HttpRequest, organization: Organization) -> PartnershipFilterForm:
    programs, offerings = selectors.filter_choices(organization)
    return PartnershipFilterForm(request.GET or None, programs=programs, offerings=offerings)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def staff_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    form = _filters(request, organization)
    filters = form.values()
    counts = selectors.health_counts(organization, **filters)
    total = counts[filters["health"]] if filters["health"] else counts[selectors.ALL_HEALTH]
    paginator = CountedPaginator(selectors.staff_partnerships(organization, **filters), PAGE_SIZE, count=total)
    page = paginator.get_page(request.GET.get("page"))
    offering = None
    if filters["offering_id"] and request.user.has_perm(MANAGE, organization):
        offering = Offering.objects.filter(pk=filters["offering_id"], program__organization=organization).first()
    context = {
        "organization": organization,
        "form": form,
        "page": page,
        "rows": list(selectors.staff_rows(page.object_list)),
        "health_counts": [(value, label, counts[value]) for value, label in Health.choices],
        "programs": selectors.evaluation_programs(organization),
        "can_manage": request.user.has_perm(MANAGE, organization),
        "closing_offering": offering,
        "query": request.GET.urlencode(),
    }
    return render(request, "partnerships/staff/list.html", context)


def staff_csv_lines(organization: Organization, filters: dict[str, Any]) -> Iterator[str]:
    header = [
        _("Program"),
        _("Offering"),
        _("Kind"),
        _("Mentor"),
        _("Mentee"),
        _("Status"),
        _("Starts"),
        _("Ends"),
        _("Meetings held"),
        _("Hours"),
        _("Last meeting"),
        _("Health"),
        _("Surveys answered"),
        _("Surveys requested"),
    ]
    statuses: dict[str, str] = {key: str(label) for key, label in PartnershipStatus.choices}
    healths: dict[str, str] = {key: str(label) for key, label in Health.choices}
    writer = csv.writer(_Echo())
    yield writer.writerow([csv_safe(label) for label in header])
    values = selectors.staff_partnerships(organization, **filters).iterator(chunk_size=500)
    for row in selectors.staff_rows(values):
        yield writer.writerow(
            [
                csv_safe(row.program),
                csv_safe(row.offering),
                csv_safe(row.kind_label),
                csv_safe(row.mentor),
                csv_safe(row.mentee),
                csv_safe(statuses.get(row.status, row.status)),
                row.starts_on.isoformat() if row.starts_on else "",
                row.ends_on.isoformat() if row.ends_on else "",
                row.meetings,
                row.hours,
                row.last_meeting_on.isoformat() if row.last_meeting_on else "",
                csv_safe(healths.get(row.health, row.health)),
                row.surveys_answered,
                row.surveys_requested,
            ]
        )


@login_required
def staff_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    organization = _organization(request, slug)
    filters = _filters(request, organization).values()
    response = StreamingHttpResponse(staff_csv_lines(organization, filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="partnerships-{organization.slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def closing_survey(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    """The closure day: send the closing survey to every active partnership of the offering now."""
    organization = get_organization_for_user(request.user, slug)
    offering = selectors.get_offering(organization, offering_id)
    if not request.user.has_perm(MANAGE, organization):
        raise PermissionDenied
    if request.method == "POST":
        try:
            sent = closing_survey_send(actor=request.user, offering=offering)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The closing survey was sent: %(count)s request made.",
                    "The closing survey was sent: %(count)s requests made.",
                    sent,
                )
                % {"count": sent},
            )
        return redirect(reverse("partnerships:staff_list", args=[organization.slug]) + f"?offering={offering.pk}")
    active = offering.partnerships.filter(status=PartnershipStatus.ACTIVE).count()
    context = {"organization": organization, "offering": offering, "active": active}
    return render(request, "partnerships/staff/closing_survey.html", context)


def _evaluation_offering(request: HttpRequest, organization: Organization, program_id: int) -> Offering | None:
    value = request.GET.get("offering", "")
    if not value.isdigit():
        return None
    return Offering.objects.filter(pk=int(value), program_id=program_id, program__organization=organization).first()


@login_required
def program_evaluation(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    organization = get_organization_for_user(request.user, slug)
    program = selectors.get_program(organization, program_id)
    if not request.user.has_perm(VIEW, organization):
        raise PermissionDenied
    offering = _evaluation_offering(request, organization, program.pk)
    context = {
        "organization": organization,
        "program": program,
        "offering": offering,
        "offerings": Offering.objects.filter(program=program).order_by("-start_date", "pk")[:100],
        "summaries": evaluation(program, offering=offering),
        "can_manage": request.user.has_perm(MANAGE, organization),
    }
    return render(request, "partnerships/staff/evaluation.html", context)


@login_required
def program_evaluation_csv(request: HttpRequest, slug: str, program_id: int) -> StreamingHttpResponse:
    organization = get_organization_for_user(request.user, slug)
    program = selectors.get_program(organization, program_id)
    if not request.user.has_perm(VIEW, organization):
        raise PermissionDenied
    offering = _evaluation_offering(request, organization, program.pk)
    response = StreamingHttpResponse(
        evaluation_csv_lines(program, offering=offering), content_type="text/csv; charset=utf-8"
    )
    suffix = f"-{offering.slug}" if offering else ""
    response["Content-Disposition"] = f'attachment; filename="evaluation-{program.slug}{suffix}.csv"'
    return response
