"""Staff pages and services for an organization's own items: add, edit, replace the file,
unpublish; errors naming the field with nothing saved; 404 across organizations."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditEntry
from mentorweb.resources import services
from mentorweb.resources.models import Resource
from mentorweb.resources.tests.world import resource

BASE = "/o/northern-lights/resources/"


def _form(**overrides):
    data = {
        "title": "Goal-setting planner for ECE and kindergarten teams",
        "type": "template",
        "link": "",
        "source": "Northern Lights board",
        "summary": "A one-page planner.",
        "themes": ["goal_setting", "early_learning"],
        "audiences": ["early_childhood_educator", "teacher"],
        "language": "en",
        "is_published": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("persona", "status"), [("admin", 200), ("staff", 200), ("member", 403), ("outsider", 404)])
def test_staff_pages_are_for_administrators_and_coordinators(personas, persona, status):
    item = resource(personas.org)
    client = personas.client_for(persona)
    for url in (BASE, f"{BASE}new/", f"{BASE}{item.pk}/edit/", f"{BASE}{item.pk}/unpublish/"):
        assert client.get(url).status_code == status, url


def test_add_an_item_from_the_form_end_to_end(personas):
    client = personas.client_for("staff")
    response = client.post(f"{BASE}new/", _form())
    item = Resource.objects.get(organization=personas.org)
    assert response.status_code == 302
    assert response["Location"] == f"/resources/{item.pk}/"
    assert set(item.theme_values()) == {"goal_setting", "early_learning"}
    assert set(item.audience_values()) == {"early_childhood_educator", "teacher"}
    entry = AuditEntry.objects.get(action="resource.created")
    assert entry.organization == personas.org
    assert entry.source == "web"
    # The member now finds it in the library, and beside the goal-setting theme.
    content = personas.client_for("member").get("/resources/", {"theme": "goal_setting"}).content.decode()
    assert item.title in content


def test_add_an_item_with_a_file(personas):
    upload = SimpleUploadedFile("planner.pdf", b"%PDF-1.4 planner", content_type="application/pdf")
    response = personas.client_for("admin").post(f"{BASE}new/", {**_form(), "file": upload})
    assert response.status_code == 302
    item = Resource.objects.get(organization=personas.org)
    assert item.file.name.endswith("planner.pdf")
    assert item.file.name.startswith(f"resources/{personas.org.pk}/")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"link": "javascript:alert(1)"}, "link", "https://"),
        ({"title": " "}, "title", "required"),
        ({"type": "pamphlet"}, "type", "valid choice"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(personas, overrides, field, message):
    response = personas.client_for("staff").post(f"{BASE}new/", _form(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert not Resource.objects.filter(organization=personas.org).exists()
    # The message is tied to its input.
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error"', response.content.decode())


def test_a_link_and_a_file_together_are_refused(personas):
    upload = SimpleUploadedFile("planner.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = personas.client_for("staff").post(f"{BASE}new/", {**_form(link="https://example.org/p"), "file": upload})
    assert "link" in response.context["form"].errors
    assert not Resource.objects.filter(organization=personas.org).exists()


def test_a_file_of_a_forbidden_kind_is_refused(personas):
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    response = personas.client_for("staff").post(f"{BASE}new/", {**_form(), "file": upload})
    assert "file" in response.context["form"].errors
    assert not Resource.objects.filter(organization=personas.org).exists()


def test_edit_an_item_replaces_its_themes_and_file(personas, django_capture_on_commit_callbacks):
    item = resource(personas.org, with_file=True)
    old_name = item.file.name
    storage = item.file.storage
    upload = SimpleUploadedFile("new.pdf", b"%PDF-1.4 new", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client_for("staff").post(
            f"{BASE}{item.pk}/edit/", {**_form(title="Renamed", themes=["reflection"], audiences=[]), "file": upload}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Renamed"
    assert item.theme_values() == ["reflection"]
    assert item.audience_values() == []
    assert item.file.name.endswith("new.pdf")
    assert not storage.exists(old_name)
    changes = AuditEntry.objects.get(action="resource.updated").changes
    assert changes["title"] == ["Kindergarten team planning template", "Renamed"]
    assert changes["file"] == ["planning.pdf", "new.pdf"]


def test_another_organizations_item_and_a_shared_item_are_404_for_editing(personas):
    theirs = resource(personas.other_org)
    shared = Resource.objects.get(key="goal-setting-conversations")
    client = personas.client_for("admin")
    for item in (theirs, shared):
        assert client.get(f"{BASE}{item.pk}/edit/").status_code == 404
        assert client.post(f"{BASE}{item.pk}/edit/", _form()).status_code == 404
        assert client.post(f"{BASE}{item.pk}/unpublish/").status_code == 404
    shared.refresh_from_db()
    assert shared.title == "Goal Setting Conversations"


def test_unpublish_takes_the_item_out_of_the_library(personas):
    item = resource(personas.org, "Leaving soon")
    response = personas.client_for("staff").post(f"{BASE}{item.pk}/unpublish/")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_published is False
    assert AuditEntry.objects.get(action="resource.updated").changes == {"is_published": [True, False]}
    assert personas.client_for("member").get(f"/resources/{item.pk}/").status_code == 404
    # Still on the staff list, marked as not published.
    assert "Not published" in personas.client_for("staff").get(BASE).content.decode()


def test_the_services_refuse_the_shared_library_and_people_without_the_role(personas):
    shared = Resource.objects.get(key="co-active-coaching")
    with pytest.raises(DomainError) as refused:
        services.resource_update(actor=personas.admin, resource=shared, data={"title": "Mine now"})
    assert refused.value.code == "forbidden"
    with pytest.raises(DomainError) as member:
        services.resource_create(actor=personas.member, organization=personas.org, data={"title": "x", "type": "book"})
    assert member.value.code == "forbidden"
    with pytest.raises(DomainError) as unknown:
        services.resource_create(
            actor=personas.admin, organization=personas.org, data={"title": "x", "type": "book", "key": "mine"}
        )
    assert unknown.value.field == "key"
    with pytest.raises(DomainError) as theme:
        services.resource_create(
            actor=personas.admin, organization=personas.org, data={"title": "x", "type": "book", "themes": ["magic"]}
        )
    assert theme.value.field == "themes"
    assert not Resource.objects.filter(organization=personas.org).exists()
