"""What the pairing programs' demo (demo_bc, demo_opsoa) shares: set-up through the services,
rows found by their natural keys, applications built from the demo people, and moments.

The stories happen on their own dates. The BCPVPA pilot took applications in the autumn of
2017, and the services rightly refuse an application after the deadline, so each step of a
story runs `at` its moment with the clock moved there (time-machine, installed with the
project's lock): timestamps, the audit trail and the services' own checks (application window,
partnership start) all see that day. Every change still goes through the services, as the
person who would make it.
"""

from __future__ import annotations

import datetime as dt
import zlib
import zoneinfo
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mentorweb.accounts.models import Person
from mentorweb.core.demo.specs import ApplicantSpec
from mentorweb.organizations.models import Organization
from mentorweb.programs import pairing, services
from mentorweb.programs.models import ApplicationQuestion, Offering, PairingRules, Program
from mentorweb.programs.times import local
from mentorweb.registrations.models import Registration, RegistrationRole


@contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Run the block as if the clock showed `moment` (it does not tick)."""
    import time_machine  # the lock installs it; imported here so that nothing else depends on it

    with time_machine.travel(moment, tick=False):
        yield


def moment(zone: str, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def stable_number(key: str) -> int:
    """A number that is the same for the same key on every load (no random state)."""
    return zlib.crc32(key.encode())


def pick(key: str, options: tuple[Any, ...] | list[Any]) -> Any:
    """One of `options`, the same for the same key on every load."""
    return options[stable_number(key) % len(options)]


# --- set-up -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    key: str  # how the stories refer to it
    side: str
    label: str
    kind: str
    options: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class SessionSpec:
    kind: str
    title: str
    day: dt.date
    start: dt.time
    end: dt.time
    location: str = ""
    video_meeting_url: str = ""


def _rules_now(program: Program) -> dict[str, Any]:
    rules = PairingRules.objects.filter(program=program).first()
    if rules is None:
        return {}
    values = {name: getattr(rules, name) for name in pairing.RULES_FIELDS}
    for name in pairing.ORGANIZATION_FIELDS:
        values[name] = getattr(rules, f"{name}_id")
    return values


def ensure_program(
    *, actor: Any, organization: Organization, data: Mapping[str, Any], rules: Mapping[str, Any], report: Any
) -> Program:
    """The program with its rules, created or put back as the demo has them."""
    program = Program.objects.filter(organization=organization, slug=data["slug"]).first()
    created = program is None
    if program is None:
        program = services.program_create(actor=actor, organization=organization, data=data)
        report.created["programs"] += 1
    else:
        changes = {name: value for name, value in data.items() if getattr(program, name) != value}
        if changes:
            program = services.program_update(actor=actor, program=program, data=changes)
            report.updated["programs"] += 1
    before = _rules_now(program)
    # The service writes (and records) only what differs, so an unchanged demo writes nothing.
    pairing.pairing_rules_update(actor=actor, program=program, data=rules)
    if created:
        report.created["pairing rules"] += 1
    elif _rules_now(program) != before:
        report.updated["pairing rules"] += 1
    return program


def ensure_questions(
    *, actor: Any, program: Program, questions: tuple[QuestionSpec, ...], report: Any
) -> dict[str, ApplicationQuestion]:
    """The program's questions by key; a question is found by its side and wording."""
    existing = {(q.side, q.label): q for q in ApplicationQuestion.objects.filter(program=program)}
    found: dict[str, ApplicationQuestion] = {}
    for spec in questions:
        question = existing.get((spec.side, spec.label))
        if question is None:
            question = pairing.question_create(
                actor=actor,
                program=program,
                data={
                    "side": spec.side,
                    "label": spec.label,
                    "help_text": spec.help_text,
                    "kind": spec.kind,
                    "options": list(spec.options),
                    "required": spec.required,
                },
            )
            report.created["application questions"] += 1
        found[spec.key] = question
    return found


def ensure_sessions(*, actor: Any, offering: Offering, sessions: tuple[SessionSpec, ...], report: Any) -> None:
    """Sessions are found by kind and local day."""
    zone = offering.program.organization.time_zone
    existing = {(s.kind, local(s.starts_at, zone).date()) for s in offering.sessions.all()}
    for spec in sessions:
        if (spec.kind, spec.day) in existing:
            continue
        services.session_create(
            actor=actor,
            offering=offering,
            date=spec.day,
            start_time=spec.start,
            end_time=spec.end,
            kind=spec.kind,
            title=spec.title,
            location=spec.location,
            video_meeting_url=spec.video_meeting_url,
        )
        report.created["sessions"] += 1


# --- applications -----------------------------------------------------------------------------------


def application_data(
    person: Person,
    applicant: ApplicantSpec,
    *,
    options: list[str],
    questions: Mapping[str, Any],
    interests: str,
) -> dict[str, Any]:
    """An application's input (registrations.pairing.answers) from the person's profile and the
    applicant's row: needs or expertise limited to the program's list."""
    common: dict[str, Any] = {
        "interests": interests,
        "portfolio": applicant.portfolio,
        "experience_summary": person.bio,
        "region": person.region,
        "languages": list(person.languages_of_service),
        "availability": list(applicant.availability),
        "board": applicant.board,
        "questions": dict(questions),
    }
    if applicant.role == RegistrationRole.MENTEE:
        return {
            **common,
            "needs": [need for need in person.needs if need in options],
            "years_in_role": person.years_in_role,
            "role_change": applicant.role_change,
            "remote": person.remote_or_isolated,
            "board_preference": applicant.board_preference,
        }
    return {
        **common,
        "expertise": [tag for tag in person.expertise if tag in options],
        "experience": dict(applicant.experience),
        "remote_experience": applicant.remote_experience,
        "capacity": applicant.capacity,
    }


def listing(items: list[str]) -> str:
    """ "a, b and c"; with a comma before the last "and" when an item has an "and" of its own
    ("budget and staffing, and timetabling")."""
    if len(items) <= 1:
        return "".join(items)
    last = ", and" if any(" and " in item for item in items) else " and"
    return f"{', '.join(items[:-1])}{last} {items[-1]}"


def shared_tags(mentee: Registration, mentor: Registration) -> list[str]:
    expertise = set(mentor.answers.get("expertise", []))
    return [need for need in mentee.answers.get("needs", []) if need in expertise]
