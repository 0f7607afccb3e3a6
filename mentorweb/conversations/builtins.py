"""The built-in conversation tools of Mentoring for All (seeds 001 and 002, and issue 6).

The seeds name the tools (the 3C's as a framework, a conversation map for mediating thinking,
scaling questions as a tool for debriefing, creating a third point, appreciative inquiry as a tool
for reflection and growth, observation and debriefing protocols); the issue gives their parts,
which are used word for word where it gives them ("paraphrase the issue, explore options, plan
next steps, self-evaluate"; "why not lower", "one step up"; discover, dream, design, deliver).

Texts are stored in English and marked with gettext_noop, so that pages show built-in tools in
the reader's language (conversations.display). The code is the source of truth: after every
migrate, missing built-ins are created and changed ones brought back in step, by key.
Organizations change a tool by customizing their own copy.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from mentorweb.conversations.fields import clean_questions
from mentorweb.conversations.models import ConversationTemplate, FieldKind, Tool
from mentorweb.core.audit import audit_record

LONG = FieldKind.LONG_TEXT


def q(
    key: str, label: str, kind: str = LONG, *, hint: str = "", options: tuple[str, ...] = (), required: bool = False
) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": str(kind), "options": list(options), "help": hint, "required": required}


def _map(key: str, name: str, tool: str, description: str, helps: tuple[str, str, str, str]) -> dict[str, Any]:
    """A conversation map: the same four moves, with hints for the kind of conversation."""
    return {
        "key": key,
        "name": name,
        "tool": tool,
        "description": description,
        "fields": [
            q("paraphrase", gettext_noop("Paraphrase the issue"), hint=helps[0], required=True),
            q("options", gettext_noop("Explore options"), hint=helps[1]),
            q("next_steps", gettext_noop("Plan next steps"), hint=helps[2]),
            q("self_evaluation", gettext_noop("Self-evaluate"), hint=helps[3]),
        ],
    }


BUILTINS: tuple[dict[str, Any], ...] = (
    {
        "key": "three-cs",
        "name": gettext_noop("The 3C's: consulting, collaborating, coaching"),
        "tool": Tool.THREE_CS,
        "description": gettext_noop(
            "Which stance the mentor took in this conversation (consulting, collaborating or coaching) and why. "
            "See the mini-module “The 3C's as a Framework” in the resource library."
        ),
        "fields": [
            q(
                "stance",
                gettext_noop("Stance used"),
                FieldKind.CHOICE,
                options=(gettext_noop("Consulting"), gettext_noop("Collaborating"), gettext_noop("Coaching")),
                required=True,
            ),
            q("why", gettext_noop("Why this stance fit the moment")),
            q("shift", gettext_noop("Did you move between stances? What prompted it?")),
            q("next_time", gettext_noop("What will you try next time?")),
        ],
    },
    _map(
        "conversation-map-planning",
        gettext_noop("Conversation map: planning"),
        Tool.CONVERSATION_MAP_PLANNING,
        gettext_noop(
            "For a planning conversation. See the mini-module “A Conversation Map for Mediating Thinking” in the "
            "resource library."
        ),
        (
            gettext_noop("Say back the goal or the situation in your own words, so that both of you agree on it."),
            gettext_noop("What could be done? What else? What would success look like?"),
            gettext_noop("Who will do what, and by when?"),
            gettext_noop("How did this conversation help your thinking?"),
        ),
    ),
    _map(
        "conversation-map-reflecting",
        gettext_noop("Conversation map: reflecting"),
        Tool.CONVERSATION_MAP_REFLECTING,
        gettext_noop(
            "For a reflecting conversation, after an event or a lesson. See the mini-module “A Conversation Map for Mediating Thinking” in the "
            "resource library."
        ),
        (
            gettext_noop("Say back what happened, and how it compares with what was planned."),
            gettext_noop("What contributed to the result? What other ways of seeing it are there?"),
            gettext_noop("What will you carry forward, and what will you change?"),
            gettext_noop("What did you learn about your own practice?"),
        ),
    ),
    _map(
        "conversation-map-problem-resolving",
        gettext_noop("Conversation map: problem-resolving"),
        Tool.CONVERSATION_MAP_PROBLEM_RESOLVING,
        gettext_noop(
            "For a problem-resolving conversation, when someone feels stuck. See the mini-module “A Conversation Map for Mediating Thinking” in the "
            "resource library."
        ),
        (
            gettext_noop("Say back the difficulty, and what the person wants instead, without judgement."),
            gettext_noop("What could move it forward? What strengths and resources are there?"),
            gettext_noop("What is the first step, and when?"),
            gettext_noop("How has your thinking about the problem changed?"),
        ),
    ),
    {
        "key": "scaling-question",
        "name": gettext_noop("Scaling question"),
        "tool": Tool.SCALING_QUESTION,
        "description": gettext_noop(
            "Place where you are on a scale from 0 to 10, then look at why not lower and at one step up. "
            "The numbers are tracked over time for the partnership. See the mini-module “Scaling Questions "
            "as a Tool for Debriefing” in the resource library."
        ),
        "fields": [
            q(
                "focus",
                gettext_noop("What are we scaling?"),
                FieldKind.TEXT,
                hint=gettext_noop("For example: my confidence in leading the staff meeting."),
            ),
            q("scale", gettext_noop("Where are you now, from 0 to 10?"), FieldKind.SCALE_0_10, required=True),
            q(
                "why_not_lower",
                gettext_noop("Why not lower?"),
                hint=gettext_noop("What is already working that puts you there, and not lower?"),
            ),
            q(
                "one_step_up",
                gettext_noop("One step up"),
                hint=gettext_noop("What would one step up look like, and what would it take?"),
            ),
        ],
    },
    {
        "key": "third-point",
        "name": gettext_noop("Third point"),
        "tool": Tool.THIRD_POINT,
        "description": gettext_noop(
            "A shared artifact that both of you look at together, the third point, so that the conversation "
            "centres on the evidence. See the mini-module “Creating a Third Point” in the resource library."
        ),
        "fields": [
            q(
                "artifact",
                gettext_noop("The shared artifact"),
                FieldKind.TEXT,
                hint=gettext_noop("For example: student work, data, a plan, a timetable, notes from an observation."),
                required=True,
            ),
            q("what_it_showed", gettext_noop("What it showed")),
            q("questions", gettext_noop("Questions it raised")),
            q("next_steps", gettext_noop("Next steps")),
        ],
    },
    {
        "key": "appreciative-inquiry",
        "name": gettext_noop("Appreciative inquiry"),
        "tool": Tool.APPRECIATIVE_INQUIRY,
        "description": gettext_noop(
            "Build on what works, in four phases. See the mini-module “Appreciative Inquiry as a Tool for "
            "Reflection and Growth” in the resource library."
        ),
        "fields": [
            q(
                "discover",
                gettext_noop("Discover"),
                hint=gettext_noop("What is working well? When have you been at your best?"),
            ),
            q("dream", gettext_noop("Dream"), hint=gettext_noop("What might be? Imagine the best possible future.")),
            q("design", gettext_noop("Design"), hint=gettext_noop("What should be? What will you build on?")),
            q(
                "deliver",
                gettext_noop("Deliver"),
                hint=gettext_noop("What will you do now, and how will you keep it going?"),
            ),
        ],
    },
    {
        "key": "observation-debrief",
        "name": gettext_noop("Observation and debriefing"),
        "tool": Tool.OBSERVATION_DEBRIEF,
        "description": gettext_noop(
            "Agree on a focus before the observation, gather evidence without judgement, then debrief together. "
            "See the mini-module “Observation and Debriefing Protocols” in the resource library."
        ),
        "fields": [
            q("focus", gettext_noop("Focus agreed before the observation"), FieldKind.TEXT, required=True),
            q(
                "evidence",
                gettext_noop("What was observed"),
                hint=gettext_noop("Evidence only: what was seen and heard, without judgement."),
            ),
            q("reflection", gettext_noop("Reflection of the person observed")),
            q("strengths", gettext_noop("Strengths noticed")),
            q(
                "feedback",
                gettext_noop("Growth-oriented feedback"),
                hint=gettext_noop("See “Providing Meaningful and Growth Oriented Feedback” in the resource library."),
            ),
            q("next_steps", gettext_noop("Next steps and the next focus")),
        ],
    },
)

BUILTIN_KEYS = frozenset(spec["key"] for spec in BUILTINS)
assert len(BUILTIN_KEYS) == len(BUILTINS), "two built-in tools have the same key"
assert {spec["tool"] for spec in BUILTINS} == set(Tool.values) - {Tool.CUSTOM}, "every tool needs a built-in"
for _spec in BUILTINS:
    assert clean_questions(_spec["fields"]) == _spec["fields"], f"built-in {_spec['key']} has malformed questions"

# The shared library item (resources.library key) to show beside each tool.
TOOL_RESOURCES: dict[str, str] = {
    Tool.THREE_CS: "the-3cs-as-a-framework",
    Tool.CONVERSATION_MAP_PLANNING: "a-conversation-map-for-mediating-thinking",
    Tool.CONVERSATION_MAP_REFLECTING: "a-conversation-map-for-mediating-thinking",
    Tool.CONVERSATION_MAP_PROBLEM_RESOLVING: "a-conversation-map-for-mediating-thinking",
    Tool.SCALING_QUESTION: "scaling-questions-as-a-tool-for-debriefing",
    Tool.THIRD_POINT: "creating-a-third-point",
    Tool.APPRECIATIVE_INQUIRY: "appreciative-inquiry-as-a-tool-for-reflection-and-growth",
    Tool.OBSERVATION_DEBRIEF: "observation-and-debriefing-protocols",
}

SYNCED_FIELDS = ("name", "tool", "description", "fields", "is_active")


def sync_builtin_templates(*, using: str = "default") -> int:
    """Create or bring back in step every built-in tool; returns how many changed. Safe to run twice."""
    changed = 0
    with transaction.atomic(using=using):
        existing = {
            t.key: t
            for t in ConversationTemplate.objects.using(using).filter(organization__isnull=True, key__in=BUILTIN_KEYS)
        }
        for spec in BUILTINS:
            wanted = {name: spec.get(name, True) for name in SYNCED_FIELDS}
            wanted["tool"] = str(wanted["tool"])
            template = existing.get(spec["key"])
            if template is None:
                template = ConversationTemplate(key=spec["key"], **wanted)
                template.save(using=using)
                changes = {name: [None, value] for name, value in wanted.items() if name != "fields"}
            else:
                names = [name for name, value in wanted.items() if getattr(template, name) != value]
                if not names:
                    continue
                changes = {name: [getattr(template, name), wanted[name]] for name in names if name != "fields"}
                if "fields" in names:
                    # The question keys tell what changed without copying every text into the trail.
                    changes["fields"] = [[f.get("key") for f in template.fields], [f["key"] for f in wanted["fields"]]]
                for name in names:
                    setattr(template, name, wanted[name])
                template.save(using=using, update_fields=[*names, "updated_at"])
            audit_record(actor=None, action="conversation_template.builtin_synced", obj=template, changes=changes)
            changed += 1
    return changed


def sync_after_migrate(sender: Any, using: str = "default", apps: Any = None, **kwargs: Any) -> None:
    """post_migrate receiver: only once the tools' tables exist in the migrated state."""
    try:
        if apps is not None:
            apps.get_model("conversations", "ConversationTemplate")
            apps.get_model("core", "AuditEntry")
    except LookupError:
        return
    sync_builtin_templates(using=using)
