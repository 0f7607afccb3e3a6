"""The rest of the Kaministiquia River board (invented): a few hundred employees in every role
group, generated with a seeded random.Random so that every load builds the same people (the
mentoring web of webs.demo connects them). All fictional; any likeness to real people is chance.

Names mix the region's Anishinaabe, Finnish, Italian, Ukrainian, French-Canadian and newer
Canadian families. Needs and expertise come from the shared tag list (specs.TAGS), weighted by
what each role group tends to bring and look for.
"""

from __future__ import annotations

import random
from typing import TypedDict

from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.core.demo import people_bc, people_bc_pilot, people_board, people_opc, people_opsoa, people_opsoa_program
from mentorweb.core.demo.people_board import AMETHYST, BOREAL, CEDAR, LAKESHORE, employee
from mentorweb.core.demo.specs import PersonSpec, email_for

SEED = 1905  # the year Port Arthur and Fort William's first kindergartens opened (a fixed seed, nothing more)

GIVEN = [
    "Aaron",
    "Abigail",
    "Adrienne",
    "Alex",
    "Amanda",
    "Amir",
    "Ana",
    "Andrea",
    "Angela",
    "Anika",
    "Ashley",
    "Ava",
    "Brandon",
    "Brianna",
    "Caleb",
    "Cameron",
    "Carmen",
    "Carter",
    "Chantal",
    "Chloe",
    "Colin",
    "Connor",
    "Dakota",
    "Daniel",
    "Danielle",
    "Deepa",
    "Derek",
    "Dylan",
    "Elena",
    "Eli",
    "Emily",
    "Emma",
    "Eric",
    "Erin",
    "Ethan",
    "Faith",
    "Felix",
    "Gabriel",
    "Gina",
    "Hannah",
    "Harpreet",
    "Hayden",
    "Holly",
    "Ian",
    "Isabelle",
    "Jacob",
    "Jada",
    "Janelle",
    "Jasmine",
    "Jason",
    "Jenna",
    "Jessica",
    "Jordan",
    "Joseph",
    "Julie",
    "Justin",
    "Kaitlyn",
    "Karen",
    "Kayla",
    "Keisha",
    "Kevin",
    "Kim",
    "Kyle",
    "Laura",
    "Lauren",
    "Liam",
    "Lily",
    "Logan",
    "Lucas",
    "Mackenzie",
    "Madison",
    "Marc",
    "Maria",
    "Matthew",
    "Maya",
    "Megan",
    "Melissa",
    "Michelle",
    "Mohammed",
    "Natalie",
    "Nathan",
    "Nicole",
    "Noor",
    "Olivia",
    "Owen",
    "Paige",
    "Patrick",
    "Rachel",
    "Raven",
    "Rebecca",
    "Riley",
    "Robyn",
    "Ryan",
    "Sabrina",
    "Sarah",
    "Scott",
    "Shawna",
    "Simran",
    "Skye",
    "Sophie",
    "Stephanie",
    "Summer",
    "Tanya",
    "Taylor",
    "Tessa",
    "Thomas",
    "Travis",
    "Trevor",
    "Valerie",
    "Vanessa",
    "Wyatt",
    "Yasmin",
    "Zoe",
]
GIVEN_FR = [
    "Amélie",
    "Benoît",
    "Catherine",
    "Élise",
    "Étienne",
    "Geneviève",
    "Hugo",
    "Isabelle",
    "Josée",
    "Julien",
    "Mathieu",
    "Nathalie",
    "Sylvie",
    "Valérie",
]
FAMILY = [
    "Achneepineskum",
    "Anderson",
    "Bannon",
    "Beardy",
    "Belanger",
    "Boychuk",
    "Bruno",
    "Campbell",
    "Carlson",
    "Chen",
    "Costa",
    "D'Angelo",
    "Desmoulin",
    "Esposito",
    "Fiddler",
    "Fraser",
    "Gagnon",
    "Grant",
    "Hakala",
    "Harris",
    "Heikkinen",
    "Hill",
    "Jaakkola",
    "Johnson",
    "Kakepetum",
    "Keesic",
    "Kennedy",
    "Kivi",
    "Kowalchuk",
    "Kwandibens",
    "Laine",
    "Lalonde",
    "MacDonald",
    "Maki",
    "Marcinyshyn",
    "Mason",
    "Mathews",
    "McKay",
    "Moonias",
    "Morrison",
    "Nadeau",
    "Nguyen",
    "Niemi",
    "Nowak",
    "O'Connor",
    "Olson",
    "Ouimet",
    "Pelletier",
    "Petrov",
    "Quill",
    "Rossi",
    "Saarinen",
    "Sakanee",
    "Salo",
    "Santos",
    "Sawyer",
    "Singh",
    "Sutherland",
    "Suzuki",
    "Thompson",
    "Tokarz",
    "Turner",
    "Virtanen",
    "Wapoose",
    "Wilson",
    "Wolfe",
    "Yellowhead",
    "Zanatta",
]
FAMILY_FR = [
    "Beaulieu",
    "Bergeron",
    "Côté",
    "Dubois",
    "Fortin",
    "Gauthier",
    "Lavoie",
    "Leblanc",
    "Morin",
    "Paquette",
    "Roy",
    "Thibault",
]
REGIONS = (
    ("Thunder Bay", 14),
    ("Kakabeka Falls", 2),
    ("Oliver Paipoonge", 2),
    ("Shuniah", 2),
    ("Murillo", 1),
    ("Dorion", 1),
    ("Red Rock", 1),
    ("Nipigon", 1),
)
REMOTE_REGIONS = frozenset({"Red Rock", "Nipigon"})
ELEMENTARY = (AMETHYST, CEDAR, LAKESHORE)
SCHOOL_NAMES = {
    AMETHYST: "Amethyst Ridge Public School",
    CEDAR: "Cedar Portage Public School",
    LAKESHORE: "Lakeshore Pines Public School",
    BOREAL: "Boreal Heights Secondary School",
}
# Schools of the board that have no space of their own in Mentorweb yet: their leaders belong to the board.
OTHER_SCHOOLS = (
    "Whitefish Lake Public School",
    "Current River Public School",
    "Mount McKay Public School",
    "Sleeping Giant Secondary School",
    "Nor'Wester Public School",
    "Kam River Secondary School",
    "Loch Lomond Public School",
    "Silver Islet Public School",
)


