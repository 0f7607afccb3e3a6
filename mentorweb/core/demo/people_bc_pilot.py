"""The BCPVPA Mentorship Pilot 2017–2018 (seed 003) at its real size: new principals and
vice-principals from school districts across British Columbia apply as mentees, and retired
principals and vice-principals of the retired principals' association apply as mentors.

The seed caps the pilot at 40 partnerships; about 46 mentees and 42 mentors apply (with the
few in people_bc.py), a third of the mentees in remote and isolated places. Two districts
have a board contact. Everyone is invented, from compact rows: one row a person, expanded
into the same PersonSpec every other demo person has, plus an ApplicantSpec that the
matching demo turns into the application (district, capacity, availability, change of role).

Needs and expertise come from BC_NEEDS, which is also the program's list of needs
(PairingRules.needs_options): the themes of the BCPVPA Leadership Standards and the pilot's
guiding aims, in the shared vocabulary of specs.TAGS.

The module is longer than most on purpose: it is a table, one row a person, and reads best whole.
"""

from __future__ import annotations

from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.core.demo.specs import ApplicantSpec, PersonSpec, availability, email_for, language_flags, member, staff
from mentorweb.organizations.models import MembershipStatus, StaffRole

RETIRED = MembershipStatus.RETIRED

# The program's needs and areas of expertise, in the order the application form lists them.
BC_NEEDS: tuple[str, ...] = (
    # Guiding aim 1: confidence and self-efficacy
    "administrative procedures",
    "transition to role",
    "entry planning",
    "reflection and decision-making",
    "feedback",
    # Leadership Standards: moral stewardship and instructional leadership
    "equity and anti-oppression",
    "Indigenous education",
    "instructional leadership",
    "school improvement planning",
    "data and assessment",
    "special education",
    "English language learners",
    "French-language education",
    "technology",
    # Leadership Standards: relational leadership
    "relational trust",
    "courageous conversations",
    "community relations",
    "parent engagement",
    # Leadership Standards: organizational leadership
    "staff supervision",
    "budget and staffing",
    "timetabling",
    "labour relations",
    "safe schools",
    "crisis response",
    # Guiding aim 2: well-being and a network, particularly in remote and isolated areas
    "remote and isolated communities",
    "student well-being",
    "work-life balance",
)


def _mentee(
    given: str,
    family: str,
    position: str,
    district: str,
    region: str,
    years: int,
    flags: str,
    needs: tuple[str, ...],
    avail: str,
    bio: str,
    expertise: tuple[str, ...] = (),
) -> tuple[PersonSpec, ApplicantSpec]:
    """A new principal or vice-principal. Flags: r remote or isolated, c significant change of role,
    f French-speaking, b bilingual, s/d wants a mentor from the same/a different district."""
    language, languages = language_flags(flags)
    vice = position.startswith("Vice") or "adjoint" in position
    email = email_for(given, family)
    person = PersonSpec(
        email=email,
        given_name=given,
        family_name=family,
        language=language,
        role_group=RG.VICE_PRINCIPAL if vice else RG.PRINCIPAL,
        position=position,
        region=region,
        remote="r" in flags,
        memberships=(member("bcpvpa"), member(district)),
        years_in_role=years,
        languages_of_service=languages,
        needs=needs,
        expertise=expertise,
        bio=bio,
    )
    applicant = ApplicantSpec(
        email=email,
        role="mentee",
        board=district,
        role_change="c" in flags,
        availability=availability(avail),
        board_preference="same" if "s" in flags else "different" if "d" in flags else "",
    )
    return person, applicant


