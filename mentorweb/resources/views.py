"""The library pages: the library for every signed-in person, one item, its file; and the staff
pages where an organization's administrators and coordinators keep its own items.

Another organization's item is a 404 everywhere; a member without a staff role gets a 403 on the
staff pages of their own organization.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.resources import selectors, services
from mentorweb.resources.forms import LibraryFilterForm, ResourceForm, StaffFilterForm
from mentorweb.resources.models import Resource

PAGE_SIZE = 20
MANAGE = "resources.manage_resources"


def _saved(form: forms.BaseForm, call: Callable[[], Any]) -> bool:
    """Run the service; a DomainError becomes an error on the form, tied to its field."""
    try:
        call()
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@login_required
def library(request: HttpRequest) -> HttpResponse:
    filters = LibraryFilterForm(request.GET)
    values = filters.values()
    page = Paginator(selectors.library(request.user, **values), PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(values.values())
    return render(request, "resources/library.html", {"filters": filters, "page": page, "filtered": filtered})


@login_required
def detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    resource = selectors.get_resource_for_user(request.user, resource_id)
    can_edit = resource.organization is not None and request.user.has_perm(MANAGE, resource.organization)
    return render(request, "resources/detail.html", {"resource": resource, "can_edit": can_edit})


@login_required
def download(request: HttpRequest, resource_id: int) -> FileResponse:
    resource = selectors.get_resource_for_user(request.user, resource_id)
    if not resource.file:
        raise Http404
    # Always a download, never shown inline: the file is not ours to vouch for.
    name = os.path.basename(resource.file.name or "") or "resource"
    return FileResponse(resource.file.open("rb"), as_attachment=True, filename=name)


# --- staff --------------------------------------------------------------------------------------


def _organization(request: HttpRequest, slug: str) -> Organization:
    organization = get_organization_for_user(request.user, slug)
    if not request.user.has_perm(MANAGE, organization):
        raise PermissionDenied
    return organization


def _own(request: HttpRequest, slug: str, resource_id: int) -> Resource:
    return selectors.get_own_resource(_organization(request, slug), resource_id)


@login_required
def staff_list(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    filters = StaffFilterForm(request.GET)
    resources = selectors.organization_resources(organization, **filters.values())
    page = Paginator(resources, 50).get_page(request.GET.get("page"))
    context = {"organization": organization, "filters": filters, "page": page}
    return render(request, "resources/staff/list.html", context)


@login_required
def create(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    form = ResourceForm(request.POST or None, request.FILES or None)
    created: list[Resource] = []
    if request.method == "POST" and form.is_valid():
        data, upload = form.service_data(), form.cleaned_data.get("file")
        if _saved(
            form,
            lambda: created.append(
                services.resource_create(actor=request.user, organization=organization, data=data, file=upload)
            ),
        ):
            messages.success(request, _("“%(title)s” was added to your library.") % {"title": created[0].title})
            return redirect("resources:detail", resource_id=created[0].pk)
    return render(request, "resources/staff/form.html", {"organization": organization, "form": form})


@login_required
def edit(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    resource = _own(request, slug, resource_id)
    form = ResourceForm(request.POST or None, request.FILES or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        data, upload = form.service_data(), form.cleaned_data.get("file")
        remove = bool(form.cleaned_data.get("remove_file"))
        if _saved(
            form,
            lambda: services.resource_update(
                actor=request.user, resource=resource, data=data, file=upload, remove_file=remove
            ),
        ):
            messages.success(request, _("“%(title)s” was saved.") % {"title": data["title"]})
            return redirect("resources:staff_list", slug=slug)
    context = {"organization": resource.organization, "form": form, "resource": resource}
    return render(request, "resources/staff/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unpublish(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    resource = _own(request, slug, resource_id)
    if request.method == "POST":
        try:
            services.resource_unpublish(actor=request.user, resource=resource)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("“%(title)s” is no longer in the library. Publish it again from its edit page.")
                % {"title": resource.title},
            )
        return redirect(reverse("resources:staff_list", args=[slug]))
    return render(
        request, "resources/staff/unpublish.html", {"organization": resource.organization, "resource": resource}
    )
