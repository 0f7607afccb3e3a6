"""The OPSOA Mentorship Program (seed 004) at its real size: about fourteen newly appointed
supervisory officers (mentees, on request after their appointment or a new portfolio), a dozen
alumni as mentors with experience in those portfolios, and the Mentorship Committee member who
reviews the matches. With the people of people_opsoa.py. All fictional.

OPSOA_PORTFOLIOS and OPSOA_NEEDS are the program's lists (PairingRules.portfolio_options and
needs_options); APPLICANTS says what each application adds to the profile: the board, the
portfolio, and for mentors their years of experience by portfolio (seed 004: "Mentors usually
have experience in the portfolio of the mentee").
"""

from __future__ import annotations

from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.core.demo.specs import ApplicantSpec, PersonSpec, availability, email_for, language_flags, member, staff
from mentorweb.organizations.models import MembershipStatus, StaffRole

ALUMNI = MembershipStatus.ALUMNI
GOOD = MembershipStatus.GOOD_STANDING

SPECIAL_EDUCATION = "Special education"
BUSINESS = "Business and finance"
HUMAN_RESOURCES = "Human resources"
PROGRAM = "Program K-12"
INDIGENOUS = "Indigenous education"
FACILITIES = "Facilities and capital"
WELL_BEING = "Student achievement and well-being"

OPSOA_PORTFOLIOS: tuple[str, ...] = (
    SPECIAL_EDUCATION,
    BUSINESS,
    HUMAN_RESOURCES,
    PROGRAM,
    INDIGENOUS,
    FACILITIES,
    WELL_BEING,
)

# The topics of seed 004's meetings and the portfolios' work, in the shared vocabulary (specs.TAGS).
OPSOA_NEEDS: tuple[str, ...] = (
    "entry planning",
    "board governance",
    "work-life balance",
    "courageous conversations",
    "budget and staffing",
    "business operations",
    "facilities and capital",
    "human resources",
    "labour relations",
    "staff supervision",
    "program K-12",
    "instructional leadership",
    "school improvement planning",
    "data and assessment",
    "special education",
    "Indigenous education",
    "French-language education",
    "student well-being",
    "safe schools",
    "crisis response",
    "equity and anti-oppression",
    "community relations",
    "parent engagement",
    "technology",
)


def _appointee(
    given: str,
    family: str,
    position: str,
    portfolio: str,
    board: str,
    region: str,
    years: int,
    flags: str,
    needs: tuple[str, ...],
    avail: str,
    bio: str,
) -> tuple[PersonSpec, ApplicantSpec]:
    """A newly appointed supervisory officer. Flags: c new portfolio (a change of role),
    f French-speaking, b bilingual, s/d a mentor from the same/a different board."""
    language, languages = language_flags(flags)
    email = email_for(given, family)
    person = PersonSpec(
        email=email,
        given_name=given,
        family_name=family,
        language=language,
        role_group=RG.SUPERVISORY_OFFICER,
        position=position,
        portfolio=portfolio,
        region=region,
        memberships=(member("opsoa", GOOD), member(board)),
        years_in_role=years,
        languages_of_service=languages,
        needs=needs,
        bio=bio,
    )
    applicant = ApplicantSpec(
        email=email,
        role="mentee",
        board=board,
        portfolio=portfolio,
        role_change="c" in flags,
        availability=availability(avail),
        board_preference="same" if "s" in flags else "different" if "d" in flags else "",
    )
    return person, applicant


def _alumnus(
    given: str,
    family: str,
    position: str,
    portfolio: str,
    former_board: str,
    region: str,
    experience: tuple[tuple[str, int], ...],
    flags: str,
    expertise: tuple[str, ...],
    avail: str,
    bio: str,
) -> tuple[PersonSpec, ApplicantSpec]:
    """A retired supervisory officer, OPSOA alumni. Flags: 2 offers two mentees, f French-speaking, b bilingual."""
    language, languages = language_flags(flags)
    email = email_for(given, family)
    person = PersonSpec(
        email=email,
        given_name=given,
        family_name=family,
        language=language,
        role_group=RG.RETIRED_SUPERVISORY_OFFICER,
        position=position,
        portfolio=portfolio,
        region=region,
        memberships=(member("opsoa", ALUMNI),),
        years_in_role=sum(years for _, years in experience),
        languages_of_service=languages,
        expertise=expertise,
        bio=bio,
    )
    applicant = ApplicantSpec(
        email=email,
        role="mentor",
        board=former_board,
        portfolio=portfolio,
        experience=experience,
        capacity=2 if "2" in flags else 1,
        availability=availability(avail),
    )
    return person, applicant


