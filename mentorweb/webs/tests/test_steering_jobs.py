"""The daily coverage snapshot: one row per group per day, however often the job runs."""

from __future__ import annotations

from typing import Any

import pytest

from mentorweb.accounts.models import RoleGroup as RG
from mentorweb.programs.times import today_in
from mentorweb.webs import tasks
from mentorweb.webs.models import EMPLOYEE_GROUPS, CoverageSnapshot
from mentorweb.webs.tests.steering_world import connect, employee, web_program

pytestmark = pytest.mark.django_db


def test_snapshot_twice_gives_one_row_per_group_per_day(personas: Any) -> None:
    program = web_program(personas.org)
    ece, teacher, supt = (
        employee(personas.org, group) for group in (RG.EARLY_CHILDHOOD_EDUCATOR, RG.TEACHER, RG.SUPERVISORY_OFFICER)
    )
    connect(program, supt, ece)
    assert tasks.snapshot_coverage.call(program_id=program.pk) == len(EMPLOYEE_GROUPS)
    connect(program, supt, teacher)  # the figures change between the two runs of the day
    assert tasks.snapshot_coverage.call(program_id=program.pk) == len(EMPLOYEE_GROUPS)
    rows = CoverageSnapshot.objects.filter(program=program)
    assert rows.count() == len(EMPLOYEE_GROUPS)
    assert set(rows.values_list("taken_on", flat=True)) == {today_in(personas.org.time_zone)}
    by_group = {r.role_group: (r.people, r.with_mentor, r.mentoring, r.connections) for r in rows}
    # Teachers: the three personas and `teacher`; the second run's figures are the ones kept.
    assert by_group[RG.TEACHER] == (4, 1, 0, 1)
    assert by_group[RG.EARLY_CHILDHOOD_EDUCATOR] == (1, 1, 0, 1)
    assert by_group[RG.SUPERVISORY_OFFICER] == (1, 0, 1, 0)
    assert by_group[RG.PRINCIPAL] == (0, 0, 0, 0)


def test_the_daily_job_covers_every_web_and_skips_other_ids(personas: Any) -> None:
    web_program(personas.org)
    web_program(personas.other_org, slug="other-web")
    assert tasks.snapshot_all() == 2 * len(EMPLOYEE_GROUPS)
    assert tasks.snapshot_all() == 2 * len(EMPLOYEE_GROUPS)
    assert CoverageSnapshot.objects.count() == 2 * len(EMPLOYEE_GROUPS)
    assert tasks.snapshot_coverage.call(program_id=999_999) == 0
