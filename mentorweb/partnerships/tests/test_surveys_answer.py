"""Answering a survey (the person's page and the service), quotes that need consent, staff
editing a program's questions, and the program evaluation built from the answers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.models import Survey, SurveyKind, SurveyRequest
from mentorweb.partnerships.surveys import (
    survey_answer,
    survey_for,
    survey_question_add,
    survey_question_remove,
    survey_question_update,
)
from mentorweb.partnerships.surveys_evaluation import evaluation
from mentorweb.partnerships.tests.health_world import partnership, survey_request, world_program
from mentorweb.programs.times import local

TODAY = dt.date.today()


@pytest.fixture
def program(personas):
    return world_program(personas.org)


@pytest.fixture
def pair(program, personas):
    return partnership(program, mentee=personas.member.person, starts_on=TODAY - dt.timedelta(days=60))


@pytest.fixture
def checkin(pair, personas):
    return survey_request(pair, personas.member.person, due_on=TODAY - dt.timedelta(days=1))


@pytest.fixture
def closing(pair, personas):
    return survey_request(pair, personas.member.person, kind=SurveyKind.CLOSING, due_on=TODAY)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(survey_request):
    return reverse("partnerships:survey_answer", kwargs={"request_id": survey_request.pk})


# --- the person's page -----------------------------------------------------------------------------


def test_a_due_survey_is_on_the_home_page_and_answered_on_its_page(personas, checkin):
    client = _client(personas.member)
    home = client.get("/")
    assert _url(checkin) in home.content.decode()

    page = client.get(_url(checkin))
    assert page.status_code == 200
    content = page.content.decode()
    assert "How is the partnership going?" in content
    assert 'type="radio"' in content and 'name="quote"' not in content  # a check-in asks for no quote

    response = client.post(
        _url(checkin),
        {
            "q_going": "4",
            "q_meeting_as_agreed": "Sometimes",
            "q_helping": "Our agenda for next time",
            "q_would_help": "",
        },
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.answers == {"going": 4, "meeting_as_agreed": "Sometimes", "helping": "Our agenda for next time"}
    assert checkin.answered_at is not None
    assert AuditEntry.objects.filter(action="survey.answered", object_id=str(checkin.pk)).exists()
    assert "Our agenda" not in str(AuditEntry.objects.filter(action="survey.answered").values_list("changes"))
    assert _url(checkin) not in client.get("/").content.decode()
    # Answered once: a second post changes nothing.
    client.post(_url(checkin), {"q_going": "1"})
    checkin.refresh_from_db()
    assert checkin.answers["going"] == 4


def test_a_missing_required_answer_names_the_question_and_saves_nothing(personas, checkin):
    response = _client(personas.member).post(_url(checkin), {"q_helping": "Lots"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_q_going_error"' in content
    checkin.refresh_from_db()
    assert checkin.answered_at is None and checkin.answers == {}


def test_only_the_person_reaches_their_survey(personas, checkin, pair):
    partner = pair.mentor.user
    for user in (personas.admin, personas.staff, personas.outsider, partner):
        assert _client(user).get(_url(checkin)).status_code == 404
        assert _client(user).post(_url(checkin), {"q_going": "5"}).status_code == 404
    checkin.refresh_from_db()
    assert checkin.answered_at is None
    with pytest.raises(DomainError):
        survey_answer(actor=partner, survey_request=checkin, answers={"going": 5})


# --- quotes need consent ---------------------------------------------------------------------------


def test_a_quote_without_consent_is_refused_naming_the_box(personas, closing):
    client = _client(personas.member)
    page = client.get(_url(closing)).content.decode()
    assert "A quote we may publish" in page and 'name="quote_consent"' in page
    response = client.post(_url(closing), {"q_overall": "5", "quote": "A rare opportunity. I valued it."})
    assert response.status_code == 200
    assert 'id="id_quote_consent_error"' in response.content.decode()
    closing.refresh_from_db()
    assert closing.answered_at is None and closing.quote == ""


def test_a_quote_with_consent_is_kept(personas, closing):
    response = _client(personas.member).post(
        _url(closing),
        {"q_overall": "5", "q_keep": "The meetings", "quote": "Exceptionally valuable.", "quote_consent": "on"},
    )
    assert response.status_code == 302
    closing.refresh_from_db()
    assert closing.quote == "Exceptionally valuable." and closing.quote_consent is True


def test_the_database_refuses_a_quote_without_consent(closing):
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyRequest.objects.filter(pk=closing.pk).update(quote="Unconsented", quote_consent=False)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"going": 6}, "answers.going"),
        ({"going": "five"}, "answers.going"),
        ({"going": True}, "answers.going"),
        ({"going": 3, "meeting_as_agreed": "Always"}, "answers.meeting_as_agreed"),
        ({"going": 3, "no_such": "x"}, "answers.no_such"),
        ({"going": 3, "helping": "x" * 2001}, "answers.helping"),
        ({}, "answers.going"),
    ],
)
def test_bad_answers_name_the_field(personas, checkin, answers, field):
    with pytest.raises(DomainError) as error:
        survey_answer(actor=personas.member, survey_request=checkin, answers=answers)
    assert error.value.field == field
    checkin.refresh_from_db()
    assert checkin.answered_at is None


# --- staff edit the questions ------------------------------------------------------------------------


def test_staff_add_change_and_remove_questions_through_the_pages(personas, program):
    client = _client(personas.staff)
    edit = reverse("partnerships:survey_edit", args=[personas.org.slug, program.pk, "checkin"])
    assert "How is the partnership going?" in client.get(edit).content.decode()

    response = client.post(edit, {"label": "Which format works best?", "kind": "choice", "options": "Video\nIn person"})
    assert response.status_code == 302
    survey = Survey.objects.get(program=program, kind="checkin")
    added = survey.questions[-1]
    assert added == {
        "key": added["key"],
        "label": "Which format works best?",
        "kind": "choice",
        "options": ["Video", "In person"],
        "required": False,
    }
    question_url = reverse(
        "partnerships:survey_question", args=[personas.org.slug, program.pk, "checkin", added["key"]]
    )
    response = client.post(
        question_url, {"label": "Which format works best for you?", "kind": "text", "required": "on"}
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.questions[-1]["label"] == "Which format works best for you?"
    assert survey.questions[-1]["kind"] == "text" and survey.questions[-1]["options"] == []

    delete_url = reverse(
        "partnerships:survey_question_delete", args=[personas.org.slug, program.pk, "checkin", added["key"]]
    )
    assert client.post(delete_url).status_code == 302
    survey.refresh_from_db()
    assert survey.questions[-1]["removed"] is True
    assert "Which format works best" not in client.get(edit).content.decode()
    actions = set(AuditEntry.objects.filter(object_id=str(survey.pk)).values_list("action", flat=True))
    assert {"survey.question_added", "survey.question_changed", "survey.question_removed"} <= actions


def test_a_choice_question_needs_two_choices_named_on_the_field(personas, program):
    client = _client(personas.staff)
    edit = reverse("partnerships:survey_edit", args=[personas.org.slug, program.pk, "closing"])
    response = client.post(edit, {"label": "Pick one", "kind": "choice", "options": "Only one"})
    assert response.status_code == 200
    assert 'id="id_options_error"' in response.content.decode()
    assert all(q["label"] != "Pick one" for q in survey_for(program, "closing").questions)


def test_a_question_with_answers_keeps_its_kind_and_a_removed_key_is_never_reused(personas, program, checkin):
    survey = checkin.survey
    survey_answer(actor=personas.member, survey_request=checkin, answers={"going": 2})
    with pytest.raises(DomainError) as error:
        survey_question_update(
            actor=personas.staff, survey=survey, key="going", data={"label": "Going?", "kind": "text"}
        )
    assert error.value.field == "kind"
    survey_question_remove(actor=personas.staff, survey=survey, key="helping")
    added = survey_question_add(actor=personas.staff, survey=survey, data={"label": "New", "kind": "text"})
    assert added["key"] not in {"going", "meeting_as_agreed", "helping", "would_help"}
    with pytest.raises(DomainError):
        survey_question_add(actor=personas.member, survey=survey, data={"label": "Sneaky", "kind": "text"})


def test_an_unknown_survey_kind_is_a_404(personas, program):
    url = f"/o/{personas.org.slug}/partnerships/programs/{program.pk}/surveys/nonsense/"
    assert _client(personas.staff).get(url).status_code == 404


# --- the evaluation ----------------------------------------------------------------------------------


def _answered(program, kind, answers, **fields):
    pair = partnership(program, starts_on=TODAY - dt.timedelta(days=300))
    request = survey_request(pair, pair.mentee, kind=kind, due_on=TODAY)
    survey_answer(actor=pair.mentee.user, survey_request=request, answers=answers, **fields)
    return request


def test_the_evaluation_counts_averages_and_shows_quotes_with_consent_only(personas, program):
    _answered(
        program, "closing", {"overall": 5, "keep": '=HYPERLINK("x")'}, quote="Enormous insight.", quote_consent=True
    )
    _answered(program, "closing", {"overall": 4, "training": 3})
    refused = partnership(program, starts_on=TODAY - dt.timedelta(days=300))
    request = survey_request(refused, refused.mentee, kind="closing", due_on=TODAY)
    with pytest.raises(DomainError):
        survey_answer(
            actor=refused.mentee.user, survey_request=request, answers={"overall": 3}, quote="Do not publish me"
        )
    survey_answer(actor=refused.mentee.user, survey_request=request, answers={"overall": 3})

    closing = next(summary for summary in evaluation(program) if summary.survey.kind == "closing")
    assert (closing.requested, closing.answered) == (3, 3)
    overall = next(scale for scale in closing.scales if scale.key == "overall")
    assert str(overall.average) == "4.0" and overall.count == 3
    assert overall.rows == [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1)]
    assert closing.quotes == ["Enormous insight."]

    client = _client(personas.admin)
    page = client.get(reverse("partnerships:evaluation", args=[personas.org.slug, program.pk]))
    content = page.content.decode()
    assert "Enormous insight." in content and "Do not publish me" not in content
    assert "Average 4.0 of 5 (3 answers)" in content
    # Full names: a generated family name alone (say "Page") may be a word of the page.
    for pair_person in SurveyRequest.objects.filter(survey__program=program).select_related("person"):
        assert f"{pair_person.person.given_name} {pair_person.person.family_name}" not in content

    export = client.get(reverse("partnerships:evaluation_csv", args=[personas.org.slug, program.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Survey", "Answered on", "Side", "Question", "Answer"]
    body = [row for row in rows[1:]]
    answered_on = local(timezone.now(), personas.org.time_zone).date().isoformat()
    assert ["Closing survey", answered_on, "Mentee", "Overall, how would you rate the program?", "5"] in body
    assert any(row[4] == '\'=HYPERLINK("x")' for row in body)
    assert any(row[3] == "Quote for publication (with consent)" and row[4] == "Enormous insight." for row in body)
    assert "Do not publish me" not in str(rows)
