"""Worlds for the application tests: the seeds' two programs with their rules, applicants,
and the ids the permission matrices put in their URLs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.test import Client

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import MembershipStatus, Organization, OrganizationKind, StaffRole
from mentorweb.programs.models import Offering, Program
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import BoardInput, Registration, RegistrationRole, RegistrationStatus
from tests.factories import MembershipFactory, OrganizationFactory, enrol_totp
from tests.pairing import NEEDS, PORTFOLIOS, application, member_of, pairing_offering, pairing_program

S = RegistrationStatus
MENTOR = RegistrationRole.MENTOR
MENTEE = RegistrationRole.MENTEE


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@dataclass
class Seed:
    """A seed program: its organization, the organization its mentors belong to, the program,
    an offering open today (in the organization's zone), boards, and a reviewer."""

    organization: Organization
    mentors_org: Organization
    program: Program
    offering: Offering
    boards: list[Organization]
    reviewer: Any

    @property
    def rules(self) -> Any:
        return self.program.pairing


def _offering(program: Program, organization: Organization, **fields: Any) -> Offering:
    today = today_in(organization.time_zone)
    values: dict[str, Any] = {
        "registration_opens": today - dt.timedelta(days=20),
        "registration_deadline": today + dt.timedelta(days=10),
        "start_date": today + dt.timedelta(days=30),
        "end_date": today + dt.timedelta(days=395),
    }
    values.update(fields)
    return pairing_offering(program, **values)


def bcpvpa(**offering_fields: Any) -> Seed:
    """Seed 003: mentors are retired members of the retired principals' association; mentees are
    principals and vice-principals new to the role (at most 2 years) or after a change of role."""
    association = OrganizationFactory(
        slug="bcpvpa",
        name="BC Principals' and Vice-Principals' Association",
        kind=OrganizationKind.ASSOCIATION,
        time_zone="America/Vancouver",
        province="BC",
    )
    retired = OrganizationFactory(
        slug="bcrpvpa",
        name="BC Retired Principals' and Vice-Principals' Association",
        kind=OrganizationKind.ASSOCIATION,
        time_zone="America/Vancouver",
        province="BC",
    )
    program = pairing_program(
        association,
        slug="mentorship-pilot",
        mentor_membership_organization=retired,
        mentor_membership_statuses=[MembershipStatus.RETIRED],
        mentee_membership_organization=association,
        mentee_role_groups=[RoleGroup.PRINCIPAL, RoleGroup.VICE_PRINCIPAL],
        mentee_max_years_in_role=2,
        mentee_role_change_qualifies=True,
        max_partnerships=40,
        ranking_depth=3,
    )
    boards = [
        OrganizationFactory(slug="sd60", name="School District 60 (Peace River North)", province="BC"),
        OrganizationFactory(slug="sd50", name="School District 50 (Haida Gwaii)", province="BC"),
    ]
    reviewer = MembershipFactory(organization=association, role=StaffRole.ADVISORY).person.user
    enrol_totp(reviewer)
    return Seed(association, retired, program, _offering(program, association, **offering_fields), boards, reviewer)


def opsoa(**offering_fields: Any) -> Seed:
    """Seed 004: any member may be a mentee; mentors are alumni; participating boards give input."""
    association = OrganizationFactory(
        slug="opsoa", name="Ontario Public Supervisory Officials' Association", kind=OrganizationKind.ASSOCIATION
    )
    program = pairing_program(
        association,
        slug="mentorship",
        mentor_membership_organization=association,
        mentor_membership_statuses=[MembershipStatus.ALUMNI],
        mentee_membership_organization=association,
        board_input=True,
        max_partnerships=None,
    )
    boards = [
        OrganizationFactory(slug="qhdsb", name="Quinte Highlands District School Board"),
        OrganizationFactory(slug="gldsb", name="Georgian Lakelands District School Board"),
    ]
    reviewer = MembershipFactory(organization=association, role=StaffRole.ORG_ADMIN).person.user
    enrol_totp(reviewer)
    return Seed(association, association, program, _offering(program, association, **offering_fields), boards, reviewer)


def bc_mentor(seed: Seed, **person: Any) -> Person:
    person.setdefault("role_group", RoleGroup.RETIRED_PRINCIPAL)
    person.setdefault("years_in_role", 12)
    return member_of(seed.mentors_org, membership_status=MembershipStatus.RETIRED, **person)


def bc_mentee(seed: Seed, **person: Any) -> Person:
    person.setdefault("role_group", RoleGroup.VICE_PRINCIPAL)
    person.setdefault("years_in_role", 1)
    return member_of(seed.organization, **person)


def mentee_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "needs": NEEDS[:2],
        "interests": "Leading a small northern school.",
        "portfolio": PORTFOLIOS[0],
        "experience_summary": "Teacher for eight years, vice-principal since last year.",
        "years_in_role": 1,
        "role_change": False,
        "region": "Fort Nelson",
        "remote": True,
        "languages": ["en"],
        "availability": ["tue-evening", "thu-evening"],
        "board_preference": "",
        "questions": {},
    }
    data.update(overrides)
    return data


