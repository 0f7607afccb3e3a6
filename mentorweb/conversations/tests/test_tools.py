"""Conversation tools: the built-ins, checking a tool's questions, customizing a built-in into an
organization, staff pages and API, and 404 across organizations."""

from __future__ import annotations

import pytest

from mentorweb.conversations import selectors, services
from mentorweb.conversations.builtins import BUILTINS, sync_builtin_templates
from mentorweb.conversations.fields import clean_questions
from mentorweb.conversations.models import ConversationTemplate, Tool
from mentorweb.conversations.tests.world import builtin, own_tool
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry

BASE = "/o/northern-lights/conversation-tools/"


def _labels(template: ConversationTemplate) -> list[str]:
    return [field["label"] for field in template.fields]


def test_every_tool_of_the_issue_has_a_built_in(db):
    builtins = ConversationTemplate.objects.filter(organization__isnull=True)
    assert {t.tool for t in builtins} == set(Tool.values) - {Tool.CUSTOM}
    assert builtins.count() == len(BUILTINS)
    stance = builtin("three-cs").fields[0]
    assert stance["kind"] == "choice"
    assert stance["options"] == ["Consulting", "Collaborating", "Coaching"]
    for key in ("conversation-map-planning", "conversation-map-reflecting", "conversation-map-problem-resolving"):
        assert _labels(builtin(key)) == ["Paraphrase the issue", "Explore options", "Plan next steps", "Self-evaluate"]
    scaling = builtin("scaling-question")
    assert [f["kind"] for f in scaling.fields if f["key"] == "scale"] == ["scale_0_10"]
    assert {"Why not lower?", "One step up"} <= set(_labels(scaling))
    assert _labels(builtin("appreciative-inquiry")) == ["Discover", "Dream", "Design", "Deliver"]
    assert {"The shared artifact", "What it showed"} <= set(_labels(builtin("third-point")))
    assert "Focus agreed before the observation" in _labels(builtin("observation-debrief"))


def test_built_ins_are_kept_in_step_with_the_code(db):
    assert sync_builtin_templates() == 0
    scaling = builtin("scaling-question")
    ConversationTemplate.objects.filter(pk=scaling.pk).update(name="Changed by hand", fields=[])
    assert sync_builtin_templates() == 1
    scaling.refresh_from_db()
    assert scaling.name == "Scaling question"
    assert "Why not lower?" in _labels(scaling)
    assert sync_builtin_templates() == 0


@pytest.mark.parametrize(
    ("questions", "field"),
    [
        ([], "fields"),
        ([{"key": "stance", "label": "Stance", "kind": "choice", "options": ["Only one"]}], "fields.0.options"),
        ([{"key": "a", "label": "A", "kind": "text"}, {"key": "a", "label": "B", "kind": "text"}], "fields.1.key"),
        ([{"key": "Bad Key", "label": "A", "kind": "text"}], "fields.0.key"),
        ([{"key": "a", "label": "", "kind": "text"}], "fields.0.label"),
        ([{"key": "a", "label": "A", "kind": "essay"}], "fields.0.kind"),
        ([{"key": "a", "label": "A", "kind": "text", "options": ["x", "y"]}], "fields.0.options"),
        ([{"key": "a", "label": "A", "kind": "text", "colour": "red"}], "fields.0.colour"),
        (["not an object"], "fields.0"),
    ],
)
def test_a_bad_question_names_its_field(questions, field):
    with pytest.raises(DomainError) as refused:
        clean_questions(questions)
    assert refused.value.field == field


def test_customizing_copies_a_built_in_into_the_organization(personas):
    scaling = builtin("scaling-question")
    copy = services.template_customize(actor=personas.staff, organization=personas.org, template=scaling)
    assert copy.organization == personas.org
    assert copy.key == scaling.key
    assert copy.based_on == scaling
    assert copy.fields == scaling.fields
    assert copy.tool == Tool.SCALING_QUESTION
    assert AuditEntry.objects.get(action="conversation_template.customized").organization == personas.org
    # The copy replaces the built-in for the organization's partnerships, and only for them.
    ours = [t.pk for t in selectors.available_templates(personas.org)]
    assert copy.pk in ours
    assert scaling.pk not in ours
    assert scaling.pk in [t.pk for t in selectors.available_templates(personas.other_org)]
    # Changing the copy leaves the built-in as it is.
    services.template_update(
        actor=personas.staff,
        template=copy,
        data={"fields": [*copy.fields, {"key": "support", "label": "What support would help?", "kind": "long_text"}]},
    )
    scaling.refresh_from_db()
    assert "What support would help?" not in _labels(scaling)
    # A copy not in use hides the tool from the organization's partnerships.
    services.template_update(actor=personas.staff, template=copy, data={"is_active": False})
    assert Tool.SCALING_QUESTION not in {t.tool for t in selectors.available_templates(personas.org)}
    with pytest.raises(DomainError) as twice:
        services.template_customize(actor=personas.staff, organization=personas.org, template=scaling)
    assert twice.value.code == "conflict"


