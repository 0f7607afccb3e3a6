"""The library part of the demo: the Kaministiquia River board's own items, beside the shared
library (which every install has, see resources.library).

The board and its items are invented; they answer what seed 001 says the under-served groups need
(ECE and kindergarten teams short of embedded time, business and support staff meeting mentoring
for the first time, associate teachers as mentors rather than evaluators). No web addresses are
made up: the items have none. Everything goes through the services, as the chair of the board's
Mentoring Steering Committee; loading again changes only what differs.
"""

from __future__ import annotations

from typing import Any

from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.resources import services
from mentorweb.resources.models import Resource, ResourceType
from mentorweb.resources.models import Theme as T

ORGANIZATION = "krdsb"
AUTHOR = "steering.mfa@example.org"
SOURCE = "Kaministiquia River DSB Mentoring Steering Committee"

ITEMS: tuple[dict[str, Any], ...] = (
    {
        "title": "ECE and kindergarten team: a planning conversation in fifteen minutes",
        "type": ResourceType.TEMPLATE,
        "summary": (
            "A one-page plan for an early childhood educator and a kindergarten teacher to hold a "
            "learning-focused conversation in the little time they share: one goal, what each of you noticed, "
            "one next step. Mentoring goes both ways on the team."
        ),
        "themes": [T.EARLY_LEARNING, T.GOAL_SETTING, T.CONVERSATIONS],
        "audiences": [RG.EARLY_CHILDHOOD_EDUCATOR, RG.TEACHER],
    },
    {
        "title": "Mentoring for business and support staff: where to start",
        "type": ResourceType.ARTICLE,
        "summary": (
            "For colleagues meeting mentoring for the first time: what a mentoring web is, how to ask someone "
            "in another role for a learning-focused conversation, and how to keep the relationship going."
        ),
        "themes": [T.MENTORING_WEB, T.RELATIONAL_TRUST],
        "audiences": [RG.BUSINESS_SUPPORT, RG.OFFICE_ADMINISTRATOR],
    },
    {
        "title": "Associate teachers: mentor first, evaluator second",
        "type": ResourceType.ARTICLE,
        "summary": (
            "Notes from the steering committee on keeping the mentoring conversation apart from the "
            "evaluation of a teacher candidate, with growth-oriented feedback in between."
        ),
        "themes": [T.FEEDBACK, T.INDUCTION],
        "audiences": [RG.ASSOCIATE_TEACHER],
    },
    {
        "title": "Conversations axées sur l'apprentissage : aide-mémoire",
        "type": ResourceType.TEMPLATE,
        "language": "fr",
        "summary": (
            "Un aide-mémoire pour une conversation axée sur l'apprentissage : paraphraser, explorer les options, "
            "planifier les prochaines étapes et s'autoévaluer."
        ),
        "themes": [T.CONVERSATIONS, T.COACHING],
        "audiences": [],
    },
)


def load_demo(context: Any) -> None:
    organization = context.organizations.get(ORGANIZATION)
    author = context.people.get(AUTHOR)
    if organization is None or author is None:
        return
    report = context.report
    existing = {
        r.title: r for r in Resource.objects.filter(organization=organization).prefetch_related("themes", "audiences")
    }
    for spec in ITEMS:
        wanted = {"language": "en", "source": SOURCE, "is_published": True, **spec}
        wanted["themes"] = [str(t) for t in wanted["themes"]]
        wanted["audiences"] = [str(a) for a in wanted["audiences"]]
        item = existing.get(spec["title"])
        if item is None:
            services.resource_create(actor=author.user, organization=organization, data=wanted)
            report.created["library items"] += 1
            continue
        current = {
            "title": item.title,
            "type": item.type,
            "summary": item.summary,
            "source": item.source,
            "language": item.language,
            "is_published": item.is_published,
            "themes": sorted(item.theme_values()),
            "audiences": sorted(item.audience_values()),
        }
        changes = {
            name: value
            for name, value in wanted.items()
            if (sorted(value) if isinstance(value, list) else value) != current[name]
        }
        if changes:
            services.resource_update(actor=author.user, resource=item, data=changes)
            report.updated["library items"] += 1
