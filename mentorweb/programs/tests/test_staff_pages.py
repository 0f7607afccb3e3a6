"""Staff set-up pages: who sees them, forms tied to the services, and bounded queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from mentorweb.core.models import AuditEntry
from mentorweb.programs.models import Offering, OfferingStatus, Program, ProgramKind, RefundTier
from mentorweb.programs.tests.factories import (
    CourseModuleFactory,
    OfferingFactory,
    ProgramFactory,
    course_with_offering,
    make_session,
)
from tests.factories import OrganizationFactory

BASE = "/o/northern-lights/programs/"


@pytest.fixture
def offering(personas):
    return course_with_offering(personas.org, title="Winter 2030 - Online", slug="winter-2030-online")


def _url(offering: Offering, rest: str = "") -> str:
    return f"{BASE}{offering.program.slug}/{offering.slug}/{rest}"


@pytest.mark.parametrize(("persona", "status"), [("admin", 200), ("staff", 200), ("member", 403), ("outsider", 404)])
def test_program_pages_are_for_admins_and_coordinators(personas, offering, persona, status):
    client = personas.client_for(persona)
    for url in (BASE, f"{BASE}{offering.program.slug}/", _url(offering), f"{BASE}offerings/"):
        assert client.get(url).status_code == status, url


def test_another_organizations_program_is_a_404_even_for_its_slug(personas):
    theirs = ProgramFactory(organization=personas.other_org, slug="theirs")
    response = personas.client_for("admin").get(f"{BASE}{theirs.slug}/")
    assert response.status_code == 404


def test_create_a_program_from_the_form(personas):
    client = personas.client_for("staff")
    response = client.post(
        f"{BASE}new/",
        {
            "name": "Mentoring Qualification Program",
            "slug": "mqp",
            "kind": "course",
            "learning_components": "foundations\r\nconversations\r\n",
            "required_credential_kind": "oct",
            "fee": "900",
            "non_refundable_fee": "50",
            "full_payment_confirms": "on",
            "minimum_enrolment": "12",
            "access_opens_days_before": "7",
            "access_closes_days_after": "14",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}mqp/"
    program = Program.objects.get(slug="mqp")
    assert program.learning_components == ["foundations", "conversations"]
    assert program.full_payment_confirms and not program.is_published


def test_a_service_refusal_shows_on_its_field(personas):
    response = personas.client_for("admin").post(
        f"{BASE}new/",
        {
            "name": "Course",
            "kind": "course",
            "fee": "100",
            "non_refundable_fee": "150",
            "minimum_enrolment": "0",
            "access_opens_days_before": "7",
            "access_closes_days_after": "14",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "non_refundable_fee": ["The non-refundable part cannot be more than the fee."]
    }
    assert b'href="#id_non_refundable_fee"' in response.content


def test_program_detail_shows_the_hours_and_the_refund_table(personas, offering):
    response = personas.client_for("admin").get(f"{BASE}{offering.program.slug}/")
    text = response.content.decode()
    assert "36" in text and "89" in text and "125 hours in all" in text
    assert "14 days before the start date or earlier" in text and "$850.00" in text
    assert "Winter 2030 - Online" in text


def test_a_web_programs_page_leads_to_the_webs_pages_not_to_offerings(personas):
    web = ProgramFactory(organization=personas.org, kind=ProgramKind.WEB, name="Mentoring for All", slug="mfa")
    text = personas.client_for("staff").get(f"{BASE}{web.slug}/").content.decode()
    slug = personas.org.slug
    for name in ("steering:coverage", "conversations:tools", "resources:staff_list"):
        assert f'href="{reverse(name, kwargs={"slug": slug})}"' in text, name
    assert "A mentoring web has no offerings, fees or modules" in text
    assert "New offering" not in text and "Refund policy" not in text and "Offerings, latest first" not in text


def test_a_web_programs_edit_page_leaves_out_what_a_web_does_not_have(personas):
    web = ProgramFactory(organization=personas.org, kind=ProgramKind.WEB, name="Mentoring for All", slug="mfa")
    fee = web.fee
    url = f"{BASE}{web.slug}/edit/"
    client = personas.client_for("staff")
    form = client.get(url).context["form"]
    assert "fee" not in form.fields and "minimum_enrolment" not in form.fields
    assert "meeting_topics" in form.fields and "name" in form.fields
    data = {
        "name": "Mentoring for All, 2027",
        "slug": "mfa",
        "kind": ProgramKind.WEB,
        "learning_components": "",
        "meeting_topics": "Relational trust\nGoal setting",
        "contact_email": "",
        "summary": "",
        "description": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    web.refresh_from_db()
    # What the page leaves out is left as it was.
    assert (web.name, web.meeting_topics, web.fee) == (
        "Mentoring for All, 2027",
        ["Relational trust", "Goal setting"],
        fee,
    )


def test_edit_a_module_one_at_a_time(personas, offering):
    module = offering.program.modules.get(number=2)
    url = f"{BASE}{offering.program.slug}/modules/{module.pk}/"
    client = personas.client_for("staff")
    assert client.get(url).context["form"].initial["synchronous_hours"] == Decimal("11")
    response = client.post(
        url,
        {"number": "2", "title": "Continued Skill Development", "synchronous_hours": "12", "asynchronous_hours": "18"},
    )
    assert response.status_code == 302
    module.refresh_from_db()
    assert (module.title, module.synchronous_hours) == ("Continued Skill Development", Decimal("12.00"))
    response = client.post(url, {"number": "1", "title": "Clash", "synchronous_hours": "1", "asynchronous_hours": "1"})
    assert response.context["form"].errors == {"number": ["Module 1 already exists."]}


def _tier_post(*rows, **extra):
    data = {"tiers-TOTAL_FORMS": str(len(rows)), "tiers-INITIAL_FORMS": "0", **extra}
    for index, (low, high, amount) in enumerate(rows):
        data[f"tiers-{index}-min_days_before"] = "" if low is None else str(low)
        data[f"tiers-{index}-max_days_before"] = "" if high is None else str(high)
        data[f"tiers-{index}-amount"] = amount
    return data


def test_the_refund_policy_editor_saves_a_valid_table(personas):
    program = ProgramFactory(organization=personas.org)
    url = f"{BASE}{program.slug}/refund-policy/"
    response = personas.client_for("admin").post(url, _tier_post((None, 0, "0"), (14, None, "850"), (0, 14, "250")))
    assert response.status_code == 302
    assert list(RefundTier.objects.filter(program=program).values_list("amount", flat=True)) == [850, 250, 0]


def test_the_refund_policy_editor_names_the_wrong_tier_on_its_row(personas, offering):
    url = f"{BASE}{offering.program.slug}/refund-policy/"
    response = personas.client_for("admin").post(url, _tier_post((14, None, "850"), (0, 10, "250"), (None, 0, "0")))
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[1].errors["max_days_before"][0].startswith("Tier 2 (0 to 10 days before)")
    assert not formset.non_form_errors()
    assert b'href="#id_tiers-1-max_days_before"' in response.content
    assert RefundTier.objects.filter(program=offering.program, max_days_before=14).exists()  # unchanged


def test_the_refund_policy_editor_adds_and_removes_rows(personas, offering):
    url = f"{BASE}{offering.program.slug}/refund-policy/"
    client = personas.client_for("admin")
    page = client.get(url)
    assert page.context["formset"].total_form_count() == 3
    added = client.post(url, _tier_post((14, None, "850"), (0, 14, "250"), (None, 0, "0"), add_row="1"))
    assert added.context["formset"].total_form_count() == 4
    assert 'id="id_tiers-3-amount"' in added.content.decode()
    data = _tier_post((14, None, "850"), (0, 14, "250"), (None, 0, "0"))
    data["tiers-1-DELETE"] = "on"
    response = client.post(url, data)
    # Row 2 was removed: the error names row 3 as the page numbers it.
    errors = response.context["formset"].forms[2].errors
    assert errors["max_days_before"][0].startswith("Tier 3 (less than 0 days before)")


def test_offering_page_lists_sessions_in_toronto_time_and_adds_them(personas, offering):
    client = personas.client_for("staff")
    text = client.get(_url(offering)).content.decode()
    assert "8:30 a.m." in text and "4 p.m." in text and "America/Toronto" in text
    module = offering.program.modules.get(number=2)
    response = client.post(
        _url(offering, "sessions/new/"),
        {
            "session-module": module.pk,
            "session-kind": "class_day",
            "session-date": "2030-02-09",
            "session-start_time": "08:30",
            "session-end_time": "13:00",
        },
    )
    assert response.status_code == 302
    session = offering.sessions.get(module=module)
    assert session.starts_at == dt.datetime(2030, 2, 9, 13, 30, tzinfo=dt.UTC)


def test_a_session_outside_the_offering_shows_the_error_on_the_date(personas, offering):
    response = personas.client_for("staff").post(
        _url(offering, "sessions/new/"),
        {
            "session-kind": "class_day",
            "session-date": "2031-02-09",
            "session-start_time": "08:30",
            "session-end_time": "13:00",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["date"]


def test_edit_and_delete_a_session_and_a_deadline(personas, offering):
    client = personas.client_for("admin")
    session = offering.sessions.get()
    edit = client.get(_url(offering, f"sessions/{session.pk}/"))
    assert edit.context["form"].initial["start_time"] == dt.time(8, 30)
    response = client.post(
        _url(offering, f"sessions/{session.pk}/"),
        {
            "session-kind": "class_day",
            "session-date": "2030-01-26",
            "session-start_time": "09:00",
            "session-end_time": "16:00",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sequence == 1 and session.module is None
    deadline = offering.deadlines.get()
    response = client.post(
        _url(offering, f"deadlines/{deadline.pk}/"),
        {"deadline-title": "Module 4 done", "deadline-due_on": "2030-04-14"},
    )
    assert response.status_code == 302
    assert client.get(_url(offering, f"deadlines/{deadline.pk}/delete/")).status_code == 200
    assert client.post(_url(offering, f"deadlines/{deadline.pk}/delete/")).status_code == 302
    assert client.post(_url(offering, f"sessions/{session.pk}/delete/")).status_code == 302
    assert not offering.sessions.exists() and not offering.deadlines.exists()
    assert AuditEntry.objects.filter(action__in=["session.deleted", "deadline.deleted"]).count() == 2


def test_another_offerings_session_is_a_404(personas, offering):
    other = OfferingFactory(program=offering.program, slug="summer-2030-online")
    foreign = make_session(other, other.start_date, dt.time(9), dt.time(10))
    response = personas.client_for("admin").get(_url(offering, f"sessions/{foreign.pk}/"))
    assert response.status_code == 404


def test_offering_form_refuses_capacity_below_seats_taken(personas, offering):
    Offering.objects.filter(pk=offering.pk).update(seats_taken=5)
    board = OrganizationFactory(kind="board", name="Kaministiquia River DSB", slug="krdsb")
    response = personas.client_for("admin").post(
        _url(offering, "edit/"),
        {
            "title": offering.title,
            "slug": offering.slug,
            "delivery_mode": "online",
            "start_date": "2030-01-26",
            "end_date": "2030-04-15",
            "registration_deadline": "2030-01-12",
            "capacity": "4",
            "partner_board": board.pk,
            "status": "open",
        },
    )
    assert response.context["form"].errors == {"capacity": ["5 seats are already taken: the capacity cannot be less."]}


def test_create_an_offering_from_the_form(personas, offering):
    program = offering.program
    response = personas.client_for("staff").post(
        f"{BASE}{program.slug}/offerings/new/",
        {
            "title": "Summer 2030 - Online",
            "slug": "summer-2030-online",
            "delivery_mode": "online",
            "start_date": "2030-07-09",
            "end_date": "2030-08-31",
            "registration_deadline": "2030-06-25",
            "capacity": "30",
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{program.slug}/summer-2030-online/"
    assert Offering.objects.get(slug="summer-2030-online").status == OfferingStatus.OPEN


def test_menu_and_home_lead_staff_to_their_programs(personas):
    admin_nav = {item.label: item.url for item in personas.client_for("admin").get(BASE).context["nav_items"]}
    assert admin_nav["Programs"] == BASE and admin_nav["Catalogue"] == "/catalogue/"
    member_nav = {item.label for item in personas.client_for("member").get("/").context["nav_items"]}
    assert "Programs" not in member_nav and "Catalogue" in member_nav
    sections = personas.client_for("staff").get("/").context["sections"]
    mine = next(s for s in sections if s.title == f"Programs of {personas.org}")
    assert {a.url for a in mine.actions} >= {BASE, f"{BASE}new/"}


def test_list_pages_run_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    programs = [ProgramFactory(organization=personas.org) for _ in range(8)]
    for program in programs:
        CourseModuleFactory(program=program)
        for n in range(3):
            OfferingFactory(program=program, slug=f"o-{n}")
    client = personas.client_for("admin")
    client.get(BASE)  # warm the session and the user's caches
    with django_assert_max_num_queries(12):
        assert client.get(BASE).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"{BASE}offerings/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"{BASE}{programs[0].slug}/").status_code == 200


def test_offering_page_queries_do_not_grow_with_its_sessions(personas, offering, django_assert_max_num_queries):
    for day in range(1, 25):
        make_session(offering, offering.start_date + dt.timedelta(days=day), dt.time(9), dt.time(12))
    client = personas.client_for("admin")
    with django_assert_max_num_queries(16):
        assert client.get(_url(offering)).status_code == 200
