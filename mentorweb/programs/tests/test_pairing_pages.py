"""Pairing set-up pages through the client: the rules form, the questions, extending the
deadline, the program and offering pages of a pairing program, and attendance at its events."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import OrganizationKind
from mentorweb.programs.models import ApplicationQuestion, PairingRules, Program, SessionKind
from mentorweb.programs.tests.factories import course_with_offering, make_session
from mentorweb.registrations.models import Attendance, RegistrationRole, RegistrationStatus
from tests.factories import OrganizationFactory
from tests.pairing import application, member_of, pairing_offering, pairing_program

BASE = "/o/northern-lights/programs/"


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def program(personas):
    program = pairing_program(personas.org)
    program.learning_components = ["Build confidence and self-efficacy"]
    program.save()
    return program


@pytest.fixture
def retired(db):
    return OrganizationFactory(
        name="BC Retired Principals' and Vice-Principals' Association",
        slug="bcrpvpa",
        kind=OrganizationKind.ASSOCIATION,
    )


@pytest.fixture
def offering(program):
    return pairing_offering(
        program,
        slug="2030-2031",
        title="2030–2031",
        registration_opens=dt.date(2030, 9, 1),
        registration_deadline=dt.date(2030, 10, 6),
        start_date=dt.date(2030, 11, 1),
        end_date=dt.date(2031, 6, 30),
    )


def rules_form(retired, **changes):
    data = {
        "mentor_membership_organization": str(retired.pk),
        "mentor_membership_statuses": ["retired"],
        "mentee_role_groups": ["principal", "vice_principal"],
        "mentee_max_years_in_role": "2",
        "mentee_role_change_qualifies": "on",
        "max_partnerships": "40",
        "mentor_capacity_default": "1",
        "mentor_capacity_max": "1",
        "commitment_months": "12",
        "min_hours_per_month": "2",
        "max_hours_per_month": "4",
        "contact_every_days": "7",
        "commitment_text": "Participants will commit to participation for a full year.",
        "needs_options": "Staff supervision\r\nBudget\r\nbudget",
        "portfolio_options": "Elementary\r\nSecondary",
        "mentee_may_rank": "on",
        "ranking_depth": "3",
        "objective": "participation",
        "weight_needs": "4",
        "weight_portfolio": "2",
        "weight_ranking": "3",
        "weight_board": "0",
        "weight_context": "2.5",
        "weight_availability": "1",
        "shared_fields": ["name", "region", "bio"],
        "mentor_honorarium": "300",
        "cost_per_mentor_year": "0",
        "cost_share_percent": "0",
    }
    data.update(changes)
    return data


# --- rules -------------------------------------------------------------------------------------


def test_the_rules_page_is_in_sections_with_the_weights_explained(personas, program, django_assert_max_num_queries):
    client = personas.client_for("staff")
    with django_assert_max_num_queries(20):
        response = client.get(f"{BASE}{program.slug}/pairing/")
    text = text_of(response)
    legends = re.findall(r"<legend><h2>(.*?)</h2></legend>", text)
    assert legends == [
        "Who may be a mentor",
        "Who may be a mentee",
        "Size and capacity",
        "Commitment",
        "What applicants choose from",
        "What matters in matching",
        "What mentors and mentees see of each other",
        "Costs",
    ]
    assert "A weight of 0 means the part does not count" in text
    assert "How many of the mentee&#x27;s needs are among the mentor&#x27;s areas of expertise." in text
    assert 'type="radio" name="objective" value="score"' in text
    assert 'name="weight_needs" value="3"' in text


def test_saving_the_rules_shows_them_in_words_on_the_program_page(personas, program, retired):
    client = personas.client_for("staff")
    response = client.post(f"{BASE}{program.slug}/pairing/", rules_form(retired))
    assert response.status_code == 302 and response["Location"] == f"{BASE}{program.slug}/#pairing-rules"
    rules = PairingRules.objects.get(program=program)
    assert rules.needs_options == ["Staff supervision", "Budget"]
    assert rules.weights == {"needs": 4, "portfolio": 2, "ranking": 3, "board": 0, "context": 2.5, "availability": 1}
    assert rules.mentor_membership_organization == retired
    text = text_of(client.get(f"{BASE}{program.slug}/"))
    assert (
        "Members of BC Retired Principals&#x27; and Vice-Principals&#x27; Association with the status Retired." in text
    )
    assert "Up to 40 partnerships per offering." in text
    assert "One year, 2–4 hours a month, contact every 7 days" in text
    assert "Mentors receive an honorarium of $300.00." in text
    assert "Mentees may rank up to 3 preferred mentors." in text
    assert "Same or different board" in text and "(does not count)" in text
    # Modules and refunds mean nothing for a pairing program.
    assert "Refund policy" not in text and "Modules and hours" not in text
    assert f'href="{BASE}{program.slug}/pairing/"' in text and f'href="{BASE}{program.slug}/questions/"' in text


def test_a_refused_rule_shows_on_its_field_and_saves_nothing(personas, program, retired):
    response = personas.client_for("admin").post(
        f"{BASE}{program.slug}/pairing/", rules_form(retired, mentor_capacity_default="3", mentor_capacity_max="2")
    )
    assert response.status_code == 200
    text = text_of(response)
    assert 'id="id_mentor_capacity_default_error"' in text
    assert "The default cannot be more than the most a mentor may offer (2)." in text
    assert re.search(r'name="mentor_capacity_default"[^>]*aria-describedby="id_mentor_capacity_default_error"', text)
    assert PairingRules.objects.get(program=program).max_partnerships == 40
    assert not AuditEntry.objects.filter(action="pairing_rules.updated").exists()


def test_pairing_pages_are_for_pairing_programs_of_ones_own_organization(personas, program):
    course = course_with_offering(personas.org).program
    theirs = pairing_program(personas.other_org, slug="theirs")
    admin = personas.client_for("admin")
    assert admin.get(f"{BASE}{course.slug}/pairing/").status_code == 404
    assert admin.get(f"{BASE}{course.slug}/questions/").status_code == 404
    assert admin.get(f"{BASE}{theirs.slug}/pairing/").status_code == 404
    assert personas.client_for("outsider").get(f"{BASE}{program.slug}/pairing/").status_code == 404
    assert personas.client_for("member").get(f"{BASE}{program.slug}/pairing/").status_code == 403


def test_creating_a_pairing_program_leads_to_its_rules(personas):
    response = personas.client_for("staff").post(
        f"{BASE}new/",
        {
            "name": "BCPVPA Mentorship Pilot",
            "slug": "mentorship-pilot",
            "kind": "pairing",
            "fee": "0",
            "non_refundable_fee": "0",
            "minimum_enrolment": "0",
            "access_opens_days_before": "0",
            "access_closes_days_after": "0",
        },
    )
    assert response["Location"] == f"{BASE}mentorship-pilot/pairing/"
    assert PairingRules.objects.filter(program__slug="mentorship-pilot").exists()


# --- questions ---------------------------------------------------------------------------------


def test_questions_are_added_edited_moved_and_deleted(personas, program):
    client = personas.client_for("staff")
    url = f"{BASE}{program.slug}/questions/"
    for label, kind, options in (("Why now?", "long_text", ""), ("Meeting place", "choice", "In person\r\nVideo")):
        response = client.post(
            url + "new/",
            {"question-side": "mentee", "question-label": label, "question-kind": kind, "question-options": options},
        )
        assert response.status_code == 302
    first, second = ApplicationQuestion.objects.order_by("position")
    assert second.options == ["In person", "Video"]
    text = text_of(client.get(url))
    assert text.index("Why now?") < text.index("Meeting place")
    assert client.post(url + f"{second.pk}/move/", {"direction": "up"}).status_code == 302
    assert list(ApplicationQuestion.objects.values_list("label", flat=True)) == ["Meeting place", "Why now?"]
    response = client.post(
        url + f"{first.pk}/",
        {"side": "both", "label": "Why now, in a few words?", "kind": "short_text", "required": "on"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.side, first.label, first.required) == ("both", "Why now, in a few words?", True)
    assert "Delete “Meeting place”?" in text_of(client.get(url + f"{second.pk}/delete/"))
    client.post(url + f"{second.pk}/delete/")
    assert list(ApplicationQuestion.objects.values_list("pk", flat=True)) == [first.pk]


def test_a_choice_question_without_choices_is_refused_on_its_field(personas, program):
    response = personas.client_for("staff").post(
        f"{BASE}{program.slug}/questions/new/",
        {"question-side": "mentor", "question-label": "Favourite topic", "question-kind": "choice"},
    )
    assert response.status_code == 200
    assert 'id="id_question-options_error"' in text_of(response)
    assert not ApplicationQuestion.objects.exists()


def test_an_answered_question_is_kept_with_a_message(personas, program, offering):
    question = ApplicationQuestion.objects.create(program=program, side="mentee", label="Why?", kind="long_text")
    application(offering, member_of(personas.org), "mentee", answers={"questions": {str(question.pk): "Because"}})
    client = personas.client_for("staff")
    edit = text_of(client.get(f"{BASE}{program.slug}/questions/{question.pk}/"))
    assert "1 application already answers this question." in edit
    response = client.post(f"{BASE}{program.slug}/questions/{question.pk}/delete/", follow=True)
    assert "1 application answers this question, so it cannot be deleted." in text_of(response)
    assert ApplicationQuestion.objects.filter(pk=question.pk).exists()


# --- the offering: deadline and events ---------------------------------------------------------


@time_machine.travel(dt.datetime(2030, 10, 1, 16, tzinfo=dt.UTC), tick=False)
def test_extending_the_deadline_from_the_offering_page(
    personas, program, offering, mailoutbox, django_capture_on_commit_callbacks
):
    application(offering, member_of(personas.org), "mentee", status=RegistrationStatus.SUBMITTED)
    client = personas.client_for("staff")
    url = f"{BASE}{program.slug}/{offering.slug}/"
    page = text_of(client.get(url + "extend-deadline/"))
    assert "1 application is in progress." in page
    refused = client.post(url + "extend-deadline/", {"new_deadline": "2030-10-01"})
    assert 'id="id_new_deadline_error"' in text_of(refused)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "extend-deadline/", {"new_deadline": "2030-10-20", "notify": "on"}, follow=True)
    text = text_of(response)
    assert "Deadline extended to Oct. 20, 2030. 1 applicant is being e-mailed the new date." in text
    assert "<strong>Deadline extended to Oct. 20, 2030</strong> (the original deadline was Oct. 6, 2030)." in text
    assert len(mailoutbox) == 1


def test_the_staff_page_of_a_pairing_offering_shows_its_events(personas, program, offering):
    make_session(
        offering, dt.date(2030, 11, 1), dt.time(16), dt.time(17), kind=SessionKind.WEBINAR, title="Welcome webinar"
    )
    make_session(offering, dt.date(2030, 11, 9), dt.time(9), dt.time(16), kind=SessionKind.TRAINING)
    text = text_of(personas.client_for("staff").get(f"{BASE}{program.slug}/{offering.slug}/"))
    assert '<h2 id="sessions">Events</h2>' in text
    assert "Webinar: Welcome webinar" in text and "Training day" in text
    assert "Asynchronous deadlines" not in text and "Materials available" not in text
    assert "Deadline: Oct. 6, 2030." in text and "Up to 40 partnerships per offering." in text
    # The event form offers no module and no class day; a webinar is the first guess.
    assert 'name="session-module"' not in text and 'value="class_day"' not in text
    assert '<option value="webinar" selected>' in text


def test_an_event_is_added_from_the_offering_page(personas, program, offering):
    response = personas.client_for("staff").post(
        f"{BASE}{program.slug}/{offering.slug}/sessions/new/",
        {
            "session-kind": "closure",
            "session-title": "Closure day",
            "session-date": "2031-05-15",
            "session-start_time": "09:00",
            "session-end_time": "15:00",
        },
    )
    assert response.status_code == 302
    session = offering.sessions.get()
    assert (session.kind, session.module) == ("closure", None)


# --- attendance at a pairing offering's events -------------------------------------------------


@time_machine.travel(dt.datetime(2030, 11, 2, 12, tzinfo=dt.UTC), tick=False)
def test_attendance_lists_the_accepted_mentors_and_mentees(personas, program, offering):
    webinar = make_session(offering, dt.date(2030, 11, 1), dt.time(16), dt.time(17), kind=SessionKind.WEBINAR)
    mentor = application(offering, member_of(personas.org, given_name="Marta", family_name="Mentor"), "mentor")
    mentee = application(offering, member_of(personas.org, given_name="Ned", family_name="Newman"), "mentee")
    application(
        offering,
        member_of(personas.org, given_name="Sam", family_name="Submitted"),
        RegistrationRole.MENTEE,
        status=RegistrationStatus.SUBMITTED,
    )
    client = personas.client_for("staff")
    url = f"/o/{personas.org.slug}/offerings/{offering.pk}/sessions/{webinar.pk}/attendance/"
    text = text_of(client.get(url))
    assert "Marta Mentor (mentor)" in text and "Ned Newman (mentee)" in text
    assert "Sam Submitted" not in text
    response = client.post(url, {"present": [mentor.pk]})
    assert response.status_code == 302
    marks = dict(Attendance.objects.filter(session=webinar).values_list("registration_id", "present"))
    assert marks == {mentor.pk: True, mentee.pk: False}


@time_machine.travel(dt.datetime(2030, 11, 2, 12, tzinfo=dt.UTC), tick=False)
def test_attendance_of_a_pairing_offering_without_accepted_people(personas, program, offering):
    webinar = make_session(offering, dt.date(2030, 11, 1), dt.time(16), dt.time(17), kind=SessionKind.WEBINAR)
    url = f"/o/{personas.org.slug}/offerings/{offering.pk}/sessions/{webinar.pk}/attendance/"
    text = text_of(personas.client_for("staff").get(url))
    assert "No mentor or mentee has been accepted in this offering yet." in text


def test_program_detail_of_a_pairing_program_runs_few_queries(personas, program, django_assert_max_num_queries):
    for year in range(5):
        pairing_offering(program, slug=f"year-{year}")
    ApplicationQuestion.objects.create(program=program, side="both", label="Q", kind="yes_no")
    client = personas.client_for("staff")
    with django_assert_max_num_queries(16):
        response = client.get(f"{BASE}{program.slug}/")
    assert response.status_code == 200
    assert Program.objects.count() == 1
