"""The staff list of partnerships: metadata only (never notes, topics, agendas or goals), filters,
the CSV export, bounded queries, the closure day's button, and 404 across organizations."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorweb.partnerships.models import Goal, Health, PartnershipStatus, SurveyRequest
from mentorweb.partnerships.tests.health_world import (
    AGENDA,
    GOAL,
    SHARED_NOTE,
    TOPIC,
    meeting,
    partnership,
    survey_request,
    world_program,
)
from tests.factories import OrganizationFactory
from tests.pairing import member_of, pairing_offering

TODAY = dt.date.today()
CONFIDENTIAL = (SHARED_NOTE, TOPIC, AGENDA, GOAL, "Plan: entry plan review", "Why we connected")


@pytest.fixture
def program(personas):
    return world_program(personas.org)


@pytest.fixture
def offering(program):
    return pairing_offering(program, slug="2025-2026")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _list_url(personas, **query):
    url = reverse("partnerships:staff_list", args=[personas.org.slug])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def _with_history(program, offering=None, **fields):
    pair = partnership(
        program, offering=offering, starts_on=TODAY - dt.timedelta(days=90), purpose="Why we connected", **fields
    )
    meeting(pair, TODAY - dt.timedelta(days=20), 90, with_content=True)
    meeting(pair, TODAY - dt.timedelta(days=5), 45, with_content=True)
    Goal.objects.create(partnership=pair, title=GOAL, description=GOAL, success_indicators=GOAL, next_steps=GOAL)
    return pair


def test_the_list_shows_metadata_and_never_what_the_pair_wrote(personas, program, offering):
    mentor = member_of(personas.org, given_name="Aurèle", family_name="Bouchard")
    pair = _with_history(program, offering, mentor=mentor, health=Health.AT_RISK)
    request = survey_request(pair, pair.mentee, due_on=TODAY)
    SurveyRequest.objects.filter(pk=request.pk).update(
        answers={"helping": "Secret answer"}, answered_at=pair.created_at
    )

    page = _client(personas.staff).get(_list_url(personas))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Aurèle Bouchard" in content and pair.mentee.full_name in content
    assert "At risk" in content
    assert "2.25" in content  # 90 + 45 minutes
    assert (TODAY - dt.timedelta(days=5)).strftime("%-d %b %Y") in content
    assert "1 of 1" in content  # surveys answered of requested
    for text in (*CONFIDENTIAL, "Secret answer"):
        assert text not in content

    export = _client(personas.admin).get(reverse("partnerships:staff_export", args=[personas.org.slug]))
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    text = b"".join(export.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Program", "Offering", "Kind", "Mentor", "Mentee"]
    assert rows[1][3] == "Aurèle Bouchard"
    assert rows[1][8:14] == ["2", "2.25", (TODAY - dt.timedelta(days=5)).isoformat(), "At risk", "1", "1"]
    for secret in (*CONFIDENTIAL, "Secret answer"):
        assert secret not in text


def test_the_export_escapes_formulas(personas, program):
    mentor = member_of(personas.org, given_name='=HYPERLINK("http://evil")', family_name="")
    partnership(program, mentor=mentor, starts_on=TODAY)
    export = _client(personas.admin).get(reverse("partnerships:staff_export", args=[personas.org.slug]))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[1][3].startswith("'=HYPERLINK")


def test_filters_by_health_status_program_and_offering(personas, program, offering):
    at_risk = partnership(program, offering=offering, starts_on=TODAY, health=Health.AT_RISK)
    on_track = partnership(program, starts_on=TODAY, health=Health.ON_TRACK)
    other_program = world_program(personas.org, slug="second")
    elsewhere = partnership(other_program, starts_on=TODAY, status=PartnershipStatus.COMPLETED)
    client = _client(personas.admin)

    def names(**query):
        content = client.get(_list_url(personas, **query)).content.decode()
        return {pair.pk for pair in (at_risk, on_track, elsewhere) if pair.mentee.full_name in content}

    assert names() == {at_risk.pk, on_track.pk, elsewhere.pk}
    assert names(health="at_risk") == {at_risk.pk}
    assert names(status="completed") == {elsewhere.pk}
    assert names(program=program.pk) == {at_risk.pk, on_track.pk}
    assert names(offering=offering.pk) == {at_risk.pk}
    # A stale or foreign filter value is ignored, not an error.
    assert client.get(_list_url(personas, program="999999", health="nonsense")).status_code == 200


def test_the_pages_count_the_filtered_partnerships(personas, program, monkeypatch):
    """The paginator's count comes from the health counts: with and without a health filter."""
    monkeypatch.setattr("mentorweb.partnerships.views_staff.PAGE_SIZE", 2)
    for _n in range(3):
        partnership(program, starts_on=TODAY, health=Health.AT_RISK)
    for _n in range(2):
        partnership(program, starts_on=TODAY, health=Health.ON_TRACK)
    client = _client(personas.admin)

    def paging(**query):
        page = client.get(_list_url(personas, **query)).context["page"]
        return page.paginator.count, page.paginator.num_pages, len(page.object_list)

    assert paging() == (5, 3, 2)
    assert paging(health="at_risk") == (3, 2, 2)
    assert paging(health="at_risk", page="2") == (3, 2, 1)
    assert paging(health="inactive") == (0, 1, 0)


