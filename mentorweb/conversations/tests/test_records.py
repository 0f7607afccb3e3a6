"""Conversation records: answers checked against the tool with errors naming the field and nothing
saved, the pages end to end, privacy (the partner sees, staff and third persons get 404), the
scaling chart with its text alternative, and the API."""

from __future__ import annotations

import re

import pytest

from mentorweb.conversations import services
from mentorweb.conversations.models import Conversation
from mentorweb.conversations.tests.world import builtin, goal, meeting, own_tool, partnership, person_in, scaling_record
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.models import PartnershipStatus


@pytest.fixture
def pair(personas):
    """The member (an ECE) is the mentee; a principal of the same board mentors them."""
    mentee = personas.member.person
    mentee.role_group = "early_childhood_educator"
    mentee.save()
    mentor = person_in(personas.org, "principal")
    return partnership(personas.org, mentor, mentee)


def _base(pair) -> str:
    return f"/me/partnerships/{pair.pk}/conversations/"


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"scale": 11}, "answers.scale"),
        ({"scale": "7"}, "answers.scale"),
        ({"scale": True}, "answers.scale"),
        ({"focus": "Confidence"}, "answers.scale"),  # required
        ({"scale": 5, "mood": "fine"}, "answers.mood"),
        ({"scale": 5, "why_not_lower": ["a list"]}, "answers.why_not_lower"),
        ("not an object", "answers"),
    ],
)
def test_a_bad_answer_names_the_field_and_nothing_is_saved(personas, pair, answers, field):
    with pytest.raises(DomainError) as refused:
        services.conversation_create(
            actor=personas.member,
            partnership=pair,
            template=builtin("scaling-question"),
            meeting=meeting(pair),
            answers=answers,
        )
    assert refused.value.field == field
    assert not Conversation.objects.exists()
    assert not AuditEntry.objects.filter(action="conversation.created").exists()


def test_a_choice_must_be_one_of_the_options_and_an_empty_record_is_refused(personas, pair):
    three_cs = builtin("three-cs")
    with pytest.raises(DomainError) as wrong:
        services.conversation_create(
            actor=personas.member, partnership=pair, template=three_cs, goal=goal(pair), answers={"stance": "Telling"}
        )
    assert wrong.value.field == "answers.stance"
    ai = builtin("appreciative-inquiry")
    with pytest.raises(DomainError) as empty:
        services.conversation_create(
            actor=personas.member, partnership=pair, template=ai, goal=goal(pair), answers={"discover": "  "}
        )
    assert empty.value.field == "answers"
    assert not Conversation.objects.exists()


def test_a_record_keeps_the_questions_as_written_and_the_audit_trail_gets_no_content(personas, pair):
    held = meeting(pair)
    record = services.conversation_create(
        actor=personas.member,
        partnership=pair,
        template=builtin("scaling-question"),
        meeting=held,
        answers={"focus": "Leading the ECE/K team meeting", "scale": 4, "why_not_lower": "We plan together weekly."},
    )
    assert record.answers == {
        "focus": "Leading the ECE/K team meeting",
        "scale": 4,
        "why_not_lower": "We plan together weekly.",
        "one_step_up": "",
    }
    assert record.template_fields == builtin("scaling-question").fields
    entry = AuditEntry.objects.get(action="conversation.created")
    assert entry.organization == personas.org
    assert entry.changes == {
        "partnership": [None, pair.pk],
        "meeting": [None, held.pk],
        "tool": [None, "scaling_question"],
    }
    assert "ECE/K" not in str(entry.changes) + entry.object_label


def test_only_the_two_people_of_an_active_partnership_write(personas, pair):
    template = builtin("third-point")
    for actor in (personas.admin, personas.staff, personas.outsider):
        with pytest.raises(NotFound):
            services.conversation_create(
                actor=actor, partnership=pair, template=template, goal=goal(pair), answers={"artifact": "Timetable"}
            )
    other_pair = partnership(personas.org, person_in(personas.org), person_in(personas.org))
    with pytest.raises(NotFound):
        services.conversation_create(
            actor=personas.member, partnership=pair, template=template, goal=goal(other_pair), answers={"artifact": "x"}
        )
    pair.status = PartnershipStatus.COMPLETED
    pair.save()
    with pytest.raises(DomainError) as closed:
        services.conversation_create(
            actor=personas.member, partnership=pair, template=template, goal=goal(pair), answers={"artifact": "x"}
        )
    assert closed.value.code == "not_active"
    assert not Conversation.objects.exists()


def test_another_organizations_tool_cannot_be_used(personas, pair):
    theirs = own_tool(personas.other_org)
    with pytest.raises(DomainError) as refused:
        services.conversation_create(
            actor=personas.member, partnership=pair, template=theirs, goal=goal(pair), answers={"what_worked": "x"}
        )
    assert refused.value.field == "template_id"
    url = f"{_base(pair)}goals/{goal(pair).pk}/new/{theirs.pk}/"
    assert personas.client_for("member").get(url).status_code == 404


def test_record_a_scaling_question_through_the_pages_and_the_partner_reads_it(personas, pair, client):
    held = meeting(pair)
    member = personas.client_for("member")
    chooser = member.get(f"{_base(pair)}meetings/{held.pk}/").content.decode()
    scaling = builtin("scaling-question")
    fill_url = f"{_base(pair)}meetings/{held.pk}/new/{scaling.pk}/"
    assert fill_url in chooser
    page = member.get(fill_url).content.decode()
    assert "Why not lower?" in page
    assert "Scaling Questions as a Tool for Debriefing" in page  # the resource beside the tool
    response = member.post(
        fill_url, {"focus": "Confidence with families", "scale": "6", "why_not_lower": "Daily notes"}
    )
    record = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{_base(pair)}{record.pk}/"
    assert record.author == personas.member
    assert record.answers["scale"] == 6
    partner = _client(client, pair.mentor.user)
    detail = partner.get(f"{_base(pair)}{record.pk}/").content.decode()
    assert "Confidence with families" in detail
    assert "6 out of 10" in detail
    assert f"{_base(pair)}{record.pk}/" in partner.get(_base(pair)).content.decode()


