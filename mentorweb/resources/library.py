"""The shared library: the Mentoring for All resources (seeds 001 and 002) and the reading choices
of the OPC Mentoring Qualification Program (seed 000), for every organization.

Described from the seeds only. The seeds name the resources but give no web addresses, so these
items have no link: "where to find it" says what the seeds say (TeachOntario for Mentoring for
All). The code is the source of truth for shared items: after every migrate, missing ones are
created and changed ones brought back in step, found by their key. Organizations add their own
items through the staff pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from mentorweb.core.audit import audit_record
from mentorweb.resources.models import Resource, ResourceAudience, ResourceTheme, ResourceType, Theme

TEACH_ONTARIO = "TeachOntario"
MINI_MODULE = "An online mini-module of Mentoring for All (made with Adobe Spark), available on TeachOntario."


@dataclass(frozen=True)
class SharedItem:
    key: str
    title: str
    type: str
    themes: tuple[str, ...]
    summary: str = MINI_MODULE
    source: str = TEACH_ONTARIO
    audiences: tuple[str, ...] = field(default=())
    language: str = "en"


def _mini(key: str, title: str, *themes: str) -> SharedItem:
    return SharedItem(key=key, title=title, type=ResourceType.MINI_MODULE, themes=themes)


T = Theme
COURAGEOUS = (
    "A text for the courageous conversations of Module 3 of the OPC Mentoring Qualification Program, "
    "which names Having Hard Conversations, Hard Conversations Unpacked and Swimming in the Deep End "
    "as its choices."
)

SHARED_LIBRARY: tuple[SharedItem, ...] = (
    SharedItem(
        key="mentoring-for-all-ebook",
        title="Mentoring for All eBook",
        type=ResourceType.EBOOK,
        themes=(T.MENTORING_WEB, T.MODELS, T.CONVERSATIONS),
        summary=(
            "The Mentoring for All eBook, in a Glideshow edition and as a PDF to download, available on "
            "TeachOntario. Mentoring for All is the Ministry of Education resource that the OPC Mentoring "
            "Qualification Program is aligned with."
        ),
    ),
    _mini("creating-a-mentoring-web", "Creating a Mentoring Web", T.MENTORING_WEB),
    SharedItem(
        key="learners-at-the-centre",
        title="Learners at the Centre - Mentoring for All",
        type=ResourceType.MINI_MODULE,
        themes=(T.MENTORING_WEB, T.REFLECTION, T.LEADERSHIP),
        summary=(
            "Authentic learning is owned by the learner: job-embedded and based on real-world learning needs. "
            "Mentorship de-privatizes practice, fosters collaboration and supports “small l” leadership through "
            "the intentional sharing of knowledge and practice between colleagues. Reciprocal learning is a "
            "foundational component of all mentoring relationships: in summary, mentorship is an act of learning. "
            "With illustrative examples of Mentoring for All in action from across Ontario."
        ),
    ),
    _mini("mentoring-is", "Mentoring is....", T.MODELS),
    _mini("building-a-mentoring-web", "Building a Mentoring Web", T.MENTORING_WEB),
    _mini("multiple-models-of-mentorship", "Multiple Models of Mentorship", T.MODELS),
    _mini("building-relational-trust", "Building Relational Trust", T.RELATIONAL_TRUST),
    _mini("ideas-from-mentors-across-ontario", "Ideas from Mentors Across Ontario", T.MODELS),
    _mini("the-power-of-listening", "The Power of Listening", T.LISTENING, T.CONVERSATIONS),
    _mini("goal-setting-conversations", "Goal Setting Conversations", T.GOAL_SETTING, T.CONVERSATIONS),
    _mini(
        "facilitating-learning-focused-conversations",
        "Facilitating Learning Focused Conversations",
        T.CONVERSATIONS,
        T.COACHING,
    ),
    _mini("the-3cs-as-a-framework", "The 3C's as a Framework", T.CONVERSATIONS, T.COACHING),
    _mini(
        "a-conversation-map-for-mediating-thinking",
        "A Conversation Map for Mediating Thinking",
        T.CONVERSATIONS,
        T.REFLECTION,
    ),
    _mini("ideas-to-consider", "Ideas to Consider"),
    _mini(
        "providing-meaningful-and-growth-oriented-feedback",
        "Providing Meaningful and Growth Oriented Feedback",
        T.FEEDBACK,
    ),
    _mini(
        "scaling-questions-as-a-tool-for-debriefing",
        "Scaling Questions as a Tool for Debriefing",
        T.CONVERSATIONS,
        T.REFLECTION,
    ),
    _mini("creating-a-third-point", "Creating a Third Point", T.CONVERSATIONS),
    _mini(
        "appreciative-inquiry-as-a-tool-for-reflection-and-growth",
        "Appreciative Inquiry as a Tool for Reflection and Growth",
        T.REFLECTION,
        T.CONVERSATIONS,
    ),
    _mini("themes-of-success-from-ontario-mentors", "Themes of Success from Ontario Mentors", T.MODELS),
    _mini("building-influence", "Building Influence", T.LEADERSHIP),
    _mini("utilizing-powerful-mentoring-designs", "Utilizing Powerful Mentoring Designs", T.MODELS),
    _mini("mentoring-as-authentic-learning", "Mentoring as Authentic Learning", T.REFLECTION),
    _mini("observation-and-debriefing-protocols", "Observation and Debriefing Protocols", T.OBSERVATION, T.FEEDBACK),
    _mini(
        "learning-from-the-new-teacher-induction-program",
        "Learning from the New Teacher Induction Program",
        T.INDUCTION,
    ),
    SharedItem(
        key="mentoring-for-all-what-we-are-learning",
        title="Mentoring for All - What We Are Learning",
        type=ResourceType.ARTICLE,
        themes=(T.MENTORING_WEB, T.EQUITY, T.EARLY_LEARNING, T.LEADERSHIP),
        summary=(
            "Reflections from learning with mentors across the province. Groups under-served by “mentoring for "
            "some” (ECEs and ECE/Kindergarten educator teams, business and support staff, board consultants and "
            "coaches, associate teachers) deeply appreciate the broadening of mentorship supports. A mentoring web "
            "across roles is modelled when everyone learns together, such as an office administrator having a "
            "learning-focused conversation with a board superintendent. Mentoring steering committees with "
            "representation from all groups have been a great outcome in several boards, and relationships are "
            "messy and need continued care."
        ),
    ),
    SharedItem(
        key="illustrative-example-of-a-mentoring-web",
        title="Illustrative Example of a Mentoring Web",
        type=ResourceType.ARTICLE,
        themes=(T.MENTORING_WEB,),
        summary="An illustrative example of a mentoring web, published as a Glidecast that can be downloaded as a PDF.",
    ),
    SharedItem(
        key="co-active-coaching",
        title="Co-Active Coaching",
        type=ResourceType.BOOK,
        themes=(T.COACHING, T.LISTENING),
        source="",
        summary=(
            "The seminal text on the Co-Active model, currently in its 4th edition. Module 1 of the OPC Mentoring "
            "Qualification Program supports MentorCoaching through the Co-Active model and skills: deep listening, "
            "curiosity and asking powerful questions."
        ),
    ),
    SharedItem(
        key="having-hard-conversations",
        title="Having Hard Conversations",
        type=ResourceType.BOOK,
        themes=(T.CONVERSATIONS, T.LEADERSHIP),
        source="",
        summary=COURAGEOUS,
    ),
    SharedItem(
        key="hard-conversations-unpacked",
        title="Hard Conversations Unpacked",
        type=ResourceType.BOOK,
        themes=(T.CONVERSATIONS, T.LEADERSHIP),
        source="",
        summary=COURAGEOUS,
    ),
    SharedItem(
        key="swimming-in-the-deep-end",
        title="Swimming in the Deep End",
        type=ResourceType.BOOK,
        themes=(T.CONVERSATIONS, T.LEADERSHIP),
        source="",
        summary=COURAGEOUS,
    ),
)

SHARED_KEYS = frozenset(item.key for item in SHARED_LIBRARY)
assert len(SHARED_KEYS) == len(SHARED_LIBRARY), "two shared library items have the same key"

ITEM_FIELDS = ("title", "type", "summary", "source", "language")


def _sync_rows(model: Any, resource: Resource, column: str, wanted: Sequence[str], using: str) -> bool:
    current = set(model.objects.using(using).filter(resource=resource).values_list(column, flat=True))
    if current == set(wanted):
        return False
    model.objects.using(using).filter(resource=resource).exclude(**{f"{column}__in": wanted}).delete()
    model.objects.using(using).bulk_create(
        [model(resource=resource, **{column: v}) for v in wanted if v not in current]
    )
    return True


def sync_shared_library(*, using: str = "default") -> int:
    """Create or bring back in step every shared item; returns how many changed. Safe to run twice."""
    changed = 0
    with transaction.atomic(using=using):
        existing = {
            r.key: r for r in Resource.objects.using(using).filter(organization__isnull=True, key__in=SHARED_KEYS)
        }
        for item in SHARED_LIBRARY:
            wanted = {name: getattr(item, name) for name in ITEM_FIELDS}
            resource = existing.get(item.key)
            if resource is None:
                resource = Resource(key=item.key, is_published=True, **wanted)
                resource.save(using=using)
                changes: dict[str, Any] = {name: [None, value] for name, value in wanted.items()}
            else:
                changes = {
                    name: [getattr(resource, name), value]
                    for name, value in wanted.items()
                    if getattr(resource, name) != value
                }
                if changes:
                    for name in changes:
                        setattr(resource, name, wanted[name])
                    resource.save(using=using, update_fields=[*changes, "updated_at"])
            themes_changed = _sync_rows(ResourceTheme, resource, "theme", [str(t) for t in item.themes], using)
            audiences_changed = _sync_rows(ResourceAudience, resource, "role_group", list(item.audiences), using)
            if changes or themes_changed or audiences_changed:
                if themes_changed:
                    changes["themes"] = [None, list(item.themes)]
                if audiences_changed:
                    changes["audiences"] = [None, list(item.audiences)]
                audit_record(
                    actor=None,
                    action="resource.shared_library_synced",
                    obj=resource,
                    changes={k: [v[0], v[1]] for k, v in changes.items()},
                )
                changed += 1
    return changed


def sync_after_migrate(sender: Any, using: str = "default", apps: Any = None, **kwargs: Any) -> None:
    """post_migrate receiver: only once the library's tables exist in the migrated state."""
    try:
        if apps is not None:
            apps.get_model("resources", "ResourceAudience")
            apps.get_model("core", "AuditEntry")
    except LookupError:
        return
    sync_shared_library(using=using)
