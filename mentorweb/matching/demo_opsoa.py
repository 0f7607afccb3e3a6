"""The OPSOA Mentorship Program this school year (seed 004), caught in the middle of matching.

- The executive director set the program up (rules, questions, the year's offering) when the
  year's applications opened; newly appointed supervisory officers and alumni applied since.
- Applications: most accepted; Gregory Hunt was asked whether his Director agreed to share the
  cost (he answered no); two recent appointees and one alumnus wait for review.
- Board input: the Kaministiquia River DSB's contact (board.contact) finds Donna Ritchie not
  acceptable for the board's people, with a reason (a veto), and two mentors acceptable; the
  Quinte Highlands and Georgian Lakelands contacts each approve a mentor.
- Mentees rank mentors (Amira Saleh, mentee.opsoa, among them: she can still change it).
- Lynn Hartley of the Mentorship Committee (advisory.opsoa) ran the match three days ago and
  has approved three pairs and commented on one; the other proposals wait for the committee.
  Nothing is published.

The story's steps happen on the days before the load (never before applications opened), so
the offering looks alive; it runs once per offering, which is the current school year's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from typing import Any

from django.utils import timezone

from mentorweb.accounts.models import Person
from mentorweb.core.demo import people_opsoa_program
from mentorweb.core.demo.specs import ApplicantSpec
from mentorweb.matching import services as matching
from mentorweb.matching.demo_programs import (
    OPSOA_ORGANIZATION,
    OPSOA_PROGRAM,
    OPSOA_QUESTIONS,
    OPSOA_RULES,
    opsoa_offering,
)
from mentorweb.matching.demo_setup import (
    application_data,
    at,
    ensure_program,
    ensure_questions,
    listing,
    moment,
    pick,
    shared_tags,
    stable_number,
)
from mentorweb.matching.models import DecisionKind, Proposal
from mentorweb.matching.runs import run_execute_now
from mentorweb.organizations.models import Organization
from mentorweb.programs import services
from mentorweb.programs.models import Offering, Program
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import Registration
from mentorweb.registrations.pairing import services as applications

ZONE = "America/Toronto"
DIRECTOR = "catherine.walsh@example.org"
COMMITTEE = "advisory.opsoa@example.org"

WAITING = ("patrick.doyle@example.org", "brian.lacroix@example.org", "malcolm.ferris@example.org")
INFO_REQUESTED = {
    "gregory.hunt@example.org": (
        "You answered that your Director has not yet agreed to share the cost. Please ask your Director or "
        "designate to write to us, or tell us if you will pay your half yourself."
    ),
}
# (board contact, board, mentor, acceptable, reason)
BOARD_INPUT = (
    (
        "board.contact@example.org",
        "krdsb",
        "donna.ritchie@example.org",
        False,
        "Until June Donna supervised the principals of our northern schools and sat on the panel that "
        "appointed Desmond Clarke. We want mentors from outside the board for our new superintendents this year.",
    ),
    ("board.contact@example.org", "krdsb", "mentor.opsoa@example.org", True, ""),
    ("board.contact@example.org", "krdsb", "elaine.mccormick@example.org", True, ""),
    (
        "paul.richardson@example.org",
        "qhdsb",
        "elaine.mccormick@example.org",
        True,
        "Knows our board well and left it five years ago.",
    ),
    ("yvonne.chung@example.org", "gldsb", "winston.baptiste@example.org", True, ""),
)
# Mentees' rankings, most preferred first.
RANKINGS = {
    "mentee.opsoa@example.org": ("francine.lapointe@example.org", "dwight.ellison@example.org"),
    "michael.tran@example.org": ("mentor.opsoa@example.org", "arthur.mendes@example.org"),
    "stephanie.bouchard@example.org": ("winston.baptiste@example.org", "margaret.liu@example.org"),
    # He ranks the mentor his board has vetoed: the board's input wins in matching.
    "desmond.clarke@example.org": ("donna.ritchie@example.org", "elaine.mccormick@example.org"),
    "carla.greene@example.org": ("donna.ritchie@example.org",),
    "nathalie.berube@example.org": ("francine.lapointe@example.org", "claire.beauchamp@example.org"),
    "vikram.desai@example.org": ("arthur.mendes@example.org", "mentor.opsoa@example.org"),
}
# Days before the load on which each step happens.
SETUP, APPLY_FROM, APPLY_TO, REVIEW, BOARDS, RANK, RUN, DECIDE = 75, 70, 12, 10, 7, 6, 3, 2


def load(context: Any) -> None:
    organization = context.organizations.get(OPSOA_ORGANIZATION)
    director = context.people.get(DIRECTOR)
    committee = context.people.get(COMMITTEE)
    if organization is None or director is None or committee is None:
        return
    report = context.report
    today = today_in(organization.time_zone)
    spec = opsoa_offering(today)
    story = _Story(context, organization, spec, today)
    program = Program.objects.filter(organization=organization, slug=OPSOA_PROGRAM["slug"]).first()
    with at(story.days_ago(SETUP, 9)) if program is None else nullcontext():
        program = ensure_program(
            actor=director.user, organization=organization, data=OPSOA_PROGRAM, rules=OPSOA_RULES, report=report
        )
        questions = ensure_questions(actor=director.user, program=program, questions=OPSOA_QUESTIONS, report=report)
    if Offering.objects.filter(program=program, slug=spec["slug"]).exists():
        return
    story.tell(program, questions)


class _Story:
    def __init__(self, context: Any, organization: Organization, spec: dict[str, Any], today: dt.date) -> None:
        self.context = context
        self.report = context.report
        self.organization = organization
        self.spec = spec
        self.today = today
        self.people: dict[str, Person] = context.people
        self.director = self.people[DIRECTOR].user
        self.committee = self.people[COMMITTEE].user
        self.applications: dict[str, Registration] = {}

    def days_ago(self, days: int, hour: int, minute: int = 0) -> dt.datetime:
        """That many days before today, but never before applications opened nor after now."""
        day = max(self.today - dt.timedelta(days=days), self.spec["registration_opens"])
        return min(moment(ZONE, day, hour, minute), timezone.now())

    def step(self, days: int, hour: int, minute: int, action: Callable[[], Any]) -> Any:
        with at(self.days_ago(days, hour, minute)):
            return action()

    def tell(self, program: Program, questions: dict[str, Any]) -> None:
        self.program, self.questions = program, questions
        self.offering = self.step(
            SETUP, 9, 30, partial(services.offering_create, actor=self.director, program=program, data=self.spec)
        )
        self.report.created["offerings"] += 1
        self.apply()
        self.review()
        # The rows as the reviews left them (the services changed them in the database).
        rows = Registration.objects.filter(offering=self.offering).select_related("person__user", "board")
        self.applications = {r.person.user.email: r for r in rows}
        self.board_input()
        self.rank()
        self.match()

    # --- applications and their review --------------------------------------------------------------------

    def apply(self) -> None:
        applicants = list(people_opsoa_program.APPLICANTS.items())
        span = APPLY_FROM - APPLY_TO
        for index, (email, applicant) in enumerate(applicants):
            days = APPLY_TO if email in WAITING else APPLY_FROM - (index * span) // len(applicants)
            key = stable_number(email)
            self.step(days, 8 + key % 12, key % 60, partial(self.submit, email, applicant))

    def submit(self, email: str, applicant: ApplicantSpec) -> None:
        person = self.people[email]
        data = application_data(
            person,
            applicant,
            options=list(OPSOA_RULES["needs_options"]),
            questions=self.answers(person, applicant),
            interests=self.interests(person, applicant),
        )
        self.applications[email] = applications.application_submit(
            actor=person.user, offering=self.offering, role=applicant.role, data=data
        )
        self.report.created["applications"] += 1

    def answers(self, person: Person, applicant: ApplicantSpec) -> dict[str, Any]:
        q = self.questions
        email = person.user.email
        if applicant.role == "mentee":
            needs = [need for need in person.needs if need in OPSOA_RULES["needs_options"]]
            first, second = needs[0], needs[1] if len(needs) > 1 else needs[0]
            awake = pick(
                email,
                (
                    "{A}, mostly. And whether I am reading the senior team right.",
                    "My first months of {a}, and trustees who expect answers I do not have yet.",
                    "{A} and {b}: I was good at my old job and am a beginner again.",
                ),
            ).format(A=first[:1].upper() + first[1:], a=first, b=second)
            return {str(q["awake"].pk): awake, str(q["director"].pk): email not in INFO_REQUESTED}
        boards = Organization.objects.get(slug=applicant.board).name
        return {str(q["boards"].pk): boards, str(q["trained"].pk): stable_number(email) % 5 != 0}

    def interests(self, person: Person, applicant: ApplicantSpec) -> str:
        if applicant.role == "mentee":
            return f"{applicant.portfolio}: {listing(list(person.needs[:3]))}."
        return f"Glad to help with {listing(list(person.expertise[:3]))}."

    def review(self) -> None:
        for index, email in enumerate(self.applications):
            if email in WAITING:
                continue
            registration = self.applications[email]
            when = (REVIEW, 9 + index // 6, (index * 9) % 60)
            if email in INFO_REQUESTED:
                message = INFO_REQUESTED[email]
                action = partial(
                    applications.application_request_info,
                    actor=self.director,
                    registration=registration,
                    message=message,
                )
            else:
                action = partial(applications.application_accept, actor=self.director, registration=registration)
            self.step(*when, action)

    # --- board input, rankings --------------------------------------------------------------------------

    def board_input(self) -> None:
        for index, (contact, board, mentor, acceptable, reason) in enumerate(BOARD_INPUT):
            action = partial(
                applications.board_input_set,
                actor=self.people[contact].user,
                offering=self.offering,
                board=self.context.organizations[board],
                mentor=self.applications[mentor],
                acceptable=acceptable,
                reason=reason,
            )
            self.step(BOARDS, 10 + index, 15, action)
            self.report.created["board input"] += 1

    def rank(self) -> None:
        for index, (mentee, mentors) in enumerate(RANKINGS.items()):
            registration = self.applications[mentee]
            ids = [self.applications[mentor].pk for mentor in mentors]
            action = partial(
                applications.preferences_set, actor=registration.person.user, registration=registration, mentor_ids=ids
            )
            self.step(RANK, 12 + index, 5 * index, action)
            self.report.created["mentor rankings"] += 1

    # --- the run under review ---------------------------------------------------------------------------------

    def match(self) -> None:
        run = self.step(RUN, 10, 0, partial(matching.run_start, actor=self.committee, offering=self.offering))
        self.step(RUN, 10, 1, partial(run_execute_now, run_id=run.pk))
        self.report.created["match runs"] += 1
        proposals = list(
            Proposal.objects.filter(run=run).select_related("mentee__person", "mentor__person").order_by("-score", "pk")
        )
        for index, proposal in enumerate(proposals[:3]):
            self.step(
                DECIDE, 14, 10 * index, partial(self.decide, proposal, DecisionKind.APPROVE, self.approval(proposal))
            )
        if len(proposals) > 3:
            proposal = proposals[3]
            comment = (
                f"A good fit on paper. Before approving, I will ask {proposal.mentor.person.given_name} whether "
                f"monthly meetings in {proposal.mentee.answers.get('region')} are possible: the cost depends on "
                "the distance."
            )
            self.step(DECIDE, 14, 40, partial(self.decide, proposal, DecisionKind.COMMENT, comment))

    def decide(self, proposal: Proposal, kind: str, rationale: str) -> None:
        matching.decision_record(
            actor=self.committee,
            offering=self.offering,
            mentee=proposal.mentee,
            mentor=proposal.mentor,
            kind=kind,
            rationale=rationale,
            proposal=proposal,
        )
        self.report.created["advisory decisions"] += 1

    def approval(self, proposal: Proposal) -> str:
        mentee, mentor = proposal.mentee, proposal.mentor
        a, b = mentee.person.given_name, mentor.person.given_name
        portfolio = mentee.answers.get("portfolio")
        years = mentor.answers.get("experience", {}).get(portfolio)
        parts = [f"{b} has {years} years of experience in {a}'s portfolio ({portfolio})."] if years else []
        shared = shared_tags(mentee, mentor)
        if shared:
            parts.append(f"They share {listing(shared[:3])}.")
        if mentee.board_id and mentee.board_id == mentor.board_id:
            parts.append(f"{b} knows {a}'s board from the inside.")
        return " ".join(parts) or f"{b}'s experience fits what {a} asked for."
