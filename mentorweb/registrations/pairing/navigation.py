"""Menu entry and home-page sections for applications.

The menu entry costs no query. The home page reads the person's live applications in one
query, and the offerings with applications to review in one more (for staff only).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.models import OrganizationKind
from mentorweb.organizations.selectors import active_memberships
from mentorweb.programs.models import Offering, OfferingStatus, ProgramKind
from mentorweb.registrations.models import RegistrationRole, RegistrationStatus
from mentorweb.registrations.pairing import selectors

HOME_LIMIT = 5
S = RegistrationStatus


@register_nav
def applications_nav(request: HttpRequest) -> list[NavItem]:
    url = reverse("applications:mine")
    return [NavItem(_("My applications"), url, request.path.startswith(url))]


def _applicant_sections(user: Any) -> list[HomeSection]:
    live = selectors.applications_for_user(user).filter(status__in=(S.SUBMITTED, S.INFO_REQUESTED, S.ACCEPTED))
    sections = []
    for registration in live[:HOME_LIMIT]:
        url = reverse("applications:detail", kwargs={"registration_id": registration.pk})
        rules = registration.offering.program.pairing
        if registration.status == S.INFO_REQUESTED:
            body = _("The program asked for more information about your application.")
            actions = [HomeAction(_("Answer the request"), reverse("applications:edit", args=[registration.pk]))]
        elif (
            registration.status == S.ACCEPTED and registration.role == RegistrationRole.MENTEE and rules.mentee_may_rank
        ):
            body = _("Your application is accepted. Tell the program which mentors you would prefer.")
            actions = [
                HomeAction(_("Rank your preferred mentors"), reverse("applications:mentors", args=[registration.pk]))
            ]
        elif registration.status == S.ACCEPTED:
            body = _("Your application is accepted. The advisory team will propose a partner to you.")
            actions = [HomeAction(_("See my application"), url)]
        else:
            body = _("Your application is submitted; the program reviews it after the deadline.")
            actions = [HomeAction(_("See my application"), url)]
        sections.append(HomeSection(title=str(registration.offering), body=body, actions=actions, order=15))
    return sections


def _review_sections(user: Any) -> list[HomeSection]:
    reviewing = [m.organization for m in active_memberships(user) if user.has_perm(selectors.REVIEW, m.organization)]
    if not reviewing:
        return []
    waiting = Q(registrations__status__in=(S.SUBMITTED,), registrations__role__in=selectors.ROLES)
    offerings = (
        Offering.objects.filter(
            program__organization__in=reviewing,
            program__kind=ProgramKind.PAIRING,
            status__in=(OfferingStatus.OPEN, OfferingStatus.CLOSED),
        )
        .annotate(waiting=Count("registrations", filter=waiting))
        .select_related("program__organization")
        .order_by("start_date", "pk")[:HOME_LIMIT]
    )
    actions = [
        HomeAction(
            ngettext(
                "%(offering)s: %(count)s application to review",
                "%(offering)s: %(count)s applications to review",
                offering.waiting,
            )
            % {"offering": offering, "count": offering.waiting},
            reverse(
                "applications:staff_list",
                kwargs={"slug": offering.program.organization.slug, "offering_id": offering.pk},
            ),
        )
        for offering in offerings
    ]
    if not actions:
        return []
    return [
        HomeSection(
            title=_("Applications to mentoring programs"),
            body=_("Review mentors' and mentees' applications: accept, decline or ask for more information."),
            actions=actions,
            order=24,
        )
    ]


def _board_sections(user: Any) -> list[HomeSection]:
    return [
        HomeSection(
            title=_("Board input on mentors for %(board)s") % {"board": m.organization},
            body=_("Say which mentors are acceptable for your board's mentees in the programs that ask."),
            actions=[
                HomeAction(
                    _("Give board input"), reverse("applications:board_offerings", kwargs={"slug": m.organization.slug})
                )
            ],
            order=36,
        )
        for m in active_memberships(user)
        if m.organization.kind == OrganizationKind.BOARD
        and m.role == "board_contact"
        and user.has_perm(selectors.BOARD_INPUT, m.organization)
    ]


@register_home
def applications_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    return [*_applicant_sections(user), *_review_sections(user), *_board_sections(user)]