def _mentor(
    given: str,
    family: str,
    position: str,
    district: str,
    region: str,
    years: int,
    flags: str,
    expertise: tuple[str, ...],
    avail: str,
    bio: str,
) -> tuple[PersonSpec, ApplicantSpec]:
    """A retired principal or vice-principal. Flags: r experience of remote and isolated schools,
    R the same and living in a remote place, 2 offers two mentees, f French-speaking, b bilingual."""
    language, languages = language_flags(flags)
    email = email_for(given, family)
    person = PersonSpec(
        email=email,
        given_name=given,
        family_name=family,
        language=language,
        role_group=RG.RETIRED_PRINCIPAL,
        position=position,
        region=region,
        remote="R" in flags,
        memberships=(member("bcrpvpa", RETIRED),),
        years_in_role=years,
        languages_of_service=languages,
        expertise=expertise,
        bio=bio,
    )
    applicant = ApplicantSpec(
        email=email,
        role="mentor",
        board=district,
        capacity=2 if "2" in flags else 1,
        remote_experience="r" in flags.lower(),
        availability=availability(avail),
    )
    return person, applicant


# Abbreviations for the rows below.
SD5, SD8, SD23, SD27 = "sd5-southeast-kootenay", "sd8-kootenay-lake", "sd23-central-okanagan", "sd27-cariboo-chilcotin"
SD36, SD38, SD39, SD49 = "sd36-surrey", "sd38-richmond", "sd39-vancouver", "sd49-central-coast"
SD50, SD57, SD60, SD61 = "sd50-haida-gwaii", "sd57-prince-george", "sd60-peace-river-north", "sd61-greater-victoria"
SD81, SD82, SD84, SD87 = "sd81-fort-nelson", "sd82-coast-mountains", "sd84-vancouver-island-west", "sd87-stikine"
SD92, SD93 = "sd92-nisgaa", "sd93-csf"
ADMIN = "administrative procedures"
TRANSITION = "transition to role"
ENTRY = "entry planning"
REFLECTION = "reflection and decision-making"
REMOTE = "remote and isolated communities"
BALANCE = "work-life balance"
SUPERVISION = "staff supervision"
CONVERSATIONS = "courageous conversations"
INDIGENOUS = "Indigenous education"
FRENCH = "French-language education"

