"""The API of surveys and health: one's own survey requests (list, read, answer), and for staff
the health list (metadata only) and a program's survey results (no names, quotes with consent)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from mentorweb.api.services import token_create
from mentorweb.partnerships.models import Health, SurveyKind
from mentorweb.partnerships.surveys import survey_answer
from mentorweb.partnerships.tests.health_world import (
    SHARED_NOTE,
    TOPIC,
    meeting,
    partnership,
    survey_request,
    world_program,
)
from tests.factories import OrganizationFactory

TODAY = dt.date.today()


@pytest.fixture
def api_as(personas):
    """A caller with the persona's personal access token (like the API tests' fixture of that name)."""

    def make(name: str) -> Any:
        token = token_create(user=getattr(personas, name), name="tests", expires_at=None)[1]

        def call(method: str, path: str, body: Any = None) -> Any:
            kwargs: dict[str, Any] = (
                {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
            )
            return getattr(Client(), method.lower())(f"/api/v1{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)

        return call

    return make


@pytest.fixture
def program(personas):
    return world_program(personas.org)


@pytest.fixture
def pair(program, personas):
    pair = partnership(program, mentee=personas.member.person, starts_on=TODAY - dt.timedelta(days=45))
    pair.health = Health.AT_RISK
    pair.save(update_fields=["health"])
    meeting(pair, TODAY - dt.timedelta(days=16), 75, with_content=True)
    return pair


@pytest.fixture
def closing(pair, personas):
    return survey_request(pair, personas.member.person, kind=SurveyKind.CLOSING, due_on=TODAY)


def test_a_person_lists_reads_and_answers_their_survey(api_as, closing, pair):
    member = api_as("member")
    listed = member("GET", "/survey-requests?due=true")
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [item["id"] for item in items] == [closing.pk]
    assert items[0]["offers_quote"] is True
    assert "overall" in {question["key"] for question in items[0]["questions"]}

    url = f"/survey-requests/{closing.pk}"
    refused = member("POST", url + "/answer", {"answers": {"overall": 5}, "quote": "Very helpful."})
    assert refused.status_code == 400 and refused.json()["field"] == "quote_consent"
    bad = member("POST", url + "/answer", {"answers": {"overall": 9}})
    assert bad.status_code == 400 and bad.json()["field"] == "answers.overall"
    wrong_type = member("POST", url + "/answer", {"answers": {"overall": [1]}})
    assert wrong_type.status_code == 422

    answered = member(
        "POST",
        url + "/answer",
        {"answers": {"overall": 5, "keep": "The meetings"}, "quote": "Very helpful.", "quote_consent": True},
    )
    assert answered.status_code == 200, answered.content
    body = answered.json()
    assert body["answers"] == {"overall": 5, "keep": "The meetings"}
    assert body["quote"] == "Very helpful." and body["quote_consent"] is True
    assert member("POST", url + "/answer", {"answers": {"overall": 1}}).status_code == 400
    assert member("GET", "/survey-requests?due=true").json()["items"] == []
    for persona in ("admin", "staff", "outsider"):
        assert api_as(persona)("GET", url).status_code == 404


def test_staff_list_health_as_metadata_only(api_as, pair, personas):
    response = api_as("staff")("GET", f"/organizations/{personas.org.slug}/partnerships/health?health=at_risk")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 1
    item = items[0]
    assert item["id"] == pair.pk and item["health"] == "at_risk"
    assert item["meetings"] == 1 and item["hours"] == "1.25"
    assert item["mentee"] == personas.member.person.full_name
    assert set(item) == {
        "id", "program", "offering", "kind", "mentor", "mentee", "status", "starts_on", "ends_on",
        "meetings", "hours", "last_meeting_on", "health", "surveys_answered", "surveys_requested",
    }  # fmt: skip
    assert SHARED_NOTE not in response.content.decode() and TOPIC not in response.content.decode()
    assert (
        api_as("staff")("GET", f"/organizations/{personas.org.slug}/partnerships/health?health=on_track").json()[
            "items"
        ]
        == []
    )
    assert api_as("member")("GET", f"/organizations/{personas.org.slug}/partnerships/health").status_code == 403
    assert api_as("outsider")("GET", f"/organizations/{personas.org.slug}/partnerships/health").status_code == 404


def test_survey_results_without_names_and_quotes_with_consent(api_as, program, personas, closing):
    survey_answer(
        actor=personas.member,
        survey_request=closing,
        answers={"overall": 4, "keep": "Face-to-face time"},
        quote="It was a fabulous experience.",
        quote_consent=True,
    )
    other = partnership(program, starts_on=TODAY - dt.timedelta(days=300))
    second = survey_request(other, other.mentor, kind=SurveyKind.CLOSING, due_on=TODAY)
    survey_answer(actor=other.mentor.user, survey_request=second, answers={"overall": 2})

    url = f"/organizations/{personas.org.slug}/programs/{program.pk}/survey-results"
    response = api_as("admin")("GET", url)
    assert response.status_code == 200
    closing_summary = next(s for s in response.json()["surveys"] if s["kind"] == "closing")
    overall = next(s for s in closing_summary["scales"] if s["key"] == "overall")
    assert overall["answers"] == 2 and overall["average"] == "3.0"
    assert overall["distribution"] == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 0}
    assert closing_summary["quotes"] == ["It was a fabulous experience."]
    assert next(t for t in closing_summary["texts"] if t["key"] == "keep")["answers"] == ["Face-to-face time"]
    text = response.content.decode()
    # Full names: a generated family name alone may be a word of the answer.
    for person in (personas.member.person, other.mentor):
        assert f"{person.given_name} {person.family_name}" not in text

    foreign = world_program(OrganizationFactory(slug="foreign-org"), slug="foreign")
    assert (
        api_as("admin")("GET", f"/organizations/{personas.org.slug}/programs/{foreign.pk}/survey-results").status_code
        == 404
    )
    assert api_as("member")("GET", url).status_code == 403
    assert api_as("outsider")("GET", url).status_code == 404