# Per group: how many, positions, where they work (a school tuple, "" for the board), years in role,
# and the tags they tend to need and to offer.
class GroupPlan(TypedDict):
    count: int
    positions: tuple[str, ...]
    schools: tuple[str, ...]
    years: tuple[int, int]
    needs: tuple[str, ...]
    expertise: tuple[str, ...]


GROUPS: dict[str, GroupPlan] = {
    RG.EARLY_CHILDHOOD_EDUCATOR: {
        "count": 36,
        "positions": ("Designated early childhood educator, kindergarten",),
        "schools": ELEMENTARY,
        "years": (0, 18),
        "needs": (
            "kindergarten teams",
            "relational trust",
            "feedback",
            "goal setting",
            "parent engagement",
            "special education",
            "work-life balance",
            "courageous conversations",
        ),
        "expertise": (
            "kindergarten teams",
            "student well-being",
            "parent engagement",
            "Indigenous education",
            "English language learners",
            "relational trust",
        ),
    },
    RG.TEACHER: {
        "count": 84,
        "positions": (
            "Kindergarten teacher",
            "Grade 1 teacher",
            "Grade 3 teacher",
            "Grade 5 teacher",
            "Grade 7 and 8 teacher",
            "Special education resource teacher",
            "French immersion teacher",
            "Secondary English teacher",
            "Secondary science teacher",
            "Secondary mathematics teacher",
            "Technological education teacher",
            "Guidance counsellor",
            "Teacher-librarian",
            "Native language teacher (Ojibwe)",
        ),
        "schools": (AMETHYST, CEDAR, LAKESHORE, BOREAL),
        "years": (0, 25),
        "needs": (
            "mentoring new teachers",
            "data and assessment",
            "observation and debriefing",
            "feedback",
            "work-life balance",
            "special education",
            "English language learners",
            "parent engagement",
            "relational trust",
            "kindergarten teams",
            "technology",
            "safe schools",
        ),
        "expertise": (
            "technology",
            "student well-being",
            "data and assessment",
            "special education",
            "Indigenous education",
            "French-language education",
            "English language learners",
            "kindergarten teams",
            "parent engagement",
            "equity and anti-oppression",
        ),
    },
    RG.ASSOCIATE_TEACHER: {
        "count": 22,
        "positions": (
            "Grade 2 teacher and associate teacher",
            "Grade 4 teacher and associate teacher",
            "Kindergarten teacher and associate teacher",
            "Secondary history teacher and associate teacher",
            "Secondary music teacher and associate teacher",
        ),
        "schools": (AMETHYST, CEDAR, LAKESHORE, BOREAL),
        "years": (5, 24),
        "needs": (
            "feedback",
            "coaching conversations",
            "observation and debriefing",
            "relational trust",
            "adult learning",
        ),
        "expertise": (
            "mentoring new teachers",
            "observation and debriefing",
            "data and assessment",
            "kindergarten teams",
            "feedback",
        ),
    },
    RG.BUSINESS_SUPPORT: {
        "count": 44,
        "positions": (
            "Educational assistant",
            "Custodian",
            "Head custodian",
            "Payroll clerk",
            "Accounts payable clerk",
            "Purchasing officer",
            "IT support technician",
            "Transportation planner",
            "Human resources assistant",
            "Facilities maintenance mechanic",
            "Library technician",
            "Child and youth worker",
            "Communications officer",
        ),
        "schools": (AMETHYST, CEDAR, LAKESHORE, BOREAL, "", ""),
        "years": (0, 28),
        "needs": (
            "transition to role",
            "goal setting",
            "coaching conversations",
            "work-life balance",
            "staff supervision",
            "feedback",
            "relational trust",
            "safe schools",
        ),
        "expertise": (
            "business operations",
            "human resources",
            "technology",
            "facilities and capital",
            "safe schools",
            "student well-being",
            "budget and staffing",
        ),
    },
    RG.CONSULTANT_COACH: {
        "count": 16,
        "positions": (
            "Literacy coach",
            "Numeracy coach",
            "Special education consultant",
            "Indigenous education lead",
            "Mental health lead",
            "Instructional technology coach",
            "Early years consultant",
            "Equity and inclusion consultant",
        ),
        "schools": ("",),
        "years": (1, 12),
        "needs": (
            "relational trust",
            "feedback",
            "coaching conversations",
            "adult learning",
            "courageous conversations",
            "observation and debriefing",
        ),
        "expertise": (
            "data and assessment",
            "special education",
            "Indigenous education",
            "student well-being",
            "technology",
            "kindergarten teams",
            "equity and anti-oppression",
            "adult learning",
        ),
    },
    RG.OFFICE_ADMINISTRATOR: {
        "count": 16,
        "positions": ("Office administrator", "Office assistant", "Attendance and records clerk"),
        "schools": (AMETHYST, CEDAR, LAKESHORE, BOREAL, "", ""),
        "years": (0, 22),
        "needs": (
            "office management",
            "transition to role",
            "parent engagement",
            "courageous conversations",
            "technology",
            "work-life balance",
        ),
        "expertise": (
            "office management",
            "parent engagement",
            "relational trust",
            "administrative procedures",
            "community relations",
        ),
    },
    RG.VICE_PRINCIPAL: {
        "count": 9,
        "positions": ("Vice-Principal",),
        "schools": ("",),
        "years": (0, 6),
        "needs": (
            "transition to role",
            "staff supervision",
            "courageous conversations",
            "school improvement planning",
            "budget and staffing",
            "special education",
        ),
        "expertise": ("safe schools", "timetabling", "special education", "student well-being", "data and assessment"),
    },
    RG.PRINCIPAL: {
        "count": 8,
        "positions": ("Principal",),
        "schools": ("",),
        "years": (0, 14),
        "needs": ("work-life balance", "relational trust", "board governance", "labour relations"),
        "expertise": (
            "instructional leadership",
            "school improvement planning",
            "staff supervision",
            "budget and staffing",
            "courageous conversations",
            "community relations",
            "entry planning",
        ),
    },
    RG.SUPERVISORY_OFFICER: {
        "count": 5,
        "positions": (
            "Superintendent of Education, Family of Schools",
            "Superintendent of Business",
            "Superintendent of Human Resources",
            "Superintendent of Special Education",
            "Superintendent of Indigenous Education",
        ),
        "schools": ("",),
        "years": (0, 9),
        "needs": ("reflection and decision-making", "relational trust", "work-life balance"),
        "expertise": (
            "instructional leadership",
            "board governance",
            "business operations",
            "human resources",
            "special education",
            "Indigenous education",
            "adult learning",
            "reflection and decision-making",
        ),
    },
}

