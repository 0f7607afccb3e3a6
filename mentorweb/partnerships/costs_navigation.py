"""Home-page sections for the cost pages: a program's administrators and coordinators find its
costs, a board's contacts the invoices addressed to the board. One small query each, on the
home page only, and only for people whose memberships (read once per request) could use them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.organizations.selectors import active_memberships
from mentorweb.partnerships.costs import MANAGE_COSTS
from mentorweb.partnerships.costs_selectors import VIEW_BOARD_INVOICES
from mentorweb.partnerships.models import CostInvoice
from mentorweb.programs.models import Program


@register_home
def costs_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    memberships = active_memberships(user)
    managed = [m.organization for m in memberships if user.has_perm(MANAGE_COSTS, m.organization)]
    boards = [m.organization for m in memberships if user.has_perm(VIEW_BOARD_INVOICES, m.organization)]
    sections = []
    if managed:
        with_costs = set(
            Program.objects.filter(organization__in=managed, pairing__isnull=False)
            .filter(Q(pairing__mentor_honorarium__gt=0) | Q(pairing__cost_per_mentor_year__gt=0))
            .values_list("organization_id", flat=True)
            .distinct()
        )
        actions = [
            HomeAction(
                _("Partnership costs (%(organization)s)") % {"organization": organization},
                reverse("partnerships:costs", kwargs={"slug": organization.slug}),
            )
            for organization in managed
            if organization.pk in with_costs
        ]
        if actions:
            sections.append(
                HomeSection(
                    title=_("Honoraria and cost sharing"),
                    body=_("Prepare the payables of your programs' partnerships, issue the boards' invoices."),
                    actions=actions,
                    order=60,
                )
            )
    if boards:
        invoiced = set(
            CostInvoice.objects.filter(board__in=boards).values_list("board_id", flat=True).distinct().order_by()
        )
        actions = [
            HomeAction(
                _("Invoices to %(board)s") % {"board": board},
                reverse("partnerships:board_invoices", kwargs={"slug": board.slug}),
            )
            for board in boards
            if board.pk in invoiced
        ]
        if actions:
            sections.append(
                HomeSection(
                    title=_("Cost-sharing invoices"),
                    body=_("Your board's share of the mentors' costs in mentoring programs."),
                    actions=actions,
                    order=61,
                )
            )
    return sections
