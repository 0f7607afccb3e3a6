"""Who may apply, by the seeds' rules, in words people understand."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorweb.accounts.models import Credential, CredentialStatus, RoleGroup
from mentorweb.organizations.models import Membership, MembershipStatus
from mentorweb.registrations.pairing.eligibility import blocking_problems, eligibility_check, eligibility_problems
from mentorweb.registrations.pairing.tests.world import bc_mentee, bc_mentor, bcpvpa, opsoa
from tests.factories import PersonFactory
from tests.pairing import member_of

pytestmark = pytest.mark.django_db


def test_bcpvpa_mentors_must_be_retired_members_of_the_retired_association():
    seed = bcpvpa()
    assert eligibility_problems(bc_mentor(seed), seed.program, "mentor") == []

    active = member_of(
        seed.mentors_org, membership_status=MembershipStatus.ACTIVE, role_group=RoleGroup.RETIRED_PRINCIPAL
    )
    assert eligibility_problems(active, seed.program, "mentor") == [
        "You must be a member of BC Retired Principals' and Vice-Principals' Association (status: retired)."
    ]
    # A member of the working principals' association only is not a mentor here.
    principal = bc_mentee(seed, role_group=RoleGroup.PRINCIPAL)
    assert eligibility_problems(principal, seed.program, "mentor") == [
        "You must be a member of BC Retired Principals' and Vice-Principals' Association (status: retired)."
    ]


def test_a_deactivated_membership_does_not_count():
    seed = bcpvpa()
    mentor = bc_mentor(seed)
    Membership.objects.filter(person=mentor).update(deactivated_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert len(eligibility_problems(mentor, seed.program, "mentor")) == 1


def test_bcpvpa_mentees_are_new_to_the_role_or_changed_role():
    seed = bcpvpa()
    assert seed.rules.mentee_max_years_in_role == 2
    assert eligibility_problems(bc_mentee(seed, years_in_role=2), seed.program, "mentee") == []

    veteran = bc_mentee(seed, years_in_role=6)
    problems = eligibility_check(veteran, seed.program, "mentee")
    assert [p.field for p in problems] == ["role_change"]
    assert "You have 6 years in your role" in problems[0].message
    # Fixable on the form: the apply page does not block the person.
    assert blocking_problems(problems) == []
    # Declaring a significant change of role qualifies them.
    assert (
        eligibility_problems(veteran, seed.program, "mentee", answers={"years_in_role": 6, "role_change": True}) == []
    )
    # The years given on the form count, not the profile's.
    assert (
        eligibility_problems(veteran, seed.program, "mentee", answers={"years_in_role": 1, "role_change": False}) == []
    )


def test_without_role_change_rule_the_years_decide():
    seed = bcpvpa()
    seed.rules.mentee_role_change_qualifies = False
    seed.rules.save()
    veteran = bc_mentee(seed, years_in_role=6)
    problems = eligibility_check(veteran, seed.program, "mentee", answers={"years_in_role": 6, "role_change": True})
    assert [p.field for p in problems] == ["years_in_role"]
    assert problems[0].message.endswith("you have 6 years in your role.")


def test_bcpvpa_mentees_are_principals_or_vice_principals_and_members():
    seed = bcpvpa()
    teacher = bc_mentee(seed, role_group=RoleGroup.TEACHER)
    [problem] = eligibility_check(teacher, seed.program, "mentee")
    assert problem.message == (
        "Mentees in this program must be: Principal or Vice-principal. Your profile says “Teacher”; "
        "if your role has changed, update your profile."
    )
    assert problem.field == ""
    outsider = PersonFactory(role_group=RoleGroup.PRINCIPAL, years_in_role=0)
    assert eligibility_problems(outsider, seed.program, "mentee") == [
        "You must be a member of BC Principals' and Vice-Principals' Association."
    ]


def test_opsoa_any_member_may_be_a_mentee_and_alumni_mentor():
    seed = opsoa()
    for status in MembershipStatus.values:
        assert (
            eligibility_problems(member_of(seed.organization, membership_status=status), seed.program, "mentee") == []
        )
    assert eligibility_problems(PersonFactory(), seed.program, "mentee") == [
        "You must be a member of Ontario Public Supervisory Officials' Association."
    ]
    alumnus = member_of(seed.organization, membership_status=MembershipStatus.ALUMNI)
    assert eligibility_problems(alumnus, seed.program, "mentor") == []
    assert eligibility_problems(member_of(seed.organization), seed.program, "mentor") == [
        "You must be a member of Ontario Public Supervisory Officials' Association (status: alumni)."
    ]


def test_several_statuses_read_as_a_list():
    seed = opsoa()
    seed.rules.mentor_membership_statuses = [MembershipStatus.RETIRED, MembershipStatus.ALUMNI]
    seed.rules.save()
    assert eligibility_problems(PersonFactory(), seed.program, "mentor") == [
        "You must be a member of Ontario Public Supervisory Officials' Association (status: retired or alumni)."
    ]


def test_mentor_years_and_role_groups():
    seed = opsoa()
    seed.rules.mentor_min_years_in_role = 5
    seed.rules.mentor_role_groups = [RoleGroup.RETIRED_SUPERVISORY_OFFICER]
    seed.rules.save()
    junior = member_of(
        seed.organization,
        membership_status=MembershipStatus.ALUMNI,
        role_group=RoleGroup.RETIRED_SUPERVISORY_OFFICER,
        years_in_role=3,
    )
    assert eligibility_problems(junior, seed.program, "mentor") == [
        "Mentors need at least 5 years in their role; your profile says 3."
    ]
    unknown = member_of(seed.organization, membership_status=MembershipStatus.ALUMNI, role_group=RoleGroup.TEACHER)
    problems = eligibility_problems(unknown, seed.program, "mentor")
    assert len(problems) == 2
    assert problems[0].startswith("Mentors in this program must be: Retired supervisory officer.")
    assert "add your years in role to your profile" in problems[1]


def test_the_programs_required_credential():
    seed = opsoa()
    seed.program.required_credential_kind = "oct"
    seed.program.save()
    person = member_of(seed.organization)
    assert eligibility_problems(person, seed.program, "mentee") == [
        "This program requires your Ontario College of Teachers registration: add it to your profile."
    ]
    credential = Credential.objects.create(person=person, kind="oct", number="123456")
    assert eligibility_problems(person, seed.program, "mentee") == []
    credential.status = CredentialStatus.SUSPENDED
    credential.verified_at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    credential.save()
    assert eligibility_problems(person, seed.program, "mentee") == [
        "Your Ontario College of Teachers registration is recorded as “Suspended”; "
        "this program requires one in good standing."
    ]


def test_a_course_takes_no_applications():
    seed = opsoa()
    seed.program.pairing.delete()
    from mentorweb.programs.models import Program

    program = Program.objects.get(pk=seed.program.pk)
    assert eligibility_problems(member_of(seed.organization), program, "mentee") == [
        "This program does not take applications from mentors and mentees."
    ]
    assert eligibility_problems(member_of(seed.organization), seed.program, "candidate")