# fmt: off
MENTEE_ROWS = (
    # --- Remote and isolated schools ------------------------------------------------------------------
    _mentee(
        "Tanya", "Kostiuk", "Vice-Principal, K-12 school", SD87, "Dease Lake", 0, "rd",
        (TRANSITION, ADMIN, REMOTE, SUPERVISION), "AE",
        "Came north from Kamloops for the job: the school's first vice-principal in years, beside a principal "
        "who is new as well.",
    ),
    _mentee(
        "Graham", "Osei", "Teaching principal, K-12 school", SD87, "Atlin", 1, "r",
        (REMOTE, BALANCE, "budget and staffing", "community relations"), "EW",
        "Teaches the senior grades in the morning and runs the school in the afternoon; thirty-eight students "
        "and a community that knows everything by supper.",
        ("technology",),
    ),
    _mentee(
        "Melanie", "Stewart", "Principal, elementary-secondary school", SD92, "Gitlaxt'aamiks", 0, "r",
        (INDIGENOUS, "community relations", ENTRY, REMOTE), "AE",
        "Taught in the Nass Valley for nine years before this appointment; now learning the administrator's "
        "side of working with the Nation's education committee.",
        ("relational trust",),
    ),
    _mentee(
        "Aaron", "Pelletier", "Vice-Principal, elementary school", SD92, "Gingolx", 1, "rb",
        (TRANSITION, SUPERVISION, "student well-being"), "A",
        "Reaches the district office by a road along the inlet that closes with the snow. Grew up in "
        "Saint-Boniface; happy to talk in French or English.",
    ),
    _mentee(
        "Kirsten", "Halvorsen", "Principal, elementary-secondary school", SD84, "Gold River", 0, "r",
        (ADMIN, "budget and staffing", "timetabling", REMOTE), "AE",
        "First principalship, in a school of 150 students from kindergarten to grade 12 that shares its "
        "gym with the village.",
    ),
    _mentee(
        "Marcus", "Oduya", "Teaching principal, K-12 school", SD84, "Tahsis", 2, "r",
        (BALANCE, REFLECTION, "crisis response", REMOTE), "EW",
        "Two years in a school of forty, at the end of a gravel road. Wants someone to think out loud with.",
        ("data and assessment",),
    ),
    _mentee(
        "Emily", "Sawchuk", "Vice-Principal, secondary school", SD50, "Daajing Giids", 0, "r",
        (INDIGENOUS, "safe schools", TRANSITION, "community relations"), "AF",
        "Moved from a Surrey classroom to Haida Gwaii in August; learning the place and the role at once.",
    ),
    _mentee(
        "Trevor", "Lindgren", "Principal, elementary school", SD49, "Hagensborg", 1, "rc",
        (ADMIN, "parent engagement", REMOTE, BALANCE), "A",
        "Six years as a secondary vice-principal in Kamloops, now principal of a small valley elementary "
        "school: a significant change of role.",
    ),
    _mentee(
        "Shauna", "Kelly", "Teaching principal, K-7 school", SD27, "Anahim Lake", 0, "r",
        (ADMIN, INDIGENOUS, REMOTE, BALANCE), "EW",
        "Four hours west of Williams Lake on Highway 20, with two teachers, one education assistant and a "
        "school bus that doubles as the field-trip van.",
    ),
    _mentee(
        "Karen", "Klassen", "Principal, K-10 school", SD60, "Prespatou", 1, "r",
        ("community relations", "parent engagement", "budget and staffing", REMOTE), "AE",
        "Leads a rural school north of Fort St. John whose families have farmed the area for generations.",
    ),
    _mentee(
        "Haley", "Fontaine", "Principal, elementary-secondary school", SD82, "Stewart", 0, "rb",
        (TRANSITION, REMOTE, SUPERVISION, "special education"), "AE",
        "New principal in a border town at the head of the Portland Canal; bilingual, raised in Kapuskasing.",
    ),
    # --- The north and the interior ---------------------------------------------------------------------
    _mentee(
        "Devon", "Archer", "Vice-Principal, secondary school", SD27, "Williams Lake", 1, "",
        (SUPERVISION, CONVERSATIONS, "safe schools"), "A",
        "Former shop teacher and coach, in his second year as a vice-principal of a secondary school.",
    ),
    _mentee(
        "Priya", "Venkataraman", "Principal, elementary school", SD27, "100 Mile House", 2, "",
        ("school improvement planning", "data and assessment", "staff supervision"), "M",
        "Came to the South Cariboo from Mumbai by way of Ottawa; in her third year at the school.",
        ("English language learners",),
    ),
    _mentee(
        "Brent", "Hofer", "Vice-Principal, secondary school", SD60, "Fort St. John", 0, "",
        (TRANSITION, "timetabling", "labour relations"), "AE",
        "Math teacher for twelve years, now vice-principal of the school he taught in: the same staffroom "
        "from the other side of the desk.",
    ),
    _mentee(
        "Ashley", "Nguyen", "Vice-Principal, elementary school", SD60, "Fort St. John", 0, "s",
        (TRANSITION, "special education", "parent engagement"), "A",
        "First year as a vice-principal in a school of 500; would like a mentor who knows the north.",
    ),
    _mentee(
        "Jasdeep", "Gill", "Principal, secondary school", SD57, "Prince George", 0, "c",
        ("timetabling", "budget and staffing", "labour relations", SUPERVISION), "ME",
        "Five years as an elementary principal, then moved to a secondary school of 1,100 students in July.",
    ),
    _mentee(
        "Morgan", "Tait", "Vice-Principal, elementary school", SD57, "Prince George", 1, "",
        (INDIGENOUS, "student well-being", "feedback"), "A",
        "Métis educator in her second year as a vice-principal; leads the school's Indigenous education team.",
        (INDIGENOUS,),
    ),
    _mentee(
        "Rebecca", "Okafor", "Principal, elementary school", SD57, "Prince George", 2, "",
        (REFLECTION, CONVERSATIONS, "school improvement planning"), "E",
        "In her third year as principal; wants a thinking partner for hard staffing decisions.",
    ),
    _mentee(
        "Neil", "Ambrose", "Vice-Principal, secondary school", SD82, "Terrace", 1, "",
        ("safe schools", "crisis response", SUPERVISION), "AF",
        "Second-year vice-principal, responsible for attendance, discipline and the school's threat assessment team.",
    ),
    _mentee(
        "Carly", "Rasmussen", "Vice-Principal, secondary school", SD5, "Cranbrook", 0, "",
        (TRANSITION, "timetabling", "student well-being"), "AE",
        "Counsellor for eight years, now vice-principal responsible for the timetable and student services.",
    ),
    _mentee(
        "Lucas", "Ferreira", "Vice-Principal, middle school", SD5, "Cranbrook", 1, "d",
        (SUPERVISION, "parent engagement", "feedback"), "A",
        "Second year as a vice-principal; would like a mentor from outside the Kootenays.",
    ),
    _mentee(
        "Owen", "Pritchard", "Principal, secondary school", SD5, "Fernie", 3, "c",
        ("timetabling", "labour relations", "budget and staffing"), "EW",
        "Three years as an elementary principal, then moved to the secondary school in August: a significant "
        "change of role.",
    ),
    _mentee(
        "Laura", "Schmidt", "Vice-Principal, elementary-secondary school", SD8, "Creston", 0, "",
        (TRANSITION, ADMIN, "special education"), "A",
        "Learning support teacher for a decade; now a vice-principal in a K-12 school of 400.",
    ),
    _mentee(
        "Paul", "Yamamoto", "Vice-Principal, secondary school", SD8, "Nelson", 1, "",
        ("technology", "data and assessment", CONVERSATIONS), "E",
        "Second year as a vice-principal; leads the school's move to proficiency-based reporting.",
        ("technology",),
    ),
    _mentee(
        "Brianna", "Olsen", "Vice-Principal, secondary school", SD23, "West Kelowna", 0, "",
        (TRANSITION, SUPERVISION, "safe schools"), "AE",
        "Physical education teacher and department head, in her first months as vice-principal.",
    ),
    _mentee(
        "Mohammed", "Haddad", "Principal, middle school", SD23, "Kelowna", 1, "c",
        ("school improvement planning", "parent engagement", REFLECTION), "M",
        "Four years as a secondary vice-principal before his first principalship, in a middle school.",
        ("English language learners",),
    ),
    # --- The Lower Mainland and Vancouver Island ----------------------------------------------------------
    _mentee(
        "Angela", "Dhaliwal", "Vice-Principal, elementary school", SD36, "Surrey", 0, "",
        (TRANSITION, "English language learners", "parent engagement"), "AE",
        "First year as a vice-principal in a school of 700 students who speak thirty languages at home.",
        ("English language learners",),
    ),
    _mentee(
        "Jason", "Lee", "Vice-Principal, secondary school", SD36, "Surrey", 1, "d",
        ("safe schools", SUPERVISION, "timetabling"), "E",
        "Second year as a vice-principal of a secondary school of 1,800; wants a mentor from outside the district.",
    ),
    _mentee(
        "Maricel", "Dela Cruz", "Principal, elementary school", SD36, "Surrey", 0, "c",
        ("budget and staffing", "school improvement planning", BALANCE), "ME",
        "Seven years as a vice-principal before her first principalship this September.",
    ),
    _mentee(
        "Kevin", "Wong", "Vice-Principal, elementary school", SD38, "Richmond", 2, "",
        (REFLECTION, "feedback", "instructional leadership"), "E",
        "In his third year as a vice-principal and thinking about a principalship.",
        ("technology",),
    ),
    _mentee(
        "Naomi", "Goldstein", "Vice-Principal, secondary school", SD39, "Vancouver", 0, "",
        (TRANSITION, "equity and anti-oppression", CONVERSATIONS), "AE",
        "Social studies teacher and union staff representative until June; now a vice-principal.",
    ),
    _mentee(
        "Hiroshi", "Tanaka", "Principal, elementary school", SD39, "Vancouver", 0, "c",
        (ADMIN, "budget and staffing", "parent engagement"), "M",
        "Spent six years as a district helping teacher before becoming principal of an annex school.",
        ("instructional leadership",),
    ),
    _mentee(
        "Sophie", "Lavoie", "Vice-Principal, French immersion elementary school", SD39, "Vancouver", 1, "b",
        (FRENCH, SUPERVISION, "parent engagement"), "A",
        "Second year as a vice-principal of a dual-track school; hires most of its French immersion teachers.",
        (FRENCH,),
    ),
    _mentee(
        "Rachel", "Thompson", "Vice-Principal, middle school", SD61, "Victoria", 0, "",
        (TRANSITION, "student well-being", "special education"), "AE",
        "Was a resource teacher for eleven years; starting as vice-principal of a middle school of 600.",
    ),
    _mentee(
        "Samuel", "Adeyemi", "Principal, alternate secondary program", SD61, "Victoria", 1, "c",
        ("student well-being", "crisis response", "community relations"), "E",
        "Left a vice-principalship in a large secondary school to lead the district's alternate program.",
    ),
    # --- Conseil scolaire francophone -------------------------------------------------------------------
    _mentee(
        "Julien", "Bergeron", "Directeur adjoint, école secondaire", SD93, "Vancouver", 0, "f",
        (TRANSITION, SUPERVISION, FRENCH, "timetabling"), "AE",
        "Enseignant de sciences pendant dix ans, directeur adjoint depuis août dans une école secondaire francophone.",
    ),
    _mentee(
        "Isabelle", "Nadeau", "Directrice, école élémentaire", SD93, "Prince George", 1, "frc",
        (FRENCH, REMOTE, "community relations", ADMIN), "A",
        "Directrice d'une petite école francophone du Nord, après cinq ans comme directrice adjointe à "
        "Vancouver : un grand changement de rôle.",
    ),
    _mentee(
        "Chloé", "Girard", "Directrice adjointe, école élémentaire", SD93, "Victoria", 0, "f",
        (TRANSITION, "parent engagement", FRENCH), "M",
        "Première année comme directrice adjointe; voudrait une mentore qui connaît les écoles francophones.",
    ),
    _mentee(
        "Étienne", "Caron", "Directeur, école élémentaire-secondaire", SD93, "Kelowna", 2, "f",
        ("budget and staffing", REFLECTION, FRENCH), "E",
        "Troisième année à la tête d'une école de la maternelle à la 12e année dans l'Okanagan.",
    ),
)
# fmt: on

