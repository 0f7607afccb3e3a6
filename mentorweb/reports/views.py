"""Reports pages: the offering dashboard and its exports, completions, and the Canvas roster."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.programs.models import Offering
from mentorweb.reports import exports, selectors
from mentorweb.reports.forms import CompletionsFilterForm

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organization(request: HttpRequest, slug: str, perm: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _offering(request: HttpRequest, slug: str, offering_id: int, perm: str) -> tuple[Organization, Offering]:
    # The offering is looked up before the permission: another organization's is a 404 for everyone.
    organization = get_organization_for_user(request.user, slug)
    offering = selectors.get_offering(organization, offering_id)
    if not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization, offering


def _download(content: Any, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(offering: Offering, suffix: str) -> str:
    return f"{offering.program.slug}-{offering.slug}-{suffix}"


@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug, "reports.view_offerings")
    page = Paginator(selectors.offerings_for_reports(organization), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": organization, "page": page, "completions_form": CompletionsFilterForm()}
    return render(request, "reports/index.html", context)


@login_required
def offering_dashboard(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = _offering(request, slug, offering_id, "reports.view_offering_dashboard")
    context = {"organization": organization, "offering": offering, "dashboard": selectors.offering_dashboard(offering)}
    return render(request, "reports/dashboard.html", context)


@login_required
def offering_dashboard_csv(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = _offering(request, slug, offering_id, "reports.view_offering_dashboard")
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    content = exports.registrations_csv(selectors.registration_rows(offering), zone)
    return _download(content, "text/csv; charset=utf-8", _filename(offering, "registrations.csv"))


@login_required
def offering_dashboard_xlsx(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    organization, offering = _offering(request, slug, offering_id, "reports.view_offering_dashboard")
    zone = zoneinfo.ZoneInfo(organization.time_zone)
    dashboard = selectors.offering_dashboard(offering)
    content = exports.dashboard_xlsx(dashboard, selectors.registration_rows(offering), zone)
    return _download(content, XLSX, _filename(offering, "dashboard.xlsx"))


@login_required
def canvas_roster(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    _unused, offering = _offering(request, slug, offering_id, "reports.export_roster")
    content = exports.canvas_roster_zip(offering, selectors.roster_registrations(offering))
    return _download(content, "application/zip", _filename(offering, "canvas-sis.zip"))


@login_required
def completions(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    organization = _organization(request, slug, "reports.export_completions")
    form = CompletionsFilterForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    registrations = selectors.completed_registrations(organization, year=year).iterator(chunk_size=500)
    response = StreamingHttpResponse(
        exports.completions_csv_lines(registrations, organization.time_zone), content_type="text/csv; charset=utf-8"
    )
    label = year or f"to-{timezone.localdate():%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="completions-{organization.slug}-{label}.csv"'
    return response
