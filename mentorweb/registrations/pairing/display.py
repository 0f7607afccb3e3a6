"""An application as people read it: its answers with their labels, and what a mentee is
shown of a mentor (only the fields the program shares)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorweb.programs.models import ApplicationQuestion
from mentorweb.registrations.models import Registration, RegistrationRole
from mentorweb.registrations.pairing.forms import LANGUAGE_LABELS, slot_label

SHARED_LABELS = {
    "name": gettext_lazy("Name"),
    "position": gettext_lazy("Position"),
    "board": gettext_lazy("Board or district"),
    "region": gettext_lazy("Region"),
    "bio": gettext_lazy("About"),
    "expertise": gettext_lazy("Can help with"),
    "needs": gettext_lazy("Would like help with"),
    "languages": gettext_lazy("Languages"),
    "email": gettext_lazy("E-mail"),
}


@dataclass
class Card:
    registration: Registration
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)


def _languages(codes: Any) -> str:
    return ", ".join(str(LANGUAGE_LABELS.get(code, code)) for code in codes or [])


def _list(values: Any) -> str:
    return ", ".join(str(v) for v in values or [])


def shared_value(registration: Registration, name: str) -> str:
    """One shareable field of an applicant, from the application first, then the profile."""
    person = registration.person
    answers = registration.answers or {}
    if name == "name":
        return person.full_name
    if name == "position":
        return person.position
    if name == "board":
        return registration.board.name if registration.board else ""
    if name == "region":
        return str(answers.get("region") or person.region)
    if name == "bio":
        return person.bio
    if name == "expertise":
        return _list(answers.get("expertise") or person.expertise)
    if name == "needs":
        return _list(answers.get("needs") or person.needs)
    if name == "languages":
        return _languages(answers.get("languages") or person.languages_of_service)
    if name == "email":
        return person.user.email
    return ""


def shared_view(registration: Registration, fields: list[str], *, number: int) -> Card:
    """What the other side may see: the program's shared fields only. Without the name, the
    mentor is "Mentor 3" (their place in the list)."""
    title = registration.person.full_name if "name" in fields else _("Mentor %(number)s") % {"number": number}
    rows = [
        (str(SHARED_LABELS[name]), value)
        for name in fields
        if name != "name" and name in SHARED_LABELS and (value := shared_value(registration, name))
    ]
    return Card(registration=registration, title=title, rows=rows)


def _yes_no(value: Any) -> str:
    return _("Yes") if value else _("No")


def answer_rows(registration: Registration, questions: list[ApplicationQuestion]) -> list[tuple[str, str]]:
    """The application's answers as (label, text) rows, in the order of the form."""
    answers = registration.answers or {}
    mentor = registration.role == RegistrationRole.MENTOR
    rows: list[tuple[str, str]] = []

    def add(label: str, value: str) -> None:
        rows.append((label, value or "—"))

    if mentor:
        add(_("Can help with"), _list(answers.get("expertise")))
    else:
        add(_("Would like help with"), _list(answers.get("needs")))
    add(_("Interests"), str(answers.get("interests") or ""))
    add(_("Portfolio"), str(answers.get("portfolio") or ""))
    if mentor:
        experience = answers.get("experience") or {}
        add(
            _("Years of experience by portfolio"),
            "; ".join(f"{portfolio}: {years}" for portfolio, years in experience.items()),
        )
    add(_("Experience"), str(answers.get("experience_summary") or ""))
    if not mentor:
        years = answers.get("years_in_role")
        add(_("Years in current role"), "" if years is None else str(years))
        add(_("A significant change of role"), _yes_no(answers.get("role_change")))
    add(_("Region or community"), str(answers.get("region") or ""))
    if mentor:
        add(_("Has worked in remote or isolated places"), _yes_no(answers.get("remote_experience")))
    else:
        add(_("Works in a remote or isolated place"), _yes_no(answers.get("remote")))
    add(_("Languages"), _languages(answers.get("languages")))
    add(_("Usually available"), ", ".join(slot_label(slot) for slot in answers.get("availability") or []))
    add(_("Board or district"), registration.board.name if registration.board else "")
    if mentor:
        add(_("Mentees they can take"), str(registration.capacity or ""))
    else:
        preference = answers.get("board_preference") or ""
        add(
            _("A mentor from the same board or district"),
            {"same": _("Wanted"), "different": _("Not wanted")}.get(preference, _("No preference")),
        )
    given = answers.get("questions") or {}
    for question in questions:
        value = given.get(str(question.pk))
        if isinstance(value, bool):
            text = _yes_no(value)
        elif isinstance(value, list):
            text = _list(value)
        else:
            text = str(value or "")
        add(question.label, text)
    return rows
