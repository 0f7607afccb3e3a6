"""An offering's pool read into the engine's profiles and Program, rule by rule."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorweb.core.errors import DomainError
from mentorweb.matching.models import Decision, PairRule
from mentorweb.matching.profiles import build_pool, pool_instance
from mentorweb.matching.tests.world import mentee, mentor, small_pool
from mentorweb.partnerships.models import Partnership, PartnershipStatus
from mentorweb.registrations.models import BoardInput, Conflict, MentorPreference, Registration
from tests.pairing import board

pytestmark = pytest.mark.django_db


def rule(pool, mentee_reg, mentor_reg, kind):
    decision = Decision.objects.create(
        offering=pool.offering, mentee=mentee_reg, mentor=mentor_reg, kind=kind, rationale="Because", author=None
    )
    return PairRule.objects.create(
        offering=pool.offering, mentee=mentee_reg, mentor=mentor_reg, kind=kind, decision=decision
    )


def partnership(pool, mentee_reg, mentor_reg, status=PartnershipStatus.PROPOSED):
    answered = {"mentor_response": "accepted", "mentee_response": "accepted"} if status == "active" else {}
    return Partnership.objects.create(
        **answered,
        organization=pool.offering.program.organization,
        program=pool.offering.program,
        offering=pool.offering,
        mentor=mentor_reg.person,
        mentee=mentee_reg.person,
        mentor_registration=mentor_reg,
        mentee_registration=mentee_reg,
        status=status,
    )


def test_profiles_read_the_application_answers(personas):
    pool = small_pool(personas.org)
    district = board("Haida Gwaii School District")
    mentee_reg = mentee(
        pool.offering,
        "Eve Remote",
        board=district,
        answers={
            "needs": ["budget", "well-being", 7],  # a malformed item is ignored, not fatal
            "portfolio": "secondary",
            "region": "Islands",
            "remote": True,
            "languages": ["en", "fr"],
            "availability": ["tue-evening", "weekend"],
            "board_preference": "different",
        },
    )
    mentor_reg = mentor(
        pool.offering,
        "Max Far",
        board=district,
        capacity=3,
        answers={
            "expertise": ["budget"],
            "experience": {"secondary": 12, "elementary": "lots"},
            "region": "Islands",
            "remote_experience": True,
            "languages": ["fr"],
            "availability": ["weekend"],
        },
    )
    Registration.objects.filter(pk=mentor_reg.pk).update(partnerships_taken=1)

    built = build_pool(pool.offering)

    profile = next(p for p in built.mentee_profiles if p.id == str(mentee_reg.pk))
    assert list(profile.needs) == ["budget", "well-being"]
    assert profile.portfolio == "secondary"
    assert profile.region == "Islands"
    assert profile.remote is True
    assert list(profile.languages) == ["en", "fr"]
    assert list(profile.availability) == ["tue-evening", "weekend"]
    assert profile.board == str(district.pk)
    assert profile.board_preference == "different"
    other = next(p for p in built.mentor_profiles if p.id == str(mentor_reg.pk))
    assert other.capacity == 2  # three places, one taken
    assert list(other.expertise) == ["budget"]
    assert dict(other.experience) == {"secondary": 12.0}
    assert other.remote_experience is True
    assert other.board == str(district.pk)
    assert built.name(str(mentor_reg.pk)) == "Max Far"


def test_the_pool_holds_accepted_people_with_room_only(personas):
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    mentee(pool.offering, "Sue Submitted", status="submitted")
    full = mentor(pool.offering, "Fay Full")
    Registration.objects.filter(pk=full.pk).update(partnerships_taken=1)
    partnership(pool, cy, dee)
    Registration.objects.filter(pk=dee.pk).update(capacity=2, partnerships_taken=1)
    declined = mentee(pool.offering, "Dan Declined")
    partnership(pool, declined, bea, PartnershipStatus.DECLINED)

    built = build_pool(pool.offering)

    assert [p.id for p in built.mentee_profiles] == [str(ada.pk), str(declined.pk)]
    assert [(p.id, p.capacity) for p in built.mentor_profiles] == [(str(bea.pk), 1), (str(dee.pk), 1)]
    assert built.live_partnerships == 1
    assert built.program.max_pairs == 39
    # A pair its people declined is never proposed to them again.
    assert (str(declined.pk), str(bea.pk)) in built.program.excluded


def test_the_cap_counts_live_partnerships_and_never_goes_below_zero(personas):
    pool = small_pool(personas.org, max_partnerships=1)
    partnership(pool, pool.mentees[0], pool.mentors[0])
    partnership(pool, pool.mentees[1], pool.mentors[1], PartnershipStatus.ACTIVE)
    assert build_pool(pool.offering).program.max_pairs == 0
    uncapped = small_pool(personas.org, slug="no-cap", max_partnerships=None)
    assert build_pool(uncapped.offering).program.max_pairs is None


def test_rankings_in_order_without_mentors_outside_the_pool(personas):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea, dee = pool.mentors
    full = mentor(pool.offering, "Fay Full")
    Registration.objects.filter(pk=full.pk).update(partnerships_taken=1)
    MentorPreference.objects.create(mentee=ada, mentor=dee, rank=1)
    MentorPreference.objects.create(mentee=ada, mentor=full, rank=2)
    MentorPreference.objects.create(mentee=ada, mentor=bea, rank=3)
    profile = build_pool(pool.offering).mentee_profiles[0]
    assert list(profile.ranking) == [str(dee.pk), str(bea.pk)]


def test_conflicts_vetoes_locks_and_exclusions(personas):
    district = board("North Coast District")
    pool = small_pool(personas.org)
    ada, cy = pool.mentees
    bea, dee = pool.mentors
    Registration.objects.filter(pk=ada.pk).update(board=district)
    Conflict.objects.create(mentee=ada, mentor=bea, kind="supervises")
    Conflict.objects.create(mentee=cy, mentor=bea, kind="evaluates")
    Conflict.objects.create(mentee=ada, mentor=dee, kind="reporting_line")
    BoardInput.objects.create(offering=pool.offering, board=district, mentor=dee, acceptable=False, reason="No")
    BoardInput.objects.create(offering=pool.offering, board=district, mentor=bea, acceptable=True)
    rule(pool, cy, dee, "lock")
    rule(pool, ada, dee, "exclude")

    built = build_pool(pool.offering)

    by_id = {p.id: p for p in built.mentor_profiles}
    assert list(by_id[str(bea.pk)].supervises) == [str(ada.pk)]
    assert list(by_id[str(bea.pk)].evaluates) == [str(cy.pk)]
    assert list(by_id[str(dee.pk)].reporting_line) == [str(ada.pk)]
    assert list(built.program.vetoes) == [(str(district.pk), str(dee.pk))]
    assert list(built.program.locked) == [(str(cy.pk), str(dee.pk))]
    assert list(built.program.excluded) == [(str(ada.pk), str(dee.pk))]
    instance = pool_instance(built)
    # Ada: Bea supervises her, Dee is vetoed by her board (and excluded): no candidate at all.
    assert str(ada.pk) not in {instance.mentee_ids[i] for i in instance.cand_mentee.tolist()}


def test_weights_and_objective_come_from_the_rules_and_the_run(personas):
    pool = small_pool(personas.org, weights={"needs": 5, "ranking": 0}, objective="score")
    built = build_pool(pool.offering)
    assert built.program.weights.needs == 5.0
    assert built.program.weights.ranking == 0.0
    assert built.program.weights.portfolio == 2.0
    assert built.program.objective == "score"
    assert build_pool(pool.offering, objective="participation").program.objective == "participation"


def test_a_lock_whose_mentee_left_the_pool_is_left_out(personas):
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    rule(pool, ada, bea, "lock")
    partnership(pool, ada, pool.mentors[1])
    assert list(build_pool(pool.offering).program.locked) == []


def test_a_lock_with_a_vetoed_mentor_is_refused_naming_the_people(personas):
    district = board("Peace River District")
    pool = small_pool(personas.org)
    ada = pool.mentees[0]
    bea = pool.mentors[0]
    Registration.objects.filter(pk=ada.pk).update(board=district)
    BoardInput.objects.create(offering=pool.offering, board=district, mentor=bea, acceptable=False, reason="No")
    rule(pool, ada, bea, "lock")
    with pytest.raises(DomainError) as error:
        pool_instance(build_pool(pool.offering))
    assert error.value.message == (
        "The lock of Ada Lovelace with Bea Arthur cannot be honoured: the mentee's board vetoed this mentor."
    )


def test_a_course_offering_is_not_a_pool(personas):
    from mentorweb.programs.tests.factories import course_with_offering

    with pytest.raises(DomainError) as error:
        build_pool(course_with_offering(personas.org))
    assert error.value.code == "not_pairing"


def _queries(offering) -> int:
    with CaptureQueriesContext(connection) as queries:
        pool_instance(build_pool(offering))
    return len(queries)


def test_building_the_pool_takes_the_same_queries_whatever_its_size(personas):
    district = board("Size District")
    pool = small_pool(personas.org)
    small = _queries(pool.offering)
    for i in range(12):
        new_mentee = mentee(pool.offering, f"Mia Many{i}", board=district)
        new_mentor = mentor(pool.offering, f"Mo Many{i}", board=district)
        MentorPreference.objects.create(mentee=new_mentee, mentor=new_mentor, rank=1)
        Conflict.objects.create(mentee=new_mentee, mentor=pool.mentors[0], kind="supervises")
        BoardInput.objects.create(
            offering=pool.offering, board=district, mentor=new_mentor, acceptable=bool(i % 2), reason="r"
        )
        rule(pool, new_mentee, pool.mentors[1], "exclude")
    assert _queries(pool.offering) == small
