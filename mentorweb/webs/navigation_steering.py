"""A home-page section for the people who see a board's web as a whole: its steering committee
members, administrators and coordinators. One permission check per organization of the person
(from the memberships read once per request) and one query for the webs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.organizations.selectors import active_memberships
from mentorweb.programs.models import Program, ProgramKind


@register_home
def steering_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    organizations = {
        m.organization_id: m.organization
        for m in active_memberships(user)
        if user.has_perm("webs.view_coverage", m.organization)
    }
    if not organizations:
        return []
    with_web = set(
        Program.objects.filter(kind=ProgramKind.WEB, organization_id__in=organizations).values_list(
            "organization_id", flat=True
        )
    )
    actions = [
        HomeAction(
            _("Steering committee's view: %(organization)s") % {"organization": organization},
            reverse("steering:coverage", kwargs={"slug": organization.slug}),
        )
        for pk, organization in organizations.items()
        if pk in with_web
    ]
    if not actions:
        return []
    return [
        HomeSection(
            title=_("How far the mentoring web reaches"),
            body=_(
                "For the steering committee: coverage by role group and school, connections across roles, "
                "mentors with too many people, and the trend over the year."
            ),
            actions=actions,
            order=30,
        )
    ]