APPOINTEE_ROWS = (
    _appointee(
        "Jennifer", "Oliveira", "Superintendent of Education", PROGRAM, "cvdsb", "Mississauga", 0, "",
        ("program K-12", "entry planning", "board governance", "data and assessment"), "ME",
        "Secondary principal for seven years; appointed in July, responsible for curriculum from kindergarten "
        "to grade 12 and a family of 24 schools.",
    ),
    _appointee(
        "Carla", "Greene", "Superintendent of Indigenous Education", INDIGENOUS, "aldsb", "Timmins", 0, "d",
        ("Indigenous education", "community relations", "board governance", "entry planning"), "AE",
        "Former principal of a First Nation-operated school, now the board's first superintendent of "
        "Indigenous education; works with six education authorities.",
    ),
    _appointee(
        "Vikram", "Desai", "Superintendent of Business", BUSINESS, "ordsb", "Aurora", 0, "",
        ("budget and staffing", "business operations", "board governance", "facilities and capital"), "ME",
        "Chartered professional accountant from the hospital sector, in his first budget cycle with trustees.",
    ),
    _appointee(
        "Nathalie", "Bérubé", "Surintendante de l'éducation", SPECIAL_EDUCATION, "cspml", "Sudbury", 1, "f",
        ("special education", "French-language education", "entry planning"), "A",
        "Nommée l'an dernier; responsable de l'enfance en difficulté pour quinze écoles réparties sur un "
        "vaste territoire du Nord.",
    ),
    _appointee(
        "Gregory", "Hunt", "Superintendent of Facility Services", FACILITIES, "mhdsb", "Pembroke", 0, "",
        ("facilities and capital", "budget and staffing", "community relations"), "M",
        "Engineer who ran a municipal public works department; now responsible for forty school buildings "
        "and two consolidations.",
    ),
    _appointee(
        "Olivia", "Mensah", "Superintendent of Human Resources", HUMAN_RESOURCES, "ordsb", "Newmarket", 0, "",
        ("human resources", "labour relations", "courageous conversations"), "E",
        "Principal and then human resources officer; appointed in September, with local bargaining in the spring.",
    ),
    _appointee(
        "Patrick", "Doyle", "Superintendent of Education", WELL_BEING, "srdsb", "Chatham", 1, "c",
        ("student well-being", "safe schools", "crisis response", "work-life balance"), "AE",
        "A year as superintendent of a family of schools, then given the well-being and safe schools "
        "portfolio in August: a new portfolio.",
    ),
    _appointee(
        "Marisol", "Ortega", "Superintendent of Education", SPECIAL_EDUCATION, "srdsb", "Sarnia", 0, "",
        ("special education", "parent engagement", "board governance"), "A",
        "System principal of special education for five years before her appointment.",
    ),
    _appointee(
        "Brian", "Lacroix", "Superintendent of Business", BUSINESS, "aldsb", "Timmins", 0, "b",
        ("budget and staffing", "facilities and capital", "labour relations"), "ME",
        "Bilingual finance manager who came up through the board's business office.",
    ),
)  # fmt: skip

