"""The pairing set-up API: the same services and permissions as the pages, 404 across organizations."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorweb.core.models import AuditEntry
from mentorweb.organizations.models import OrganizationKind
from mentorweb.programs.models import ApplicationQuestion, Offering, PairingRules
from mentorweb.programs.tests.factories import course_with_offering
from tests.factories import OrganizationFactory
from tests.pairing import pairing_offering, pairing_program

ORG = "/organizations/northern-lights"


@pytest.fixture
def program(personas):
    return pairing_program(personas.org)


def test_rules_are_read_and_changed_with_the_words(call, program):
    OrganizationFactory(name="Retired Association", slug="retired", kind=OrganizationKind.ASSOCIATION)
    base = f"{ORG}/programs/{program.pk}/pairing-rules"
    assert call("staff", "get", base).json()["max_partnerships"] == 40
    response = call(
        "staff",
        "put",
        base,
        {
            "mentor_membership_organization": "retired",
            "mentor_membership_statuses": ["retired"],
            "weights": {"needs": "5"},
            "max_hours_per_month": "4",
            "max_partnerships": None,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["mentor_membership_organization"] == "retired" and body["max_partnerships"] is None
    assert body["weights"]["needs"] == 5.0 and body["weights"]["portfolio"] == 2.0
    assert body["who_may_mentor"] == ["Members of Retired Association with the status Retired."]
    assert body["commitment"] == "One year, 2–4 hours a month, contact every 7 days"
    assert AuditEntry.objects.get(action="pairing_rules.updated").source == "api"


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"mentor_membership_organization": "nobody"}, 400, "mentor_membership_organization"),
        ({"weights": {"charisma": 1}}, 400, "weights"),
        ({"weights": {"needs": 12}}, 422, "weights.needs"),
        ({"mentor_capacity_default": 3, "mentor_capacity_max": 2}, 400, "mentor_capacity_default"),
        ({"mentor_role_groups": ["wizard"]}, 422, "mentor_role_groups.0"),
        ({"shared_fields": ["salary"]}, 422, "shared_fields.0"),
        ({"mentor_capacity_default": None}, 422, "mentor_capacity_default"),
        ({"colour": "red"}, 422, "colour"),
    ],
)
def test_bad_rules_name_the_field(call, program, body, status, field):
    response = call("admin", "put", f"{ORG}/programs/{program.pk}/pairing-rules", body)
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
    assert PairingRules.objects.get(program=program).mentor_capacity_default == 1


def test_a_course_and_another_organizations_program_are_404(call, personas, program):
    course = course_with_offering(personas.org).program
    theirs = pairing_program(personas.other_org, slug="theirs")
    assert call("admin", "get", f"{ORG}/programs/{course.pk}/pairing-rules").status_code == 404
    assert call("admin", "get", f"{ORG}/programs/{theirs.pk}/pairing-rules").status_code == 404
    assert call("admin", "get", f"/organizations/southern-shores/programs/{theirs.pk}/questions").status_code == 404
    assert call("outsider", "put", f"{ORG}/programs/{program.pk}/pairing-rules", {}).status_code == 404
    assert call("member", "get", f"{ORG}/programs/{program.pk}/questions").status_code == 403


def test_questions_through_the_api(call, personas, program):
    base = f"{ORG}/programs/{program.pk}/questions"
    first = call("staff", "post", base, {"side": "mentee", "label": "Why now?", "kind": "long_text"}).json()
    second = call(
        "staff", "post", base, {"side": "both", "label": "Where?", "kind": "choice", "options": ["Office", "Video"]}
    ).json()
    assert (first["position"], second["position"]) == (1, 2)
    refused = call("staff", "post", base, {"side": "mentor", "label": "Pick", "kind": "choice", "options": ["One"]})
    assert refused.status_code == 400 and refused.json()["field"] == "options"
    changed = call("staff", "patch", f"{base}/{first['id']}", {"required": True})
    assert changed.json()["required"] is True
    order = call("staff", "put", f"{ORG}/programs/{program.pk}/question-order", {"order": [second["id"], first["id"]]})
    assert [q["id"] for q in order.json()] == [second["id"], first["id"]]
    bad_order = call("staff", "put", f"{ORG}/programs/{program.pk}/question-order", {"order": [first["id"]]})
    assert bad_order.status_code == 400 and bad_order.json()["field"] == "order"
    assert [q["label"] for q in call("admin", "get", base).json()] == ["Where?", "Why now?"]
    assert call("staff", "delete", f"{base}/{second['id']}").status_code == 204
    theirs = pairing_program(personas.other_org, slug="theirs")
    question = ApplicationQuestion.objects.create(program=theirs, side="mentor", label="Theirs", kind="yes_no")
    assert call("admin", "patch", f"{base}/{question.pk}", {"required": True}).status_code == 404
    assert call("admin", "delete", f"{base}/{question.pk}").status_code == 404
    assert list(ApplicationQuestion.objects.values_list("label", flat=True)) == ["Why now?", "Theirs"]


def test_extending_a_deadline_through_the_api(call, personas, program):
    offering = pairing_offering(program, registration_deadline=dt.date(2030, 10, 6), end_date=dt.date(2031, 6, 30))
    url = f"{ORG}/offerings/{offering.pk}/extend-deadline"
    for day in ("2030-10-13", "2030-10-20"):
        response = call("staff", "post", url, {"new_deadline": day})
        assert response.status_code == 200, response.content
    assert response.json() == {
        "offering_id": offering.pk,
        "registration_opens": offering.registration_opens.isoformat(),
        "registration_deadline": "2030-10-20",
        "deadline_extended_from": "2030-10-06",
    }
    refused = call("staff", "post", url, {"new_deadline": "2030-10-19"})
    assert refused.status_code == 400 and refused.json()["field"] == "new_deadline"
    theirs = pairing_offering(pairing_program(personas.other_org, slug="theirs"))
    assert (
        call(
            "admin", "post", f"{ORG}/offerings/{theirs.pk}/extend-deadline", {"new_deadline": "2030-10-21"}
        ).status_code
        == 404
    )
    assert Offering.objects.get(pk=theirs.pk).deadline_extended_from is None
    detail = call("admin", "get", f"{ORG}/offerings/{offering.pk}").json()
    assert detail["deadline_extended_from"] == "2030-10-06"
