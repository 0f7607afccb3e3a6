"""The "Courses" menu entry, for the organizations where the user works on courses (built from
the memberships read once per request: no query per organization), and a home-page section
pointing candidates to their tax receipts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.selectors import active_memberships
from mentorweb.registrations.models import Receipt


@register_nav
def reports_nav(request: HttpRequest) -> list[NavItem]:
    user: Any = request.user
    organizations = [
        m.organization for m in active_memberships(user) if user.has_perm("reports.view_offerings", m.organization)
    ]
    items = []
    match = request.resolver_match
    # The course pages (progress, dashboards) belong to this entry too, for their organization.
    course_slug = match.kwargs.get("slug") if match is not None and match.namespace in ("reports", "progress") else None
    for organization in organizations:
        url = reverse("reports:index", kwargs={"slug": organization.slug})
        current = request.path.startswith(url) or course_slug == organization.slug
        label = (
            _("Courses")
            if len(organizations) == 1
            else _("Courses (%(organization)s)") % {"organization": organization}
        )
        items.append(NavItem(label, url, current))
    return items


@register_home
def receipts_home(request: HttpRequest) -> list[HomeSection]:
    """A section when the person has tax receipts to download: one small query, on the home page only."""
    user: Any = request.user
    years = list(
        Receipt.objects.filter(person__user=user).order_by("-year").values_list("year", flat=True).distinct()[:3]
    )
    if not years:
        return []
    return [
        HomeSection(
            title=_("Your tax receipts"),
            body=_("Tax receipts for the program fees you paid are ready for %(years)s.")
            % {"years": ", ".join(str(year) for year in years)},
            actions=[HomeAction(_("My tax receipts"), reverse("progress:receipts"))],
            order=45,
        )
    ]
