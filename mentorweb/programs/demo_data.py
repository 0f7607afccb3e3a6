"""The Ontario Principals' Council's Mentoring Qualification Program, as seed 000 describes it.

Demo data is content, like anything staff would type, so it is not marked for translation.

What the seed does not say, and how the demo fills it in:
- Hours by module. The seed gives only the totals, 36 synchronous + 89 asynchronous = 125.
  Synchronous hours follow the class days' times less a 30-minute break a day: a full day
  (8:30 a.m. to 4:00 p.m.) is 7 contact hours and a half day (8:30 a.m. to 1:00 p.m.) 4, so
  modules 1 and 2 (a full and a half day) have 11 and module 3 (two full days) 14: 36 in all.
  Asynchronous hours bring modules 1 to 3 to 30 hours each (19, 19 and 16) and module 4, which
  is entirely online (the personalized project and the practicum with the mentee), has 35: 89.
- The refund table leaves the days between "one week before" and the start unstated. The demo
  reads "one week before start date: $250" as covering every day from 13 days before up to and
  including the start date; "after start date: $0" then applies from the day after the start,
  exactly as written, and the $850 tier from 14 days before, "up to two weeks before".
- Capacity (30 seats online), minimum enrolment (12) and the video-meeting links are invented.
- Upcoming offerings follow the 2025 pattern (see `winter_dates`), in the next years whose
  registration is still open on the day the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from mentorweb.programs.models import DeliveryMode, OfferingStatus, SessionKind

PROGRAM_SLUG = "mqp"
ORGANIZATION = "opc"
PARTNER_BOARD = "krdsb"
FULL_DAY = (dt.time(8, 30), dt.time(16, 0))
HALF_DAY = (dt.time(8, 30), dt.time(13, 0))

PROGRAM: dict[str, Any] = {
    "name": "Mentoring Qualification Program",
    "short_name": "MQP",
    "slug": PROGRAM_SLUG,
    "kind": "course",
    "summary": (
        "An Additional Qualification program on the foundations of effective mentoring and coaching: "
        "strategies, tools and processes, learned by applying them with a mentee of your choice."
    ),
    "description": (
        "Developed by elementary and secondary principals from across Ontario, the program combines the "
        "skills of mentoring and of coaching to build leadership capacity in every role: administrators, "
        "teachers, managers, supervisors, business and support staff. It is aligned with the Ontario College "
        "of Teachers' guideline for Mentoring, the Ontario Leadership Framework (2013) and the Ministry of "
        "Education resource Mentoring for All.\n\n"
        "At least 125 hours of instructional contact time: practice with a chosen mentee, a personalized "
        "project, digital tools, a choice of readings, and sessions with trained facilitators and the other "
        "candidates.\n\n"
        "Modules 1 to 3 are facilitated online and live, by video meeting. Module 4 is completed online in "
        "the learning management system (Canvas)."
    ),
    "learning_components": [
        "theoretical foundations of mentoring and coaching",
        "program planning, development and implementation",
        "instructional strategies and support, with an emphasis on equity, experiential learning and skill development",
        "building relationships and developing people",
        "having courageous conversations",
        "legislation, policy and practical resources",
    ],
    "required_credential_kind": "oct",
    "admission_requirements": (
        "Ontario College of Teachers (OCT) Certificate of Qualification and Registration in good standing."
    ),
    "fee": Decimal("900.00"),
    "non_refundable_fee": Decimal("50.00"),
    "full_payment_confirms": True,
    "minimum_enrolment": 12,
    "contact_email": "mqp.opc@example.org",
    "partnership_note": (
        "The MQP can be customized locally for the needs of your district. To offer it with your board, "
        "write to learning.opc@example.org."
    ),
    "access_opens_days_before": 7,
    "access_closes_days_after": 14,
    "is_published": True,
}

MODULES: list[dict[str, Any]] = [
    {
        "number": 1,
        "title": "Introducing and Understanding Mentoring/Coaching",
        "components": [
            "Principles of adult learning",
            "Research on mentoring and coaching (including a personalized reading choice)",
            "The importance of equity in mentoring/coaching",
            "Principles of anti-oppressive leadership",
            "Supporting MentorCoaching through the Co-Active model and skills (based on the text Co-Active "
            "Coaching, 4th edition)",
            "Attributes, processes, tools and skills of MentorCoaching: the MentorCoaching relationship (trust, "
            "honesty, confidentiality, safety, non-judgement, bias awareness); deep listening (articulating, "
            "clarifying, meta-view, metaphor, acknowledging); curiosity and asking powerful questions",
        ],
        "synchronous_hours": Decimal("11"),
        "asynchronous_hours": Decimal("19"),
    },
    {
        "number": 2,
        "title": "Continued Skill Development",
        "components": [
            "Models of mentoring and coaching",
            "Mindsets (the impact of unconscious bias, a positive/growth MentorCoaching mindset, culturally "
            "responsive mentoring practices, equity and inclusion)",
            "Leveraging our signature strengths",
            "Values in MentorCoaching",
            "Feedback vs. feedforward",
            "The guiding principles, critical skills and processes of MentorCoaching continued: listening, "
            "curiosity and powerful questions, intuition, forwarding the action and deepening the learning "
            "(the mentee's agenda, goal setting, accountability), self-management (recovery, asking "
            "permission, bottom-lining, championing, clearing, reframing, making distinctions)",
        ],
        "synchronous_hours": Decimal("11"),
        "asynchronous_hours": Decimal("19"),
    },
    {
        "number": 3,
        "title": "Leading with MentorCoaching and Courageous Conversations",
        "components": [
            "The role of MentorCoaching in 21st century learning and leadership",
            "Responding to leadership challenges (applying MentorCoaching to school improvement and student "
            "achievement)",
            "Moving toward equitable leadership (an anti-oppressive culture, responding to micro-aggressions)",
            "Differentiating supports for novice and experienced leaders",
            "Risk taking and the importance of learning from failure",
            "Mentoring new teachers (collaborative inquiry in building teacher efficacy)",
            "Case study analysis, Ministry of Education and other mentoring resources",
            "Courageous conversations (based on Having Hard Conversations, Hard Conversations Unpacked or "
            "Swimming in the Deep End)",
        ],
        "synchronous_hours": Decimal("14"),
        "asynchronous_hours": Decimal("16"),
    },
    {
        "number": 4,
        "title": "Applications and Creating a Culture of MentorCoaching",
        "components": [
            "Creating a culture of MentorCoaching",
            "Issues of race and equity (using MentorCoaching to build a safe, equitable and inclusive culture)",
            "Using MentorCoaching to support sustainability, health and well-being",
            "Multi-generational mentoring opportunities",
            "MentorCoaching across districts and in other careers",
        ],
        "synchronous_hours": Decimal("0"),
        "asynchronous_hours": Decimal("35"),
    },
]

REFUND_TIERS: list[dict[str, Any]] = [
    {
        "min_days_before": 14,
        "max_days_before": None,
        "amount": Decimal("850.00"),
        "label": "Up to two weeks before start date",
    },
    {"min_days_before": 0, "max_days_before": 14, "amount": Decimal("250.00"), "label": "One week before start date"},
    {"min_days_before": None, "max_days_before": 0, "amount": Decimal("0.00"), "label": "After start date"},
]


@dataclass(frozen=True)
class SessionSpec:
    module: int
    day: dt.date
    start: dt.time
    end: dt.time
    location: str = ""


@dataclass(frozen=True)
class OfferingSpec:
    slug: str
    title: str
    start_date: dt.date
    end_date: dt.date
    registration_deadline: dt.date
    status: str
    sessions: tuple[SessionSpec, ...]
    module_4_due: dt.date
    capacity: int = 30
    delivery_mode: str = DeliveryMode.ONLINE
    partner_board: str = ""
    customization_notes: str = ""
    video_meeting_url: str = ""
    kind: str = SessionKind.CLASS_DAY


def _days(*spec: tuple[int, dt.date, tuple[dt.time, dt.time]]) -> tuple[SessionSpec, ...]:
    return tuple(SessionSpec(module, day, start, end) for module, day, (start, end) in spec)


SEED_OFFERINGS = (
    OfferingSpec(
        slug="winter-2025-online",
        title="Winter 2025 - Online",
        start_date=dt.date(2025, 1, 25),
        end_date=dt.date(2025, 4, 14),
        registration_deadline=dt.date(2025, 1, 11),
        status=OfferingStatus.COMPLETED,
        sessions=_days(
            (1, dt.date(2025, 1, 25), FULL_DAY),
            (1, dt.date(2025, 1, 26), HALF_DAY),
            (2, dt.date(2025, 2, 8), FULL_DAY),
            (2, dt.date(2025, 2, 9), HALF_DAY),
            (3, dt.date(2025, 3, 1), FULL_DAY),
            (3, dt.date(2025, 3, 2), FULL_DAY),
        ),
        module_4_due=dt.date(2025, 4, 14),
        video_meeting_url="https://meet.example.org/opc/mqp-winter-2025",
    ),
    OfferingSpec(
        slug="summer-2025-online",
        title="Summer 2025 - Online",
        start_date=dt.date(2025, 7, 8),
        end_date=dt.date(2025, 8, 31),
        registration_deadline=dt.date(2025, 6, 24),
        status=OfferingStatus.COMPLETED,
        sessions=_days(
            (1, dt.date(2025, 7, 8), FULL_DAY),
            (1, dt.date(2025, 7, 9), HALF_DAY),
            (2, dt.date(2025, 7, 15), FULL_DAY),
            (2, dt.date(2025, 7, 16), HALF_DAY),
            (3, dt.date(2025, 7, 22), FULL_DAY),
            (3, dt.date(2025, 7, 23), FULL_DAY),
        ),
        module_4_due=dt.date(2025, 8, 31),
        video_meeting_url="https://meet.example.org/opc/mqp-summer-2025",
    ),
)


def _nth_saturday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(5 - first.weekday()) % 7 + 7 * (n - 1))


def winter_dates(start: dt.date) -> tuple[tuple[SessionSpec, ...], dt.date, dt.date]:
    """The Winter 2025 rhythm from a first Saturday: module 1 that weekend, module 2 two weeks
    later, module 3 five weeks after the start, module 4 due 79 days after the start (25 January
    to 14 April), registration closing two weeks before. Returns sessions, due date, deadline."""
    d = dt.timedelta
    sessions = _days(
        (1, start, FULL_DAY),
        (1, start + d(days=1), HALF_DAY),
        (2, start + d(days=14), FULL_DAY),
        (2, start + d(days=15), HALF_DAY),
        (3, start + d(days=35), FULL_DAY),
        (3, start + d(days=36), FULL_DAY),
    )
    return sessions, start + d(days=79), start - d(days=14)


def _first_year(today: dt.date, start_of: Callable[[int], dt.date], weeks_before: int) -> int:
    # The first year whose offering still takes registrations for a few weeks after today.
    year = today.year
    while start_of(year) - dt.timedelta(weeks=weeks_before) < today:
        year += 1
    return year


def upcoming_offerings(today: dt.date) -> tuple[OfferingSpec, ...]:
    """The next winter online offering and a board-partnership offering in the spring after."""
    winter_year = _first_year(today, lambda y: _nth_saturday(y, 1, 4), weeks_before=4)
    winter_start = _nth_saturday(winter_year, 1, 4)
    sessions, due, deadline = winter_dates(winter_start)
    winter = OfferingSpec(
        slug=f"winter-{winter_year}-online",
        title=f"Winter {winter_year} - Online",
        start_date=winter_start,
        end_date=due,
        registration_deadline=deadline,
        status=OfferingStatus.OPEN,
        sessions=sessions,
        module_4_due=due,
        video_meeting_url=f"https://meet.example.org/opc/mqp-winter-{winter_year}",
    )
    spring_year = _first_year(today, lambda y: _nth_saturday(y, 4, 2), weeks_before=5)
    spring_start = _nth_saturday(spring_year, 4, 2)
    spring_sessions, spring_due, _deadline = winter_dates(spring_start)
    centre = "Kaministiquia River DSB Education Centre, boardroom B"
    board = OfferingSpec(
        slug=f"spring-{spring_year}-krdsb",
        title=f"Spring {spring_year} - Kaministiquia River DSB partnership",
        start_date=spring_start,
        end_date=spring_due,
        registration_deadline=spring_start - dt.timedelta(days=21),
        status=OfferingStatus.OPEN,
        # Modules 1 and 3 meet in person at the board; module 2 stays online.
        sessions=tuple(
            SessionSpec(s.module, s.day, s.start, s.end, centre if s.module in (1, 3) else "") for s in spring_sessions
        ),
        module_4_due=spring_due,
        capacity=24,
        delivery_mode=DeliveryMode.BLENDED,
        partner_board=PARTNER_BOARD,
        customization_notes=(
            "Customized for the board's principals and vice-principals: case studies from its northern and "
            "remote schools, and modules 1 and 3 in person at the board's education centre."
        ),
        video_meeting_url=f"https://meet.example.org/opc/mqp-krdsb-{spring_year}",
    )
    return winter, board
