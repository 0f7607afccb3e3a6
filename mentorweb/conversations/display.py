"""Showing tools and records in the reader's language.

Built-in tools are stored in English with their texts marked for translation (conversations.builtins):
they are shown through gettext. An organization's own tools and copies are its own words, shown
as written. A choice answer is stored as the option's stored text and shown the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from mentorweb.conversations.fields import is_empty
from mentorweb.conversations.models import Conversation, ConversationTemplate, FieldKind


def tr(text: str, builtin: bool) -> str:
    return gettext(text) if builtin and text else text


def template_texts(template: ConversationTemplate) -> dict[str, Any]:
    """Name, description and questions as the reader should see them."""
    builtin = template.is_builtin
    return {
        "name": tr(template.name, builtin),
        "description": tr(template.description, builtin),
        "questions": questions(template.fields, builtin),
    }


def questions(fields: Sequence[Mapping[str, Any]], builtin: bool) -> list[dict[str, Any]]:
    return [
        {
            **field,
            "label": tr(field["label"], builtin),
            "help": tr(field.get("help", ""), builtin),
            "option_labels": [(option, tr(option, builtin)) for option in field.get("options", [])],
        }
        for field in fields
    ]


def localized_copy(template: ConversationTemplate) -> dict[str, Any]:
    """The values of an organization's copy of a built-in: its texts in the language of the person
    who makes the copy, which from then on are the organization's own words."""
    builtin = template.is_builtin
    return {
        "name": tr(template.name, builtin),
        "description": tr(template.description, builtin),
        "fields": [
            {
                **field,
                "label": tr(field["label"], builtin),
                "help": tr(field.get("help", ""), builtin),
                "options": [tr(option, builtin) for option in field.get("options", [])],
            }
            for field in template.fields
        ],
    }


@dataclass(frozen=True)
class Answer:
    label: str
    kind: str
    text: str
    empty: bool


def record_answers(conversation: Conversation) -> list[Answer]:
    """Each question of the record (as it was when written) with its answer, ready to show."""
    builtin = conversation.template.is_builtin
    answers: list[Answer] = []
    for field in conversation.template_fields:
        value = conversation.answers.get(field["key"])
        kind = field.get("kind", FieldKind.TEXT)
        if kind == FieldKind.MULTI_CHOICE and isinstance(value, list):
            text = ", ".join(tr(str(option), builtin) for option in value)
        elif kind == FieldKind.CHOICE and isinstance(value, str):
            text = tr(value, builtin)
        elif kind == FieldKind.SCALE_0_10 and value is not None:
            text = gettext("%(value)s out of 10") % {"value": value}
        else:
            text = "" if value is None else str(value)
        answers.append(Answer(tr(field["label"], builtin), kind, text, is_empty(value)))
    return answers


def record_name(conversation: Conversation) -> str:
    return tr(conversation.template_name, conversation.template.is_builtin)
