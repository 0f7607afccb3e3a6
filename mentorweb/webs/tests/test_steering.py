"""The steering committee's view: who may see it, the figures on a small hand-built web, the
exports, the home-page section and the committee form."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.core.models import AuditEntry
from mentorweb.partnerships.models import PartnershipKind, PartnershipStatus
from mentorweb.programs.models import Program
from mentorweb.programs.times import today_in
from mentorweb.webs import coverage as selectors
from mentorweb.webs.models import CoverageSnapshot, SteeringMember
from mentorweb.webs.tests.steering_world import connect, employee, offer, school, web_program

pytestmark = pytest.mark.django_db
RG = RoleGroup


@dataclass
class Web:
    program: Program
    people: dict[str, Person]
    today: dt.date


@pytest.fixture
def web(personas: Any) -> Web:
    """Eleven people of the board: the three personas (teachers), and eight others in six groups.

    Active web connections: supervisory officer → office administrator, supervisory officer →
    business and support, teacher1 → ece1, ece1 → ece2; an active peer connection coach ↔ teacher2.
    Not counted as active: a proposed one (supt → teacher1), a completed one started last month
    (office → supt) and a declined one (teacher2 → ece2)."""
    board = personas.org
    program = web_program(board)
    amethyst = school(board, "Amethyst Ridge")
    formula = school(board, '=HYPERLINK("http://evil")')
    p = {
        "ece1": employee(board, RG.EARLY_CHILDHOOD_EDUCATOR, amethyst),
        "ece2": employee(board, RG.EARLY_CHILDHOOD_EDUCATOR, amethyst),
        "teacher1": employee(board, RG.TEACHER, amethyst),
        "teacher2": employee(board, RG.TEACHER, formula),
        "office": employee(board, RG.OFFICE_ADMINISTRATOR, formula, given_name="Olive", family_name="Office"),
        "supt": employee(board, RG.SUPERVISORY_OFFICER, given_name="Sam", family_name="Super"),
        "bss": employee(board, RG.BUSINESS_SUPPORT),
        "coach": employee(board, RG.CONSULTANT_COACH),
    }
    gone = employee(board, RG.TEACHER)
    gone.memberships.update(deactivated_at="2026-01-01T00:00:00Z")
    today = today_in(board.time_zone)
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    offer(program, p["supt"], capacity=1, taken=1)
    connect(program, p["supt"], p["office"], starts_on=today)
    connect(program, p["supt"], p["bss"], starts_on=today)
    connect(program, p["teacher1"], p["ece1"], starts_on=today)
    connect(program, p["ece1"], p["ece2"], starts_on=today)
    connect(program, p["coach"], p["teacher2"], kind=PartnershipKind.PEER, starts_on=today)
    connect(program, p["supt"], p["teacher1"], status=PartnershipStatus.PROPOSED)
    connect(program, p["office"], p["supt"], status=PartnershipStatus.COMPLETED, starts_on=last_month)
    connect(program, p["teacher2"], p["ece2"], status=PartnershipStatus.DECLINED)
    connect(program, gone, p["coach"], starts_on=today)  # a deactivated mentor still counts for the mentee
    return Web(program, p, today)


def url(personas: Any, name: str = "steering:coverage", **kwargs: Any) -> str:
    return reverse(name, kwargs={"slug": personas.org.slug, **kwargs})


def steering_client(web: Web, group: str = RG.BUSINESS_SUPPORT) -> Client:
    seat = SteeringMember.objects.create(program=web.program, person=web.people["bss"], represents=group)
    client = Client()
    client.force_login(seat.person.user)
    return client


# --- who sees it ----------------------------------------------------------------------------------


def test_staff_and_the_committee_see_the_page_others_do_not(personas: Any, web: Web) -> None:
    assert personas.client_for("admin").get(url(personas)).status_code == 200
    assert personas.client_for("staff").get(url(personas)).status_code == 200
    assert personas.client_for("member").get(url(personas)).status_code == 403
    assert personas.client_for("outsider").get(url(personas)).status_code == 404
    assert personas.client_for("anonymous").get(url(personas)).status_code == 302
    response = steering_client(web).get(url(personas))
    assert response.status_code == 200
    # A committee member who is not staff sees the figures, not the form that changes the committee.
    assert b"Add to the committee" not in response.content


def test_only_staff_see_the_names_of_overloaded_mentors(personas: Any, web: Web) -> None:
    text = steering_client(web).get(url(personas)).content.decode()
    assert "Sam Super" not in text
    assert "1 mentor has too many people." in text
    assert "Sam Super" in personas.client_for("staff").get(url(personas)).content.decode()


def test_a_committee_member_who_left_the_board_no_longer_sees_it(personas: Any, web: Web) -> None:
    client = steering_client(web)
    web.people["bss"].memberships.update(deactivated_at="2026-01-01T00:00:00Z")
    assert client.get(url(personas)).status_code == 404


def test_a_board_without_a_web_says_so(personas: Any) -> None:
    response = personas.client_for("admin").get(url(personas))
    assert response.status_code == 200
    assert b"has no mentoring web yet" in response.content
    assert personas.client_for("admin").get(url(personas, "steering:export", table="groups")).status_code == 404


# --- the figures ----------------------------------------------------------------------------------


def test_coverage_by_group_counts_each_person_once(web: Web) -> None:
    rows = {row.key: row for row in selectors.group_rows(web.program)}
    figures = {key: (r.people, r.with_mentor, r.mentoring, r.peer) for key, r in rows.items()}
    assert figures == {
        RG.EARLY_CHILDHOOD_EDUCATOR: (2, 2, 1, 0),
        RG.TEACHER: (5, 0, 1, 1),  # teacher1, teacher2 and the three personas; not the deactivated one
        RG.ASSOCIATE_TEACHER: (0, 0, 0, 0),
        RG.BUSINESS_SUPPORT: (1, 1, 0, 0),
        RG.CONSULTANT_COACH: (1, 1, 0, 1),
        RG.OFFICE_ADMINISTRATOR: (1, 1, 0, 0),
        RG.VICE_PRINCIPAL: (0, 0, 0, 0),
        RG.PRINCIPAL: (0, 0, 0, 0),
        RG.SUPERVISORY_OFFICER: (1, 0, 1, 0),
    }
    # The under-served groups of seed 001 come first.
    assert [row.key for row in selectors.group_rows(web.program)][:4] == [
        RG.EARLY_CHILDHOOD_EDUCATOR,
        RG.BUSINESS_SUPPORT,
        RG.CONSULTANT_COACH,
        RG.ASSOCIATE_TEACHER,
    ]
    assert rows[RG.EARLY_CHILDHOOD_EDUCATOR].covered_percent == 100
    assert rows[RG.TEACHER].covered_percent == 0
    assert rows[RG.ASSOCIATE_TEACHER].covered_percent is None


def test_coverage_by_school_least_covered_first(web: Web) -> None:
    rows = selectors.school_rows(web.program)
    assert [(r.label, r.people, r.with_mentor, r.mentoring, r.peer, r.covered_percent) for r in rows] == [
        ('=HYPERLINK("http://evil")', 2, 1, 0, 1, 50),
        ("Amethyst Ridge", 3, 2, 2, 0, 67),
    ]


def test_cross_role_matrix_and_pairs(web: Web) -> None:
    cross = selectors.cross_role(web.program)
    assert cross.cells == {
        (RG.SUPERVISORY_OFFICER, RG.OFFICE_ADMINISTRATOR): 1,
        (RG.SUPERVISORY_OFFICER, RG.BUSINESS_SUPPORT): 1,
        (RG.TEACHER, RG.EARLY_CHILDHOOD_EDUCATOR): 1,
        (RG.EARLY_CHILDHOOD_EDUCATOR, RG.EARLY_CHILDHOOD_EDUCATOR): 1,
        (RG.TEACHER, RG.CONSULTANT_COACH): 1,  # the deactivated teacher's mentee
    }
    assert (cross.web_total, cross.peer_total, cross.cross_total, cross.cross_percent) == (5, 1, 5, 83)
    pairs = {(p.first, p.second): p.count for p in cross.pairs}
    assert pairs == {
        ("Business and support staff", "Supervisory officer"): 1,
        ("Consultant or coach", "Teacher"): 2,  # the peer connection and the web one
        ("Early childhood educator", "Teacher"): 1,
        ("Office administrator", "Supervisory officer"): 1,
    }
    assert cross.pairs[0].count == 2
    teacher_row = dict((label, (counts, total)) for label, counts, total in cross.rows())["Teacher"]
    assert teacher_row[1] == 2


def test_overloaded_mentors_over_capacity_or_over_the_limit(personas: Any, web: Web) -> None:
    busy = employee(personas.org, RG.PRINCIPAL, given_name="Bea", family_name="Busy")
    for _n in range(selectors.OVERLOAD_LIMIT + 1):
        connect(web.program, busy, employee(personas.org, RG.TEACHER), status=PartnershipStatus.PROPOSED)
    listed, total = selectors.overloaded_mentors(web.program)
    assert total == 2
    assert [(o.name, o.people, o.web_active, o.capacity, o.over_capacity, o.over_limit) for o in listed] == [
        ("Bea Busy", 5, 0, None, False, True),
        ("Sam Super", 3, 2, 1, True, False),  # two active and one proposed, with room for one
    ]


def test_trend_from_partnerships_and_snapshots(web: Web) -> None:
    last_month = (web.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    CoverageSnapshot.objects.create(
        program=web.program, taken_on=last_month, role_group=RG.TEACHER, people=5, with_mentor=1
    )
    CoverageSnapshot.objects.create(
        program=web.program, taken_on=last_month + dt.timedelta(days=3), role_group=RG.TEACHER, people=5, with_mentor=2
    )
    months = selectors.coverage(web.program).trend.months
    assert len(months) == 12
    assert months[-1].month == web.today.replace(day=1)
    assert (months[-1].started, months[-1].covered) == (6, 5)  # five web and one peer started; five have a mentor
    assert (months[-2].started, months[-2].covered) == (1, 2)  # the completed one; the later snapshot
    assert all(m.covered is None and m.started == 0 for m in months[:-2])


def test_the_page_shows_counts_never_purposes(personas: Any, web: Web) -> None:
    response = personas.client_for("admin").get(url(personas))
    text = response.content.decode()
    assert "5 of 11 people of the board have at least one mentor (45%)" in text
    assert "Office administrator ↔ Supervisory officer: 1" in text
    assert "A private purpose" not in text
    assert "Sam Super" in text  # the overloaded list, for staff to act on
    assert "Not represented yet:" in text


# --- exports --------------------------------------------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_exports_escape_formulas_and_match_the_page(personas: Any, web: Web) -> None:
    client = personas.client_for("staff")
    schools = client.get(url(personas, "steering:export", table="schools"))
    assert schools.status_code == 200
    assert schools["Content-Type"].startswith("text/csv")
    rows = _csv(schools)
    assert rows[0][0] == "School"
    assert rows[1] == ['\'=HYPERLINK("http://evil")', "2", "1", "0", "1", "50"]
    groups = _csv(client.get(url(personas, "steering:export", table="groups")))
    assert groups[1] == ["Early childhood educator", "2", "2", "1", "0", "100"]
    matrix = _csv(client.get(url(personas, "steering:export", table="matrix")))
    assert matrix[-1][-1] == "5"
    assert len(matrix) == 1 + 9 + 1
    trend = _csv(client.get(url(personas, "steering:export", table="trend")))
    assert trend[-1] == [web.today.strftime("%Y-%m"), "6", "5"]
    assert client.get(url(personas, "steering:export", table="nope")).status_code == 404
    assert personas.client_for("member").get(url(personas, "steering:export", table="groups")).status_code == 403


# --- the home page --------------------------------------------------------------------------------


def test_home_page_links_the_committee_and_staff_to_the_view(personas: Any, web: Web) -> None:
    link = url(personas).encode()
    assert link in steering_client(web).get("/").content
    assert link in personas.client_for("staff").get("/").content
    assert link not in personas.client_for("member").get("/").content


# --- the committee --------------------------------------------------------------------------------


def test_committee_add_and_remove(personas: Any, web: Web) -> None:
    client = personas.client_for("admin")
    email = web.people["office"].user.email
    response = client.post(
        url(personas, "steering:committee_add"), {"person": email.upper(), "represents": RG.OFFICE_ADMINISTRATOR}
    )
    assert response.status_code == 302
    seat = SteeringMember.objects.get(program=web.program)
    assert (seat.person, seat.represents) == (web.people["office"], RG.OFFICE_ADMINISTRATOR)
    assert AuditEntry.objects.filter(action="web.steering_added").count() == 1
    page = client.get(url(personas)).content.decode()
    assert "Olive Office" in page
    assert "Office administrator" not in page.split("Not represented yet:")[1].split("</p>")[0]
    assert client.get(url(personas, "steering:committee_remove", member_id=seat.pk)).status_code == 200
    assert client.post(url(personas, "steering:committee_remove", member_id=seat.pk)).status_code == 302
    assert not SteeringMember.objects.exists()
    assert AuditEntry.objects.filter(action="web.steering_removed").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"person": "nobody@example.org", "represents": RG.TEACHER}, "person"),
        ({"person": "not an address", "represents": RG.TEACHER}, "person"),
        ({"person": "", "represents": RG.TEACHER}, "person"),
        ({"person": "OUTSIDER", "represents": RG.TEACHER}, "person"),
        ({"person": "OFFICE", "represents": "emperor"}, "represents"),
        ({"person": "OFFICE", "represents": ""}, "represents"),
    ],
)
def test_committee_add_bad_input_names_the_field(personas: Any, web: Web, data: dict[str, str], field: str) -> None:
    emails = {"OUTSIDER": personas.outsider.email, "OFFICE": web.people["office"].user.email}
    data = {key: emails.get(value, value) for key, value in data.items()}
    response = personas.client_for("admin").post(url(personas, "steering:committee_add"), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert f'id="id_{field}_error"'.encode() in response.content
    assert not SteeringMember.objects.exists()


def test_committee_add_twice_is_refused_on_the_person(personas: Any, web: Web) -> None:
    client = personas.client_for("staff")
    data = {"person": web.people["coach"].user.email, "represents": RG.CONSULTANT_COACH}
    assert client.post(url(personas, "steering:committee_add"), data).status_code == 302
    response = client.post(url(personas, "steering:committee_add"), data)
    assert response.context["form"].errors["person"] == [
        f"{web.people['coach'].full_name} is already on the committee."
    ]


def test_only_staff_change_the_committee(personas: Any, web: Web) -> None:
    client = steering_client(web)
    seat = SteeringMember.objects.get()
    data = {"person": web.people["coach"].user.email, "represents": RG.CONSULTANT_COACH}
    assert client.post(url(personas, "steering:committee_add"), data).status_code == 403
    assert client.post(url(personas, "steering:committee_remove", member_id=seat.pk)).status_code == 403
    assert personas.client_for("member").get(url(personas, "steering:committee_add")).status_code == 403
    assert personas.client_for("outsider").get(url(personas, "steering:committee_add")).status_code == 404
    assert SteeringMember.objects.count() == 1


def test_another_boards_seat_cannot_be_removed_from_here(personas: Any, web: Web) -> None:
    other_program = web_program(personas.other_org, slug="other-web")
    other_person = employee(personas.other_org, RG.TEACHER)
    seat = SteeringMember.objects.create(program=other_program, person=other_person, represents=RG.TEACHER)
    response = personas.client_for("admin").post(url(personas, "steering:committee_remove", member_id=seat.pk))
    assert response.status_code == 404
    assert SteeringMember.objects.filter(pk=seat.pk).exists()


def test_the_charts_keep_their_coordinates_in_french(personas: Any, web: Web) -> None:
    # French writes 12,5 for 12.5: SVG coordinates must never be localized, or the columns vanish.
    client = steering_client(web)
    client.cookies["django_language"] = "fr"
    content = client.get(url(personas)).content.decode()
    assert 'lang="fr"' in content and "<rect" in content
    assert not re.search(r'\b(x|y|x1|y1|x2|y2|width|height)="-?[0-9]+,[0-9]+"', content)
    # …while the tables' percentages are written the French way, with a space before the sign.
    assert "<td>100 %</td>" in content and "<td>100%</td>" not in content