# fmt: off
MENTOR_ROWS = (
    _mentor(
        "Barbara", "Lindstrom", "Retired principal", SD57, "Prince George", 28, "r2",
        (REMOTE, ADMIN, SUPERVISION, "budget and staffing"), "DE",
        "Principal in McBride, Valemount and Prince George; retired in 2015 and still drives the Yellowhead "
        "every month.",
    ),
    _mentor(
        "Wayne", "Chow", "Retired principal", SD39, "Vancouver", 30, "",
        ("timetabling", "labour relations", "budget and staffing", CONVERSATIONS), "D",
        "Led three Vancouver secondary schools; built timetables on paper before there was software to do it.",
    ),
    _mentor(
        "Lorna", "Pierce", "Retired principal", SD82, "Smithers", 26, "R",
        (INDIGENOUS, "community relations", "relational trust", REMOTE), "DW",
        "Principal in Hazelton and Kitwanga for fifteen years; worked closely with the Gitxsan education "
        "society.",
    ),
    _mentor(
        "Gerald", "Thiessen", "Retired principal", SD60, "Fort St. John", 27, "R2",
        (ADMIN, "safe schools", "parent engagement", REMOTE), "DE",
        "Rural principal in the Peace country, from Prespatou to Hudson's Hope. Plays hockey Tuesdays.",
    ),
    _mentor(
        "Margaret", "O'Connell", "Retired vice-principal", SD61, "Victoria", 21, "",
        (REFLECTION, BALANCE, "feedback", "student well-being"), "M",
        "Twenty-one years as a vice-principal, by choice; trained as a certified coach after retiring.",
    ),
    _mentor(
        "Sukhwinder", "Grewal", "Retired principal", SD36, "Surrey", 29, "2",
        ("English language learners", "equity and anti-oppression", "parent engagement",
         "school improvement planning"), "DE",
        "Opened two new Surrey elementary schools and led one of the district's largest.",
    ),
    _mentor(
        "Denise", "Harper", "Retired principal", SD84, "Campbell River", 25, "r",
        (INDIGENOUS, REMOTE, BALANCE, ENTRY), "DW",
        "Principal in Gold River and Tahsis; knows the logging roads and the people at the end of them.",
    ),
    _mentor(
        "Raymond", "Ng", "Retired principal", SD38, "Richmond", 24, "",
        ("technology", "data and assessment", "instructional leadership"), "D",
        "Led Richmond's first one-to-one device school; still reads every assessment report that comes out.",
    ),
    _mentor(
        "Fiona", "Campbell", "Retired principal", SD5, "Cranbrook", 26, "",
        ("special education", "student well-being", ADMIN), "DE",
        "District principal of inclusive education for six years after two elementary principalships.",
    ),
    _mentor(
        "Jean-Pierre", "Leblanc", "Directeur d'école à la retraite", SD93, "Victoria", 23, "f",
        (FRENCH, TRANSITION, "school improvement planning", ADMIN), "DE",
        "A dirigé trois écoles du Conseil scolaire francophone, de Victoria à Prince George; mentore en "
        "français.",
    ),
    _mentor(
        "Louise", "Gauthier", "Directrice adjointe à la retraite", SD93, "Vancouver", 18, "f",
        (FRENCH, SUPERVISION, "parent engagement"), "D",
        "Directrice adjointe pendant dix-huit ans dans des écoles francophones de Vancouver.",
    ),
    _mentor(
        "Hélène", "Dupuis", "Retired principal", SD57, "Prince George", 22, "br",
        (FRENCH, REMOTE, TRANSITION), "DE",
        "Led a French immersion school in Prince George and a small school in Mackenzie.",
    ),
    _mentor(
        "Kenneth", "Brooks", "Retired principal", SD27, "Williams Lake", 31, "r2",
        ("crisis response", "safe schools", "community relations", REMOTE), "DW",
        "Thirty-one years in the Cariboo; still contracts with the district to evaluate new vice-principals.",
    ),
    _mentor(
        "Anita", "Sharma", "Retired vice-principal", SD36, "Surrey", 19, "",
        ("student well-being", CONVERSATIONS, "feedback"), "M",
        "Vice-principal of three large Surrey secondary schools; ran the district's new-VP network.",
    ),
    _mentor(
        "Stuart", "MacDonald", "Retired principal", SD50, "Prince Rupert", 27, "R",
        (INDIGENOUS, "community relations", REMOTE, ENTRY), "DE",
        "Principal in Masset for eleven years; the school's Haida language program began on his watch.",
    ),
    _mentor(
        "Carol", "Jansen", "Retired principal", SD23, "Kelowna", 25, "",
        ("instructional leadership", "school improvement planning", REFLECTION), "D",
        "Elementary and middle school principal in the Central Okanagan; led the district's inquiry network.",
    ),
    _mentor(
        "Dennis", "Okamoto", "Retired principal", SD39, "Vancouver", 28, "",
        ("labour relations", SUPERVISION, "timetabling"), "DE",
        "Secondary principal and, for four years, the association's voice at the district bargaining table.",
    ),
    _mentor(
        "Joanne", "Whitaker", "Retired principal", SD8, "Nelson", 24, "r",
        (ADMIN, "budget and staffing", BALANCE), "DW",
        "Led small schools around Kootenay Lake, where the principal also drives the bus when it snows.",
    ),
    _mentor(
        "Ahmed", "Rahman", "Retired vice-principal", SD38, "Richmond", 20, "",
        ("safe schools", "crisis response", "student well-being"), "DE",
        "Twenty years as a secondary vice-principal; trained hundreds of staff in violence threat assessment.",
    ),
    _mentor(
        "Linda", "Kowalski", "Retired principal", SD60, "Dawson Creek", 26, "r",
        (REMOTE, TRANSITION, ENTRY), "DE",
        "Principal in Fort St. John and in Hudson's Hope; mentored new principals for the district.",
    ),
    _mentor(
        "Bernard", "Sutherland", "Retired principal", SD87, "Smithers", 30, "R2",
        (REMOTE, INDIGENOUS, ADMIN), "DEW",
        "Principal in Dease Lake and Atlin; later director of instruction for the Stikine.",
    ),
    _mentor(
        "Gwen", "Morrison", "Retired vice-principal", SD61, "Saanich", 22, "",
        ("special education", "parent engagement", "relational trust"), "D",
        "Vice-principal and inclusion lead in Greater Victoria elementary schools.",
    ),
    _mentor(
        "Peter", "Vandermeer", "Retired principal", SD23, "Vernon", 27, "",
        ("budget and staffing", "timetabling", "labour relations"), "DE",
        "Secondary principal in Kelowna; the one colleagues called when the staffing numbers did not add up.",
    ),
    _mentor(
        "Shirley", "Lam", "Retired principal", SD39, "Vancouver", 25, "2",
        ("English language learners", "equity and anti-oppression", "parent engagement", REFLECTION), "DE",
        "Elementary principal in East Vancouver for twenty years; speaks Cantonese with many of her families.",
    ),
    _mentor(
        "Terrence", "Hill", "Retired principal", SD57, "Vanderhoof", 29, "R",
        ("crisis response", REMOTE, SUPERVISION), "DW",
        "Principal in Fort St. James and Vanderhoof; led the district's response after the 2010 wildfires.",
    ),
    _mentor(
        "Maureen", "Fitzgerald", "Retired principal", SD5, "Fernie", 24, "",
        (BALANCE, REFLECTION, "relational trust"), "M",
        "Secondary principal in Fernie; now teaches mindfulness to school leaders.",
    ),
    _mentor(
        "Rajesh", "Malhotra", "Retired principal", SD36, "Surrey", 27, "2",
        ("data and assessment", "school improvement planning", "instructional leadership"), "DE",
        "Led school improvement for Surrey's secondary schools after fifteen years as a principal.",
    ),
    _mentor(
        "Nancy", "Larocque", "Retired vice-principal", SD93, "Kelowna", 17, "b",
        (FRENCH, "student well-being", "feedback"), "D",
        "Vice-principal in francophone and immersion schools in the Okanagan; mentors in either language.",
    ),
    _mentor(
        "Glen", "Abrams", "Retired principal", SD82, "Terrace", 28, "r",
        (REMOTE, "safe schools", "labour relations"), "DE",
        "Principal in Stewart and Kitimat before Terrace; knows every school on Highway 37.",
    ),
    _mentor(
        "Irene", "Kovacs", "Retired principal", SD61, "Victoria", 23, "",
        ("instructional leadership", "feedback", REFLECTION), "DE",
        "Elementary principal in Victoria and sessional instructor in the university's leadership program.",
    ),
    _mentor(
        "Victor", "Reyes", "Retired vice-principal", SD36, "Surrey", 18, "",
        ("technology", ADMIN, "timetabling"), "E",
        "Vice-principal who wrote the district's guide to the student information system.",
    ),
    _mentor(
        "Wendy", "Albrecht", "Retired principal", SD49, "Bella Coola", 24, "R",
        (REMOTE, INDIGENOUS, BALANCE, TRANSITION), "DW",
        "Led both schools of the Bella Coola Valley; stayed in the valley after retiring.",
    ),
    _mentor(
        "Frank", "Bertrand", "Retired principal", SD8, "Castlegar", 26, "b",
        ("special education", ADMIN, CONVERSATIONS), "D",
        "Principal in Nelson and Creston; grew up in a francophone family in Maillardville.",
    ),
    _mentor(
        "Sharon", "Whitford", "Retired principal", SD81, "Fort Nelson", 25, "R",
        (REMOTE, ENTRY, "community relations", SUPERVISION), "DE",
        "Principal in Fort Nelson for twelve years, the last four also district principal.",
    ),
    _mentor(
        "Michelle", "Aubin", "Directrice d'école à la retraite", SD93, "Vancouver", 21, "f",
        (FRENCH, REFLECTION, "relational trust"), "M",
        "Directrice d'une école élémentaire francophone de Vancouver pendant quatorze ans.",
    ),
)
# fmt: on