def mentor_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "expertise": NEEDS[:3],
        "interests": "Supporting new leaders in rural schools.",
        "portfolio": PORTFOLIOS[0],
        "experience": {PORTFOLIOS[0]: 15},
        "experience_summary": "Principal of three northern schools.",
        "region": "Prince George",
        "remote_experience": True,
        "languages": ["en", "fr"],
        "availability": ["tue-evening", "weekend"],
        "capacity": 2,
        "questions": {},
    }
    data.update(overrides)
    return data


# --- the permission matrices --------------------------------------------------------------------


def _matrix_world(personas: Any) -> dict[str, Any]:
    """In the personas' organization (a board, so its administrator is also its board contact):
    a pairing program that takes board input, with three open offerings.

    A: the member's submitted mentee application naming the personas' board (so A shows on the
    board-input pages), and an accepted mentor. B: the member's accepted mentee application and
    an accepted mentor (for ranking). C: no applications (for applying)."""
    org = personas.org
    program = pairing_program(org, slug="matrix-pairing", board_input=True)
    first = _offering(program, org, slug="matrix-first")
    second = _offering(program, org, slug="matrix-second")
    third = _offering(program, org, slug="matrix-third")
    member = personas.member.person
    submitted = application(first, member, MENTEE, status=S.SUBMITTED, board=org)
    first_mentor = application(first, member_of(org), MENTOR, status=S.ACCEPTED)
    BoardInput.objects.create(offering=first, board=org, mentor=first_mentor, acceptable=True)
    mentee = application(second, member, MENTEE, status=S.ACCEPTED, board=org)
    mentor = application(second, member_of(org), MENTOR, status=S.ACCEPTED)
    return {
        "app_offering": first.pk,
        "app_submitted": submitted.pk,
        "app_first_mentor": first_mentor.pk,
        "app_mentee_offering": second.pk,
        "app_mentee": mentee.pk,
        "app_mentor": mentor.pk,
        "app_open_offering": third.pk,
    }


def applications_matrix_ids(personas: Any) -> dict[str, Any]:
    """Ids for tests/test_permission_matrix.py."""
    return _matrix_world(personas)


def applications_api_ids(personas: Any) -> dict[str, Any]:
    """Ids for mentorweb/api/tests/test_permission_matrix.py, named as the API's path parameters."""
    ids = _matrix_world(personas)
    return {
        "application_id": ids["app_submitted"],
        "mentee_application_id": ids["app_mentee"],
        "pairing_offering_id": ids["app_offering"],
        "mentor_application_id": ids["app_first_mentor"],
        # For the bodies:
        "app_open_offering": ids["app_open_offering"],
        "app_mentor": ids["app_mentor"],
    }


def registration(pk: int) -> Registration:
    return Registration.objects.select_related("offering__program__organization", "person__user").get(pk=pk)
