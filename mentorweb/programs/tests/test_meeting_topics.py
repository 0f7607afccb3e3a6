"""A program's standard meeting topics: edited on the program page and through the API, checked
by the service (blank lines and repeats dropped, limits naming the line), audited like any field."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.programs import services
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.programs.tests.factories import ProgramFactory
from tests.pairing import pairing_program

BASE = "/o/northern-lights/programs/"
TOPICS = ["Goal setting", "Observation and debriefing"]
TOO_MANY = [f"Topic {n}" for n in range(1, 32)]


def text_of(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _post_data(form: Any, **changes: str) -> dict[str, str]:
    """What the browser sends back for the form as shown, with `changes` typed in."""
    data: dict[str, str] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return {**data, **changes}


@pytest.fixture
def program(personas):
    program = pairing_program(personas.org)
    program.meeting_topics = ["Building trust"]
    program.save(update_fields=["meeting_topics"])
    return program


# --- the program page ---------------------------------------------------------------------------


def test_staff_edit_the_topics_on_the_program_page_and_see_them_on_its_page(personas, program):
    client = personas.client_for("staff")
    url = f"{BASE}{program.slug}/edit/"
    form = client.get(url).context["form"]
    assert form.initial["meeting_topics"] == "Building trust"
    typed = "\r\n  Goal setting  \r\ngoal SETTING\r\n\r\nObservation and debriefing\r\nGoal setting\r\n"
    response = client.post(url, _post_data(form, meeting_topics=typed))
    assert response.status_code == 302 and response["Location"] == f"{BASE}{program.slug}/"
    program.refresh_from_db()
    assert program.meeting_topics == TOPICS
    again = client.get(url)
    assert again.context["form"].initial["meeting_topics"] == "Goal setting\nObservation and debriefing"
    assert ">\nGoal setting\nObservation and debriefing</textarea>" in again.content.decode()
    detail = text_of(client.get(f"{BASE}{program.slug}/"))
    assert "<li>Goal setting</li><li>Observation and debriefing</li>" in detail.replace("</li> <li>", "</li><li>")
    assert "Building trust" not in detail


def test_the_page_says_when_a_program_has_no_standard_topics(personas):
    course = ProgramFactory(organization=personas.org)
    client = personas.client_for("admin")
    text = text_of(client.get(f"{BASE}{course.slug}/"))
    assert "Standard meeting topics" in text and "None: people write the topics of each meeting themselves." in text
    form_page = text_of(client.get(f"{BASE}{course.slug}/edit/"))
    assert 'aria-describedby="id_meeting_topics_helptext"' in form_page
    assert "at most 30 topics of at most 80 characters" in form_page


def test_a_web_program_is_created_with_its_topics(personas):
    client = personas.client_for("admin")
    form = client.get(f"{BASE}new/").context["form"]
    data = _post_data(form, name="Mentoring for All", slug="mfa", kind=ProgramKind.WEB, meeting_topics="A\nB\na\n")
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Program.objects.get(slug="mfa").meeting_topics == ["A", "B"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Goal setting\n\n" + "x" * 81, "Line 3 is longer than 80 characters."),
        # Blank lines and repeats count for nothing; the 31st topic is on line 34.
        ("\n".join(["", "Topic 1", "topic 1", *TOO_MANY[1:30], "", TOO_MANY[30]]), "line 34 is one too many"),
    ],
)
def test_a_refused_list_shows_its_error_on_the_textarea_and_saves_nothing(personas, program, typed, message):
    client = personas.client_for("staff")
    url = f"{BASE}{program.slug}/edit/"
    response = client.post(url, _post_data(client.get(url).context["form"], meeting_topics=typed))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["meeting_topics"] and message in errors["meeting_topics"][0]
    text = text_of(response)
    assert re.search(r'<p class="error-text" id="id_meeting_topics_error">.*?' + re.escape(message), text)
    assert re.search(
        r'<textarea name="meeting_topics"[^>]*aria-describedby="id_meeting_topics_helptext id_meeting_topics_error"',
        text,
    )
    assert 'href="#id_meeting_topics"' in text
    program.refresh_from_db()
    assert program.meeting_topics == ["Building trust"]
    assert not AuditEntry.objects.filter(action="program.updated").exists()


# --- the service --------------------------------------------------------------------------------


def test_the_service_cleans_the_list_and_audits_the_change(personas, program):
    services.program_update(
        actor=personas.staff,
        program=program,
        data={"meeting_topics": ["  Goal   setting ", "", "GOAL SETTING", *TOPICS]},
    )
    program.refresh_from_db()
    assert program.meeting_topics == TOPICS
    entry = AuditEntry.objects.get(action="program.updated")
    assert entry.actor == personas.staff and entry.organization == personas.org
    assert entry.changes == {"meeting_topics": [["Building trust"], TOPICS]}
    # The same topics typed again with other spaces and repeats change nothing, and record nothing.
    same = "Goal setting \n\nObservation  and debriefing\ngoal setting\n"
    services.program_update(actor=personas.staff, program=program, data={"meeting_topics": same})
    assert AuditEntry.objects.filter(action="program.updated").count() == 1


def test_thirty_topics_of_eighty_characters_are_the_most(personas, program):
    longest = [f"{n:02d}" + "x" * 78 for n in range(30)]
    services.program_update(actor=personas.admin, program=program, data={"meeting_topics": longest})
    program.refresh_from_db()
    assert program.meeting_topics == longest


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["Goal setting", "", "x" * 81], "Line 3 is longer than 80 characters."),
        (TOO_MANY, "Enter at most 30 topics: line 31 is one too many."),
        (["Goal setting", 7], "Line 2 is not text."),
        (["Goal\x00setting"], "Line 1 must not contain NUL characters."),
        ({"topic": "Goal setting"}, "Enter one topic a line."),
    ],
)
def test_a_bad_list_is_refused_naming_the_field_and_its_line(personas, program, value, message):
    with pytest.raises(DomainError) as error:
        services.program_update(actor=personas.admin, program=program, data={"meeting_topics": value})
    assert (error.value.field, error.value.message) == ("meeting_topics", message)
    program.refresh_from_db()
    assert program.meeting_topics == ["Building trust"]
    assert not AuditEntry.objects.filter(action="program.updated").exists()


def test_a_program_is_created_with_its_topics_in_the_audit_entry(personas):
    program = services.program_create(
        actor=personas.admin, organization=personas.org, data={"name": "Course", "meeting_topics": ["A", " a "]}
    )
    assert program.meeting_topics == ["A"]
    assert AuditEntry.objects.get(action="program.created").changes["meeting_topics"] == [None, ["A"]]


# --- the API ------------------------------------------------------------------------------------


def test_the_api_sets_and_returns_the_topics_to_staff_only(call, personas, program):
    url = f"/organizations/{personas.org.slug}/programs/{program.pk}"
    assert call("staff", "get", url).json()["meeting_topics"] == ["Building trust"]
    response = call("staff", "patch", url, {"meeting_topics": [" Goal setting", "goal setting", "", TOPICS[1]]})
    assert response.status_code == 200, response.content
    assert response.json()["meeting_topics"] == TOPICS
    program.refresh_from_db()
    assert program.meeting_topics == TOPICS
    assert AuditEntry.objects.get(action="program.updated").changes == {"meeting_topics": [["Building trust"], TOPICS]}
    # The catalogue shows what the public catalogue page shows, and that page has no topics.
    assert "meeting_topics" not in call("outsider", "get", f"/programs/{program.pk}").json()
    created = call(
        "admin", "post", f"/organizations/{personas.org.slug}/programs", {"name": "Web", "meeting_topics": ["A"]}
    )
    assert created.status_code == 201 and created.json()["meeting_topics"] == ["A"]


@pytest.mark.parametrize(
    ("topics", "status", "detail"),
    [
        (["Goal setting", "x" * 81], 400, "Line 2 is longer than 80 characters."),
        (TOO_MANY, 400, "Enter at most 30 topics: line 31 is one too many."),
        ("Goal setting", 422, None),
        (None, 422, None),
        ([7], 422, None),
        (["Goal\x00setting"], 422, None),
        (["x" * 1001], 422, None),
        (["x"] * 201, 422, None),
    ],
)
def test_the_api_refuses_bad_topics_naming_the_field(call, personas, program, topics, status, detail):
    response = call(
        "staff", "patch", f"/organizations/{personas.org.slug}/programs/{program.pk}", {"meeting_topics": topics}
    )
    assert response.status_code == status, response.content
    body = response.json()
    assert body["field"].split(".")[0] == "meeting_topics"
    if detail is not None:
        assert body["detail"] == detail
    program.refresh_from_db()
    assert program.meeting_topics == ["Building trust"]
