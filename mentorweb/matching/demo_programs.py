"""The two pairing programs of the demo as their seeds describe them: the BCPVPA Mentorship
Pilot 2017–2018 (seed 003) and the OPSOA Mentorship Program (seed 004).

Demo data is content, like anything staff would type, so it is not marked for translation.
What the seeds do not say, and how the demo fills it in:
- BCPVPA: the first deadline (October 6, before "Deadline extended to October 20"), the
  application window's opening, the closure day's date in May, the mentees' membership of the
  association, the weights, the ranking of up to five mentors and the application questions.
- OPSOA: the program "begins upon request usually following appointment", so the demo's
  offering is the current school year, open for applications all year (June to May); mentees
  are supervisory officers who are members of OPSOA, mentors its alumni; monthly meetings of
  about two hours; the weights (the portfolio weighs as much as shared needs, since "mentors
  usually have experience in the portfolio of the mentee"); the questions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from mentorweb.core.demo.people_bc_pilot import BC_NEEDS
from mentorweb.core.demo.people_opsoa_program import OPSOA_NEEDS, OPSOA_PORTFOLIOS
from mentorweb.matching.demo_setup import QuestionSpec, SessionSpec
from mentorweb.programs.models import DEFAULT_SHARED_FIELDS

# --- BCPVPA Mentorship Pilot 2017–2018 --------------------------------------------------------------

BC_ORGANIZATION = "bcpvpa"
BC_PROGRAM: dict[str, Any] = {
    "name": "BCPVPA Mentorship Pilot",
    "short_name": "Mentorship Pilot",
    "slug": "mentorship-pilot",
    "kind": "pairing",
    "summary": (
        "A provincial pilot of up to 40 mentoring partnerships for new school-based principals and "
        "vice-principals throughout British Columbia, with retired principals and vice-principals as mentors."
    ),
    "description": (
        "The BCPVPA is initiating a provincial pilot mentorship program for the 2017-2018 school year, "
        "recognizing the unique work and challenges encountered by new school-based principals and "
        "vice-principals throughout British Columbia. The pilot aims to cultivate a network of support and "
        "collaborative partnerships engaging retired principals and vice-principals as mentors. It will "
        "inform the longer-range development and sustainability of this provincial initiative, respecting "
        "the need for place-based, responsive design.\n\n"
        "Guiding aims\n"
        "Build principals' and vice-principals' confidence and self-efficacy: ensure that fundamental "
        "processes and procedures related to administrative responsibilities are understood and enacted; "
        "develop capacity with the knowledge, skills and attitudes of the BCPVPA Leadership Standards; develop "
        "a framework for reflection and decision-making; strengthen judgement and artistry in the work.\n"
        "Maintain and enhance their sense of well-being: a network and connections that create safety and "
        "the opportunity for risk-taking, particularly in more remote and isolated areas of the province; "
        "personal health and care; perspective on tensions and struggles; each person's path of actualization.\n"
        "Foster and value continuous learning for all: participate and engage fully in the mentorship "
        "process; articulate professional vision and purpose and seek and receive feedback; respect existing "
        "strengths and skills and identify areas for continuous growth.\n\n"
        "Guiding principles\n"
        "Open to principals and vice-principals new to their role or having experienced a significant change "
        "of role. Voluntary: participation is encouraged but never mandated. Non-judgmental: the focus is on "
        "learning and growth, and mentors act as agents of development. Needs based: mentees are consulted on "
        "their needs, interests and choice of mentors. Learner driven: learning is reciprocal and mutually "
        "beneficial. Trust-based: mentoring relationships respect vulnerability and the need for "
        "confidentiality. Relational: relationship building matters within a leadership context. Flexible: "
        "participants meet and communicate in diverse ways, face to face and by video conference.\n\n"
        "How it works\n"
        "Mentors are members of the retired principals' association. Participants commit to a full year, "
        "2-4 hours a month at least, with weekly contact if possible. Mentors receive a small honorarium of "
        "$300. The Mentorship Advisory Team assigns the partnerships in October. A webinar on November 1 at "
        "4 pm welcomes everyone; mentor training takes place at the BCPVPA office on November 9 and 10, and "
        "one day in May brings closure and gathers program feedback."
    ),
    "contact_email": "mentorship.bcpvpa@example.org",
    "is_published": True,
}
BC_RULES: dict[str, Any] = {
    "mentor_membership_organization": "bcrpvpa",
    "mentor_membership_statuses": ["retired"],
    "mentor_role_groups": [],
    "mentor_min_years_in_role": None,
    "mentee_membership_organization": "bcpvpa",
    "mentee_membership_statuses": [],
    "mentee_role_groups": ["principal", "vice_principal"],
    "mentee_max_years_in_role": 2,
    "mentee_role_change_qualifies": True,
    "max_partnerships": 40,
    "mentor_capacity_default": 1,
    "mentor_capacity_max": 2,
    "commitment_months": 12,
    "min_hours_per_month": Decimal("2.00"),
    "max_hours_per_month": Decimal("4.00"),
    "contact_every_days": 7,
    "commitment_text": (
        "A full school year, at least 2-4 hours a month, with weekly contact if possible: face to face and by "
        "video conference, informally for immediate questions and more formally for planning growth."
    ),
    "needs_options": list(BC_NEEDS),
    "portfolio_options": [],
    "mentee_may_rank": True,
    "ranking_depth": 5,
    "board_input": False,
    "objective": "participation",
    # Remote and isolated context weighs double: the pilot's network is "particularly in more remote
    # and isolated areas of the province". There are no portfolios in the pilot.
    "weights": {"needs": 3, "portfolio": 0, "ranking": 2, "board": 1, "context": 2, "availability": 1},
    "shared_fields": list(DEFAULT_SHARED_FIELDS),
    "mentor_honorarium": Decimal("300.00"),
    "cost_per_mentor_year": Decimal("0.00"),
    "cost_share_percent": 0,
}
MEETING_MODES = ("Face to face", "Video conference", "Phone", "E-mail and text messages")
BC_QUESTIONS = (
    QuestionSpec(
        "gain",
        "mentee",
        "What would you most like to gain from the mentorship this year?",
        "long_text",
        required=True,
        help_text="Your needs and hopes, in your own words: the advisory team reads every answer.",
    ),
    QuestionSpec("webinar", "mentee", "Can you join the welcome webinar on November 1 at 4 pm?", "yes_no"),
    QuestionSpec(
        "why",
        "mentor",
        "Why would you like to mentor a new principal or vice-principal?",
        "long_text",
        required=True,
    ),
    QuestionSpec(
        "training",
        "mentor",
        "Can you attend mentor training at the BCPVPA office in Vancouver on November 9 and 10?",
        "yes_no",
        required=True,
    ),
    QuestionSpec("modes", "both", "How would you like to meet?", "multi_choice", options=MEETING_MODES),
)
BC_OFFERING: dict[str, Any] = {
    "slug": "2017-2018",
    "title": "2017–2018 pilot",
    "delivery_mode": "blended",
    "start_date": dt.date(2017, 11, 1),
    "end_date": dt.date(2018, 6, 30),
    "registration_opens": dt.date(2017, 9, 5),
    # The first deadline; extended to October 20 during the story (seed: "Deadline extended to October 20").
    "registration_deadline": dt.date(2017, 10, 6),
    "capacity": 100,
    "status": "open",
}
BC_EXTENDED_DEADLINE = dt.date(2017, 10, 20)
BC_OFFICE = "BCPVPA office, Vancouver"
BC_SESSIONS = (
    SessionSpec(
        "webinar",
        "Welcome webinar",
        dt.date(2017, 11, 1),
        dt.time(16, 0),
        dt.time(17, 0),
        video_meeting_url="https://video.example.org/bcpvpa-mentorship-welcome",
    ),
    SessionSpec("training", "Mentor training, day 1", dt.date(2017, 11, 9), dt.time(9, 0), dt.time(15, 30), BC_OFFICE),
    SessionSpec("training", "Mentor training, day 2", dt.date(2017, 11, 10), dt.time(9, 0), dt.time(15, 30), BC_OFFICE),
    SessionSpec(
        "closure",
        "Closure day: reflections and program feedback",
        dt.date(2018, 5, 11),
        dt.time(9, 0),
        dt.time(15, 0),
        BC_OFFICE,
    ),
)

# --- OPSOA Mentorship Program ---------------------------------------------------------------------------

OPSOA_ORGANIZATION = "opsoa"
OPSOA_PROGRAM: dict[str, Any] = {
    "name": "OPSOA Mentorship Program",
    "short_name": "Mentorship",
    "slug": "mentorship",
    "kind": "pairing",
    "summary": (
        "One-on-one mentoring for about a year for newly appointed supervisory officers, by trained OPSOA "
        "alumni, on request after an appointment or a new portfolio."
    ),
    "description": (
        "The program is grounded in partnership philosophy and begins upon request, usually following "
        "appointment to a position or a new portfolio. Trained mentors work one-on-one with mentees for "
        "approximately one year to meet their specific needs. A series of face-to-face meetings is "
        "supplemented by phone and e-mail. Confidentiality is a prime component of the mentoring relationship.\n\n"
        "Topics for the first and later meetings include: exchange of résumés; overview of the program; "
        "schedule of meetings; types of communication; expectations and outcomes; long and short range "
        "planning; mentee strengths and needs; administrative supports; what are you proud of since our last "
        "meeting?; what's keeping you awake at night?; present working environment; entry plan; mentee job "
        "description; current hot issues; what do you want to get out of this relationship?; how are you "
        "staying balanced?\n\n"
        "Who can participate? Any member of OPSOA. Who are the mentors? OPSOA alumni with current knowledge of "
        "the educational scene who want to give back. Mentors may or may not have worked in the same board as "
        "their mentees, and usually have experience in the mentee's portfolio. Participating boards have input "
        "into the mentor selection process.\n\n"
        "What does it cost? OPSOA provides the administration. Operational costs, about $2,500 per mentor per "
        "year depending on distances, are shared half and half between OPSOA and the participating board or "
        "the participating individual. To take part, speak to your Director or designate, who arranges a "
        "mentor with OPSOA."
    ),
    "contact_email": "mentorship.opsoa@example.org",
    "is_published": True,
}
OPSOA_RULES: dict[str, Any] = {
    "mentor_membership_organization": "opsoa",
    "mentor_membership_statuses": ["alumni"],
    "mentor_role_groups": [],
    "mentor_min_years_in_role": None,
    "mentee_membership_organization": "opsoa",
    "mentee_membership_statuses": [],
    "mentee_role_groups": ["supervisory_officer"],
    "mentee_max_years_in_role": None,
    "mentee_role_change_qualifies": False,
    "max_partnerships": None,
    "mentor_capacity_default": 1,
    "mentor_capacity_max": 2,
    "commitment_months": 12,
    "min_hours_per_month": Decimal("2.00"),
    "max_hours_per_month": None,
    "contact_every_days": 30,
    "commitment_text": (
        "About one year: a series of face-to-face meetings, the cornerstone of the program, with phone and "
        "e-mail in between. Everything said is confidential."
    ),
    "needs_options": list(OPSOA_NEEDS),
    "portfolio_options": list(OPSOA_PORTFOLIOS),
    "mentee_may_rank": True,
    "ranking_depth": 3,
    "board_input": True,
    "objective": "participation",
    "weights": {"needs": 3, "portfolio": 3, "ranking": 2, "board": 1, "context": 1, "availability": 1},
    "shared_fields": [*DEFAULT_SHARED_FIELDS, "board"],
    "mentor_honorarium": Decimal("0.00"),
    "cost_per_mentor_year": Decimal("2500.00"),
    "cost_share_percent": 50,
}
OPSOA_QUESTIONS = (
    QuestionSpec(
        "awake",
        "mentee",
        "What's keeping you awake at night?",
        "long_text",
        required=True,
        help_text="The first topics you would like to take to your mentor.",
    ),
    QuestionSpec(
        "director",
        "mentee",
        "Has your Director or designate agreed to share the cost with OPSOA?",
        "yes_no",
        required=True,
        help_text="Half of about $2,500 a year, paid by your board or by you.",
    ),
    QuestionSpec("boards", "mentor", "In which boards did you serve as a supervisory officer?", "short_text"),
    QuestionSpec("trained", "mentor", "Have you completed OPSOA's mentor training?", "yes_no", required=True),
)


def opsoa_offering(today: dt.date) -> dict[str, Any]:
    """The current school year's offering: September to August, with applications from June 1 to May 31,
    so that a demo loaded on any day finds it open."""
    year = today.year if today.month >= 6 else today.year - 1
    return {
        "slug": f"{year}-{year + 1}",
        "title": f"{year}–{year + 1}",
        "delivery_mode": "in_person",
        "start_date": dt.date(year, 9, 1),
        "end_date": dt.date(year + 1, 8, 31),
        "registration_opens": dt.date(year, 6, 1),
        "registration_deadline": dt.date(year + 1, 5, 31),
        "capacity": 100,
        "status": "open",
    }