ALUMNI_ROWS = (
    _alumnus(
        "Lorraine", "Beckett", "Retired Superintendent of Facility Services", FACILITIES, "gldsb", "Collingwood",
        ((FACILITIES, 14), (BUSINESS, 4)), "2",
        ("facilities and capital", "budget and staffing", "community relations"), "D",
        "Built eleven schools and closed nine; knows an accommodation review from both sides of the microphone.",
    ),
    _alumnus(
        "Donna", "Ritchie", "Retired Superintendent of Education", INDIGENOUS, "krdsb", "Thunder Bay",
        ((INDIGENOUS, 8), (PROGRAM, 4)), "",
        ("Indigenous education", "community relations", "program K-12"), "DE",
        "Led Indigenous education and the northern schools of her board until she retired in June.",
    ),
    _alumnus(
        "Arthur", "Mendes", "Retired Superintendent of Business", BUSINESS, "cvdsb", "Mississauga",
        ((BUSINESS, 15),), "2",
        ("budget and staffing", "business operations", "board governance", "technology"), "D",
        "Fifteen budgets in a board of 100,000 students, and the province's first school-by-school cost report.",
    ),
    _alumnus(
        "Claire", "Beauchamp", "Surintendante des ressources humaines à la retraite", HUMAN_RESOURCES, "cspml",
        "Sudbury", ((HUMAN_RESOURCES, 10), (SPECIAL_EDUCATION, 3)), "f",
        ("human resources", "labour relations", "French-language education"), "DE",
        "Dix ans aux ressources humaines d'un conseil francophone du Nord; mentore en français ou en anglais.",
    ),
    _alumnus(
        "Dwight", "Ellison", "Retired Superintendent of Education", PROGRAM, "srdsb", "London",
        ((PROGRAM, 7), (SPECIAL_EDUCATION, 4)), "",
        ("program K-12", "special education", "instructional leadership", "data and assessment"), "D",
        "Superintendent of program and then of special education; wrote his board's first multi-year plan.",
    ),
    _alumnus(
        "Margaret", "Liu", "Retired Superintendent of Human Resources", HUMAN_RESOURCES, "ordsb", "Markham",
        ((HUMAN_RESOURCES, 12),), "",
        ("human resources", "labour relations", "staff supervision", "courageous conversations"), "ME",
        "Twelve years in human resources, through two provincial strikes and one pandemic.",
    ),
    _alumnus(
        "Malcolm", "Ferris", "Retired Superintendent of Education", SPECIAL_EDUCATION, "aldsb", "North Bay",
        ((SPECIAL_EDUCATION, 9), (WELL_BEING, 4)), "",
        ("special education", "student well-being", "parent engagement", "work-life balance"), "DE",
        "Special education and mental health lead for a northern board spread over 40,000 square kilometres.",
    ),
)  # fmt: skip

ADVISORY = PersonSpec(
    email="advisory.opsoa@example.org",
    given_name="Lynn",
    family_name="Hartley",
    role_group=RG.RETIRED_SUPERVISORY_OFFICER,
    position="Retired Director of Education; Mentorship Committee",
    region="Kingston",
    memberships=(staff("opsoa", StaffRole.ADVISORY, ALUMNI),),
    years_in_role=9,
    expertise=("board governance", "entry planning"),
    bio="Chairs the association's Mentorship Committee, which proposes a mentor for each new supervisory officer.",
)

# The applicants of people_opsoa.py: their boards and what their applications add.
EXISTING_APPLICANTS: tuple[ApplicantSpec, ...] = (
    ApplicantSpec("mentee.opsoa@example.org", "mentee", "qhdsb", SPECIAL_EDUCATION, availability=availability("AE")),
    ApplicantSpec("michael.tran@example.org", "mentee", "krdsb", BUSINESS, availability=availability("ME")),
    ApplicantSpec("stephanie.bouchard@example.org", "mentee", "gldsb", HUMAN_RESOURCES,
                  availability=availability("E"), board_preference="different"),
    ApplicantSpec("desmond.clarke@example.org", "mentee", "krdsb", PROGRAM, availability=availability("A")),
    ApplicantSpec("leah.goldberg@example.org", "mentee", "gldsb", WELL_BEING, availability=availability("AE")),
    ApplicantSpec("mentor.opsoa@example.org", "mentor", "aldsb", BUSINESS, ((BUSINESS, 16),), capacity=2,
                  availability=availability("DE")),
    ApplicantSpec("francine.lapointe@example.org", "mentor", "cspml", SPECIAL_EDUCATION,
                  ((SPECIAL_EDUCATION, 11),), availability=availability("D")),
    ApplicantSpec("winston.baptiste@example.org", "mentor", "cvdsb", HUMAN_RESOURCES, ((HUMAN_RESOURCES, 13),),
                  availability=availability("DE")),
    ApplicantSpec("elaine.mccormick@example.org", "mentor", "qhdsb", PROGRAM, ((PROGRAM, 10),),
                  availability=availability("D")),
    ApplicantSpec("sunita.kapoor@example.org", "mentor", "cvdsb", WELL_BEING, ((WELL_BEING, 12),),
                  availability=availability("ME")),
)  # fmt: skip

PEOPLE: tuple[PersonSpec, ...] = (
    *(person for person, _ in APPOINTEE_ROWS),
    *(person for person, _ in ALUMNI_ROWS),
    ADVISORY,
)

# Every applicant to the program, mentees first, by e-mail.
APPLICANTS: dict[str, ApplicantSpec] = {
    applicant.email: applicant
    for applicant in (
        *(a for a in EXISTING_APPLICANTS if a.role == "mentee"),
        *(applicant for _, applicant in APPOINTEE_ROWS),
        *(a for a in EXISTING_APPLICANTS if a.role == "mentor"),
        *(applicant for _, applicant in ALUMNI_ROWS),
    )
}
