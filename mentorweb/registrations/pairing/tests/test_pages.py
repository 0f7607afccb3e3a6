"""The application pages end to end through the Django test client: applying, the applicant's
pages, ranking mentors, staff review, board input, and the links from other pages."""

from __future__ import annotations

import re

import pytest

from mentorweb.accounts.models import RoleGroup
from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import MembershipStatus, StaffRole
from mentorweb.programs.models import ApplicationQuestion, QuestionKind
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    MentorPreference,
    Registration,
    RegistrationStatus,
)
from mentorweb.registrations.pairing.tests.world import (
    MENTEE,
    MENTOR,
    bc_mentee,
    bc_mentor,
    bcpvpa,
    client_for,
    opsoa,
)
from tests.factories import MembershipFactory, enrol_totp
from tests.pairing import NEEDS, PORTFOLIOS, application, member_of

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def apply_url(seed, role=MENTEE):
    return f"/apply/{seed.offering.pk}/{role}/"


def staff_url(seed, rest=""):
    return f"/o/{seed.organization.slug}/offerings/{seed.offering.pk}/applications/{rest}"


def mentee_post(**overrides):
    data = {
        "needs": NEEDS[:2],
        "interests": "Leading a small northern school.",
        "portfolio": PORTFOLIOS[0],
        "experience_summary": "Vice-principal since last year.",
        "years_in_role": "1",
        "region": "Fort Nelson",
        "remote": "on",
        "languages": ["en"],
        "availability": ["tue-evening", "weekend"],
        "board": "",
        "board_preference": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- applying -----------------------------------------------------------------------------------


def test_a_mentee_applies_from_the_prefilled_form(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed, region="Fort Nelson", needs=[NEEDS[1], "not an option"], languages_of_service=["en", "fr"])
    MembershipFactory(person=person, organization=seed.boards[0])
    client = client_for(person.user)
    page = client.get(apply_url(seed)).content.decode()
    assert "Apply as a mentee" in page
    assert 'value="Fort Nelson"' in page
    assert re.search(rf'value="{NEEDS[1]}"[^>]*checked', page)
    assert not re.search(rf'value="{NEEDS[0]}"[^>]*checked', page)
    assert re.search(rf'<option value="{seed.boards[0].pk}" selected>', page)
    # The availability grid: a fieldset with its legend, each checkbox with its own label.
    assert '<legend id="availability-legend" tabindex="-1">When you are usually available</legend>' in page
    assert '<label for="id_availability_tue-evening" class="visually-hidden">Tuesday, evening</label>' in page
    # Who may apply, in the set-up's words.
    assert "Who may apply as a mentee" in page
    assert "Submit my application" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(seed), mentee_post(board=str(seed.boards[1].pk), board_preference="same"))
    registration = Registration.objects.get(person=person)
    assert response["Location"] == f"/me/applications/{registration.pk}/"
    assert registration.status == S.SUBMITTED
    assert registration.board == seed.boards[1]
    assert registration.answers["availability"] == ["tue-evening", "weekend"]
    assert registration.answers["remote"] is True
    assert registration.answers["board_preference"] == "same"
    assert len(mailoutbox) == 1
    detail = client.get(response["Location"]).content.decode()
    assert "Application submitted" in detail
    assert "reviews it after the deadline" in detail
    assert "Tuesday, evening, Weekend" in detail
    # Applying twice: the page says so and offers no form.
    again = client.get(apply_url(seed)).content.decode()
    assert "You already have an application in this offering" in again
    assert "Submit my application" not in again


def test_an_ineligible_person_sees_why_and_cannot_submit():
    seed = bcpvpa()
    teacher = bc_mentee(seed, role_group=RoleGroup.TEACHER)
    client = client_for(teacher.user)
    page = client.get(apply_url(seed, MENTOR)).content.decode()
    assert "You cannot apply yet, because:" in page
    assert (
        "You must be a member of BC Retired Principals&#x27; and Vice-Principals&#x27; Association (status: retired)."
        in page
    )
    assert "Submit my application" not in page
    client.post(apply_url(seed, MENTOR), {"region": "X", "languages": ["en"], "expertise": NEEDS[:1], "capacity": "1"})
    assert not Registration.objects.exists()


