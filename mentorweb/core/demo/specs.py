"""The shapes of the demo data, and the shared vocabulary of needs and expertise.

Demo data is content, like anything a user would type, so it is not marked for
translation; French-speaking people have their bios in French.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentorweb.accounts.models import CredentialKind, CredentialStatus
from mentorweb.organizations.models import MembershipStatus, StaffRole

# Needs and expertise come from one list so that a mentee's need can meet a mentor's
# expertise word for word; a test checks that the demo uses no other tag.
TAGS = frozenset(
    {
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


def member(organization: str, status: str = MembershipStatus.ACTIVE) -> MembershipSpec:
    return MembershipSpec(organization, StaffRole.MEMBER, status)


def staff(organization: str, role: str, status: str = MembershipStatus.ACTIVE) -> MembershipSpec:
    return MembershipSpec(organization, role, status)