BIOS = (
    "Is building a web of mentors in other roles.",
    "Would like to learn from colleagues outside their own role group.",
    "Took part in the board's foundational Mentoring for All sessions this year.",
    "Enjoys learning-focused conversations and trying one small next step at a time.",
    "Has mentored informally for years and now does it on purpose.",
    "Looks for a mentor who listens first and asks good questions.",
)
BIOS_FR = (
    "Participe aux séances de Mentorat pour tous de son conseil cette année.",
    "Aimerait apprendre de collègues d'autres rôles, en français comme en anglais.",
    "Accompagne volontiers les nouvelles et nouveaux collègues de l'immersion.",
)


def _existing_emails() -> set[str]:
    modules = (people_opc, people_bc, people_bc_pilot, people_opsoa, people_opsoa_program, people_board)
    return {spec.email for module in modules for spec in module.PEOPLE}


def _regions(rng: random.Random) -> str:
    names = [name for name, _weight in REGIONS]
    weights = [weight for _name, weight in REGIONS]
    return rng.choices(names, weights=weights)[0]


def _position(rng: random.Random, group: str, positions: tuple[str, ...]) -> str:
    position = rng.choice(positions)
    if group in (RG.VICE_PRINCIPAL, RG.PRINCIPAL):
        return f"{position}, {rng.choice(OTHER_SCHOOLS)}"
    return position


