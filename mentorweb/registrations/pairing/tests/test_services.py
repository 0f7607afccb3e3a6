"""The application services: submit, update, withdraw, the staff's decisions, rankings, board
input and conflicts; bad input names its field and saves nothing; e-mails and the audit trail."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import MembershipStatus, StaffRole
from mentorweb.programs.models import ApplicationQuestion, OfferingStatus, QuestionKind
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    DeclineReason,
    MentorPreference,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.pairing import selectors, services
from mentorweb.registrations.pairing.tests.world import (
    MENTEE,
    MENTOR,
    bc_mentee,
    bc_mentor,
    bcpvpa,
    mentee_data,
    mentor_data,
    opsoa,
)
from tests.factories import MembershipFactory
from tests.pairing import NEEDS, application, member_of

pytestmark = pytest.mark.django_db
S = RegistrationStatus
VANCOUVER = zoneinfo.ZoneInfo("America/Vancouver")


def submit(seed, person, role=MENTEE, **overrides):
    data = mentee_data(**overrides) if role == MENTEE else mentor_data(**overrides)
    return services.application_submit(actor=person.user, offering=seed.offering, role=role, data=data)


# --- submitting ----------------------------------------------------------------------------------


def test_a_mentee_applies_and_is_emailed_in_their_language(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed, preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        registration = submit(seed, person, board=seed.boards[0].pk, board_preference="different")

    assert registration.status == S.SUBMITTED
    assert registration.role == MENTEE
    assert registration.board == seed.boards[0]
    assert registration.capacity is None
    assert registration.submitted_at is not None
    assert registration.answers["needs"] == NEEDS[:2]
    assert registration.answers["board_preference"] == "different"
    assert registration.answers["availability"] == ["tue-evening", "thu-evening"]
    entry = AuditEntry.objects.get(action="application.submitted")
    assert entry.organization == seed.organization
    assert entry.changes["status"] == [None, "submitted"]
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [person.user.email]
    assert f"/me/applications/{registration.pk}/" in message.body
    assert f"/me/applications/{registration.pk}/" in message.alternatives[0][0]
    assert 'lang="fr"' in message.alternatives[0][0]


def test_a_mentor_applies_with_capacity_and_experience():
    seed = bcpvpa()
    registration = submit(seed, bc_mentor(seed), MENTOR, experience={"elementary": 15, "secondary": 2.5})
    assert registration.capacity == 2
    assert registration.partnerships_taken == 0
    assert registration.answers["experience"] == {"elementary": 15, "secondary": 2.5}
    assert registration.answers["remote_experience"] is True
    default = submit(seed, bc_mentor(seed), MENTOR, capacity=None)
    assert default.capacity == seed.rules.mentor_capacity_default


def test_an_ineligible_person_is_refused_and_nothing_is_saved():
    seed = bcpvpa()
    with pytest.raises(DomainError) as error:
        submit(seed, bc_mentee(seed), MENTOR)
    assert error.value.code == "ineligible"
    assert "(status: retired)" in error.value.message
    veteran = bc_mentee(seed, years_in_role=9)
    with pytest.raises(DomainError) as error:
        submit(seed, veteran, years_in_role=9)
    assert error.value.field == "role_change"
    assert not Registration.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="application.").exists()
    # The declared change of role makes them eligible.
    assert submit(seed, veteran, years_in_role=9, role_change=True).answers["role_change"] is True


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"needs": []}, "needs"),
        ({"needs": ["astrology"]}, "needs"),
        ({"needs": "budget"}, "needs"),
        ({"portfolio": "kindergarten"}, "portfolio"),
        ({"interests": 12}, "interests"),
        ({"interests": "x" * 2001}, "interests"),
        ({"years_in_role": -1}, "years_in_role"),
        ({"years_in_role": "two"}, "years_in_role"),
        ({"role_change": "yes"}, "role_change"),
        ({"region": "  "}, "region"),
        ({"remote": None}, "remote"),
        ({"languages": []}, "languages"),
        ({"languages": ["de"]}, "languages"),
        ({"availability": ["sun-morning"]}, "availability"),
        ({"board_preference": "nearby"}, "board_preference"),
        ({"board_preference": "same", "board": None}, "board"),
        ({"board": 999999}, "board"),
        ({"board": "no-such-board"}, "board"),
        ({"questions": {"999": "hi"}}, "questions.999"),
        ({"questions": "answers"}, "questions"),
        ({"expertise": NEEDS[:1]}, "expertise"),
        ({"capacity": 2}, "capacity"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_every_bad_mentee_input_names_its_field(overrides, field):
    seed = bcpvpa()
    with pytest.raises(DomainError) as error:
        submit(seed, bc_mentee(seed), **overrides)
    assert error.value.field == field
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"expertise": []}, "expertise"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 4}, "capacity"),
        ({"capacity": True}, "capacity"),
        ({"experience": {"kindergarten": 3}}, "experience.kindergarten"),
        ({"experience": {"elementary": -2}}, "experience.elementary"),
        ({"experience": {"elementary": "ten"}}, "experience.elementary"),
        ({"experience": [15]}, "experience"),
        ({"remote_experience": "no"}, "remote_experience"),
        ({"needs": NEEDS[:1]}, "needs"),
        ({"board_preference": "same"}, "board_preference"),
    ],
)
def test_every_bad_mentor_input_names_its_field(overrides, field):
    seed = bcpvpa()
    with pytest.raises(DomainError) as error:
        submit(seed, bc_mentor(seed), MENTOR, **overrides)
    assert error.value.field == field
    assert not Registration.objects.exists()


def test_the_programs_questions_are_cleaned_by_kind():
    seed = opsoa()
    q = {
        kind: ApplicationQuestion.objects.create(
            program=seed.program,
            side="both",
            label=f"Question {kind}",
            kind=kind,
            options=["Phone", "Video", "In person"] if "choice" in kind else [],
            required=True,
        )
        for kind in QuestionKind.values
    }
    mentor_only = ApplicationQuestion.objects.create(
        program=seed.program, side="mentor", label="Mentor only", kind=QuestionKind.SHORT_TEXT
    )
    answers = {
        str(q["short_text"].pk): " Ms. ",
        str(q["long_text"].pk): "Line one\nLine two",
        str(q["choice"].pk): "Video",
        str(q["multi_choice"].pk): ["In person", "Phone"],
        str(q["yes_no"].pk): False,
    }
    person = member_of(seed.organization)
    cases = [
        ({**answers, str(q["short_text"].pk): ""}, f"questions.{q['short_text'].pk}"),
        ({**answers, str(q["choice"].pk): "Fax"}, f"questions.{q['choice'].pk}"),
        ({**answers, str(q["multi_choice"].pk): []}, f"questions.{q['multi_choice'].pk}"),
        ({**answers, str(q["yes_no"].pk): None}, f"questions.{q['yes_no'].pk}"),
        ({**answers, str(q["yes_no"].pk): "maybe"}, f"questions.{q['yes_no'].pk}"),
        ({**answers, str(mentor_only.pk): "x"}, f"questions.{mentor_only.pk}"),
    ]
    for given, field in cases:
        with pytest.raises(DomainError) as error:
            submit(seed, person, questions=given)
        assert error.value.field == field, given
    registration = submit(seed, person, questions=answers)
    assert registration.answers["questions"] == {
        str(q["short_text"].pk): "Ms.",
        str(q["long_text"].pk): "Line one\nLine two",
        str(q["choice"].pk): "Video",
        str(q["multi_choice"].pk): ["Phone", "In person"],
        str(q["yes_no"].pk): False,
    }


def test_the_window_is_counted_in_the_organizations_time_zone():
    seed = bcpvpa(registration_opens=dt.date(2030, 9, 1), registration_deadline=dt.date(2030, 10, 20))
    person = bc_mentee(seed)
    # 23:59 on October 20 in Vancouver is already October 21 in Toronto and in UTC: still open.
    with time_machine.travel(dt.datetime(2030, 10, 20, 23, 59, tzinfo=VANCOUVER), tick=False):
        registration = submit(seed, person)
    services.application_withdraw(actor=person.user, registration=registration)
    with (
        time_machine.travel(dt.datetime(2030, 10, 21, 0, 1, tzinfo=VANCOUVER), tick=False),
        pytest.raises(DomainError) as error,
    ):
        submit(seed, person)
    assert error.value.field == "offering"
    assert error.value.code == "deadline_passed"
    assert "Oct. 20, 2030" in error.value.message
    assert "America/Vancouver" in error.value.message
    with (
        time_machine.travel(dt.datetime(2030, 8, 31, 23, 0, tzinfo=VANCOUVER), tick=False),
        pytest.raises(DomainError) as error,
    ):
        submit(seed, person)
    assert error.value.code == "not_yet_open"


def test_a_closed_offering_or_a_course_takes_no_applications():
    seed = bcpvpa()
    seed.offering.status = OfferingStatus.CLOSED
    seed.offering.save()
    with pytest.raises(DomainError) as error:
        submit(seed, bc_mentee(seed))
    assert error.value.code == "closed"


def test_one_live_application_per_person_and_offering():
    seed = bcpvpa()
    person = bc_mentee(seed)
    first = submit(seed, person)
    with pytest.raises(DomainError) as error:
        submit(seed, person)
    assert (error.value.field, error.value.code) == ("offering", "duplicate")
    # Withdrawn: may apply again.
    services.application_withdraw(actor=person.user, registration=first)
    assert submit(seed, person).pk != first.pk


# --- updating and withdrawing --------------------------------------------------------------------


def test_updating_changes_only_what_is_sent_and_is_audited():
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = submit(seed, person)
    services.application_update(actor=person.user, registration=registration, data={"region": "Dease Lake"})
    registration.refresh_from_db()
    assert registration.answers["region"] == "Dease Lake"
    assert registration.answers["needs"] == NEEDS[:2]
    entry = AuditEntry.objects.get(action="application.updated")
    assert entry.changes["answers"][1]["region"] == "Dease Lake"
    with pytest.raises(DomainError) as error:
        services.application_update(actor=person.user, registration=registration, data={"languages": ["xx"]})
    assert error.value.field == "languages"
    registration.refresh_from_db()
    assert registration.answers["languages"] == ["en"]


def test_only_the_applicant_updates_and_only_while_under_review():
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = submit(seed, person)
    with pytest.raises(DomainError) as error:
        services.application_update(actor=seed.reviewer, registration=registration, data={})
    assert error.value.code == "forbidden"
    services.application_accept(actor=seed.reviewer, registration=registration)
    with pytest.raises(DomainError) as error:
        services.application_update(actor=person.user, registration=registration, data={"region": "X"})
    assert error.value.code == "conflict"


def test_after_the_deadline_only_an_information_request_can_be_answered(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = submit(seed, person)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_info(
            actor=seed.reviewer, registration=registration, message="Which school do you lead?"
        )
    seed.offering.registration_deadline = dt.date(2020, 1, 1)
    seed.offering.registration_opens = dt.date(2019, 1, 1)
    seed.offering.save()
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == S.INFO_REQUESTED
    assert "Which school do you lead?" in mailoutbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.application_update(
            actor=person.user, registration=registration, data={"experience_summary": "Fort Nelson Secondary."}
        )
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED
    assert AuditEntry.objects.filter(action="application.answered").exists()
    assert "We received your answer" in mailoutbox[-1].body
    with pytest.raises(DomainError) as error:
        services.application_update(actor=person.user, registration=registration, data={"region": "Late"})
    assert error.value.code == "deadline_passed"


def test_withdrawing(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = submit(seed, person)
    with pytest.raises(DomainError):
        services.application_withdraw(actor=seed.reviewer, registration=registration)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(actor=person.user, registration=registration)
    registration.refresh_from_db()
    assert registration.status == S.WITHDRAWN
    assert "is withdrawn" in mailoutbox[-1].body
    with pytest.raises(DomainError) as error:
        services.application_withdraw(actor=person.user, registration=registration)
    assert error.value.code == "conflict"


def test_a_mentor_with_a_partnership_cannot_withdraw():
    seed = bcpvpa()
    mentor = application(seed.offering, bc_mentor(seed), MENTOR, capacity=2)
    Registration.objects.filter(pk=mentor.pk).update(partnerships_taken=1)
    mentor.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.application_withdraw(actor=mentor.person.user, registration=mentor)
    assert error.value.code == "conflict"


# --- staff decisions ------------------------------------------------------------------------------


def test_accepting_declining_and_asking_email_the_applicant(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = submit(seed, person)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_accept(actor=seed.reviewer, registration=registration, message="Welcome aboard.")
    registration.refresh_from_db()
    assert (registration.status, registration.decided_by, registration.staff_message) == (
        S.ACCEPTED,
        seed.reviewer,
        "Welcome aboard.",
    )
    accepted = mailoutbox[-1]
    assert "is accepted" in accepted.body and "Welcome aboard." in accepted.body
    assert "Welcome aboard." in accepted.alternatives[0][0]
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(
            actor=seed.reviewer, registration=registration, reason=DeclineReason.PROGRAM_FULL, message="Sorry."
        )
    registration.refresh_from_db()
    assert (registration.status, registration.decline_reason) == (S.DECLINED, "program_full")
    assert "The program is full this year" in mailoutbox[-1].body
    assert len(mailoutbox) == 2
    actions = list(
        AuditEntry.objects.filter(object_id=str(registration.pk), action__startswith="application.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["application.submitted", "application.accepted", "application.declined"]


def test_decisions_check_their_input_and_the_reviewers_role():
    seed = bcpvpa()
    registration = submit(seed, bc_mentee(seed))
    with pytest.raises(DomainError) as error:
        services.application_decline(actor=seed.reviewer, registration=registration, reason="rude", message="")
    assert error.value.field == "reason"
    with pytest.raises(DomainError) as error:
        services.application_decline(actor=seed.reviewer, registration=registration, reason="other", message=" ")
    assert error.value.field == "message"
    with pytest.raises(DomainError) as error:
        services.application_request_info(actor=seed.reviewer, registration=registration, message="")
    assert error.value.field == "message"
    facilitator = MembershipFactory(organization=seed.organization, role=StaffRole.FACILITATOR).person.user
    other_org_admin = MembershipFactory(role=StaffRole.ORG_ADMIN).person.user
    for actor in (facilitator, other_org_admin, registration.person.user):
        with pytest.raises(DomainError) as error:
            services.application_accept(actor=actor, registration=registration)
        assert error.value.code == "forbidden"
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED
    # The coordinator and the administrator review too.
    coordinator = MembershipFactory(organization=seed.organization, role=StaffRole.COORDINATOR).person.user
    services.application_accept(actor=coordinator, registration=registration)


def test_an_applicant_who_no_longer_meets_the_rules_cannot_be_accepted():
    seed = bcpvpa()
    mentor = bc_mentor(seed)
    registration = submit(seed, mentor, MENTOR)
    mentor.memberships.update(status=MembershipStatus.ACTIVE)
    with pytest.raises(DomainError) as error:
        services.application_accept(actor=seed.reviewer, registration=registration)
    assert error.value.code == "ineligible"
    assert "Decline with the reason" in error.value.message
    services.application_decline(
        actor=seed.reviewer, registration=registration, reason=DeclineReason.NOT_ELIGIBLE, message=""
    )


# --- ranking, board input, conflicts ---------------------------------------------------------------


def _accepted_pool(seed):
    mentee = application(seed.offering, bc_mentee(seed), MENTEE, board=seed.boards[0])
    mentors = [application(seed.offering, bc_mentor(seed), MENTOR) for _ in range(4)]
    return mentee, mentors


def test_a_mentee_ranks_accepted_mentors_up_to_the_depth():
    seed = bcpvpa()
    mentee, mentors = _accepted_pool(seed)
    user = mentee.person.user
    services.preferences_set(
        actor=user, registration=mentee, mentor_ids=[mentors[2].pk, mentors[0].pk], board_preference="same"
    )
    assert list(MentorPreference.objects.filter(mentee=mentee).values_list("mentor_id", "rank")) == [
        (mentors[2].pk, 1),
        (mentors[0].pk, 2),
    ]
    mentee.refresh_from_db()
    assert mentee.answers["board_preference"] == "same"
    assert AuditEntry.objects.filter(action="application.preferences_set", object_id=str(mentee.pk)).exists()
    bad = [
        [m.pk for m in mentors],  # deeper than 3
        [mentors[0].pk, mentors[0].pk],
        [mentee.pk],
        ["1"],
    ]
    for mentor_ids in bad:
        with pytest.raises(DomainError) as error:
            services.preferences_set(actor=user, registration=mentee, mentor_ids=mentor_ids)
        assert error.value.field == "mentor_ids"
    declined = application(seed.offering, bc_mentor(seed), MENTOR, status=S.DECLINED)
    other_offering_mentor = application(bcpvpa_second_offering(seed), bc_mentor(seed), MENTOR)
    for outsider in (declined, other_offering_mentor):
        with pytest.raises(DomainError):
            services.preferences_set(actor=user, registration=mentee, mentor_ids=[outsider.pk])
    # Nothing half-saved: the first ranking is still there.
    assert MentorPreference.objects.filter(mentee=mentee).count() == 2
    services.preferences_set(actor=user, registration=mentee, mentor_ids=[])
    assert not MentorPreference.objects.filter(mentee=mentee).exists()


def bcpvpa_second_offering(seed):
    from tests.pairing import pairing_offering

    return pairing_offering(seed.program, slug="second")


def test_ranking_needs_an_accepted_mentee_and_a_program_that_asks():
    seed = bcpvpa()
    mentee, mentors = _accepted_pool(seed)
    Registration.objects.filter(pk=mentee.pk).update(status=S.SUBMITTED)
    mentee.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.preferences_set(actor=mentee.person.user, registration=mentee, mentor_ids=[mentors[0].pk])
    assert error.value.code == "conflict"
    Registration.objects.filter(pk=mentee.pk).update(status=S.ACCEPTED)
    seed.rules.mentee_may_rank = False
    seed.rules.save()
    mentee = Registration.objects.select_related("offering__program__pairing", "person").get(pk=mentee.pk)
    with pytest.raises(DomainError):
        services.preferences_set(actor=mentee.person.user, registration=mentee, mentor_ids=[mentors[0].pk])
    with pytest.raises(DomainError):
        services.preferences_set(actor=seed.reviewer, registration=mentee, mentor_ids=[])


def test_board_input_by_the_boards_contact_only():
    seed = opsoa()
    board = seed.boards[0]
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    other_contact = MembershipFactory(organization=seed.boards[1], role=StaffRole.BOARD_CONTACT).person.user
    application(seed.offering, member_of(seed.organization), MENTEE, board=board, status=S.SUBMITTED)
    mentor = application(seed.offering, member_of(seed.organization), MENTOR)
    row = services.board_input_set(
        actor=contact, offering=seed.offering, board=board, mentor=mentor, acceptable=False, reason="Supervised her."
    )
    assert row is not None and (row.acceptable, row.reason, row.author) == (False, "Supervised her.", contact)
    with pytest.raises(DomainError) as error:
        services.board_input_set(
            actor=contact, offering=seed.offering, board=board, mentor=mentor, acceptable=False, reason=""
        )
    assert error.value.field == "reason"
    assert BoardInput.objects.get().reason == "Supervised her."
    services.board_input_set(actor=contact, offering=seed.offering, board=board, mentor=mentor, acceptable=True)
    assert BoardInput.objects.get().acceptable is True
    # The other board has no mentees here; its contact cannot speak for this board either.
    with pytest.raises(DomainError) as error:
        services.board_input_set(
            actor=other_contact, offering=seed.offering, board=seed.boards[1], mentor=mentor, acceptable=True
        )
    assert error.value.code == "not_found"
    with pytest.raises(DomainError) as error:
        services.board_input_set(
            actor=other_contact, offering=seed.offering, board=board, mentor=mentor, acceptable=True
        )
    assert error.value.code == "forbidden"
    services.board_input_set(actor=contact, offering=seed.offering, board=board, mentor=mentor, acceptable=None)
    assert not BoardInput.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="board_input.").order_by("pk").values_list("action", flat=True)
    ) == [
        "board_input.set",
        "board_input.set",
        "board_input.cleared",
    ]


def test_board_input_needs_board_input_on_and_an_accepted_mentor():
    seed = opsoa()
    board = seed.boards[0]
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    application(seed.offering, member_of(seed.organization), MENTEE, board=board)
    submitted = application(seed.offering, member_of(seed.organization), MENTOR, status=S.SUBMITTED)
    with pytest.raises(DomainError) as error:
        services.board_input_set(actor=contact, offering=seed.offering, board=board, mentor=submitted, acceptable=True)
    assert error.value.field == "mentor"
    seed.rules.board_input = False
    seed.rules.save()
    mentor = application(seed.offering, member_of(seed.organization), MENTOR)
    with pytest.raises(DomainError) as error:
        services.board_input_set(actor=contact, offering=seed.offering, board=board, mentor=mentor, acceptable=True)
    assert error.value.code == "not_found"


def test_conflicts_are_declared_once_by_those_concerned():
    seed = bcpvpa()
    mentee, mentors = _accepted_pool(seed)
    conflict = services.conflict_declare(actor=mentee.person.user, mentee=mentee, mentor=mentors[0], kind="supervises")
    again = services.conflict_declare(actor=mentors[0].person.user, mentee=mentee, mentor=mentors[0], kind="supervises")
    assert again.pk == conflict.pk
    assert Conflict.objects.count() == 1
    assert AuditEntry.objects.filter(action="conflict.declared").count() == 1
    services.conflict_declare(actor=seed.reviewer, mentee=mentee, mentor=mentors[1], kind="evaluates")
    with pytest.raises(DomainError) as error:
        services.conflict_declare(actor=mentors[3].person.user, mentee=mentee, mentor=mentors[2], kind="evaluates")
    assert error.value.code == "forbidden"
    with pytest.raises(DomainError) as error:
        services.conflict_declare(actor=mentee.person.user, mentee=mentee, mentor=mentors[2], kind="dislikes")
    assert error.value.field == "kind"
    with pytest.raises(DomainError) as error:
        services.conflict_declare(actor=seed.reviewer, mentee=mentors[1], mentor=mentors[2], kind="evaluates")
    assert error.value.field == "mentor"


# --- the pool -----------------------------------------------------------------------------------


def test_the_pool_holds_accepted_mentees_without_a_partnership_and_mentors_with_room(django_assert_max_num_queries):
    from mentorweb.partnerships.models import Partnership, PartnershipStatus

    seed = bcpvpa()
    mentees = [application(seed.offering, bc_mentee(seed), MENTEE) for _ in range(3)]
    application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    full = application(seed.offering, bc_mentor(seed), MENTOR, capacity=1)
    room = application(seed.offering, bc_mentor(seed), MENTOR, capacity=2)
    Registration.objects.filter(pk__in=[full.pk, room.pk]).update(partnerships_taken=1)
    application(seed.offering, bc_mentor(seed), MENTOR, status=S.WITHDRAWN)
    Partnership.objects.create(
        organization=seed.organization,
        program=seed.program,
        offering=seed.offering,
        mentor=full.person,
        mentee=mentees[0].person,
        mentor_registration=full,
        mentee_registration=mentees[0],
        status=PartnershipStatus.PROPOSED,
    )
    Partnership.objects.create(
        organization=seed.organization,
        program=seed.program,
        offering=seed.offering,
        mentor=room.person,
        mentee=mentees[1].person,
        mentor_registration=room,
        mentee_registration=mentees[1],
        status=PartnershipStatus.DECLINED,
    )
    MentorPreference.objects.create(mentee=mentees[1], mentor=room, rank=1)
    with django_assert_max_num_queries(4):
        pool_mentees, pool_mentors = selectors.pool(seed.offering)
        pool_mentees, pool_mentors = list(pool_mentees), list(pool_mentors)
        for registration in pool_mentees + pool_mentors:
            assert registration.person.user.email
            assert registration.board is None
        assert [p.mentor_id for p in pool_mentees[0].mentor_preferences.all()] == [room.pk]
    assert [m.pk for m in pool_mentees] == [mentees[1].pk, mentees[2].pk]
    assert [m.pk for m in pool_mentors] == [room.pk]
    assert [m.pk for m in selectors.eligible_mentors(seed.offering)] == sorted(
        [full.pk, room.pk],
        key=lambda pk: (
            Registration.objects.get(pk=pk).person.family_name,
            Registration.objects.get(pk=pk).person.given_name,
            pk,
        ),
    )
