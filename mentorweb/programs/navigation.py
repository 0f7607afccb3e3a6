"""Menu entries and home-page sections of the programs app.

Built from the memberships read once per request (organizations.selectors), plus one query
for the home page's counts, whatever the number of organizations.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships
from mentorweb.programs.models import OfferingStatus, Program


def managed_organizations(user: Any) -> list[Organization]:
    return [
        m.organization for m in active_memberships(user) if user.has_perm("programs.manage_programs", m.organization)
    ]


@register_nav
def programs_nav(request: HttpRequest) -> list[NavItem]:
    path = request.path
    organizations = managed_organizations(request.user)
    items = []
    for organization in organizations:
        url = reverse("programs:list", args=[organization.slug])
        label = _("Programs") if len(organizations) == 1 else f"{_('Programs')} ({organization})"
        items.append(NavItem(label, url, path.startswith(url)))
    catalogue = reverse("catalogue:index")
    items.append(NavItem(_("Catalogue"), catalogue, path.startswith(catalogue)))
    return items


@register_home
def programs_home(request: HttpRequest) -> list[HomeSection]:
    organizations = managed_organizations(request.user)
    if not organizations:
        return []
    counts = {
        row["organization_id"]: row
        for row in Program.objects.filter(organization__in=organizations)
        .values("organization_id")
        .annotate(
            programs=Count("pk", distinct=True),
            open_offerings=Count("offerings", filter=Q(offerings__status=OfferingStatus.OPEN), distinct=True),
        )
    }
    sections = []
    for organization in organizations:
        row = counts.get(organization.pk, {"programs": 0, "open_offerings": 0})
        if row["programs"]:
            body = _("%(programs)s programs, %(open)s offerings open for registration.") % {
                "programs": row["programs"],
                "open": row["open_offerings"],
            }
        else:
            body = _("Set up a course or program: its modules, fee, refund policy and offerings.")
        sections.append(
            HomeSection(
                title=_("Programs of %(organization)s") % {"organization": organization},
                body=body,
                actions=[
                    HomeAction(_("Programs"), reverse("programs:list", args=[organization.slug])),
                    HomeAction(_("Offerings"), reverse("programs:offerings", args=[organization.slug])),
                    HomeAction(_("New program"), reverse("programs:create", args=[organization.slug])),
                ],
                order=25,
            )
        )
    return sections
