"""Cleaning an application's input into Registration.answers, board and capacity.

The keys are the contract's (docs in /work/notes/pairing_contract.md, "Registration.answers for
applications"): the matching app reads them. Each check raises DomainError naming its field;
a program question's field is "questions.<id>", a portfolio's years "experience.<portfolio>".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Organization
from mentorweb.programs import cleaning
from mentorweb.programs.models import AVAILABILITY_SLOTS, ApplicationQuestion, PairingRules, QuestionKind
from mentorweb.registrations.models import RegistrationRole

LANGUAGES = ("en", "fr")
BOARD_PREFERENCES = ("same", "different")
MAX_YEARS = 60
TEXT_MAX = 2000
SUMMARY_MAX = 4000
SHORT_ANSWER_MAX = 300
LONG_ANSWER_MAX = 4000

COMMON_FIELDS = ("interests", "portfolio", "experience_summary", "region", "languages", "availability", "questions")
MENTEE_FIELDS = (*COMMON_FIELDS, "needs", "years_in_role", "role_change", "remote", "board_preference")
MENTOR_FIELDS = (*COMMON_FIELDS, "expertise", "experience", "remote_experience")


def fields_for(role: str) -> tuple[str, ...]:
    """The input fields of an application: the answers, then the Registration columns."""
    if role == RegistrationRole.MENTOR:
        return (*MENTOR_FIELDS, "board", "capacity")
    return (*MENTEE_FIELDS, "board")


@dataclass
class CleanApplication:
    answers: dict[str, Any]
    board: Organization | None
    capacity: int | None


def _list(value: Any, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise DomainError(_("Choose from the list."), field=field)
    return list(value)


def choices(value: Any, field: str, options: list[str] | tuple[str, ...], *, required: bool = False) -> list[str]:
    """Distinct values from `options`, in the options' order."""
    chosen = _list(value, field)
    if any(not isinstance(item, str) or item not in options for item in chosen):
        raise DomainError(_("Choose only from the options offered."), field=field)
    if required and not chosen:
        raise DomainError(_("Choose at least one."), field=field)
    return [option for option in options if option in chosen]


def _years(value: Any, field: str, *, required: bool = False) -> int | None:
    if value is None or value == "":
        if required:
            raise DomainError(_("This field is required."), field=field)
        return None
    return cleaning.integer(value, field, minimum=0, maximum=MAX_YEARS)


def _experience(value: Any, portfolios: list[str]) -> dict[str, float | int]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise DomainError(_("Give the years of experience for each portfolio."), field="experience")
    cleaned: dict[str, float | int] = {}
    for portfolio, years in value.items():
        field = f"experience.{portfolio}"
        if portfolio not in portfolios:
            raise DomainError(_("Choose only from the portfolios offered."), field=field)
        if years is None or years == "":
            continue
        if isinstance(years, bool) or not isinstance(years, (int, float)) or years != years:  # NaN: not a number
            raise DomainError(_("Enter a number of years."), field=field)
        if not 0 <= years <= MAX_YEARS:
            raise DomainError(_("Enter a number between 0 and %(max)s.") % {"max": MAX_YEARS}, field=field)
        if years:
            cleaned[portfolio] = int(years) if float(years).is_integer() else round(float(years), 1)
    return {portfolio: cleaned[portfolio] for portfolio in portfolios if portfolio in cleaned}


def _answer(question: ApplicationQuestion, value: Any) -> Any:
    field = f"questions.{question.pk}"
    options = [str(option) for option in question.options or []]
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        long = kind == QuestionKind.LONG_TEXT
        answer: Any = cleaning.text(
            value,
            field,
            max_length=LONG_ANSWER_MAX if long else SHORT_ANSWER_MAX,
            required=question.required,
            multiline=long,
        )
        return answer
    if kind == QuestionKind.CHOICE:
        return cleaning.choice(value, field, options, blank=not question.required)
    if kind == QuestionKind.MULTI_CHOICE:
        return choices(value, field, options, required=question.required)
    # yes or no: a required question must be answered either way.
    if value is None or value == "":
        if question.required:
            raise DomainError(_("Answer yes or no."), field=field)
        return None
    return cleaning.boolean(value, field)


