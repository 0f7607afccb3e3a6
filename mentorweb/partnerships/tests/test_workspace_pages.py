"""The workspace through its pages, end to end: a pair agree on a plan, meet, log the meeting
with topics and a private note, and set a goal; what each person (and staff) sees; a bounded
number of queries whatever the history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorweb.partnerships.agreements import agreement_propose
from mentorweb.partnerships.models import Agreement, AgreementStatus, Goal, Meeting, MeetingStatus, PrivateNote
from mentorweb.partnerships.tests.workspace_world import OPSOA_TOPICS, active_pair, meeting_row, note_row
from mentorweb.programs.times import today_in

NOTE = "Private: she seems exhausted; ask about balance next time"
SHOWN = "she seems exhausted"


@pytest.fixture
def pair(personas):
    return active_pair(personas.org)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_a_pair_agrees_meets_logs_and_sets_a_goal(pair, personas, django_capture_on_commit_callbacks):
    p = pair.partnership.pk
    mentor, mentee = client_for(pair.mentor.user), client_for(pair.mentee.user)
    home = page(mentee, "partnerships:detail", p)
    assert "How we work together" in home and "You have not agreed yet" in home
    assert "Only you can read these." in home

    # The agreement: the mentor proposes, the mentee acknowledges.
    mentor.post(
        reverse("partnerships:agreement", args=[p]),
        {
            "informal_channels": ["text"],
            "formal_planning": "Growth plan each term",
            "meeting_every_days": "7",
            "meeting_modes": ["face_to_face", "video"],
            "confidentiality": "on",
        },
    )
    version = Agreement.objects.get()
    mentee.post(reverse("partnerships:agreement_acknowledge", args=[p, version.pk]), {"ack-confidentiality": "on"})
    assert Agreement.objects.get().status == AgreementStatus.AGREED
    home = page(mentee, "partnerships:detail", p)
    assert "Text message" in home and "every 7 days" in home and "Face to face, Video call" in home

    # A meeting: scheduled (both invited), then, the day after it, logged with topics and a plan.
    day = today_in(personas.org.time_zone) + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        mentee.post(
            reverse("partnerships:meeting_schedule", args=[p]),
            {"date": day.isoformat(), "time": "09:30", "duration_minutes": "60", "mode": "face_to_face"},
        )
    meeting = Meeting.objects.get()
    assert "Next meeting" in page(mentor, "partnerships:detail", p)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=meeting.starts_at - dt.timedelta(days=3))
    mentor.post(
        reverse("partnerships:meeting_log", args=[p, meeting.pk]),
        {
            "topics": [OPSOA_TOPICS[0], OPSOA_TOPICS[10]],
            "shared_notes": "Exchanged résumés",
            "next_plan": "The entry plan",
            "duration_minutes": "70",
        },
    )
    assert Meeting.objects.get().status == MeetingStatus.HELD
    # The plan for next time opens the next meeting's agenda.
    assert "The entry plan" in page(mentee, "partnerships:meeting_schedule", p)

    # A private note about the meeting, and a goal set at it.
    mentor.post(
        reverse("partnerships:note_create", args=[p]) + f"?meeting={meeting.pk}", {"text": NOTE, "meeting": meeting.pk}
    )
    assert PrivateNote.objects.get().meeting_id == meeting.pk
    mentee.post(
        reverse("partnerships:goal_create", args=[p]),
        {
            "title": "An entry plan for the first 100 days",
            "progress": "20",
            "status": "open",
            "set_at_meeting": meeting.pk,
        },
    )
    assert Goal.objects.get().set_at_meeting_id == meeting.pk

    # The mentor reads the note; the mentee, staff and administrators never do.
    assert SHOWN in page(mentor, "partnerships:detail", p)
    assert SHOWN in page(mentor, "partnerships:meeting", p, meeting.pk)
    for url in (
        reverse("partnerships:detail", args=[p]),
        reverse("partnerships:meeting", args=[p, meeting.pk]),
        reverse("partnerships:notes", args=[p]),
    ):
        assert SHOWN not in mentee.get(url).content.decode()
    for user in (personas.admin, personas.staff):
        client = client_for(user)
        assert client.get(reverse("partnerships:detail", args=[p])).status_code == 404
        assert client.get(reverse("partnerships:meeting", args=[p, meeting.pk])).status_code == 404
    note = PrivateNote.objects.get()
    assert mentee.get(reverse("partnerships:note_edit", args=[p, note.pk])).status_code == 404
    assert mentee.post(reverse("partnerships:note_delete", args=[p, note.pk])).status_code == 404
    assert PrivateNote.objects.exists()

    home = page(mentee, "partnerships:detail", p)
    assert "An entry plan for the first 100 days" in home and "Exchanged résumés" not in home
    assert "Exchanged résumés" in page(mentee, "partnerships:meeting", p, meeting.pk)


def test_the_author_changes_and_deletes_their_note_through_the_pages(pair):
    p = pair.partnership.pk
    note = note_row(pair.partnership, pair.mentee, NOTE)
    client = client_for(pair.mentee.user)
    edit = reverse("partnerships:note_edit", args=[p, note.pk])
    assert SHOWN in page(client, "partnerships:note_edit", p, note.pk)
    refused = client.post(edit, {"text": ""}).content.decode()
    assert 'id="id_text_error"' in refused and 'aria-describedby="id_text_error"' in refused
    client.post(edit, {"text": "Rewritten"})
    assert "Rewritten" in page(client, "partnerships:notes", p)
    client.post(reverse("partnerships:note_delete", args=[p, note.pk]))
    assert not PrivateNote.objects.exists()


def _world_of_size(pair, size: int) -> None:
    partnership = pair.partnership
    for i in range(size):
        meeting_row(partnership, -2 - i, status=MeetingStatus.HELD, topics=[OPSOA_TOPICS[0]], next_plan=f"plan {i}")
        meeting_row(partnership, 3 + i)
        Goal.objects.create(partnership=partnership, title=f"Goal {i}", progress=i % 100)
        note_row(partnership, pair.mentee, f"note {i}")
        note_row(partnership, pair.mentor, f"mentor note {i}")
    for version in range(1, size + 1):
        Agreement.objects.create(
            partnership=partnership,
            version=version,
            status=AgreementStatus.SUPERSEDED if version < size else AgreementStatus.AGREED,
            informal_channels=["email"],
            meeting_modes=["video"],
            proposed_by=pair.mentor.user,
            mentor_acknowledged_at=partnership.created_at,
            mentee_acknowledged_at=partnership.created_at,
        )


@pytest.mark.parametrize(
    "name", ["partnerships:detail", "partnerships:meetings", "partnerships:notes", "partnerships:agreement"]
)
def test_pages_run_a_bounded_number_of_queries(personas, name):
    def count(size: int) -> int:
        pair = active_pair(personas.org, slug=f"size-{size}")
        _world_of_size(pair, size)
        client = client_for(pair.mentee.user)
        url = reverse(name, args=[pair.partnership.pk])
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    small, large = count(2), count(25)
    assert large == small, f"{name}: {small} queries with 2 of everything, {large} with 25"


def test_workspace_page_query_budget(pair, django_assert_max_num_queries):
    _world_of_size(pair, 5)
    client = client_for(pair.mentee.user)
    url = reverse("partnerships:detail", args=[pair.partnership.pk])
    client.get(url)
    with django_assert_max_num_queries(30):
        client.get(url)


def test_forms_are_labelled_grouped_and_translated(pair):
    p = pair.partnership.pk
    client = client_for(pair.mentee.user)
    agreement = page(client, "partnerships:agreement", p)
    for legend in ("Between meetings (informal)", "Planning (formal, with a focus on growth)", "Confidentiality"):
        assert f"<legend>{legend}</legend>" in agreement
    assert '<label for="id_meeting_every_days">' in agreement
    schedule = page(client, "partnerships:meeting_schedule", p)
    assert "In America/Toronto time." in schedule and '<label for="id_date">' in schedule
    client.cookies["django_language"] = "fr"
    french = client.get(reverse("partnerships:detail", args=[p]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in french


def test_another_partnership_and_other_people_get_404(pair, personas):
    other = active_pair(personas.org, slug="other")
    meeting = meeting_row(other.partnership, -1)
    goal = Goal.objects.create(partnership=other.partnership, title="Theirs")
    client = client_for(pair.mentee.user)
    p = pair.partnership.pk
    # Rows of another partnership are not reachable through this one's addresses either.
    for url in (
        reverse("partnerships:meeting", args=[p, meeting.pk]),
        reverse("partnerships:meeting_edit", args=[p, meeting.pk]),
        reverse("partnerships:goal_edit", args=[p, goal.pk]),
        reverse("partnerships:detail", args=[other.partnership.pk]),
        reverse("partnerships:agreement", args=[other.partnership.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_a_proposed_partnership_has_no_workspace_yet(personas):
    from mentorweb.partnerships.models import PartnershipStatus, Response

    pair = active_pair(personas.org, status=PartnershipStatus.PROPOSED)
    pair.partnership.mentee_response = Response.PENDING
    pair.partnership.save(update_fields=["mentee_response"])
    client = client_for(pair.mentee.user)
    detail = page(client, "partnerships:detail", pair.partnership.pk)
    assert "How we work together" not in detail and "My private notes" not in detail
    for name in ("partnerships:agreement", "partnerships:meeting_schedule", "partnerships:notes"):
        assert client.get(reverse(name, args=[pair.partnership.pk])).status_code == 404


def test_the_partner_is_shown_only_as_far_as_the_program_shares(personas):
    pair = active_pair(personas.org, shared_fields=["position"])
    pair.mentor.position = "Retired superintendent"
    pair.mentor.bio = "Thirty years in northern boards"
    pair.mentor.save()
    detail = page(client_for(pair.mentee.user), "partnerships:detail", pair.partnership.pk)
    assert "Retired superintendent" in detail
    assert "Thirty years" not in detail and pair.mentor.user.email not in detail
    # Nor do the workspace pages name the mentor, whom the program does not name.
    agreement_propose(
        actor=pair.mentor.user,
        partnership=pair.partnership,
        data={"informal_channels": ["email"], "meeting_every_days": 7, "meeting_modes": ["video"]},
        confidentiality=True,
    )
    for name in ("partnerships:detail", "partnerships:agreement", "partnerships:meetings"):
        text = page(client_for(pair.mentee.user), name, pair.partnership.pk)
        assert "Marguerite" not in text, name
    assert "Proposed by your mentor" in page(
        client_for(pair.mentee.user), "partnerships:agreement", pair.partnership.pk
    )
