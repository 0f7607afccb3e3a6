"""The steering committee's page runs the same number of queries whatever the size of the web."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorweb.accounts.models import Person
from mentorweb.partnerships.models import PartnershipKind, PartnershipStatus
from mentorweb.programs.models import Program
from mentorweb.webs.models import EMPLOYEE_GROUPS, SteeringMember
from mentorweb.webs.tests.steering_world import connect, employee, offer, school, web_program

pytestmark = pytest.mark.django_db


def grow(personas: Any, program: Program, per_group: int, tag: str) -> None:
    """per_group people in every employee group, spread over two schools, each mentored by the next
    group's person, plus peer connections, offers and committee seats."""
    schools = [school(personas.org, f"{tag} school {n}") for n in range(2)]
    people: list[list[Person]] = [
        [employee(personas.org, group, schools[i % 2]) for i in range(per_group)] for group in EMPLOYEE_GROUPS
    ]
    for g, group_people in enumerate(people):
        mentors = people[(g + 1) % len(people)]
        for i, person in enumerate(group_people):
            connect(program, mentors[i], person)
            connect(program, person, mentors[(i + 1) % per_group], kind=PartnershipKind.PEER)
            connect(program, mentors[0], person, status=PartnershipStatus.PROPOSED) if i else None
        offer(program, mentors[0], capacity=1, taken=1)
        SteeringMember.objects.create(program=program, person=group_people[0], represents=EMPLOYEE_GROUPS[g])


def queries_for(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_page_runs_a_fixed_number_of_queries(personas: Any) -> None:
    program = web_program(personas.org)
    client = personas.client_for("admin")
    path = reverse("steering:coverage", kwargs={"slug": personas.org.slug})
    client.get(path)  # sessions, content types and the like are warm after the first request
    grow(personas, program, 2, "small")
    small = queries_for(client, path)
    grow(personas, program, 7, "large")
    large = queries_for(client, path)
    assert small == large
    assert large <= 20, f"{large} queries"
