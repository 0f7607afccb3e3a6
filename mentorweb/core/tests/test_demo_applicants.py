"""The demo's applicants to the two pairing programs (seeds 003 and 004), checked as data."""

from __future__ import annotations

from collections import Counter

import pytest

from mentorweb.accounts.models import RoleGroup
from mentorweb.core.demo import people_bc_pilot, people_opsoa_program
from mentorweb.core.demo.loader import ALL_PEOPLE
from mentorweb.core.demo.organizations import BC_DISTRICTS, ORGANIZATIONS
from mentorweb.core.demo.specs import TAGS, ApplicantSpec, PersonSpec
from mentorweb.organizations.models import MembershipStatus, OrganizationKind
from mentorweb.programs.models import AVAILABILITY_SLOTS

SPECS = {spec.email: spec for spec in ALL_PEOPLE}
ORGS = {org.slug: org for org in ORGANIZATIONS}
BC = people_bc_pilot.APPLICANTS
OPSOA = people_opsoa_program.APPLICANTS


def side(applicants: dict[str, ApplicantSpec], role: str) -> list[tuple[PersonSpec, ApplicantSpec]]:
    return [(SPECS[email], applicant) for email, applicant in applicants.items() if applicant.role == role]


def memberships(spec: PersonSpec) -> dict[str, str]:
    return {m.organization: m.status for m in spec.memberships}


def test_every_applicant_is_a_demo_person_with_a_known_board():
    for applicants in (BC, OPSOA):
        for email, applicant in applicants.items():
            assert email in SPECS, email
            assert ORGS[applicant.board].kind == OrganizationKind.BOARD, email
            assert set(applicant.availability) <= set(AVAILABILITY_SLOTS), email
            assert applicant.availability, email
    assert not set(BC) & set(OPSOA)


def test_bc_districts_are_in_bc_with_vancouver_time_and_real_names():
    assert len(BC_DISTRICTS) >= 14
    for slug in BC_DISTRICTS:
        org = ORGS[slug]
        assert (org.province, org.time_zone) == ("BC", "America/Vancouver")
        assert org.name.startswith(("School District No. ", "Conseil scolaire francophone"))


def test_bc_pilot_mentees_are_new_principals_and_vice_principals_across_districts():
    mentees = side(BC, "mentee")
    assert 44 <= len(mentees) <= 48
    for spec, applicant in mentees:
        assert spec.role_group in (RoleGroup.PRINCIPAL, RoleGroup.VICE_PRINCIPAL), spec.email
        # Seed 003: new to the role, or a significant change of role.
        assert spec.years_in_role is not None
        assert spec.years_in_role <= 2 or applicant.role_change, spec.email
        assert "bcpvpa" in memberships(spec), spec.email
        # The district on the application is the one the person belongs to.
        assert memberships(spec).get(applicant.board) == MembershipStatus.ACTIVE, spec.email
        assert applicant.board in BC_DISTRICTS
    remote = sum(spec.remote for spec, _ in mentees)
    assert len(mentees) // 4 <= remote <= len(mentees) // 2, remote
    assert any((spec.years_in_role or 0) > 2 for spec, _ in mentees), "a change of role should qualify someone"
    assert sum(spec.language == "fr" for spec, _ in mentees) >= 3
    assert len({applicant.board for _, applicant in mentees}) >= 14


def test_bc_pilot_mentors_are_retired_members_of_the_retired_association():
    mentors = side(BC, "mentor")
    assert 40 <= len(mentors) <= 44
    for spec, applicant in mentors:
        assert spec.role_group == RoleGroup.RETIRED_PRINCIPAL, spec.email
        assert memberships(spec) == {"bcrpvpa": MembershipStatus.RETIRED}, spec.email
        assert applicant.capacity in (1, 2)
        assert applicant.board in BC_DISTRICTS
    assert sum(applicant.remote_experience for _, applicant in mentors) >= 12
    assert sum("fr" in spec.languages_of_service for spec, _ in mentors) >= 4
    # Together the mentors have room for the pilot's 40 partnerships.
    assert sum(applicant.capacity for _, applicant in mentors) >= 40


def test_bc_needs_and_expertise_come_from_the_programs_list():
    assert set(people_bc_pilot.BC_NEEDS) <= TAGS
    assert len(set(people_bc_pilot.BC_NEEDS)) == len(people_bc_pilot.BC_NEEDS)
    for spec, _ in side(BC, "mentee"):
        assert spec.needs and set(spec.needs) <= set(people_bc_pilot.BC_NEEDS), spec.email
    for spec, _ in side(BC, "mentor"):
        assert spec.expertise and set(spec.expertise) <= set(people_bc_pilot.BC_NEEDS), spec.email
    # Every need of a mentee is the expertise of at least one mentor.
    offered = {tag for spec, _ in side(BC, "mentor") for tag in spec.expertise}
    wanted = {tag for spec, _ in side(BC, "mentee") for tag in spec.needs}
    assert wanted <= offered, wanted - offered


def test_two_bc_districts_have_a_board_contact():
    contacts = [spec for spec in people_bc_pilot.BOARD_CONTACTS]
    assert len(contacts) == 2
    assert all(set(memberships(spec)) <= set(BC_DISTRICTS) for spec in contacts)


def test_opsoa_mentees_are_newly_appointed_supervisory_officers_with_portfolios():
    mentees = side(OPSOA, "mentee")
    assert 12 <= len(mentees) <= 16
    portfolios = people_opsoa_program.OPSOA_PORTFOLIOS
    for spec, applicant in mentees:
        assert spec.role_group == RoleGroup.SUPERVISORY_OFFICER, spec.email
        assert memberships(spec)["opsoa"] == MembershipStatus.GOOD_STANDING, spec.email
        assert applicant.board in memberships(spec), spec.email
        assert ORGS[applicant.board].province == "ON"
        assert applicant.portfolio in portfolios, spec.email
        assert spec.years_in_role is not None and spec.years_in_role <= 1, spec.email
        assert set(spec.needs) <= set(people_opsoa_program.OPSOA_NEEDS), spec.email
    assert {applicant.portfolio for _, applicant in mentees} == set(portfolios)


def test_opsoa_mentors_are_alumni_with_experience_in_the_mentees_portfolios():
    mentors = side(OPSOA, "mentor")
    assert 10 <= len(mentors) <= 14
    portfolios = people_opsoa_program.OPSOA_PORTFOLIOS
    for spec, applicant in mentors:
        assert spec.role_group == RoleGroup.RETIRED_SUPERVISORY_OFFICER, spec.email
        assert memberships(spec) == {"opsoa": MembershipStatus.ALUMNI}, spec.email
        assert applicant.experience and {name for name, _ in applicant.experience} <= set(portfolios)
        assert set(spec.expertise) <= set(people_opsoa_program.OPSOA_NEEDS), spec.email
    experienced = Counter(name for _, applicant in mentors for name, _ in applicant.experience)
    assert set(portfolios) <= set(experienced), set(portfolios) - set(experienced)


@pytest.mark.parametrize("email", ["board.contact@example.org", "paul.richardson@example.org"])
def test_opsoa_boards_with_mentees_have_a_contact(email):
    contact_boards = {m.organization for m in SPECS[email].memberships} - {"opsoa", "opc"}
    mentee_boards = {applicant.board for _, applicant in side(OPSOA, "mentee")}
    assert contact_boards & mentee_boards
