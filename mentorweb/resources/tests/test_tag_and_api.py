"""The `resources_for` aside that other pages include, and the library's API."""

from __future__ import annotations

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from mentorweb.resources.models import Resource
from mentorweb.resources.tests.world import resource


def _render(source: str, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load resources_tags %}" + source).render(Context({"request": request}))


def test_the_goal_setting_aside_shows_the_goal_setting_resource(personas):
    html = _render('{% resources_for "goal setting" %}', personas.member)
    assert "Goal Setting Conversations" in html
    assert "<aside" in html
    assert 'aria-labelledby="resources-aside-goal_setting"' in html
    assert "/resources/?theme=goal_setting" in html


def test_the_aside_shows_at_most_three_items_the_organizations_own_first(personas):
    ours = resource(personas.org, "Zzz our own goal planner", themes=("goal_setting",))
    for n in range(4):
        resource(None, f"Shared extra {n}", themes=("goal_setting",))
    html = _render('{% resources_for "goal_setting" %}', personas.member)
    assert html.count("<li>") == 3
    assert html.index(ours.title) < html.index("Goal Setting Conversations") < html.index("Shared extra 0")
    assert "Shared extra 1" not in html


def test_a_named_item_comes_first(personas):
    html = _render('{% resources_for "conversations" key="creating-a-third-point" limit=1 %}', personas.member)
    assert "Creating a Third Point" in html
    assert html.count("<li>") == 1


def test_the_aside_respects_the_audience_and_what_the_reader_may_see(personas):
    resource(personas.other_org, "Their goal planner", themes=("goal_setting",))
    resource(personas.org, "For principals", themes=("goal_setting",), audiences=("principal",))
    html = _render('{% resources_for "goal_setting" audience="teacher" limit=5 %}', personas.member)
    assert "Their goal planner" not in html
    assert "For principals" not in html
    assert "Goal Setting Conversations" in html


def test_an_unknown_theme_shows_nothing_and_the_aside_costs_one_query(personas):
    assert _render('{% resources_for "astrology" %}', personas.member).strip() == ""
    _render('{% resources_for "reflection" %}', personas.member)  # memberships read once per user
    with CaptureQueriesContext(connection) as queries:
        _render('{% resources_for "reflection" %}', personas.member)
    assert len(queries) == 1


# --- API ------------------------------------------------------------------------------------------


def test_api_lists_with_filters_and_gets_one(personas, api_as):
    ours = resource(personas.org, "Our planner", themes=("goal_setting",))
    resource(personas.other_org, "Their planner", themes=("goal_setting",))
    response = api_as("member")("GET", "/resources?theme=goal_setting&page_size=200")
    titles = [item["title"] for item in response.json()["items"]]
    assert "Our planner" in titles
    assert "Their planner" not in titles
    assert "Goal Setting Conversations" in titles
    one = api_as("member")("GET", f"/resources/{ours.pk}").json()
    assert one["organization"] == "northern-lights"
    assert one["themes"] == ["goal_setting"]
    assert one["file_url"] is None
    books = api_as("member")("GET", "/resources?type=book").json()["items"]
    assert {b["title"] for b in books} == {
        "Co-Active Coaching",
        "Having Hard Conversations",
        "Hard Conversations Unpacked",
        "Swimming in the Deep End",
    }


def test_api_create_and_update_with_errors_naming_the_field(personas, api_as):
    staff = api_as("staff")
    bad_link = staff(
        "POST", "/organizations/northern-lights/resources", {"title": "x", "type": "video", "link": "ftp://x"}
    )
    assert bad_link.status_code == 400
    assert bad_link.json()["field"] == "link"
    bad_theme = staff(
        "POST", "/organizations/northern-lights/resources", {"title": "x", "type": "video", "themes": ["magic"]}
    )
    assert bad_theme.status_code == 422
    assert bad_theme.json()["field"] == "themes.0"
    assert not Resource.objects.filter(organization=personas.org).exists()
    created = staff(
        "POST",
        "/organizations/northern-lights/resources",
        {
            "title": "Video: a third point",
            "type": "video",
            "link": "https://video.example.org/3",
            "themes": ["conversations"],
        },
    )
    assert created.status_code == 201
    item_id = created.json()["id"]
    patched = staff("PATCH", f"/organizations/northern-lights/resources/{item_id}", {"is_published": False})
    assert patched.json()["is_published"] is False
    assert api_as("member")("GET", f"/resources/{item_id}").status_code == 404
    shared = Resource.objects.get(key="co-active-coaching")
    assert staff("PATCH", f"/organizations/northern-lights/resources/{shared.pk}", {"title": "x"}).status_code == 404
    theirs = resource(personas.other_org)
    assert (
        api_as("admin")("PATCH", f"/organizations/northern-lights/resources/{theirs.pk}", {"title": "x"}).status_code
        == 404
    )