def test_the_list_and_export_run_the_same_queries_for_few_or_many(personas, program, offering):
    client = _client(personas.staff)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(queries)

    export = reverse("partnerships:staff_export", args=[personas.org.slug])
    for _ in range(2):
        _with_history(program, offering)
    few = (count(_list_url(personas)), count(export))
    for _ in range(8):
        _with_history(program, offering)
    many = (count(_list_url(personas)), count(export))
    assert many == few


def test_other_people_are_refused(personas, program, offering):
    assert _client(personas.member).get(_list_url(personas)).status_code == 403
    assert _client(personas.outsider).get(_list_url(personas)).status_code == 404
    other = OrganizationFactory(slug="elsewhere-assoc")
    foreign_program = world_program(other, slug="foreign")
    foreign_offering = pairing_offering(foreign_program, slug="foreign-2025")
    client = _client(personas.admin)
    slug = personas.org.slug
    for url in (
        reverse("partnerships:evaluation", args=[slug, foreign_program.pk]),
        reverse("partnerships:evaluation_csv", args=[slug, foreign_program.pk]),
        reverse("partnerships:closing_survey", args=[slug, foreign_offering.pk]),
        reverse("partnerships:survey_edit", args=[slug, foreign_program.pk, "checkin"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("partnerships:closing_survey", args=[slug, foreign_offering.pk])).status_code == 404


def test_the_closure_day_button_sends_the_closing_survey(
    personas, program, offering, django_capture_on_commit_callbacks
):
    pairs = [partnership(program, offering=offering, starts_on=TODAY - dt.timedelta(days=200)) for _ in range(2)]
    client = _client(personas.staff)
    page = client.get(_list_url(personas, offering=offering.pk)).content.decode()
    button = reverse("partnerships:closing_survey", args=[personas.org.slug, offering.pk])
    assert button in page
    assert "2 active partnerships" in client.get(button).content.decode()
    assert _client(personas.member).post(button).status_code == 403
    response = client.post(button)
    assert response.status_code == 302
    assert SurveyRequest.objects.filter(partnership__in=pairs, survey__kind="closing").count() == 4
    # The people find it on their home page.
    mentee = pairs[0].mentee.user
    home = _client(mentee).get("/").content.decode()
    request = SurveyRequest.objects.get(partnership=pairs[0], person=pairs[0].mentee)
    assert reverse("partnerships:survey_answer", args=[request.pk]) in home


def test_the_pair_sees_their_commitment_picture(personas, program):
    pair = partnership(program, mentee=personas.member.person, starts_on=TODAY - dt.timedelta(days=75))
    meeting(pair, TODAY - dt.timedelta(days=3), 90)
    page = _client(personas.member).get(reverse("partnerships:detail", args=[pair.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" in content and 'role="img"' in content
    assert "Meetings and hours, month by month" in content
    assert "1.50" in content
    # Staff reach no partnership page of a pair.
    assert _client(personas.admin).get(reverse("partnerships:detail", args=[pair.pk])).status_code == 404