BOARD_CONTACTS: tuple[PersonSpec, ...] = (
    PersonSpec(
        email="gordon.whitfield@example.org",
        given_name="Gordon",
        family_name="Whitfield",
        role_group=RG.SUPERVISORY_OFFICER,
        position="Director of Instruction",
        region="Dease Lake",
        remote=True,
        memberships=(staff(SD87, StaffRole.BOARD_CONTACT),),
        years_in_role=6,
        expertise=(REMOTE, "Indigenous education"),
        bio="Encourages every new administrator in the Stikine to apply to the mentorship pilot.",
    ),
    PersonSpec(
        email="marnie.kowalchuk@example.org",
        given_name="Marnie",
        family_name="Kowalchuk",
        role_group=RG.SUPERVISORY_OFFICER,
        position="Assistant Superintendent",
        region="Williams Lake",
        memberships=(staff(SD27, StaffRole.BOARD_CONTACT),),
        years_in_role=3,
        expertise=("staff supervision", "school improvement planning"),
        bio="Looks after the Cariboo-Chilcotin's new principals and vice-principals.",
    ),
)

# The applicants of people_bc.py: their districts and what their applications add.
EXISTING_APPLICANTS: tuple[ApplicantSpec, ...] = (
    ApplicantSpec("mentee.bc@example.org", "mentee", SD81, availability=availability("AE")),
    ApplicantSpec("kwame.asante@example.org", "mentee", SD50, availability=availability("EW")),
    ApplicantSpec("lisa.chen@example.org", "mentee", SD38, availability=availability("A")),
    ApplicantSpec(
        "rajinder.brar@example.org", "mentee", SD36, role_change=True, availability=availability("ME"),
        board_preference="different",
    ),
    ApplicantSpec("nicole.sampson@example.org", "mentee", SD49, availability=availability("EW")),
    ApplicantSpec("gabriel.santos@example.org", "mentee", SD23, availability=availability("AF")),
    ApplicantSpec("meghan.oreilly@example.org", "mentee", SD87, availability=availability("AE")),
    ApplicantSpec(
        "mentor.bc@example.org", "mentor", SD82, remote_experience=True, capacity=2, availability=availability("DE")
    ),
    ApplicantSpec("patricia.nguyen@example.org", "mentor", SD39, availability=availability("D")),
    ApplicantSpec("gurdeep.sidhu@example.org", "mentor", SD36, availability=availability("DE")),
    ApplicantSpec("marie-claude.fortin@example.org", "mentor", SD61, availability=availability("DE")),
    ApplicantSpec(
        "ruth.jacobs@example.org", "mentor", SD27, remote_experience=True, availability=availability("DW")
    ),
    ApplicantSpec("allan.petersen@example.org", "mentor", SD8, availability=availability("D")),
    ApplicantSpec("florence.adebayo@example.org", "mentor", SD39, availability=availability("ME")),
)  # fmt: skip

PEOPLE: tuple[PersonSpec, ...] = (
    *(person for person, _ in MENTEE_ROWS),
    *(person for person, _ in MENTOR_ROWS),
    *BOARD_CONTACTS,
)

# Every applicant to the pilot, mentees first, by e-mail.
APPLICANTS: dict[str, ApplicantSpec] = {
    applicant.email: applicant
    for applicant in (
        *(a for a in EXISTING_APPLICANTS if a.role == "mentee"),
        *(applicant for _, applicant in MENTEE_ROWS),
        *(a for a in EXISTING_APPLICANTS if a.role == "mentor"),
        *(applicant for _, applicant in MENTOR_ROWS),
    )
}
