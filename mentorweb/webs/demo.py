"""Mentoring for All at the Kaministiquia River board (invented; seeds 001 and 002): a year of its
mentoring web, told as it happened, on its dates, through the services.

- A year ago the superintendent of leadership and learning (the board's administrator) sets up
  the web; the Mentoring Steering Committee, one member for every employee group, is chaired by
  the mentoring lead (steering.mfa).
- Through the year people offer to mentor in their areas and ask colleagues in other roles to
  mentor them or to be their peers: the seed's examples (an office administrator with a
  superintendent, ECEs with kindergarten teachers, associate teachers rethinking mentor versus
  evaluator, business and support staff for whom it is a first exposure) and a web of generated
  ones (people_web). Pairs meet every month or so, set goals and write what they learned; a few
  connections end, one request is declined with a reason, a few wait for an answer.
- On the first of every month the daily job's coverage snapshot is taken, so the steering
  committee's trend has a year of history.

The demo ECE (ece.mfa) has a peer connection with the kindergarten teacher she shares a room
with, with meetings held: conversations.demo (after this app in INSTALLED_APPS) records her
scaling questions on it.

The story runs once, when the web has no offers yet; a second load finds them and changes
nothing (the program's settings and the committee are put back if they were changed).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mentorweb.accounts.models import Person
from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.core.audit import audit_record
from mentorweb.core.demo import people_web
from mentorweb.matching.demo_setup import at, moment
from mentorweb.partnerships import goals, health, lifecycle, meetings
from mentorweb.partnerships.models import MeetingMode, Partnership, PartnershipStatus
from mentorweb.programs import services as program_services
from mentorweb.programs.models import Program
from mentorweb.programs.times import today_in
from mentorweb.webs import coverage, services
from mentorweb.webs.models import CoverageSnapshot, MentorOffer, SteeringMember

ORGANIZATION = "krdsb"
ADMINISTRATOR = "diane.sinclair@example.org"
CHAIR = "steering.mfa@example.org"
ECE = "ece.mfa@example.org"
SEED = 2016  # Mentoring for All's first year in Ontario boards; a fixed seed, nothing more

PROGRAM: dict[str, Any] = {
    "name": "Mentoring for All",
    "short_name": "Mentoring for All",
    "slug": "mentoring-for-all",
    "kind": "web",
    "summary": (
        "Every employee of the board, in every role, can build a web of mentors across roles: offer to mentor "
        "in what you know, ask colleagues in other roles to mentor you or to learn with you as peers."
    ),
    "description": (
        "Mentoring for All broadens mentorship beyond \u201cmentoring for some\u201d: early childhood educators "
        "and ECE/kindergarten teams, teachers and associate teachers, business and support staff, consultants "
        "and coaches, office administrators, vice-principals, principals and superintendents all take part.\n\n"
        "Learning is reciprocal: mentorship de-privatizes practice and helps mentors grow too. Each learner "
        "builds a unique web of mentors; conversations are learning-focused, with tools such as scaling "
        "questions, goal setting and observation and debriefing.\n\n"
        "The Mentoring Steering Committee, with representation from all groups, plans learning sessions and "
        "context-specific support and follow-up."
    ),
    "contact_email": "mentoring.krdsb@example.org",
    "is_published": True,
}
# Lighter than a pairing program: webs are informal, so the check-in comes after six weeks, then
# once a term (about every three months).
SETTINGS: dict[str, Any] = {
    "meeting_topics": [
        "Learning focus for this conversation",
        "What we learned from each other",
        "Goal setting",
        "Building relational trust",
        "Scaling question",
        "Observation and debriefing",
        "Growth-oriented feedback",
        "Next step, and who in my web can help",
    ],
    "checkin_first_days": 45,
    "checkin_every_days": 90,
}

# One member for every employee group; the first is the chair.
STEERING: tuple[tuple[str, str], ...] = (
    (CHAIR, RG.CONSULTANT_COACH),
    ("crystal.meekis@example.org", RG.EARLY_CHILDHOOD_EDUCATOR),
    ("tyler.lindqvist@example.org", RG.TEACHER),
    ("heather.lindsay@example.org", RG.ASSOCIATE_TEACHER),
    ("rosa.medeiros@example.org", RG.BUSINESS_SUPPORT),
    ("brenda.koski@example.org", RG.OFFICE_ADMINISTRATOR),
    ("aiden.murphy@example.org", RG.VICE_PRINCIPAL),
    ("martin.levesque@example.org", RG.PRINCIPAL),
    (ADMINISTRATOR, RG.SUPERVISORY_OFFICER),
)


def _first(group: str, *, position: str = "", school: str = "", skip: int = 0) -> str:
    """The e-mail of a generated person of the group (the same on every load)."""
    found = [
        spec.email
        for spec in people_web.PEOPLE
        if spec.role_group == group
        and position in spec.position
        and (not school or any(m.organization == school for m in spec.memberships))
    ]
    return found[skip]


SUPERINTENDENT = _first(RG.SUPERVISORY_OFFICER)
K_TEACHER = _first(RG.TEACHER, position="Kindergarten teacher")
ASSOCIATE = _first(RG.ASSOCIATE_TEACHER)
CUSTODIAN = _first(RG.BUSINESS_SUPPORT, position="Custodian")
TIMETABLE_TEACHER = _first(RG.TEACHER, position="Secondary")
DECLINE_REASON = (
    "I already support two vice-principals this term and could not give you the time you deserve. Aiden "
    "Murphy builds our timetable and offers to mentor in it: ask him."
)

# Offers of the named people: (e-mail, areas, capacity, summary).
OFFERS: tuple[tuple[str, tuple[str, ...], int, str], ...] = (
    (
        ADMINISTRATOR,
        ("instructional leadership", "transition to role", "adult learning"),
        3,
        "Happy to have learning-focused conversations with anyone in the board, in any role.",
    ),
    (
        CHAIR,
        ("coaching conversations", "feedback", "goal setting", "observation and debriefing"),
        5,
        "Coaching conversations and growth-oriented feedback; I use scaling questions a lot.",
    ),
    (
        "crystal.meekis@example.org",
        ("kindergarten teams", "relational trust", "parent engagement"),
        3,
        "Nine years in kindergarten teams: sharing a room, planning together, families.",
    ),
    (
        "tyler.lindqvist@example.org",
        ("mentoring new teachers", "technology"),
        3,
        "Eight years mentoring in the New Teacher Induction Program.",
    ),
    (
        "heather.lindsay@example.org",
        ("mentoring new teachers", "observation and debriefing", "feedback"),
        3,
        "Observing and debriefing a lesson together; what I learn from my teacher candidates.",
    ),
    (
        "rosa.medeiros@example.org",
        ("transition to role", "business operations", "human resources"),
        3,
        "How a school board works behind the scenes, for anyone new to it.",
    ),
    (
        "brenda.koski@example.org",
        ("relational trust", "office management", "parent engagement"),
        4,
        "Running a school office, and building trust with families and staff.",
    ),
    (
        "sheila.turcotte@example.org",
        ("staff supervision", "timetabling", "budget and staffing"),
        2,
        "Supervising staff, the timetable and the budget: the parts of the job nobody shows you.",
    ),
    ("aiden.murphy@example.org", ("timetabling", "safe schools"), 3, "Building a secondary timetable, step by step."),
    (
        "anne-marie.hebert@example.org",
        ("observation and debriefing", "French-language education"),
        2,
        "Observation et rétroaction, en français ou en anglais.",
    ),
    (
        "dale.anderson@example.org",
        ("facilities and capital", "safe schools"),
        2,
        "Twenty years of school buildings: systems, safety, and leading a crew.",
    ),
    (
        SUPERINTENDENT,
        ("courageous conversations", "reflection and decision-making", "relational trust"),
        3,
        "Conversations about hard decisions, for anyone who has to make them.",
    ),
    (K_TEACHER, ("kindergarten teams", "parent engagement"), 2, "Kindergarten teams, from the teacher's side."),
)

# The seed's connections: (asker, asked, peer, area, purpose, days ago, fate).
NAMED: tuple[tuple[str, str, bool, str, str, int, str], ...] = (
    (
        ECE,
        "ben.achterberg@example.org",
        True,
        "kindergarten teams",
        "We share a kindergarten room: plan together and learn from each other's training.",
        150,
        "active",
    ),
    (
        ECE,
        "crystal.meekis@example.org",
        False,
        "relational trust",
        "Learn from an experienced ECE how to build mutual mentorship in a kindergarten team.",
        95,
        "active",
    ),
    (
        "gloria.pereira@example.org",
        ADMINISTRATOR,
        False,
        "transition to role",
        "A learning-focused conversation about my first year running a secondary school office.",
        200,
        "active",
    ),
    (
        "brenda.koski@example.org",
        SUPERINTENDENT,
        True,
        "relational trust",
        "An office administrator and a superintendent learning from each other's view of the board.",
        240,
        "active",
    ),
    (
        "wei.zhang@example.org",
        "brenda.koski@example.org",
        False,
        "relational trust",
        "Learn how the office builds trust with families, in my second year as principal.",
        280,
        "active",
    ),
    (
        "nimra.qureshi@example.org",
        K_TEACHER,
        False,
        "kindergarten teams",
        "New to the board: how an ECE and a teacher make a kindergarten team work.",
        120,
        "active",
    ),
    (
        "heather.lindsay@example.org",
        CHAIR,
        False,
        "feedback",
        "Be a mentor to my teacher candidates, not only their evaluator.",
        180,
        "active",
    ),
    (
        "omar.farouk@example.org",
        CHAIR,
        False,
        "coaching conversations",
        "Coaching conversations with my practicum students.",
        160,
        "active",
    ),
    (
        "fatima.diallo@example.org",
        "tyler.lindqvist@example.org",
        False,
        "mentoring new teachers",
        "Ma première année: planifier, évaluer, garder l'équilibre.",
        250,
        "active",
    ),
    (
        "priyanka.shah@example.org",
        "rosa.medeiros@example.org",
        False,
        "transition to role",
        "My first mentor: learning how a school board works.",
        210,
        "active",
    ),
    (
        "dale.anderson@example.org",
        "sheila.turcotte@example.org",
        False,
        "staff supervision",
        "Lead my crew of eight better.",
        140,
        "active",
    ),
    (
        "joel.kakegamic@example.org",
        "brenda.koski@example.org",
        False,
        "relational trust",
        "Build trust quickly with the staff of the eleven schools I coach in.",
        100,
        "active",
    ),
    (
        "anne-marie.hebert@example.org",
        CHAIR,
        False,
        "coaching conversations",
        "Des conversations de coaching pour une conseillère qui en a rarement pour elle-même.",
        60,
        "active",
    ),
    (
        "leila.rahimi@example.org",
        "sheila.turcotte@example.org",
        False,
        "staff supervision",
        "My first year as vice-principal: supervising staff I used to work beside.",
        230,
        "active",
    ),
    (
        "aiden.murphy@example.org",
        SUPERINTENDENT,
        False,
        "courageous conversations",
        "Prepare the conversations I would rather avoid.",
        170,
        "active",
    ),
    (
        "martin.levesque@example.org",
        "anne-marie.hebert@example.org",
        True,
        "French-language education",
        "Apprendre ensemble à soutenir l'équipe d'immersion.",
        260,
        "ended",
    ),
    (
        CUSTODIAN,
        "dale.anderson@example.org",
        False,
        "facilities and capital",
        "My first mentoring experience: the building's systems, from someone who knows them.",
        75,
        "active",
    ),
    (
        TIMETABLE_TEACHER,
        "sheila.turcotte@example.org",
        False,
        "timetabling",
        "I would like to learn how the timetable is built.",
        40,
        "declined",
    ),
    (
        TIMETABLE_TEACHER,
        "aiden.murphy@example.org",
        False,
        "timetabling",
        "Sheila Turcotte suggested I ask you about the timetable.",
        37,
        "active",
    ),
    (
        "graham.pelkonen@example.org",
        "anne-marie.hebert@example.org",
        False,
        "observation and debriefing",
        "Learn to debrief a lesson with a colleague.",
        12,
        "pending",
    ),
    (ASSOCIATE, CHAIR, False, "feedback", "Growth-oriented feedback for my teacher candidates.", 6, "pending"),
)

MODES = (MeetingMode.FACE_TO_FACE, MeetingMode.FACE_TO_FACE, MeetingMode.VIDEO, MeetingMode.PHONE)
NOTES = (
    "Started with a scaling question about where things stand, then one small step up.",
    "Looked at what worked this month and what we would try differently.",
    "Listened more than talked; agreed on a third point to look at together next time.",
    "Went through a situation from last week and the questions it raised.",
    "Shared how each of our roles sees the same problem; both of us took something away.",
)
PLANS = (
    "Try the step we named and tell each other how it went.",
    "Bring an example from this month.",
    "Observe each other for twenty minutes before we meet.",
    "Come back to the goal and see how far it has moved.",
)
LEARNINGS = (
    "How much the office knows about our families, and how early it knows it.",
    "A scaling question opens a conversation faster than any advice I could give.",
    "Listening without solving is harder than it looks; I practised it today.",
    "Seeing the school from another role changed how I plan my week.",
    "I learned as much as I taught: the questions made me explain why I do things.",
    "Small, regular conversations matter more than long ones.",
    "That feedback lands better when it starts from what the person noticed themselves.",
    "How a kindergarten team divides the day so both of us can observe.",
)
GOALS = (
    "Lead one planning conversation a week",
    "Try one new way of giving feedback",
    "Build a routine for the first ten minutes of the day",
    "Prepare a conversation I have been putting off",
    "Observe and debrief one lesson each month",
)
END_REASONS = (
    "New assignment across other schools; we keep in touch informally.",
    "We reached the goal we set and will reconnect next year.",
    "A change of schedule leaves no time this term.",
)


@dataclass
class Plan:
    asker: str
    asked: str
    peer: bool
    area: str
    purpose: str
    days_ago: int
    fate: str
    meetings: int = 0
    goal: bool = False
    learnings: int = 0


@dataclass
class Story:
    program: Program
    people: dict[str, Person]
    today: dt.date
    zone: str
    report: Any
    events: list[tuple[dt.datetime, int, Callable[[], None]]] = field(default_factory=list)
    connections: dict[int, Partnership] = field(default_factory=dict)

    def on(self, day: dt.date, hour: int, action: Callable[[], None], minute: int = 0) -> None:
        self.events.append((moment(self.zone, day, hour, minute), len(self.events), action))

    def run(self) -> None:
        for when, _order, action in sorted(self.events, key=lambda event: (event[0], event[1])):
            with at(when):
                action()


def load_demo(context: Any) -> None:
    organization = context.organizations.get(ORGANIZATION)
    admin = context.people.get(ADMINISTRATOR)
    if organization is None or admin is None:
        return
    today = today_in(organization.time_zone)
    launch = today - dt.timedelta(days=365)
    program = Program.objects.filter(organization=organization, slug=PROGRAM["slug"]).first()
    if program is None:
        with at(moment(organization.time_zone, launch - dt.timedelta(days=14), 10)):
            program = program_services.program_create(actor=admin.user, organization=organization, data=PROGRAM)
        context.report.created["programs"] += 1
    else:
        changes = {name: value for name, value in PROGRAM.items() if getattr(program, name) != value}
        if changes:
            program = program_services.program_update(actor=admin.user, program=program, data=changes)
            context.report.updated["programs"] += 1
    _settings(context, program, admin)
    _steering(context, program, admin)
    if not MentorOffer.objects.filter(program=program).exists():
        story = Story(program, context.people, today, organization.time_zone, context.report)
        _plan(story, launch)
        story.run()
        for connection in Partnership.objects.filter(program=program, status=PartnershipStatus.ACTIVE):
            health.refresh(connection, today=today)


def _settings(context: Any, program: Program, admin: Person) -> None:
    """The meeting topics and check-in schedule. No service changes them yet (the program pages
    have no field for them), so the demo writes them with an audit entry as a service would."""
    changes = {
        name: [getattr(program, name), value] for name, value in SETTINGS.items() if getattr(program, name) != value
    }
    if not changes:
        return
    for name, (_old, new) in changes.items():
        setattr(program, name, new)
    program.save(update_fields=list(changes))
    audit_record(
        actor=admin.user, action="program.updated", obj=program, organization=program.organization, changes=changes
    )
    context.report.updated["programs"] += 1


def _steering(context: Any, program: Program, admin: Person) -> None:
    seated = set(SteeringMember.objects.filter(program=program).values_list("person_id", flat=True))
    for email, group in STEERING:
        person = context.people.get(email)
        if person is None or person.pk in seated:
            continue
        services.steering_add(actor=admin.user, program=program, person=person, represents=group)
        context.report.created["steering committee members"] += 1


# --- the plan ---------------------------------------------------------------------------------------


def _plan(story: Story, launch: dt.date) -> None:
    rng = random.Random(SEED)
    board_people = [spec for spec in people_web.PEOPLE if spec.email in story.people]
    # Offers: the named people, and about four in ten of the generated ones, in their expertise.
    offers: dict[str, tuple[tuple[str, ...], int, str]] = {
        email: (areas, cap, text) for email, areas, cap, text in OFFERS
    }
    for spec in board_people:
        if spec.email not in offers and rng.random() < 0.4:
            areas = tuple(spec.expertise[:3])
            offers[spec.email] = (areas, rng.choice((1, 2, 2, 3)), "")
    plans = [Plan(*row) for row in NAMED]
    pairs = {frozenset((plan.asker, plan.asked)) for plan in plans}
    load = {email: 0 for email in offers}
    for plan in plans:
        # A request needs a free place when it is made, even one that is then declined.
        if not plan.peer:
            load[plan.asked] += 1
    by_area: dict[str, list[str]] = {}
    for email, (areas, _cap, _text) in offers.items():
        for area in areas:
            by_area.setdefault(area, []).append(email)
    groups = {spec.email: spec.role_group for spec in board_people}
    groups.update({email: story.people[email].role_group for email in offers if email in story.people})
    # Generated connections: a third of the generated people ask someone, four times in five in another role.
    for spec in board_people:
        if rng.random() >= 0.34:
            continue
        need = rng.choice(spec.needs)
        candidates = [
            email
            for email in by_area.get(need, [])
            if email != spec.email and frozenset((spec.email, email)) not in pairs and load[email] < 3
        ]
        cross = [email for email in candidates if groups.get(email) != spec.role_group]
        if cross and (rng.random() < 0.8 or len(cross) == len(candidates)):
            candidates = cross
        if not candidates:
            continue
        asked = rng.choice(candidates)
        peer = rng.random() < 0.18
        days_ago = rng.randint(14, 300)
        fate = "ended" if rng.random() < 0.06 else "active"
        if days_ago < 20 and rng.random() < 0.5:
            fate = "pending"
        plans.append(Plan(spec.email, asked, peer, need, f"Learning about {need} from another role.", days_ago, fate))
        pairs.add(frozenset((spec.email, asked)))
        if not peer:
            load[asked] += 1
    for plan in plans:
        weeks = plan.days_ago // 7
        plan.meetings = 0 if plan.fate in ("pending", "declined") else max(1, min(5, weeks // 5 + rng.randint(0, 1)))
        plan.goal = plan.fate in ("active", "ended") and rng.random() < 0.35
        plan.learnings = rng.choice((0, 1, 1, 2)) if plan.meetings else 0
    for email, (areas, capacity, text) in offers.items():
        person = story.people.get(email)
        if person is None:
            continue
        wanted = min(10, max(capacity, load[email]))
        day = launch + dt.timedelta(days=rng.randint(0, 40))
        story.on(day, 12, _offer(story, person, areas, wanted, text))
    for plan in plans:
        _plan_connection(story, plan, rng)
    # The daily job's snapshots, on the first of each month since the launch (and today's).
    first = dt.date(launch.year, launch.month, 1)
    while first <= story.today:
        if first >= launch:
            story.on(first, 0, _snapshot(story, first), minute=30)
        first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _offer(story: Story, person: Person, areas: tuple[str, ...], capacity: int, text: str) -> Callable[[], None]:
    def action() -> None:
        services.offer_save(
            actor=person.user,
            program=story.program,
            data={"areas": list(areas), "capacity": capacity, "summary": text, "is_open": True},
        )
        story.report.created["web offers"] += 1

    return action


def _plan_connection(story: Story, plan: Plan, rng: random.Random) -> None:
    asker, asked = story.people[plan.asker], story.people[plan.asked]
    asked_on = story.today - dt.timedelta(days=plan.days_ago)
    key = len(story.events)

    def request() -> None:
        connection = services.connection_request(
            actor=asker.user, program=story.program, to=asked, purpose=plan.purpose, area=plan.area, peer=plan.peer
        )
        story.connections[key] = connection
        story.report.created["web connections"] += 1

    story.on(asked_on, 9, request, minute=rng.randint(0, 50))
    if plan.fate == "pending":
        return
    answered_on = asked_on + dt.timedelta(days=rng.randint(1, 3))
    if plan.fate == "declined":
        story.on(answered_on, 16, lambda: _respond(story, key, asked, accept=False, reason=DECLINE_REASON))
        return
    story.on(answered_on, 16, lambda: _respond(story, key, asked, accept=True))
    last = answered_on
    day = answered_on
    for number in range(plan.meetings):
        day = day + dt.timedelta(days=rng.randint(21, 42) if number else rng.randint(4, 12))
        if day >= story.today:
            break
        last = day
        who = asker if number % 2 == 0 else asked
        story.on(day, 17, _meeting(story, key, who, day, rng))
        if number == 0 and plan.goal:
            story.on(day, 18, _goal(story, key, asker, rng.choice(GOALS)))
        if number < plan.learnings:
            story.on(day, 19, _learning(story, key, rng.choice((asker, asked)), rng.choice(LEARNINGS)))
    if plan.fate == "ended":
        ended = min(last + dt.timedelta(days=rng.randint(10, 30)), story.today - dt.timedelta(days=1))
        reason = rng.choice(END_REASONS)
        story.on(ended, 20, _end(story, key, asker, reason))


def _respond(story: Story, key: int, asked: Person, *, accept: bool, reason: str = "") -> None:
    services.connection_respond(actor=asked.user, connection=story.connections[key], accept=accept, reason=reason)
    story.connections[key].refresh_from_db()


def _meeting(story: Story, key: int, who: Person, day: dt.date, rng: random.Random) -> Callable[[], None]:
    mode = rng.choice(MODES)
    duration = rng.choice((30, 45, 45, 60))
    topics = rng.sample(SETTINGS["meeting_topics"], k=rng.randint(1, 3))
    notes, plan = rng.choice(NOTES), rng.choice(PLANS)

    def action() -> None:
        meetings.meeting_record(
            actor=who.user,
            partnership=story.connections[key],
            date=day,
            time=dt.time(15, 30),
            duration_minutes=duration,
            mode=mode,
            location="",
            data={"topics": topics, "shared_notes": notes, "next_plan": plan},
        )
        story.report.created["meetings"] += 1

    return action


def _goal(story: Story, key: int, who: Person, title: str) -> Callable[[], None]:
    def action() -> None:
        goals.goal_create(actor=who.user, partnership=story.connections[key], data={"title": title})
        story.report.created["goals"] += 1

    return action


def _learning(story: Story, key: int, who: Person, text: str) -> Callable[[], None]:
    def action() -> None:
        services.learning_add(actor=who.user, connection=story.connections[key], text=text)
        story.report.created["learning entries"] += 1

    return action


def _end(story: Story, key: int, who: Person, reason: str) -> Callable[[], None]:
    def action() -> None:
        lifecycle.partnership_end(actor=who.user, partnership=story.connections[key], reason=reason)
        story.report.created["ended connections"] += 1

    return action


def _snapshot(story: Story, day: dt.date) -> Callable[[], None]:
    def action() -> None:
        if CoverageSnapshot.objects.filter(program=story.program, taken_on=day).exists():
            return
        rows = coverage.snapshot_rows(story.program, day)
        CoverageSnapshot.objects.bulk_create(rows)
        story.report.created["coverage snapshots"] += len(rows)

    return action