SECONDARY_WORDS = ("Secondary", "Technological", "Guidance")
ELEMENTARY_WORDS = ("Kindergarten", "Grade", "French immersion", "kindergarten")


def _school_for(rng: random.Random, position: str, schools: tuple[str, ...]) -> str:
    """A school that has the position: no kindergarten at the secondary school, no secondary
    classes at the elementary ones."""
    if any(word in position for word in SECONDARY_WORDS):
        return BOREAL
    if any(word in position for word in ELEMENTARY_WORDS):
        return rng.choice([school for school in schools if school in ELEMENTARY] or list(ELEMENTARY))
    return rng.choice(schools)


def generate() -> tuple[PersonSpec, ...]:
    rng = random.Random(SEED)
    used = _existing_emails()
    people: list[PersonSpec] = []
    for group, plan in GROUPS.items():
        count, positions, schools = plan["count"], plan["positions"], plan["schools"]
        low, high = plan["years"]
        needs_pool, expertise_pool = plan["needs"], plan["expertise"]
        made = 0
        while made < count:
            position = _position(rng, group, positions)
            school = _school_for(rng, position, schools)
            # Lakeshore Pines offers French immersion: more French speakers there.
            french = rng.random() < (0.3 if school == LAKESHORE else 0.06)
            given = rng.choice(GIVEN_FR if french else GIVEN)
            family = rng.choice(FAMILY_FR if french and rng.random() < 0.7 else FAMILY)
            email = email_for(given, family)
            if email in used:
                continue
            used.add(email)
            years = rng.randint(low, high)
            region = "Kakabeka Falls" if school == CEDAR else _regions(rng)
            needs = tuple(rng.sample(needs_pool, k=rng.choice((1, 2, 2, 3))))
            expertise = tuple(
                tag for tag in rng.sample(expertise_pool, k=rng.choice((1, 2, 3))) if tag not in needs
            ) or (expertise_pool[0],)
            bilingual = french or rng.random() < 0.05
            bio = rng.choice(BIOS_FR) if french else rng.choice(BIOS)
            people.append(
                PersonSpec(
                    email=email,
                    given_name=given,
                    family_name=family,
                    role_group=group,
                    position=position,
                    region=region,
                    memberships=employee(school),
                    language="fr" if french else "en",
                    years_in_role=years,
                    remote=region in REMOTE_REGIONS,
                    languages_of_service=("fr", "en") if french else (("en", "fr") if bilingual else ("en",)),
                    needs=needs,
                    expertise=expertise,
                    bio=bio,
                )
            )
            made += 1
    return tuple(people)


PEOPLE: tuple[PersonSpec, ...] = generate()