def test_built_ins_stay_as_they_are_and_members_cannot_change_tools(personas):
    with pytest.raises(DomainError) as refused:
        services.template_update(actor=personas.admin, template=builtin("three-cs"), data={"name": "Mine"})
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as member:
        services.template_create(
            actor=personas.member,
            organization=personas.org,
            data={"name": "x", "fields": [{"key": "a", "label": "A", "kind": "text"}]},
        )
    assert member.value.code == "forbidden"
    with pytest.raises(DomainError) as key:
        services.template_create(
            actor=personas.admin,
            organization=personas.org,
            data={"name": "x", "key": "three-cs", "fields": [{"key": "a", "label": "A", "kind": "text"}]},
        )
    assert key.value.field == "key"


def test_add_a_tool_from_the_staff_page_end_to_end(personas):
    data = {
        "name": "ECE and kindergarten team check-in",
        "tool": "custom",
        "description": "For educator teams who share a classroom.",
        "is_active": "on",
        "questions-TOTAL_FORMS": "3",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "30",
        "questions-0-key": "what_worked",
        "questions-0-label": "What worked in our shared time?",
        "questions-0-kind": "long_text",
        "questions-0-required": "on",
        "questions-1-key": "time",
        "questions-1-label": "Was there enough embedded time?",
        "questions-1-kind": "choice",
        "questions-1-options": "Enough\r\nNot enough\r\n",
        "questions-2-kind": "long_text",
    }
    response = personas.client_for("staff").post(f"{BASE}new/", data)
    template = ConversationTemplate.objects.get(organization=personas.org)
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{template.pk}/"
    assert template.key == "ece-and-kindergarten-team-check-in"
    assert template.fields[1]["options"] == ["Enough", "Not enough"]
    assert template.fields[0]["required"] is True
    assert len(template.fields) == 2  # the empty row is left out


def test_a_bad_question_on_the_staff_page_is_tied_to_its_row_and_nothing_is_saved(personas):
    data = {
        "name": "Half-made tool",
        "tool": "custom",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "30",
        "questions-0-key": "fine",
        "questions-0-label": "Fine",
        "questions-0-kind": "text",
        "questions-1-key": "stance",
        "questions-1-label": "Stance",
        "questions-1-kind": "choice",
        "questions-1-options": "Only one",
    }
    response = personas.client_for("staff").post(f"{BASE}new/", data)
    assert response.status_code == 200
    row = response.context["formset"].forms[1]
    assert "options" in row.errors
    assert "id_questions-1-options_error" in response.content.decode()
    assert not ConversationTemplate.objects.filter(organization=personas.org).exists()


def test_customize_from_the_page_then_edit_the_copy(personas):
    third_point = builtin("third-point")
    client = personas.client_for("admin")
    assert client.get(f"{BASE}{third_point.pk}/customize/").status_code == 200
    response = client.post(f"{BASE}{third_point.pk}/customize/")
    copy = ConversationTemplate.objects.get(organization=personas.org, key="third-point")
    assert response["Location"] == f"{BASE}{copy.pk}/edit/"
    page = client.get(f"{BASE}{copy.pk}/edit/")
    assert page.status_code == 200
    assert "The shared artifact" in page.content.decode()
    listing = client.get(BASE).content.decode()
    assert "Our copy of a built-in tool" in listing
    # A built-in is never edited in place: its edit page does not exist.
    assert client.get(f"{BASE}{third_point.pk}/edit/").status_code == 404


def test_another_organizations_tool_is_a_404(personas):
    theirs = own_tool(personas.other_org)
    client = personas.client_for("admin")
    for url in (f"{BASE}{theirs.pk}/", f"{BASE}{theirs.pk}/edit/", f"{BASE}{theirs.pk}/customize/"):
        assert client.get(url).status_code == 404, url
    # Its own tool is not a built-in: nothing to customize.
    ours = own_tool(personas.org)
    assert client.get(f"{BASE}{ours.pk}/customize/").status_code == 404


def test_the_tools_page_runs_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    client = personas.client_for("staff")
    client.get(BASE)
    for n in range(10):
        own_tool(personas.org, key=f"tool-{n}")
    with django_assert_max_num_queries(12):
        assert client.get(BASE).status_code == 200


# --- API ------------------------------------------------------------------------------------------


def test_api_tools_for_members_and_staff(personas, api_as):
    ours = own_tool(personas.org)
    own_tool(personas.other_org, key="their-tool")
    listed = api_as("member")("GET", "/organizations/northern-lights/conversation-templates").json()
    keys = {t["key"] for t in listed}
    assert "ece-k-check-in" in keys
    assert "their-tool" not in keys
    assert "scaling-question" in keys
    theirs = ConversationTemplate.objects.get(key="their-tool")
    assert (
        api_as("member")("GET", f"/organizations/northern-lights/conversation-templates/{theirs.pk}").status_code == 404
    )
    bad = api_as("staff")(
        "PATCH",
        f"/organizations/northern-lights/conversation-templates/{ours.pk}",
        {"fields": [{"key": "a", "label": "A", "kind": "choice", "options": ["one"]}]},
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "fields.0.options"
    built_in = builtin("three-cs")
    refused = api_as("staff")(
        "PATCH", f"/organizations/northern-lights/conversation-templates/{built_in.pk}", {"name": "Mine"}
    )
    assert refused.status_code == 403
    copy = api_as("staff")("POST", f"/organizations/northern-lights/conversation-templates/{built_in.pk}/customize")
    assert copy.status_code == 201
    assert copy.json()["based_on"] == built_in.pk
    assert copy.json()["organization"] == "northern-lights"