def test_a_bad_answer_on_the_page_is_tied_to_its_input_and_nothing_is_saved(personas, pair):
    held = meeting(pair)
    url = f"{_base(pair)}meetings/{held.pk}/new/{builtin('scaling-question').pk}/"
    response = personas.client_for("member").post(url, {"focus": "Confidence"})
    assert response.status_code == 200
    assert "scale" in response.context["form"].errors
    assert re.search(r'aria-describedby="[^"]*id_scale_error"', response.content.decode())
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("persona", ["admin", "staff", "outsider"])
def test_staff_and_third_persons_get_404_for_every_record_page(personas, pair, persona):
    held = meeting(pair)
    record = scaling_record(pair, held, 7)
    client = personas.client_for(persona)
    for url in (
        _base(pair),
        f"{_base(pair)}{record.pk}/",
        f"{_base(pair)}scaling/",
        f"{_base(pair)}meetings/{held.pk}/",
        f"{_base(pair)}meetings/{held.pk}/new/{builtin('three-cs').pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"{_base(pair)}meetings/{held.pk}/new/{builtin('scaling-question').pk}/", {"scale": "3"})
    assert response.status_code == 404
    assert Conversation.objects.count() == 1


def test_a_record_of_another_partnership_is_a_404_for_the_member(personas, pair):
    others = partnership(personas.org, person_in(personas.org), person_in(personas.org))
    theirs = scaling_record(others, meeting(others), 2)
    assert personas.client_for("member").get(f"{_base(pair)}{theirs.pk}/").status_code == 404
    assert personas.client_for("member").get(f"{_base(pair)}meetings/{meeting(others).pk}/").status_code == 404


def test_a_completed_partnership_is_read_but_not_written(personas, pair):
    held = meeting(pair)
    scaling_record(pair, held, 5)
    pair.status = PartnershipStatus.COMPLETED
    pair.save()
    member = personas.client_for("member")
    assert member.get(_base(pair)).status_code == 200
    page = member.get(f"{_base(pair)}meetings/{held.pk}/").content.decode()
    assert "no longer active" in page
    member.post(f"{_base(pair)}meetings/{held.pk}/new/{builtin('scaling-question').pk}/", {"scale": "9"})
    assert Conversation.objects.count() == 1


# --- the scaling chart ------------------------------------------------------------------------------


def test_the_scaling_chart_has_a_text_alternative(personas, pair):
    held = meeting(pair)
    for value in (3, 5, 8):
        scaling_record(pair, held, value, focus=f"Step {value}")
    content = personas.client_for("member").get(f"{_base(pair)}scaling/").content.decode()
    assert 'role="img"' in content
    assert "3 values, from 3 to 8 out of 10" in content
    table = content[content.index("<table") : content.index("</table>")]
    assert [int(v) for v in re.findall(r"<td>(\d+)</td>", table)] == [3, 5, 8]
    assert "Step 5" in table
    assert '<th scope="col">' in table
    # The line goes up: a higher value is drawn higher (a smaller y).
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', content)]
    assert ys[0] > ys[1] > ys[2]


def test_the_scaling_page_without_records(personas, pair):
    content = personas.client_for("member").get(f"{_base(pair)}scaling/").content.decode()
    assert "No scaling question has been recorded yet" in content
    assert "<svg" not in content


def test_the_records_pages_run_a_bounded_number_of_queries(personas, pair):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = personas.client_for("member")
    held = meeting(pair)
    member.get(_base(pair))

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert member.get(url).status_code == 200
        return len(queries)

    scaling_record(pair, held, 1)
    few = (count(_base(pair)), count(f"{_base(pair)}scaling/"))
    for value in range(2, 12):
        scaling_record(pair, held, value % 11)
    assert (count(_base(pair)), count(f"{_base(pair)}scaling/")) == few


# --- API ------------------------------------------------------------------------------------------------


def test_api_records_for_the_pair_only(personas, pair, api_as):
    held = meeting(pair)
    scaling = builtin("scaling-question")
    bad = api_as("member")(
        "POST", "/conversations", {"template_id": scaling.pk, "meeting_id": held.pk, "answers": {"scale": 12}}
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "answers.scale"
    both = api_as("member")(
        "POST",
        "/conversations",
        {"template_id": scaling.pk, "meeting_id": held.pk, "goal_id": goal(pair).pk, "answers": {"scale": 2}},
    )
    assert both.status_code == 422
    assert not Conversation.objects.exists()
    created = api_as("member")(
        "POST", "/conversations", {"template_id": scaling.pk, "meeting_id": held.pk, "answers": {"scale": 7}}
    )
    assert created.status_code == 201
    body = created.json()
    assert body["scale_value"] == 7
    assert body["partnership_id"] == pair.pk
    listed = api_as("member")("GET", f"/conversations?partnership_id={pair.pk}&tool=scaling_question").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]
    assert api_as("admin")("GET", "/conversations").json()["items"] == []
    assert api_as("admin")("GET", f"/conversations/{body['id']}").status_code == 404
    assert api_as("member")("GET", f"/conversations/{body['id']}").json()["answers"]["scale"] == 7
