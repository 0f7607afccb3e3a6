"""Home-page sections of health and surveys: a person's surveys that are due, and for staff the
partnerships list with how many need attention. One bounded query each, on the home page only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.organizations.selectors import active_memberships
from mentorweb.partnerships.models import Health, Partnership, PartnershipStatus
from mentorweb.partnerships.surveys import label_of, requests_due_for_user

HOME_LIMIT = 5
VIEW = "partnerships.view_health"


@register_home
def surveys_home(request: HttpRequest) -> list[HomeSection]:
    due = list(requests_due_for_user(request.user)[:HOME_LIMIT])
    if not due:
        return []
    return [
        HomeSection(
            title=_("A survey is waiting for you"),
            body=_("A few minutes on how your partnership is going helps the program team support you."),
            actions=[
                HomeAction(
                    _("%(survey)s: %(program)s")
                    % {"survey": label_of(survey_request.survey.title), "program": survey_request.partnership.program},
                    reverse("partnerships:survey_answer", kwargs={"request_id": survey_request.pk}),
                )
                for survey_request in due
            ],
            order=12,
        )
    ]


@register_home
def health_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    organizations = [m.organization for m in active_memberships(user) if user.has_perm(VIEW, m.organization)]
    if not organizations:
        return []
    attention = Q(status=PartnershipStatus.ACTIVE, health__in=(Health.AT_RISK, Health.INACTIVE))
    counts = {
        row["program__organization_id"]: row
        for row in Partnership.objects.filter(program__organization__in=organizations)
        .values("program__organization_id")
        .annotate(
            active=Count("pk", filter=Q(status=PartnershipStatus.ACTIVE)), attention=Count("pk", filter=attention)
        )
        .order_by()
    }
    sections = []
    for organization in organizations:
        row = counts.get(organization.pk)
        if not row:
            continue
        body = ngettext(
            "%(active)s active partnership, %(attention)s at risk or inactive.",
            "%(active)s active partnerships, %(attention)s at risk or inactive.",
            row["active"],
        ) % {"active": row["active"], "attention": row["attention"]}
        sections.append(
            HomeSection(
                title=_("Partnerships of %(organization)s") % {"organization": organization},
                body=body,
                actions=[
                    HomeAction(_("See their health"), reverse("partnerships:staff_list", args=[organization.slug]))
                ],
                order=45,
            )
        )
    return sections
