"""The library: the seeded shared items, what each person sees, the filters, one item and its file,
and bounded queries whatever the number of items."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorweb.resources.library import SHARED_KEYS, SHARED_LIBRARY, sync_shared_library
from mentorweb.resources.models import Resource, ResourceTheme, ResourceType
from mentorweb.resources.tests.world import resource
from tests.factories import MembershipFactory, OrganizationFactory

LIBRARY = "/resources/"
READING_CHOICES = (
    "Co-Active Coaching",
    "Having Hard Conversations",
    "Hard Conversations Unpacked",
    "Swimming in the Deep End",
)
# A few of the Mentoring for All resources seed 001 lists, one of each kind of topic.
SEED_001_TITLES = (
    "Creating a Mentoring Web",
    "Learners at the Centre - Mentoring for All",
    "Goal Setting Conversations",
    "The 3C's as a Framework",
    "A Conversation Map for Mediating Thinking",
    "Scaling Questions as a Tool for Debriefing",
    "Creating a Third Point",
    "Appreciative Inquiry as a Tool for Reflection and Growth",
    "Observation and Debriefing Protocols",
    "Learning from the New Teacher Induction Program",
    "Mentoring for All - What We Are Learning",
)


def test_the_seeded_shared_library_is_present(db):
    shared = {r.key: r for r in Resource.objects.filter(organization__isnull=True)}
    assert set(shared) == SHARED_KEYS
    titles = {r.title for r in shared.values()}
    assert set(SEED_001_TITLES) <= titles
    assert set(READING_CHOICES) <= titles
    books = Resource.objects.filter(organization__isnull=True, type=ResourceType.BOOK)
    assert set(books.values_list("title", flat=True)) == set(READING_CHOICES)
    assert Resource.objects.get(key="mentoring-for-all-ebook").type == ResourceType.EBOOK
    # The seeds give no addresses: no shared item makes one up.
    assert not Resource.objects.filter(organization__isnull=True).exclude(link="").exists()
    goal_setting = shared["goal-setting-conversations"]
    assert goal_setting.source == "TeachOntario"
    assert set(goal_setting.theme_values()) == {"goal_setting", "conversations"}


def test_the_shared_library_is_kept_in_step_and_a_second_sync_changes_nothing(db):
    assert sync_shared_library() == 0
    item = Resource.objects.get(key="creating-a-third-point")
    Resource.objects.filter(pk=item.pk).update(title="Changed by hand")
    ResourceTheme.objects.filter(resource=item).delete()
    assert sync_shared_library() == 1
    item.refresh_from_db()
    assert item.title == "Creating a Third Point"
    assert item.theme_values() == ["conversations"]
    assert len(SHARED_LIBRARY) == Resource.objects.filter(organization__isnull=True).count()


def test_a_member_sees_the_shared_library_and_the_published_items_of_their_organizations(personas):
    ours = resource(personas.org, "Our kindergarten planning template")
    hidden = resource(personas.org, "Our draft template", is_published=False)
    theirs = resource(personas.other_org, "Their secret template")
    response = personas.client_for("member").get(LIBRARY, {"theme": "early_learning"})
    content = response.content.decode()
    assert response.status_code == 200
    assert ours.title in content
    assert hidden.title not in content
    assert theirs.title not in content
    assert "Mentoring for All - What We Are Learning" in content  # shared, theme early learning
    assert "Goal Setting Conversations" not in content  # another theme


def test_people_of_a_school_see_their_boards_items(db, client):
    board = OrganizationFactory(slug="lakehead-board")
    school = OrganizationFactory(slug="lakehead-school", parent=board)
    teacher = MembershipFactory(organization=school).person.user
    item = resource(board, "Board-wide goal template")
    client.force_login(teacher)
    assert client.get(f"/resources/{item.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        ({"q": "third point"}, "Creating a Third Point", "Goal Setting Conversations"),
        ({"type": "book"}, "Swimming in the Deep End", "Goal Setting Conversations"),
        ({"theme": "goal_setting"}, "Goal Setting Conversations", "Swimming in the Deep End"),
        ({"language": "fr"}, "Modèle de planification", "Goal Setting Conversations"),
        ({"audience": "early_childhood_educator"}, "ECE team check-in sheet", "Principals only"),
    ],
)
def test_the_filters(personas, params, expected, absent):
    resource(personas.org, "Modèle de planification", language="fr")
    resource(personas.org, "ECE team check-in sheet", audiences=("early_childhood_educator",))
    resource(personas.org, "Principals only", audiences=("principal",))
    content = personas.client_for("member").get(LIBRARY, params).content.decode()
    assert expected in content
    assert absent not in content


def test_an_audience_filter_keeps_items_meant_for_everyone(personas):
    resource(personas.org, "Principals only", audiences=("principal",))
    content = personas.client_for("member").get(LIBRARY, {"audience": "teacher"}).content.decode()
    assert "Goal Setting Conversations" in content  # no audience: meant for everyone
    assert "Principals only" not in content


def test_a_filter_value_that_is_not_a_choice_is_ignored_not_an_error(personas):
    response = personas.client_for("member").get(LIBRARY, {"type": "pamphlet", "theme": "<script>"})
    assert response.status_code == 200
    assert "Goal Setting Conversations" in response.content.decode()


def test_the_filter_form_is_labelled_and_searchable(personas):
    content = personas.client_for("member").get(LIBRARY).content.decode()
    assert 'role="search"' in content
    for name in ("q", "type", "theme", "audience", "language"):
        assert f'for="id_{name}"' in content


def test_the_library_pages(personas):
    resource(personas.org, "Extra 1")
    response = personas.client_for("member").get(LIBRARY, {"page": 2})
    assert response.status_code == 200
    assert response.context["page"].number == 2


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_library_page_runs_the_same_number_of_queries_for_few_or_many_items(personas):
    client = personas.client_for("member")
    url = f"{LIBRARY}?theme=early_learning"
    _queries(client, url)  # warm the session and caches
    for n in range(3):
        resource(personas.org, f"Item {n}", themes=("early_learning", "equity"), audiences=("teacher",))
    few = _queries(client, url)
    for n in range(3, 18):
        resource(personas.org, f"Item {n}", themes=("early_learning", "equity"), audiences=("teacher",))
    many = _queries(client, url)
    assert few == many
    assert many <= 12


def test_one_item_and_another_organizations_item(personas):
    ours = resource(personas.org, "Our template")
    theirs = resource(personas.other_org, "Their template")
    client = personas.client_for("member")
    response = client.get(f"/resources/{ours.pk}/")
    assert response.status_code == 200
    assert "Our template" in response.content.decode()
    assert client.get(f"/resources/{theirs.pk}/").status_code == 404
    shared = Resource.objects.get(key="co-active-coaching")
    content = client.get(f"/resources/{shared.pk}/").content.decode()
    assert "4th edition" in content
    assert "Edit this item" not in content


def test_the_file_is_downloaded_only_by_those_who_may_read_the_item(personas):
    item = resource(personas.org, with_file=True)
    response = personas.client_for("member").get(f"/resources/{item.pk}/file/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert personas.client_for("outsider").get(f"/resources/{item.pk}/file/").status_code == 404
    no_file = resource(personas.org, "No file")
    assert personas.client_for("member").get(f"/resources/{no_file.pk}/file/").status_code == 404