def test_a_veteran_may_declare_a_change_of_role_on_the_form():
    seed = bcpvpa()
    veteran = bc_mentee(seed, years_in_role=7)
    client = client_for(veteran.user)
    page = client.get(apply_url(seed)).content.decode()
    assert "declare a significant change of role if you had one" in page
    assert "Submit my application" in page
    response = client.post(apply_url(seed), mentee_post(years_in_role="7"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_role_change_error"' in page
    assert 'aria-describedby="id_role_change_helptext id_role_change_error"' in page
    assert not Registration.objects.exists()
    response = client.post(apply_url(seed), mentee_post(years_in_role="7", role_change="on"))
    assert response.status_code == 302
    assert Registration.objects.get().answers["role_change"] is True


def test_form_errors_are_tied_to_their_fields_and_nothing_is_saved():
    seed = bcpvpa()
    client = client_for(bc_mentee(seed).user)
    response = client.post(apply_url(seed), mentee_post(languages=None, region=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_languages"' in page
    assert 'id="id_region_error"' in page
    # A rule of the service (board preference without a board) comes back on its field too.
    response = client.post(apply_url(seed), mentee_post(board_preference="same"))
    page = response.content.decode()
    assert 'id="id_board_error"' in page
    assert "Name your school board or district" in page
    assert not Registration.objects.exists()


def test_a_mentor_applies_with_capacity_experience_and_the_programs_questions():
    seed = opsoa()
    question = ApplicationQuestion.objects.create(
        program=seed.program,
        side="mentor",
        label="Which boards have you served?",
        kind=QuestionKind.SHORT_TEXT,
        required=True,
    )
    yes_no = ApplicationQuestion.objects.create(
        program=seed.program, side="both", label="Trained as a mentor?", kind=QuestionKind.YES_NO, required=True
    )
    ApplicationQuestion.objects.create(
        program=seed.program, side="mentee", label="Mentees only", kind=QuestionKind.SHORT_TEXT
    )
    alumnus = member_of(seed.organization, membership_status=MembershipStatus.ALUMNI, expertise=[NEEDS[0], "other"])
    client = client_for(alumnus.user)
    page = client.get(apply_url(seed, MENTOR)).content.decode()
    assert "Which boards have you served?" in page and "Mentees only" not in page
    assert 'name="capacity"' in page and 'max="3"' in page
    assert "Years of experience: elementary" in page
    data = {
        "expertise": [NEEDS[0]],
        "region": "Kingston",
        "languages": ["en", "fr"],
        "capacity": "2",
        "experience_0": "12",
        "experience_2": "4",
        f"question_{question.pk}": "",
        f"question_{yes_no.pk}": "no",
    }
    response = client.post(apply_url(seed, MENTOR), data)
    assert f'id="id_question_{question.pk}_error"' in response.content.decode()
    data[f"question_{question.pk}"] = "Quinte Highlands"
    data["capacity"] = "9"
    assert 'id="id_capacity_error"' in client.post(apply_url(seed, MENTOR), data).content.decode()
    data["capacity"] = "2"
    response = client.post(apply_url(seed, MENTOR), data)
    assert response.status_code == 302
    registration = Registration.objects.get(person=alumnus)
    assert registration.capacity == 2
    assert registration.answers["experience"] == {PORTFOLIOS[0]: 12, PORTFOLIOS[2]: 4}
    assert registration.answers["questions"] == {str(question.pk): "Quinte Highlands", str(yes_no.pk): False}
    detail = client.get(response["Location"]).content.decode()
    assert "Which boards have you served?" in detail and "Quinte Highlands" in detail


def test_a_closed_window_says_so():
    seed = bcpvpa()
    seed.offering.registration_deadline = seed.offering.registration_opens
    seed.offering.registration_opens = None
    seed.offering.save()
    import datetime as dt

    from mentorweb.programs.times import today_in

    seed.offering.registration_deadline = today_in("America/Vancouver") - dt.timedelta(days=1)
    seed.offering.save()
    page = client_for(bc_mentee(seed).user).get(apply_url(seed)).content.decode()
    assert "Applications closed at the end of the day on" in page
    assert "Submit my application" not in page


def test_a_course_or_a_bad_role_is_not_found():
    seed = bcpvpa()
    client = client_for(bc_mentee(seed).user)
    assert client.get(f"/apply/{seed.offering.pk}/candidate/").status_code == 404
    assert client.get("/apply/999999/mentee/").status_code == 404
    seed.program.is_published = False
    seed.program.save()
    assert client.get(apply_url(seed)).status_code == 404


# --- the applicant's pages ----------------------------------------------------------------------


def test_my_applications_and_answering_a_request_for_information(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    person = bc_mentee(seed)
    client = client_for(person.user)
    client.post(apply_url(seed), mentee_post())
    registration = Registration.objects.get(person=person)
    mine = client.get("/me/applications/").content.decode()
    assert f'href="/me/applications/{registration.pk}/"' in mine
    assert "Application submitted" in mine

    reviewer = client_for(seed.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            staff_url(seed, f"{registration.pk}/request-info/"), {"info-message": "Which school do you lead?"}
        )
    assert response.status_code == 302
    assert "Which school do you lead?" in mailoutbox[-1].body
    detail = client.get(f"/me/applications/{registration.pk}/").content.decode()
    assert "More information requested" in detail
    assert "Which school do you lead?" in detail
    assert "Answer the request" in detail
    edit = client.get(f"/me/applications/{registration.pk}/edit/").content.decode()
    assert "What the program asks" in edit and "Send my answer" in edit
    assert 'value="Fort Nelson"' in edit
    response = client.post(
        f"/me/applications/{registration.pk}/edit/", mentee_post(experience_summary="Fort Nelson Secondary.")
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED
    assert registration.answers["experience_summary"] == "Fort Nelson Secondary."


def test_withdrawing_from_the_page():
    seed = bcpvpa()
    person = bc_mentee(seed)
    registration = application(seed.offering, person, MENTEE, status=S.SUBMITTED)
    client = client_for(person.user)
    page = client.get(f"/me/applications/{registration.pk}/withdraw/").content.decode()
    assert "Yes, withdraw my application" in page
    response = client.post(f"/me/applications/{registration.pk}/withdraw/", {})
    assert response.status_code == 200
    assert Registration.objects.get(pk=registration.pk).status == S.SUBMITTED
    response = client.post(f"/me/applications/{registration.pk}/withdraw/", {"confirm": "on"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == S.WITHDRAWN
    assert "You withdrew this application" in client.get(response["Location"]).content.decode()


def test_someone_elses_application_is_not_found():
    seed = bcpvpa()
    registration = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    other = client_for(bc_mentee(seed).user)
    for rest in ("", "edit/", "withdraw/", "mentors/"):
        assert other.get(f"/me/applications/{registration.pk}/{rest}").status_code == 404
    assert client_for(seed.reviewer).get(f"/me/applications/{registration.pk}/").status_code == 404


# --- ranking mentors ----------------------------------------------------------------------------


def test_an_accepted_mentee_ranks_mentors_seeing_only_the_shared_fields():
    seed = bcpvpa()
    seed.rules.shared_fields = ["region", "expertise"]
    seed.rules.save()
    mentee = application(seed.offering, bc_mentee(seed), MENTEE, board=seed.boards[0])
    mentors = [
        application(
            seed.offering,
            bc_mentor(seed, given_name=name, family_name="Zed", bio=f"Secret bio {name}", region="Hidden"),
            MENTOR,
            answers={"region": f"Region {name}"},
        )
        for name in ("Ann", "Bob", "Cal", "Dee")
    ]
    client = client_for(mentee.person.user)
    detail = client.get(f"/me/applications/{mentee.pk}/").content.decode()
    assert "Rank your preferred mentors" in detail
    page = client.get(f"/me/applications/{mentee.pk}/mentors/").content.decode()
    assert "Region Ann" in page and NEEDS[2] in page
    assert "Ann Zed" not in page and "Secret bio" not in page
    assert mentors[0].person.user.email not in page
    assert "Mentor 1" in page
    # One labelled select per rank, in a fieldset; three ranks (the program's depth).
    assert '<label for="id_rank_1">Choice 1:</label>' in page
    assert 'name="rank_3"' in page and 'name="rank_4"' not in page

    response = client.post(f"/me/applications/{mentee.pk}/mentors/", {"rank_1": mentors[1].pk, "rank_2": mentors[1].pk})
    assert 'id="id_rank_2_error"' in response.content.decode()
    assert not MentorPreference.objects.exists()
    response = client.post(
        f"/me/applications/{mentee.pk}/mentors/",
        {"rank_1": mentors[2].pk, "rank_2": "", "rank_3": mentors[0].pk, "board_preference": "different"},
    )
    assert response.status_code == 302
    assert list(MentorPreference.objects.order_by("rank").values_list("mentor_id", "rank")) == [
        (mentors[2].pk, 1),
        (mentors[0].pk, 2),
    ]
    mentee.refresh_from_db()
    assert mentee.answers["board_preference"] == "different"
    page = client.get(f"/me/applications/{mentee.pk}/mentors/").content.decode()
    assert re.search(rf'<option value="{mentors[2].pk}" selected>Mentor 3</option>', page)

    response = client.post(f"/me/applications/{mentee.pk}/conflicts/", {"mentor": mentors[3].pk, "kind": "evaluates"})
    assert response.status_code == 302
    conflict = Conflict.objects.get()
    assert (conflict.mentee, conflict.mentor, conflict.kind) == (mentee, mentors[3], "evaluates")
    assert "The mentor evaluates the mentee" in client.get(f"/me/applications/{mentee.pk}/mentors/").content.decode()


def test_ranking_is_only_for_accepted_mentees():
    seed = bcpvpa()
    submitted = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    mentor = application(seed.offering, bc_mentor(seed), MENTOR)
    assert client_for(submitted.person.user).get(f"/me/applications/{submitted.pk}/mentors/").status_code == 404
    assert client_for(mentor.person.user).get(f"/me/applications/{mentor.pk}/mentors/").status_code == 404
    seed.rules.mentee_may_rank = False
    seed.rules.save()
    accepted = application(seed.offering, bc_mentee(seed), MENTEE)
    page = client_for(accepted.person.user).get(f"/me/applications/{accepted.pk}/mentors/").content.decode()
    assert "Declare a conflict of interest" in page
    assert 'name="rank_1"' not in page


# --- staff review --------------------------------------------------------------------------------


def test_the_staff_list_counts_filters_and_stays_bounded(django_assert_max_num_queries):
    seed = opsoa()
    client = client_for(seed.reviewer)
    application(seed.offering, member_of(seed.organization), MENTEE, status=S.SUBMITTED, board=seed.boards[0])
    application(seed.offering, member_of(seed.organization), MENTOR, status=S.ACCEPTED, answers={"region": "Kingston"})
    with django_assert_max_num_queries(20):
        page = client.get(staff_url(seed)).content.decode()
    small = len(page)
    for _ in range(15):
        application(seed.offering, member_of(seed.organization), MENTEE, status=S.SUBMITTED, board=seed.boards[1])
    with django_assert_max_num_queries(20):
        page = client.get(staff_url(seed)).content.decode()
    assert len(page) > small
    assert '<caption id="table-caption">17 applications</caption>' in page
    filtered = client.get(staff_url(seed), {"role": "mentor"}).content.decode()
    assert "1 application</caption>" in filtered
    filtered = client.get(staff_url(seed), {"board": seed.boards[0].pk}).content.decode()
    assert "1 application</caption>" in filtered
    filtered = client.get(staff_url(seed), {"region": "kings"}).content.decode()
    assert "1 application</caption>" in filtered
    filtered = client.get(staff_url(seed), {"status": "accepted", "role": "mentee"}).content.decode()
    assert "0 applications</caption>" in filtered


def test_reviewing_an_application_from_its_page(mailoutbox, django_capture_on_commit_callbacks):
    seed = bcpvpa()
    mentee = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED, board=seed.boards[0])
    mentor = application(seed.offering, bc_mentor(seed), MENTOR)
    MentorPreference.objects.create(mentee=mentee, mentor=mentor, rank=1)
    Conflict.objects.create(mentee=mentee, mentor=mentor, kind="supervises")
    BoardInput.objects.create(
        offering=seed.offering, board=seed.boards[0], mentor=mentor, acceptable=False, reason="No."
    )
    client = client_for(seed.reviewer)
    page = client.get(staff_url(seed, f"{mentee.pk}/")).content.decode()
    assert "Meets the program's rules" in page
    assert mentor.person.full_name in page
    assert "The mentor supervises the mentee" in page
    assert "Not acceptable" in page and "No." in page
    assert "Accept the application" in page and "Decline the application" in page
    # Declining needs a reason from the list.
    response = client.post(staff_url(seed, f"{mentee.pk}/decline/"), {"decline-reason": "", "decline-message": ""})
    assert 'id="id_decline-reason_error"' in response.content.decode()
    assert Registration.objects.get(pk=mentee.pk).status == S.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_url(seed, f"{mentee.pk}/accept/"), {"accept-message": "Welcome!"})
    assert response.status_code == 302
    assert Registration.objects.get(pk=mentee.pk).status == S.ACCEPTED
    assert "Welcome!" in mailoutbox[-1].body
    page = client.get(staff_url(seed, f"{mentee.pk}/")).content.decode()
    assert "History" in page and "Accepted" in page
    # The eligibility check is made again on the page: a lapsed membership shows.
    mentor.person.memberships.update(status=MembershipStatus.ACTIVE)
    page = client.get(staff_url(seed, f"{mentor.pk}/")).content.decode()
    assert "Not eligible" in page and "(status: retired)" in page
    Registration.objects.filter(pk=mentor.pk).update(status=S.SUBMITTED)
    response = client.post(staff_url(seed, f"{mentor.pk}/accept/"), {}, follow=True)
    assert "does not meet the program&#x27;s rules now" in response.content.decode()
    assert Registration.objects.get(pk=mentor.pk).status == S.SUBMITTED


def test_the_advisory_team_reviews_but_a_facilitator_may_not():
    seed = bcpvpa()
    registration = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    facilitator = MembershipFactory(organization=seed.organization, role=StaffRole.FACILITATOR).person.user
    enrol_totp(facilitator)
    assert client_for(facilitator).get(staff_url(seed)).status_code == 403
    assert client_for(seed.reviewer).get(staff_url(seed)).status_code == 200
    other = opsoa()
    assert client_for(other.reviewer).get(staff_url(seed)).status_code == 404
    assert client_for(other.reviewer).get(staff_url(seed, f"{registration.pk}/")).status_code == 404
    # Another offering's application through this offering's address is a 404 too.
    stray = application(other.offering, member_of(other.organization), MENTEE, status=S.SUBMITTED)
    assert client_for(seed.reviewer).get(staff_url(seed, f"{stray.pk}/")).status_code == 404


# --- board input --------------------------------------------------------------------------------


def test_board_contacts_give_input_for_their_board_only():
    seed = opsoa()
    board, other_board = seed.boards
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    other_contact = MembershipFactory(organization=other_board, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(contact)
    enrol_totp(other_contact)
    mentee = application(seed.offering, member_of(seed.organization), MENTEE, status=S.SUBMITTED, board=board)
    mentors = [application(seed.offering, member_of(seed.organization), MENTOR) for _ in range(2)]
    client = client_for(contact)
    listing = client.get(f"/o/{board.slug}/board-input/").content.decode()
    assert seed.program.name in listing
    url = f"/o/{board.slug}/board-input/{seed.offering.pk}/"
    page = client.get(url).content.decode()
    assert mentee.person.full_name in page
    assert mentors[0].person.full_name in page and mentors[1].person.full_name in page
    # A "no" without a reason saves nothing, not even the other mentor's answer.
    a, b = (f"mentor-{m.pk}" for m in mentors)
    response = client.post(url, {f"{a}-acceptable": "yes", f"{b}-acceptable": "no", f"{b}-reason": ""})
    assert response.status_code == 200
    assert f'id="id_{b}-reason_error"' in response.content.decode()
    assert not BoardInput.objects.exists()
    response = client.post(url, {f"{a}-acceptable": "yes", f"{b}-acceptable": "no", f"{b}-reason": "Her supervisor."})
    assert response.status_code == 302
    assert sorted(BoardInput.objects.values_list("mentor_id", "acceptable", "reason")) == sorted(
        [(mentors[0].pk, True, ""), (mentors[1].pk, False, "Her supervisor.")]
    )
    assert AuditEntry.objects.filter(action="board_input.set").count() == 2
    # The other board has no mentees in the offering: nothing listed, and the offering is a 404.
    other = client_for(other_contact)
    assert seed.program.name not in other.get(f"/o/{other_board.slug}/board-input/").content.decode()
    assert other.get(f"/o/{other_board.slug}/board-input/{seed.offering.pk}/").status_code == 404
    assert other.get(url).status_code == 404
    # The program's staff are not the board's contacts.
    assert client_for(seed.reviewer).get(url).status_code == 404


def test_board_input_only_where_the_program_asks():
    seed = bcpvpa()
    board = seed.boards[0]
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(contact)
    application(seed.offering, bc_mentee(seed), MENTEE, board=board)
    client = client_for(contact)
    assert client.get(f"/o/{board.slug}/board-input/{seed.offering.pk}/").status_code == 404
    seed.rules.board_input = True
    seed.rules.save()
    assert client.get(f"/o/{board.slug}/board-input/{seed.offering.pk}/").status_code == 200
    member = MembershipFactory(organization=board).person.user
    assert client_for(member).get(f"/o/{board.slug}/board-input/").status_code == 403
    # An association is not a board.
    admin = MembershipFactory(organization=seed.organization, role=StaffRole.ORG_ADMIN).person.user
    enrol_totp(admin)
    assert client_for(admin).get(f"/o/{seed.organization.slug}/board-input/").status_code == 404


# --- links from other pages ----------------------------------------------------------------------


def test_links_from_the_catalogue_the_staff_offering_page_the_menu_and_home():
    seed = bcpvpa()
    person = bc_mentee(seed)
    org, program, offering = seed.organization, seed.program, seed.offering
    catalogue = client_for(person.user).get(f"/catalogue/{org.slug}/{program.slug}/{offering.slug}/").content.decode()
    assert f'href="/apply/{offering.pk}/mentee/"' in catalogue
    assert f'href="/apply/{offering.pk}/mentor/"' in catalogue
    program_page = client_for(person.user).get(f"/catalogue/{org.slug}/{program.slug}/").content.decode()
    assert f'href="/apply/{offering.pk}/mentee/"' in program_page
    admin = MembershipFactory(organization=org, role=StaffRole.ORG_ADMIN).person.user
    enrol_totp(admin)
    staff_page = client_for(admin).get(f"/o/{org.slug}/programs/{program.slug}/{offering.slug}/").content.decode()
    assert f'href="/o/{org.slug}/offerings/{offering.pk}/applications/"' in staff_page
    registration = application(offering, person, MENTEE, status=S.INFO_REQUESTED)
    home = client_for(person.user).get("/").content.decode()
    assert 'href="/me/applications/"' in home
    assert f'href="/me/applications/{registration.pk}/edit/"' in home
    application(offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    reviewer_home = client_for(seed.reviewer).get("/").content.decode()
    assert "1 application to review" in reviewer_home


def test_the_applicants_and_board_pages_do_not_grow_in_queries(django_assert_max_num_queries):
    seed = opsoa()
    board = seed.boards[0]
    contact = MembershipFactory(organization=board, role=StaffRole.BOARD_CONTACT).person.user
    enrol_totp(contact)
    mentee = application(seed.offering, member_of(seed.organization), MENTEE, board=board)
    client, board_client = client_for(mentee.person.user), client_for(contact)
    urls = [
        (client, "/me/applications/"),
        (client, f"/me/applications/{mentee.pk}/"),
        (client, f"/me/applications/{mentee.pk}/mentors/"),
        (board_client, f"/o/{board.slug}/board-input/{seed.offering.pk}/"),
    ]
    for count in (1, 12):
        while Registration.objects.filter(role=MENTOR).count() < count:
            mentor = application(seed.offering, member_of(seed.organization), MENTOR, board=seed.boards[1])
            if Registration.objects.filter(role=MENTOR).count() % 2:
                BoardInput.objects.create(offering=seed.offering, board=board, mentor=mentor, acceptable=True)
                MentorPreference.objects.get_or_create(mentee=mentee, rank=1, defaults={"mentor": mentor})
        for user_client, url in urls:
            with django_assert_max_num_queries(16):
                assert user_client.get(url).status_code == 200


def test_applications_are_not_course_registrations():
    seed = bcpvpa()
    registration = application(seed.offering, bc_mentee(seed), MENTEE, status=S.SUBMITTED)
    client = client_for(registration.person.user)
    assert f"/me/registrations/{registration.pk}/" not in client.get("/me/registrations/").content.decode()
    response = client.get(f"/me/registrations/{registration.pk}/")
    assert response["Location"] == f"/me/applications/{registration.pk}/"
