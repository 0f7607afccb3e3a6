"""The BCPVPA Mentorship Pilot 2017–2018 as it happened, step by step on its dates (seed 003).

- September 5: the association's director of leadership programs sets the pilot up and opens
  applications; retired principals and new principals and vice-principals apply through
  September and October (people_bc_pilot: 46 mentees, 42 mentors).
- October 4: the deadline is extended from October 6 to October 20; those with an application
  under review are told.
- October: the Mentorship Advisory Team reviews. Mentors are accepted, one declined (away for
  the winter), one asked about the training days; one withdraws. Rajinder Brar is asked about
  his change of role, answers, and is accepted; Owen Pritchard's question is still open; one
  mentee is declined (on leave from January), one withdraws, two late applications wait.
- October 23–25: accepted mentees rank mentors; Kenneth Brooks declares that he evaluates
  Devon Archer's work for the district (a conflict); the team locks two pairs the mentees asked
  for and excludes one.
- October 26–30: one match run proposes up to the cap of 40 pairs; the team approves them with
  their reasons, rejects one, and publishes.
- Early November: most pairs accept on both sides (active), some still wait (Douglas MacLeod,
  mentor.bc, has not answered Danielle Moreau yet), and one mentor declines with a reason,
  which returns that mentee to the pool.

The story runs once, when the offering does not exist yet; a second load finds it and changes
nothing. Everything goes through the services, as the person who would do it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from typing import Any

from mentorweb.accounts.models import Person
from mentorweb.core.demo import people_bc_pilot
from mentorweb.core.demo.specs import ApplicantSpec
from mentorweb.matching import services as matching
from mentorweb.matching.demo_programs import (
    BC_EXTENDED_DEADLINE,
    BC_OFFERING,
    BC_ORGANIZATION,
    BC_PROGRAM,
    BC_QUESTIONS,
    BC_RULES,
    BC_SESSIONS,
    MEETING_MODES,
)
from mentorweb.matching.demo_setup import (
    application_data,
    at,
    ensure_program,
    ensure_questions,
    ensure_sessions,
    listing,
    moment,
    pick,
    shared_tags,
    stable_number,
)
from mentorweb.matching.models import DecisionKind, MatchRun, Proposal
from mentorweb.matching.runs import run_execute_now
from mentorweb.partnerships.models import Partnership
from mentorweb.partnerships.services import partnership_respond
from mentorweb.programs import pairing, services
from mentorweb.programs.models import Offering, Program
from mentorweb.registrations.models import DeclineReason, Registration
from mentorweb.registrations.pairing import services as applications

ZONE = "America/Vancouver"
DIRECTOR = "harpreet.sandhu@example.org"
ADVISORY = ("advisory.bcpvpa@example.org", "tomas.rivera@example.org", "evelyn.yuen@example.org")

# What happens to each application beyond being accepted (everyone else is accepted).
DECLINED = {
    "lucas.ferreira@example.org": (
        DeclineReason.TIMING,
        "Thank you for applying. You told us you will be on leave from January, and the pilot asks for a full "
        "year of mentoring: we hope you will apply to the next intake.",
    ),
    "victor.reyes@example.org": (
        DeclineReason.TIMING,
        "Thank you for offering your time. You will be away from January to April, and the pilot needs weekly "
        "contact through the year: please apply again next year.",
    ),
}
WITHDRAWN = ("brianna.olsen@example.org", "maureen.fitzgerald@example.org")
INFO_REQUESTED = {
    "owen.pritchard@example.org": (
        "You are in your fourth year as a principal. Please tell us more about your change of role this year, "
        "so that the advisory team can consider it as a significant change of role."
    ),
    "frank.bertrand@example.org": (
        "You answered that you cannot attend the mentor training on November 9 and 10. Could you join part of "
        "it by video? Tell us what would work for you."
    ),
}
# Asked, answered, then accepted.
ANSWERED = {
    "rajinder.brar@example.org": (
        "Please tell us more about your change of role: how long were you an elementary principal, and what "
        "is new for you this year?",
        "Eight years as an elementary principal; since July I lead a secondary school of 1,600 students, with "
        "two vice-principals, a timetable of 90 sections and a union staff of 110. Almost everything is new.",
    ),
}
LATE = ("etienne.caron@example.org", "samuel.adeyemi@example.org", "nancy.larocque@example.org")
# Kenneth Brooks still evaluates new vice-principals for the Cariboo-Chilcotin under contract.
CONFLICT = ("devon.archer@example.org", "kenneth.brooks@example.org", "evaluates")
LOCKS = (
    (
        "kwame.asante@example.org",
        "stuart.macdonald@example.org",
        "Stuart led the school in Masset for eleven years and Kwame ranked him first: his knowledge of the "
        "community and of the Haida language program matters more to this pair than any score.",
    ),
    (
        "mentee.bc@example.org",
        "mentor.bc@example.org",
        "Danielle asked for a mentor who has led a small northern school and ranked Douglas first; Douglas "
        "knows the northwest and can meet her by video every week.",
    ),
)
EXCLUSION = (
    "jasdeep.gill@example.org",
    "barbara.lindstrom@example.org",
    "Barbara was Jasdeep's principal when he was a vice-principal in Prince George; he asked for a mentor "
    "from outside his old school.",
)
# The mentor who declines the published partnership, and why.
DECLINER = (
    "terrence.hill@example.org",
    "A family illness means I cannot give the weekly contact this pilot asks for this winter. Please match my "
    "mentee with someone who can; I hope to mentor next year.",
)


def load(context: Any) -> None:
    organization = context.organizations.get(BC_ORGANIZATION)
    director = context.people.get(DIRECTOR)
    if organization is None or director is None:
        return
    report = context.report
    program = Program.objects.filter(organization=organization, slug=BC_PROGRAM["slug"]).first()
    # Set up on September 5, 2017, when the program is new; checked (and put back) today afterwards.
    with at(moment(ZONE, dt.date(2017, 9, 5))) if program is None else nullcontext():
        program = ensure_program(
            actor=director.user, organization=organization, data=BC_PROGRAM, rules=BC_RULES, report=report
        )
        questions = ensure_questions(actor=director.user, program=program, questions=BC_QUESTIONS, report=report)
    if Offering.objects.filter(program=program, slug=BC_OFFERING["slug"]).exists():
        return
    _Story(context, program, questions).tell()


def _day(month: int, day: int, year: int = 2017) -> dt.date:
    return dt.date(year, month, day)


class _Story:
    def __init__(self, context: Any, program: Program, questions: dict[str, Any]) -> None:
        self.context = context
        self.report = context.report
        self.program = program
        self.questions = questions
        self.people: dict[str, Person] = context.people
        self.director = self.people[DIRECTOR].user
        self.advisory = [self.people[email].user for email in ADVISORY]
        self.applications: dict[str, Registration] = {}
        self.events: list[tuple[dt.datetime, int, Callable[[], None]]] = []

    # --- the timeline ----------------------------------------------------------------------------------

    def on(self, day: dt.date, hour: int, minute: int, action: Callable[[], None]) -> None:
        self.events.append((moment(ZONE, day, hour, minute), len(self.events), action))

    def run_events(self) -> None:
        """Everything planned so far, in the order it happened."""
        events, self.events = sorted(self.events, key=lambda event: event[:2]), []
        for when, _index, action in events:
            with at(when):
                action()

    def tell(self) -> None:
        with at(moment(ZONE, _day(9, 5), 9, 30)):
            self.offering = services.offering_create(actor=self.director, program=self.program, data=BC_OFFERING)
            ensure_sessions(actor=self.director, offering=self.offering, sessions=BC_SESSIONS, report=self.report)
        self.report.created["offerings"] += 1
        self.plan_applications()
        self.run_events()
        self.plan_rankings()
        self.run_events()
        self.match()
        self.respond()

    # --- applications ----------------------------------------------------------------------------------

    def plan_applications(self) -> None:
        applicants = people_bc_pilot.APPLICANTS
        for index, (email, applicant) in enumerate(applicants.items()):
            if email in LATE:
                submitted = (_day(10, 20), 20 + index % 3, 10 * (index % 6))
            elif email in ANSWERED:
                submitted = (_day(9, 14), 21, 5)
            else:
                key = stable_number(email)
                submitted = (_day(9, 11) + dt.timedelta(days=key % 38), 7 + key % 14, key % 60)
            self.on(*submitted, partial(self.submit, email, applicant))
            self.plan_review(email, applicant, submitted[0])
        self.on(_day(10, 4), 11, 0, self.extend_deadline)
        self.on(_day(10, 21), 8, 0, self.close_applications)

    def plan_review(self, email: str, applicant: ApplicantSpec, submitted: dt.date) -> None:
        mentor = applicant.role == "mentor"
        reviewers = (self.director, *self.advisory)
        reviewer = reviewers[stable_number(email) % len(reviewers)]
        review_day = max(submitted + dt.timedelta(days=2), _day(10, 16) if mentor else _day(10, 21))
        review_day += dt.timedelta(days=stable_number(email) % 3)
        hour, minute = 9 + stable_number(email) % 7, stable_number(email) % 50
        if email in LATE:
            return
        # Each action is planned with its arguments bound now (partial): it runs later, in date order.
        if email in WITHDRAWN:
            self.on(submitted + dt.timedelta(days=9), 20, 15, partial(self.withdraw, email))
        elif email in INFO_REQUESTED:
            self.on(review_day, hour, minute, partial(self.request_info, email, reviewer, INFO_REQUESTED[email]))
        elif email in DECLINED:
            reason, message = DECLINED[email]
            self.on(review_day, hour, minute, partial(self.decline, email, reviewer, reason, message))
        elif email in ANSWERED:
            question, answer = ANSWERED[email]
            self.on(_day(10, 2), 10, 5, partial(self.request_info, email, self.director, question))
            self.on(_day(10, 3), 19, 40, partial(self.answer, email, answer))
            self.on(_day(10, 21), 9, 0, partial(self.accept, email, self.director))
        else:
            self.on(review_day, hour, minute, partial(self.accept, email, reviewer))

    def submit(self, email: str, applicant: ApplicantSpec) -> None:
        person = self.people[email]
        data = application_data(
            person,
            applicant,
            options=list(BC_RULES["needs_options"]),
            questions=self.answers(person, applicant),
            interests=self.interests(person, applicant),
        )
        self.applications[email] = applications.application_submit(
            actor=person.user, offering=self.offering, role=applicant.role, data=data
        )
        self.report.created["applications"] += 1

    def answers(self, person: Person, applicant: ApplicantSpec) -> dict[str, Any]:
        q = self.questions
        remote = person.remote_or_isolated or applicant.remote_experience
        modes = list(MEETING_MODES[1:]) if remote else list(MEETING_MODES[:2])
        if applicant.role == "mentee":
            needs = [need for need in person.needs if need in BC_RULES["needs_options"]]
            gain = pick(
                person.user.email,
                (
                    "Most of all, {a}; then {b}. And someone outside my school to check my judgement with.",
                    "Help with {a} and {b} in my first months, from someone who has done this work.",
                    "Perspective when the job gets heavy, a network beyond my district, and practical advice on {a}.",
                    "Someone who has been through {a} and {b}, to talk to every week.",
                ),
            ).format(a=needs[0], b=needs[1] if len(needs) > 1 else needs[0])
            webinar = stable_number(person.user.email) % 7 != 0
            return {str(q["gain"].pk): gain, str(q["webinar"].pk): webinar, str(q["modes"].pk): modes}
        why = pick(
            person.user.email,
            (
                "I had no mentor in my first years and wish I had. I would like to be that person for someone.",
                "To give back to the profession, and to keep learning: new principals teach me as much as I teach them.",
                "I know how lonely the first year in a small school can be. A weekly call would have changed mine.",
                "Retirement gives me the time I never had to listen. I would like to use it well.",
            ),
        )
        training = person.user.email != "frank.bertrand@example.org"
        return {str(q["why"].pk): why, str(q["training"].pk): training, str(q["modes"].pk): modes}

    def interests(self, person: Person, applicant: ApplicantSpec) -> str:
        tags = [tag for tag in (person.needs if applicant.role == "mentee" else person.expertise)][:3]
        if applicant.role == "mentee":
            return f"Would most like to talk about {listing(tags)}."
        return f"Glad to help with {listing(tags)}."

    def extend_deadline(self) -> None:
        pairing.offering_extend_deadline(
            actor=self.director, offering=self.offering, new_deadline=BC_EXTENDED_DEADLINE, notify=True
        )

    def close_applications(self) -> None:
        self.offering = services.offering_update(actor=self.director, offering=self.offering, data={"status": "closed"})

    def accept(self, email: str, reviewer: Any) -> None:
        applications.application_accept(actor=reviewer, registration=self.applications[email])

    def decline(self, email: str, reviewer: Any, reason: str, message: str) -> None:
        applications.application_decline(
            actor=reviewer, registration=self.applications[email], reason=reason, message=message
        )

    def request_info(self, email: str, reviewer: Any, message: str) -> None:
        applications.application_request_info(actor=reviewer, registration=self.applications[email], message=message)

    def answer(self, email: str, text: str) -> None:
        registration = self.applications[email]
        self.applications[email] = applications.application_update(
            actor=registration.person.user, registration=registration, data={"experience_summary": text}
        )

    def withdraw(self, email: str) -> None:
        registration = self.applications[email]
        applications.application_withdraw(actor=registration.person.user, registration=registration)

    # --- rankings, a conflict, locks and an exclusion ----------------------------------------------------

    def plan_rankings(self) -> None:
        current = self._refresh().values()
        mentors = [r for r in current if r.role == "mentor" and r.status == "accepted"]
        mentees = [r for r in current if r.role == "mentee" and r.status == "accepted"]
        firsts = {mentee: mentor for mentee, mentor, _ in LOCKS}
        for index, mentee in enumerate(mentees):
            email = mentee.person.user.email
            if email not in firsts and stable_number(email) % 4 == 0:
                continue  # leaves the choice to the advisory team
            chosen = self.choose(mentee, mentors, depth=3 + stable_number(email) % 3, first=firsts.get(email))
            day = _day(10, 24) + dt.timedelta(days=index % 2)
            self.on(day, 13 + index % 8, index % 60, partial(self.rank, mentee, chosen))
        self.on(_day(10, 24), 10, 0, partial(self.conflict, *CONFLICT))
        for index, lock in enumerate(LOCKS):
            self.on(_day(10, 25), 14, index * 10, partial(self.rule, *lock, kind="lock"))
        self.on(_day(10, 25), 15, 0, partial(self.rule, *EXCLUSION, kind="exclude", author=1))

    def choose(self, mentee: Registration, mentors: list[Registration], *, depth: int, first: str | None) -> list[int]:
        """The mentors this mentee would pick: those who bring most of what they need."""

        def fit(mentor: Registration) -> tuple[int, str]:
            score = 2 * len(shared_tags(mentee, mentor))
            if mentee.answers.get("remote") and mentor.answers.get("remote_experience"):
                score += 2
            if "fr" in mentee.answers.get("languages", []) and "fr" in mentor.answers.get("languages", []):
                score += 1
            return (-score, mentor.person.user.email)

        ranked = [m for m in sorted(mentors, key=fit) if m.person.user.email != first]
        if first is not None:
            ranked.insert(0, self.applications[first])
        return [m.pk for m in ranked[:depth]]

    def rank(self, mentee: Registration, mentor_ids: list[int]) -> None:
        applications.preferences_set(actor=mentee.person.user, registration=mentee, mentor_ids=mentor_ids)
        self.report.created["mentor rankings"] += 1

    def conflict(self, mentee: str, mentor: str, kind: str) -> None:
        applications.conflict_declare(
            actor=self.people[mentor].user,
            mentee=self.applications[mentee],
            mentor=self.applications[mentor],
            kind=kind,
        )

    def rule(self, mentee: str, mentor: str, rationale: str, *, kind: str, author: int = 0) -> None:
        matching.decision_record(
            actor=self.advisory[author],
            offering=self.offering,
            mentee=self.applications[mentee],
            mentor=self.applications[mentor],
            kind=kind,
            rationale=rationale,
        )

    def _refresh(self) -> dict[str, Registration]:
        rows = Registration.objects.filter(offering=self.offering).select_related("person__user", "board")
        self.applications = {r.person.user.email: r for r in rows}
        return self.applications

    # --- the match run, the advisory team's review, publishing ----------------------------------------------

    def match(self) -> None:
        with at(moment(ZONE, _day(10, 26), 10, 0)):
            run = matching.run_start(actor=self.director, offering=self.offering)
        with at(moment(ZONE, _day(10, 26), 10, 1)):
            run_execute_now(run_id=run.pk)
        run.refresh_from_db()
        self.report.created["match runs"] += 1
        proposals = list(
            Proposal.objects.filter(run=run)
            .select_related("mentee__person__user", "mentor__person__user")
            .order_by("mentee__person__family_name", "mentee__person__given_name")
        )
        rejected = min((p for p in proposals if not p.locked), key=lambda p: (p.score, p.pk), default=None)
        remote_pairs = 0
        for index, proposal in enumerate(proposals):
            author = self.advisory[index % len(self.advisory)]
            day, hour = (_day(10, 26), 13 + index // 8) if index < 24 else (_day(10, 27), 9 + (index - 24) // 6)
            with at(moment(ZONE, day, hour, (index * 7) % 60)):
                if proposal.mentee.answers.get("remote") and proposal.mentor.answers.get("remote_experience"):
                    if remote_pairs % 4 == 0:
                        self.decide(proposal, self.advisory[2], DecisionKind.COMMENT, self.comment(proposal))
                    remote_pairs += 1
                if proposal is rejected:
                    self.decide(proposal, author, DecisionKind.REJECT, self.rejection(proposal))
                else:
                    self.decide(proposal, author, DecisionKind.APPROVE, self.approval(proposal))
        with at(moment(ZONE, _day(10, 30), 15, 0)):
            matching.run_publish(actor=self.advisory[0], run=MatchRun.objects.get(pk=run.pk))

    def decide(self, proposal: Proposal, author: Any, kind: str, rationale: str) -> None:
        matching.decision_record(
            actor=author,
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
        if proposal.locked:
            return f"Locked by the team: {b} is the mentor {a} asked for."
        parts = []
        shared = shared_tags(mentee, mentor)
        if shared:
            parts.append(f"{b} brings {listing(shared[:3])}, which {a} asked for.")
        ranking = [p.mentor_id for p in mentee.mentor_preferences.order_by("rank")]
        if mentor.pk in ranking:
            parts.append(f"{a} ranked {b} #{ranking.index(mentor.pk) + 1}.")
        if mentee.answers.get("remote") and mentor.answers.get("remote_experience"):
            parts.append(f"{b} has led schools like {a}'s, far from the district office.")
        if "fr" in mentee.answers.get("languages", []) and "fr" in mentor.answers.get("languages", []):
            parts.append("They can work in French.")
        if not parts:
            parts.append(f"A good fit on availability; {b}'s experience will give {a} perspective.")
        return " ".join(parts)

    def comment(self, proposal: Proposal) -> str:
        return (
            f"Check with {proposal.mentor.person.given_name} that video calls work from "
            f"{proposal.mentee.answers.get('region')}: the connection there is not always reliable."
        )

    def rejection(self, proposal: Proposal) -> str:
        mentee, mentor = proposal.mentee.person.given_name, proposal.mentor.person.given_name
        shared = shared_tags(proposal.mentee, proposal.mentor)
        brings = (
            f"{mentor} brings only {listing(shared)} of what {mentee} asked for."
            if shared
            else f"{mentor} brings none of what {mentee} asked for."
        )
        return (
            f"The weakest pair of the run (score {proposal.score:.1f}): {brings} "
            f"We will look again for {mentee} when the late applications are reviewed."
        )

    # --- the answers of mentors and mentees ------------------------------------------------------------------

    def respond(self) -> None:
        partnerships = list(
            Partnership.objects.filter(offering=self.offering)
            .select_related("mentor__user", "mentee__user")
            .order_by("mentee__family_name", "mentee__given_name")
        )
        decliner, reason = DECLINER
        declining = next((p for p in partnerships if p.mentor.user.email == decliner), None)
        if declining is None:  # the engine chose otherwise: the last unlocked pair declines instead
            locked = {mentee for mentee, _m, _r in LOCKS}
            declining = next(p for p in reversed(partnerships) if p.mentee.user.email not in locked)
        for index, partnership in enumerate(partnerships):
            day = _day(10, 31) + dt.timedelta(days=index % 9)
            mentee, mentor = partnership.mentee.user, partnership.mentor.user
            if partnership is declining:
                self.answer_at(day, 10, partnership, mentor, accept=False, reason=reason)
            elif mentor.email == "mentor.bc@example.org" and partnership.mentee.user.email == "mentee.bc@example.org":
                # The persona mentor still has this one to accept.
                self.answer_at(day, 8, partnership, mentee, accept=True)
            elif index % 4 == 3:
                # Waiting: one side has answered, or neither yet.
                if index % 3 == 0:
                    self.answer_at(day, 8, partnership, mentee, accept=True)
                elif index % 3 == 1:
                    self.answer_at(day, 8, partnership, mentor, accept=True)
            else:
                self.answer_at(day, 8 + index % 5, partnership, mentor, accept=True)
                self.answer_at(day + dt.timedelta(days=1), 19, partnership, mentee, accept=True)

    def answer_at(
        self, day: dt.date, hour: int, partnership: Partnership, user: Any, *, accept: bool, reason: str = ""
    ) -> None:
        with at(moment(ZONE, day, hour, 30)):
            partnership_respond(actor=user, partnership=partnership, accept=accept, reason=reason)
        self.report.updated["partnerships"] += 1
