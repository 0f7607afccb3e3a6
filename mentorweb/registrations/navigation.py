"""Menu entry and home-page sections for registrations.

The menu entry costs no query (every signed-in person may register for a course); the home
page reads the person's live registrations and, for staff, the offerings open for
registration, each in one bounded query.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.selectors import active_memberships
from mentorweb.programs.models import Offering, OfferingStatus
from mentorweb.registrations.models import Registration, RegistrationStatus

HOME_LIMIT = 5


@register_nav
def registrations_nav(request: HttpRequest) -> list[NavItem]:
    url = reverse("registrations:mine")
    return [NavItem(_("My registrations"), url, request.path.startswith(url))]


@register_home
def registrations_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    sections: list[HomeSection] = []
    waiting = list(
        Registration.objects.filter(
            person__user=user, status__in=(RegistrationStatus.PENDING_PAYMENT, RegistrationStatus.OFFERED)
        )
        .select_related("offering__program")
        .order_by("registered_at")[:HOME_LIMIT]
    )
    for registration in waiting:
        offered = registration.status == RegistrationStatus.OFFERED
        sections.append(
            HomeSection(
                title=str(registration.offering),
                body=_("A seat is offered to you from the waitlist: accept it before the offer expires.")
                if offered
                else _("Your registration is waiting for payment. Full payment confirms your seat."),
                actions=[
                    HomeAction(
                        _("See the seat offer") if offered else _("Pay and see my registration"),
                        reverse("registrations:detail", kwargs={"registration_id": registration.pk}),
                    )
                ],
                order=15,
            )
        )
    memberships = active_memberships(user)
    managed = [
        m.organization for m in memberships if user.has_perm("registrations.manage_registrations", m.organization)
    ]
    if managed:
        offerings = (
            Offering.objects.filter(
                program__organization__in=managed, status__in=(OfferingStatus.OPEN, OfferingStatus.CLOSED)
            )
            .select_related("program__organization")
            .order_by("start_date", "pk")[:HOME_LIMIT]
        )
        actions = [
            HomeAction(
                _("Registrations: %(offering)s") % {"offering": offering},
                reverse(
                    "registrations:offering_registrations",
                    kwargs={"slug": offering.program.organization.slug, "offering_id": offering.pk},
                ),
            )
            for offering in offerings
        ]
        if actions:
            sections.append(
                HomeSection(
                    title=_("Course registrations"),
                    body=_("Payments, credential checks, the waitlist and cancellations, by offering."),
                    actions=actions,
                    order=25,
                )
            )
    for membership in memberships:
        if (
            user.has_perm("registrations.view_sponsored", membership.organization)
            and membership.organization.kind == "board"
        ):
            sections.append(
                HomeSection(
                    title=_("Registrations %(board)s sponsors") % {"board": membership.organization},
                    actions=[
                        HomeAction(
                            _("See sponsored registrations"),
                            reverse("registrations:sponsored", kwargs={"slug": membership.organization.slug}),
                        )
                    ],
                    order=35,
                )
            )
    return sections
