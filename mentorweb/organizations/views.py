"""Organization pages. Every lookup starts from the organizations the user belongs to:
another organization's page is a 404; a page of one's own organization that one's role does
not open is a 403."""

from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Credential
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations import selectors, services
from mentorweb.organizations.exports import audit_csv_lines, change_rows
from mentorweb.organizations.forms import (
    AuditFilterForm,
    CredentialVerifyForm,
    DirectoryFilterForm,
    InviteForm,
    OrganizationForm,
    RoleForm,
)
from mentorweb.organizations.models import Membership, Organization

PAGE_SIZE = 50


def _organization(request: HttpRequest, slug: str, perm: str | None = None) -> Organization:
    organization = selectors.get_organization_for_user(request.user, slug)
    if perm is not None and not request.user.has_perm(perm, organization):
        raise PermissionDenied
    return organization


def _member(request: HttpRequest, slug: str, membership_id: int, perm: str) -> tuple[Organization, Membership]:
    organization = _organization(request, slug, perm)
    return organization, selectors.get_membership_for_user(request.user, organization, membership_id)


def _form_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _member_url(membership: Membership) -> str:
    return reverse(
        "organizations:member", kwargs={"slug": membership.organization.slug, "membership_id": membership.pk}
    )


@login_required
def organization_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/list.html", {"memberships": selectors.active_memberships(request.user)})


@login_required
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    membership = selectors.membership_in(request.user, organization)
    is_staff = request.user.has_perm("organizations.view_directory", organization)
    counts = selectors.organization_counts(organization) if is_staff else None
    can_edit = request.user.has_perm("organizations.change_organization", organization)
    context = {"organization": organization, "membership": membership, "counts": counts, "can_edit": can_edit}
    return render(request, "organizations/detail.html", context)


@login_required
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug, "organizations.change_organization")
    form = OrganizationForm.for_organization(organization, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(actor=request.user, organization=organization, data=form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The organization's details were saved."))
            return redirect("organizations:detail", slug=organization.slug)
    return render(request, "organizations/edit.html", {"organization": organization, "form": form})


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug, "organizations.view_directory")
    filters = DirectoryFilterForm(request.GET)
    memberships = selectors.directory_memberships(organization, **filters.filters())
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"organization": organization, "filters": filters, "page": page}
    return render(request, "organizations/people.html", context)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug, "organizations.manage_members")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_invite(actor=request.user, organization=organization, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("%(name)s was invited.") % {"name": membership.person.full_name})
            return redirect(_member_url(membership))
    return render(request, "organizations/invite.html", {"organization": organization, "form": form})


@login_required
def member_detail(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organization, membership = _member(request, slug, membership_id, "organizations.view_directory")
    context = {
        "organization": organization,
        "membership": membership,
        "person": membership.person,
        "credentials": list(membership.person.credentials.all()),
        "can_manage": request.user.has_perm("organizations.manage_members", organization),
        "can_verify": request.user.has_perm("organizations.verify_credentials", organization),
        "role_form": RoleForm(initial={"role": membership.role}),
    }
    return render(request, "organizations/member.html", context)


@login_required
def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    # The organization and the permission are checked before re-authentication, so that an
    # outsider gets the same 404 as everywhere else.
    organization, membership = _member(request, slug, membership_id, "organizations.manage_members")
    return _member_role(request, organization=organization, membership=membership)


@reauthentication_required
def _member_role(request: HttpRequest, *, organization: Organization, membership: Membership) -> HttpResponse:
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The role was changed."))
            return redirect(_member_url(membership))
    context = {"organization": organization, "membership": membership, "form": form}
    return render(request, "organizations/member_role.html", context)


@login_required
def member_deactivate(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organization, membership = _member(request, slug, membership_id, "organizations.manage_members")
    return _member_deactivate(request, organization=organization, membership=membership)


@reauthentication_required
def _member_deactivate(request: HttpRequest, *, organization: Organization, membership: Membership) -> HttpResponse:
    return _confirm(request, organization, membership, services.membership_deactivate, deactivate=True)


@login_required
def member_reactivate(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organization, membership = _member(request, slug, membership_id, "organizations.manage_members")
    return _confirm(request, organization, membership, services.membership_reactivate, deactivate=False)


def _confirm(
    request: HttpRequest, organization: Organization, membership: Membership, service: Any, *, deactivate: bool
) -> HttpResponse:
    """A confirmation page on GET; the change on POST, back to the member's page either way."""
    if request.method == "POST":
        try:
            service(actor=request.user, membership=membership)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            done = _("%(name)s was deactivated.") if deactivate else _("%(name)s was reactivated.")
            messages.success(request, done % {"name": membership.person.full_name})
        return redirect(_member_url(membership))
    context = {"organization": organization, "membership": membership, "deactivate": deactivate}
    return render(request, "organizations/member_confirm.html", context)


@login_required
def credential_verify(request: HttpRequest, slug: str, membership_id: int, credential_id: int) -> HttpResponse:
    organization, membership = _member(request, slug, membership_id, "organizations.verify_credentials")
    credential = get_object_or_404(Credential, pk=credential_id, person_id=membership.person_id)
    form = CredentialVerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_credential_verify(
                actor=request.user, membership=membership, credential=credential, status=form.cleaned_data["status"]
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The verification was recorded."))
            return redirect(_member_url(membership))
    context = {"organization": organization, "membership": membership, "credential": credential, "form": form}
    return render(request, "organizations/credential_verify.html", context)


@login_required
def audit_trail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug, "organizations.view_audit")
    filters = AuditFilterForm(request.GET, time_zone=organization.time_zone)
    entries = selectors.audit_entries(organization, **filters.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [_with_change_rows(entry) for entry in page.object_list]
    context = {"organization": organization, "filters": filters, "page": page}
    return render(request, "organizations/audit.html", context)


def _with_change_rows(entry: AuditEntry) -> AuditEntry:
    entry.change_rows = change_rows(entry.changes)  # type: ignore[attr-defined]
    return entry


@login_required
def audit_export(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    organization = _organization(request, slug, "organizations.view_audit")
    filters = AuditFilterForm(request.GET, time_zone=organization.time_zone)
    entries = selectors.audit_entries(organization, **filters.filters()).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        audit_csv_lines(entries, organization.time_zone), content_type="text/csv; charset=utf-8"
    )
    filename = f"audit-{organization.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
