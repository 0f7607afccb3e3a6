"""Home-page section for the advisory team: the pairing offerings whose matching they run.

Advisory team members do not set up programs, so this is their way in to the matching pages
(staff who do also find a "Matching" link on the offering's page). One bounded query.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.organizations.selectors import active_memberships
from mentorweb.programs.models import Offering, OfferingStatus, ProgramKind

HOME_LIMIT = 5


@register_home
def matching_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    organizations = [
        m.organization for m in active_memberships(user) if user.has_perm("matching.run_matching", m.organization)
    ]
    if not organizations:
        return []
    offerings = (
        Offering.objects.filter(
            program__organization__in=organizations,
            program__kind=ProgramKind.PAIRING,
            status__in=(OfferingStatus.OPEN, OfferingStatus.CLOSED),
        )
        .select_related("program__organization")
        .order_by("-start_date", "pk")[:HOME_LIMIT]
    )
    actions = [
        HomeAction(
            _("Matching: %(offering)s") % {"offering": offering},
            reverse("matching:runs", kwargs={"slug": offering.program.organization.slug, "offering_id": offering.pk}),
        )
        for offering in offerings
    ]
    if not actions:
        return []
    return [
        HomeSection(
            title=_("Matching mentors and mentees"),
            body=_("Run the matching, review the proposed pairs with the advisory team, and publish them."),
            actions=actions,
            order=26,
        )
    ]