def _questions(value: Any, questions: list[ApplicationQuestion]) -> dict[str, Any]:
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise DomainError(_("Answer the program's questions."), field="questions")
    known = {str(question.pk): question for question in questions}
    unknown = sorted(str(key) for key in value if str(key) not in known)
    if unknown:
        raise DomainError(_("This is not one of the program's questions."), field=f"questions.{unknown[0]}")
    given = {str(key): answer for key, answer in value.items()}
    cleaned: dict[str, Any] = {}
    for key, question in known.items():
        answer = _answer(question, given.get(key))
        if answer not in (None, "", []):
            cleaned[key] = answer
    return cleaned


def _board(value: Any, boards: Any) -> Organization | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organization):
        value = value.pk
    if isinstance(value, bool):
        raise DomainError(_("Choose your school board or district from the list."), field="board")
    lookup = {"pk": value} if isinstance(value, int) else {"slug": value} if isinstance(value, str) else None
    board = boards.filter(**lookup).first() if lookup else None
    if board is None:
        raise DomainError(_("Choose your school board or district from the list."), field="board")
    return board


def clean_application(
    *, rules: PairingRules, role: str, data: Mapping[str, Any], questions: list[ApplicationQuestion], boards: Any
) -> CleanApplication:
    """The answers, board and capacity of an application from `data`, or a DomainError naming the field."""
    if not isinstance(data, Mapping):
        raise DomainError(_("Send the answers as named fields."), field="answers")
    allowed = fields_for(role)
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise DomainError(_("This field is not part of the application: %s") % unknown[0], field=unknown[0])
    needs_options = [str(option) for option in rules.needs_options or []]
    portfolios = [str(option) for option in rules.portfolio_options or []]
    answers: dict[str, Any] = {}
    if role == RegistrationRole.MENTEE:
        answers["needs"] = choices(data.get("needs"), "needs", needs_options, required=bool(needs_options))
    else:
        answers["expertise"] = choices(data.get("expertise"), "expertise", needs_options, required=bool(needs_options))
    answers["interests"] = cleaning.text(data.get("interests"), "interests", max_length=TEXT_MAX, multiline=True)
    answers["portfolio"] = cleaning.choice(data.get("portfolio"), "portfolio", portfolios, blank=True)
    if role == RegistrationRole.MENTOR:
        answers["experience"] = _experience(data.get("experience"), portfolios)
    answers["experience_summary"] = cleaning.text(
        data.get("experience_summary"), "experience_summary", max_length=SUMMARY_MAX, multiline=True
    )
    if role == RegistrationRole.MENTEE:
        answers["years_in_role"] = _years(data.get("years_in_role"), "years_in_role")
        answers["role_change"] = cleaning.boolean(data.get("role_change", False), "role_change")
    answers["region"] = cleaning.text(data.get("region"), "region", max_length=100, required=True)
    if role == RegistrationRole.MENTEE:
        answers["remote"] = cleaning.boolean(data.get("remote", False), "remote")
    else:
        answers["remote_experience"] = cleaning.boolean(data.get("remote_experience", False), "remote_experience")
    answers["languages"] = choices(data.get("languages"), "languages", LANGUAGES, required=True)
    answers["availability"] = choices(data.get("availability"), "availability", AVAILABILITY_SLOTS)
    if role == RegistrationRole.MENTEE:
        answers["board_preference"] = cleaning.choice(
            data.get("board_preference"), "board_preference", list(BOARD_PREFERENCES), blank=True
        )
    board = _board(data.get("board"), boards)
    if role == RegistrationRole.MENTEE and answers.get("board_preference") and board is None:
        raise DomainError(
            _("Name your school board or district, so that the program can follow your preference."), field="board"
        )
    capacity = None
    if role == RegistrationRole.MENTOR:
        given = data.get("capacity")
        capacity = (
            rules.mentor_capacity_default
            if given in (None, "")
            else cleaning.integer(given, "capacity", minimum=1, maximum=rules.mentor_capacity_max)
        )
    answers["questions"] = _questions(data.get("questions"), questions)
    return CleanApplication(answers=answers, board=board, capacity=capacity)


def as_data(
    role: str, answers: Mapping[str, Any], *, board: Organization | None, capacity: int | None
) -> dict[str, Any]:
    """An application's stored values in the shape clean_application takes (for partial updates).
    Keys that are not part of the form (older answers) are left out."""
    allowed = fields_for(role)
    data = {key: value for key, value in answers.items() if key in allowed}
    data["board"] = board
    if role == RegistrationRole.MENTOR and capacity is not None:
        data["capacity"] = capacity
    return data
