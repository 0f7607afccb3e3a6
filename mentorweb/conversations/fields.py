"""The questions of a conversation tool, and the answers of a record, checked with errors naming
the field: "fields.2.options" for a template's third question, "answers.why_not_lower" for an answer.

A question is {"key", "label", "kind", "options", "help", "required"}; kinds are FieldKind values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from mentorweb.conversations.models import FieldKind
from mentorweb.core.errors import DomainError
from mentorweb.programs import cleaning

QUESTION_KEYS = ("key", "label", "kind", "options", "help", "required")
MAX_QUESTIONS = 30
MAX_OPTIONS = 30
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
CHOICE_KINDS = (FieldKind.CHOICE, FieldKind.MULTI_CHOICE)
TEXT_LIMITS = {FieldKind.TEXT: 1000, FieldKind.LONG_TEXT: 10000}


def clean_questions(value: Any, field: str = "fields") -> list[dict[str, Any]]:
    """A template's questions, checked and normalized (every key present)."""
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Give the questions as a list."), field=field)
    if not value:
        raise DomainError(_("A tool needs at least one question."), field=field)
    if len(value) > MAX_QUESTIONS:
        raise DomainError(_("A tool has at most %(max)s questions.") % {"max": MAX_QUESTIONS}, field=field)
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        prefix = f"{field}.{index}."
        if not isinstance(item, Mapping):
            raise DomainError(_("Give each question as an object."), field=f"{field}.{index}")
        unknown = sorted(set(item) - set(QUESTION_KEYS))
        if unknown:
            raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=prefix + unknown[0])
        key = item.get("key")
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise DomainError(
                _("Use up to 40 lower-case letters, digits and underscores, starting with a letter."),
                field=prefix + "key",
            )
        if key in seen:
            raise DomainError(_("Two questions have the key “%(key)s”.") % {"key": key}, field=prefix + "key")
        seen.add(key)
        label = cleaning.text(item.get("label"), prefix + "label", max_length=200, required=True)
        kind = cleaning.choice(item.get("kind"), prefix + "kind", FieldKind.values)
        options = _clean_options(item.get("options"), kind, prefix + "options")
        help_text = cleaning.text(item.get("help"), prefix + "help", max_length=500, multiline=True)
        required = item.get("required", False)
        required = cleaning.boolean(required, prefix + "required")
        cleaned.append(
            {"key": key, "label": label, "kind": kind, "options": options, "help": help_text, "required": required}
        )
    return cleaned


def _clean_options(value: Any, kind: str, field: str) -> list[str]:
    if kind not in CHOICE_KINDS:
        if value not in (None, [], ()):
            raise DomainError(_("Only a question with choices has options."), field=field)
        return []
    options = cleaning.lines(value, field, max_items=MAX_OPTIONS, max_length=200)
    if len(options) < 2:
        raise DomainError(_("Give at least two options, one a line."), field=field)
    if len(set(options)) != len(options):
        raise DomainError(_("Each option must be different."), field=field)
    return options


def clean_answers(questions: Sequence[Mapping[str, Any]], answers: Any, field: str = "answers") -> dict[str, Any]:
    """The answers to a template's questions, checked one by one; an empty record is refused."""
    if not isinstance(answers, Mapping):
        raise DomainError(_("Give the answers as an object, one per question."), field=field)
    keys = [question["key"] for question in questions]
    unknown = sorted(set(answers) - set(keys))
    if unknown:
        raise DomainError(
            _("This tool has no question “%(key)s”.") % {"key": unknown[0]}, field=f"{field}.{unknown[0]}"
        )
    cleaned = {q["key"]: clean_answer(q, answers.get(q["key"]), f"{field}.{q['key']}") for q in questions}
    if all(is_empty(value) for value in cleaned.values()):
        raise DomainError(_("Answer at least one question."), field=field)
    return cleaned


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def clean_answer(question: Mapping[str, Any], value: Any, field: str) -> Any:
    kind = question["kind"]
    required = bool(question.get("required"))
    if kind in TEXT_LIMITS:
        return cleaning.text(
            value, field, max_length=TEXT_LIMITS[kind], required=required, multiline=kind == FieldKind.LONG_TEXT
        )
    if kind == FieldKind.SCALE_0_10:
        if value is None or value == "":
            if required:
                raise DomainError(_("Choose a number from 0 to 10."), field=field)
            return None
        return cleaning.integer(value, field, minimum=0, maximum=10)
    options = list(question.get("options") or [])
    if kind == FieldKind.CHOICE:
        if value is None or value == "":
            if required:
                raise DomainError(_("Choose one of the options."), field=field)
            return ""
        return cleaning.choice(value, field, options)
    if kind == FieldKind.MULTI_CHOICE:
        if value is None:
            value = []
        if not isinstance(value, (list, tuple)) or any(item not in options for item in value):
            raise DomainError(_("Choose among the options."), field=field)
        if required and not value:
            raise DomainError(_("Choose at least one of the options."), field=field)
        # In the template's order, each once.
        return [option for option in options if option in value]
    raise DomainError(_("This question has an unknown kind."), field=field)


def scale_value(questions: Sequence[Mapping[str, Any]], answers: Mapping[str, Any]) -> int | None:
    """The record's first 0–10 answer (what the scaling chart plots), or None."""
    for question in questions:
        if question.get("kind") == FieldKind.SCALE_0_10:
            value = answers.get(question["key"])
            return value if isinstance(value, int) and not isinstance(value, bool) else None
    return None
