"""Reads of partnerships, scoped to the person: a mentor or mentee sees their own partnerships
and nothing of anyone else's; any other partnership is a 404, like one that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentorweb.accounts.models import Person
from mentorweb.accounts.selectors import person_pk_of
from mentorweb.partnerships.models import Partnership, PartnershipStatus, Response
from mentorweb.programs.models import SHAREABLE_FIELDS, PairingRules
from mentorweb.registrations.models import Registration

PARTNERSHIP_RELATED = (
    "program__organization",
    "program__pairing",
    "offering",
    "mentor__user",
    "mentee__user",
    "mentor_registration__board",
    "mentee_registration__board",
)

FIELD_LABELS: dict[str, Promise] = {
    "name": _("Name"),
    "position": _("Position"),
    "board": _("Board or district"),
    "region": _("Region"),
    "bio": _("About"),
    "expertise": _("Areas of expertise"),
    "needs": _("Needs"),
    "languages": _("Languages of service"),
    "email": _("E-mail"),
}
LANGUAGE_NAMES: dict[str, Promise] = {"en": _("English"), "fr": _("French")}


def partnerships_for_user(user: Any) -> QuerySet[Partnership]:
    if not getattr(user, "is_authenticated", False):
        return Partnership.objects.none()
    me = person_pk_of(user)
    return (
        Partnership.objects.filter(Q(mentor_id=me) | Q(mentee_id=me))
        .select_related(*PARTNERSHIP_RELATED)
        .order_by("-created_at", "-pk")
    )


def get_partnership_for_user(user: Any, partnership_id: int) -> Partnership:
    partnership = partnerships_for_user(user).filter(pk=partnership_id).first()
    if partnership is None:
        raise Http404
    return partnership


def waiting_for_answer(user: Any) -> QuerySet[Partnership]:
    """The user's proposed partnerships that still wait for the user's own answer."""
    me = person_pk_of(user)
    return partnerships_for_user(user).filter(
        Q(mentor_id=me, mentor_response=Response.PENDING) | Q(mentee_id=me, mentee_response=Response.PENDING),
        status=PartnershipStatus.PROPOSED,
    )


def side_of(partnership: Partnership, user: Any) -> str:
    """ "mentor" or "mentee": which side of the partnership the user is on."""
    return "mentor" if partnership.mentor.user_id == getattr(user, "pk", None) else "mentee"


def my_response(partnership: Partnership, user: Any) -> str:
    return str(partnership.mentor_response if side_of(partnership, user) == "mentor" else partnership.mentee_response)


def partner_of(partnership: Partnership, user: Any) -> tuple[Person, Registration | None]:
    if side_of(partnership, user) == "mentor":
        return partnership.mentee, partnership.mentee_registration
    return partnership.mentor, partnership.mentor_registration


def shared_fields(partnership: Partnership) -> list[str]:
    """The fields the program shows each side of the other, in a fixed order."""
    rules: PairingRules | None = getattr(partnership.program, "pairing", None)
    chosen = set(rules.shared_fields) if rules is not None else {"name"}
    return [name for name in SHAREABLE_FIELDS if name in chosen]


@dataclass(frozen=True)
class SharedField:
    name: str
    label: str
    value: str


def _answers(registration: Registration | None) -> dict[str, Any]:
    if registration is None or not isinstance(registration.answers, dict):
        return {}
    return registration.answers


def _listed(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item)
    return str(value or "")


def shared_profile(partnership: Partnership, user: Any) -> list[SharedField]:
    """What the user may see of their partner: only the fields the program shares."""
    person, registration = partner_of(partnership, user)
    answers = _answers(registration)
    languages = answers.get("languages") or person.languages_of_service
    values = {
        "name": person.full_name,
        "position": person.position,
        "board": str(registration.board) if registration is not None and registration.board else "",
        "region": answers.get("region") or person.region,
        "bio": person.bio,
        "expertise": _listed(answers.get("expertise") or person.expertise),
        "needs": _listed(answers.get("needs") or person.needs),
        "languages": ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in languages if isinstance(code, str)),
        "email": person.user.email,
    }
    return [SharedField(name, str(FIELD_LABELS[name]), str(values[name] or "—")) for name in shared_fields(partnership)]
