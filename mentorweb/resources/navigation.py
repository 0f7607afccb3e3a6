"""The library in the main menu (no query: every signed-in person may read it), and a home-page
section for the staff who keep their organization's own items."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships


def managed_organizations(user: Any) -> list[Organization]:
    return [
        m.organization for m in active_memberships(user) if user.has_perm("resources.manage_resources", m.organization)
    ]


@register_nav
def resources_nav(request: HttpRequest) -> list[NavItem]:
    url = reverse("resources:library")
    return [NavItem(_("Resources"), url, request.path.startswith(url))]


@register_home
def resources_home(request: HttpRequest) -> list[HomeSection]:
    sections = []
    for organization in managed_organizations(request.user):
        sections.append(
            HomeSection(
                title=_("Resources and conversation tools of %(organization)s") % {"organization": organization},
                body=_(
                    "Add your organization's own resources beside the shared library, and adapt the conversation "
                    "tools that mentors and mentees fill in."
                ),
                actions=[
                    HomeAction(_("Our resources"), reverse("resources:staff_list", args=[organization.slug])),
                    HomeAction(_("Conversation tools"), reverse("conversations:tools", args=[organization.slug])),
                ],
                order=60,
            )
        )
    return sections
