"""The shapes of the demo data, and the shared vocabulary of needs and expertise.

Demo data is content, like anything a user would type, so it is not marked for
translation; French-speaking people have their bios in French.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from mentorweb.accounts.models import CredentialKind, CredentialStatus
from mentorweb.organizations.models import MembershipStatus, StaffRole

# Needs and expertise come from one list so that a mentee's need can meet a mentor's
# expertise word for word; a test checks that the demo uses no other tag.
TAGS = frozenset(
    {
        "administrative procedures",
        "adult learning",
        "board governance",
        "budget and staffing",
        "business operations",
        "coaching conversations",
        "community relations",
        "courageous conversations",
        "course facilitation",
        "crisis response",
        "data and assessment",
        "English language learners",
        "entry planning",
        "equity and anti-oppression",
        "facilities and capital",
        "feedback",
        "French-language education",
        "goal setting",
        "human resources",
        "Indigenous education",
        "instructional leadership",
        "kindergarten teams",
        "labour relations",
        "mentoring new teachers",
        "observation and debriefing",
        "office management",
        "parent engagement",
        "program K-12",
        "reflection and decision-making",
        "relational trust",
        "remote and isolated communities",
        "safe schools",
        "school improvement planning",
        "special education",
        "staff supervision",
        "student well-being",
        "technology",
        "timetabling",
        "transition to role",
        "work-life balance",
    }
)


@dataclass(frozen=True)
class OrganizationSpec:
    slug: str
    name: str
    short_name: str
    kind: str
    time_zone: str = "America/Toronto"
    languages: tuple[str, ...] = ("en",)
    province: str = "ON"
    parent: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class MembershipSpec:
    organization: str
    role: str = StaffRole.MEMBER
    status: str = MembershipStatus.ACTIVE


@dataclass(frozen=True)
class CredentialSpec:
    number: str
    status: str = CredentialStatus.DECLARED
    kind: str = CredentialKind.OCT
    # Who checked the public register; empty while the credential is only declared.
    verified_by: str = ""


@dataclass(frozen=True)
class PersonSpec:
    email: str
    given_name: str
    family_name: str
    role_group: str
    position: str
    region: str
    memberships: tuple[MembershipSpec, ...]
    language: str = "en"
    portfolio: str = ""
    years_in_role: int | None = None
    remote: bool = False
    languages_of_service: tuple[str, ...] = ("en",)
    needs: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()
    bio: str = ""
    credential: CredentialSpec | None = None
    superuser: bool = False

    @property
    def has_staff_role(self) -> bool:
        return self.superuser or any(m.role != StaffRole.MEMBER for m in self.memberships)

    def profile(self) -> dict[str, object]:
        """The Person fields, in the shape `person_update` takes."""
        return {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "preferred_language": self.language,
            "role_group": self.role_group,
            "position": self.position,
            "portfolio": self.portfolio,
            "years_in_role": self.years_in_role,
            "region": self.region,
            "remote_or_isolated": self.remote,
            "languages_of_service": list(self.languages_of_service),
            "needs": list(self.needs),
            "expertise": list(self.expertise),
            "bio": self.bio,
        }


@dataclass(frozen=True)
class ApplicantSpec:
    """What a person's application to a pairing program says beyond their profile.

    The profile (PersonSpec) gives needs, expertise, region, languages and bio; this adds
    the board or district the person works (or worked) in, capacity and availability, in
    the terms of the pairing contract's Registration.answers.
    """

    email: str
    role: str  # "mentee" or "mentor"
    board: str  # the slug of the board or district
    portfolio: str = ""
    # Mentors: years of experience by portfolio.
    experience: tuple[tuple[str, int], ...] = ()
    # Mentees: a significant change of role (seed 003: it qualifies whatever the years in role).
    role_change: bool = False
    capacity: int = 1
    remote_experience: bool = False
    availability: tuple[str, ...] = ()
    # Mentees: "same", "different" or "" (no preference) for the mentor's board.
    board_preference: str = ""


def member(organization: str, status: str = MembershipStatus.ACTIVE) -> MembershipSpec:
    return MembershipSpec(organization, StaffRole.MEMBER, status)


def staff(organization: str, role: str, status: str = MembershipStatus.ACTIVE) -> MembershipSpec:
    return MembershipSpec(organization, role, status)


# --- Helpers for the compact tables of applicants -------------------------------------------

# Weekly availability (programs.models.AVAILABILITY_SLOTS), by the letters the rows use.
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
AVAILABILITY: dict[str, tuple[str, ...]] = {
    "A": ("mon-afternoon", "tue-afternoon", "wed-afternoon", "thu-afternoon"),  # after school
    "E": ("tue-evening", "wed-evening", "thu-evening"),
    "M": ("mon-morning", "wed-morning", "fri-morning"),  # before school
    "F": ("fri-afternoon",),
    "W": ("weekend",),
    "D": tuple(f"{day}-{part}" for day in _WEEKDAYS for part in ("morning", "afternoon")),  # retired: daytime
}


def availability(codes: str) -> tuple[str, ...]:
    slots = {slot for code in codes for slot in AVAILABILITY[code]}
    return tuple(sorted(slots))


def email_for(given: str, family: str) -> str:
    """firstname.lastname@example.org without accents, apostrophes or spaces."""
    plain = unicodedata.normalize("NFKD", f"{given}.{family}").encode("ascii", "ignore").decode("ascii")
    return plain.lower().replace("'", "").replace(" ", "-") + "@example.org"


def language_flags(flags: str) -> tuple[str, tuple[str, ...]]:
    """Preferred language and languages of service: "f" French first, "b" bilingual, else English."""
    if "f" in flags:
        return "fr", ("fr", "en")
    if "b" in flags:
        return "en", ("en", "fr")
    return "en", ("en",)
