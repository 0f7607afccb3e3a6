"""`{% partnership_commitment partnership %}`: the pair's commitment picture (hours a month against
the program's minimum, contact cadence and health) inside the partnership's page, with the
reader's own surveys that are due for it. Two queries: the held meetings, the surveys."""

from __future__ import annotations

from typing import Any

from django import template

from mentorweb.partnerships.commitment import commitment_of, picture
from mentorweb.partnerships.health import assess, at_risk_after, inactive_after, last_full_month
from mentorweb.partnerships.models import Health, Partnership, PartnershipStatus
from mentorweb.partnerships.surveys import label_of, requests_due_for_user

register = template.Library()

SHOWN_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)


@register.inclusion_tag("partnerships/health/_commitment.html", takes_context=True)
def partnership_commitment(context: Any, partnership: Partnership) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    people = (partnership.mentor.user_id, partnership.mentee.user_id)
    if partnership.status not in SHOWN_STATUSES or user.pk not in people:
        return {"commitment": None}
    commitment = commitment_of(partnership)
    month = last_full_month(commitment.starts_on, commitment.today)
    hours = next((m.hours for m in commitment.months if m.month == month), None) if month else None
    assessment = assess(
        starts_on=commitment.starts_on,
        today=commitment.today,
        last_contact_on=commitment.last_contact_on,
        last_full_month_hours=hours,
        expectations=commitment.expectations,
    )
    # A finished partnership shows the health it ended with; an active one today's.
    health = assessment.health if partnership.status == PartnershipStatus.ACTIVE else partnership.health
    return {
        "partnership": partnership,
        "commitment": commitment,
        "picture": picture(commitment),
        "health": health,
        "health_label": Health(health).label,
        "assessment": assessment,
        "at_risk_after": at_risk_after(commitment.expectations),
        "inactive_after": inactive_after(commitment.expectations),
        "surveys_due": [
            (survey_request.pk, label_of(survey_request.survey.title))
            for survey_request in requests_due_for_user(user).filter(partnership=partnership)
        ],
    }
