"""The steering committee's view of a board's mentoring web: who the web reaches, across which
roles, who mentors too many, and how it grew. Counts only: never who mentors whom, never purposes,
notes, learnings or topics (names appear only in the list of overloaded mentors, which staff act on).

Every figure comes from a fixed number of GROUP BY queries, whatever the size of the board (six
for the page): people by group and by school and connections by the two people's groups in one
pass (BOARD_SQL), the schools' names, the overloaded mentors (OVERLOADED_SQL), two for the trend
and one for the committee. Every read of the partnerships filters on the program (or the board) and
the status, so PostgreSQL reads them through the (program, status, starts_on) or (organization,
status) index. Two queries are SQL of our own, because they need a CTE or a window the ORM does
not write; they run unchanged on PostgreSQL and SQLite.

Definitions, the same on the page, in the export and in the daily snapshot:
- people: distinct persons with an active membership in the board or one of its schools;
- with a mentor: the mentee of at least one active `web` connection of the board's web;
- mentoring: the mentor of at least one active `web` connection;
- peer: either side of an active `peer` connection;
- covered (the % shown): with a mentor, the seed's aim that every employee has a web of mentors;
- connections (snapshot): active connections whose mentee (for a peer connection, the person who
  asked) is in the group, so that the groups add up to the web's total.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.organizations.models import Membership, Organization, OrganizationKind
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.programs.times import today_in
from mentorweb.webs.models import EMPLOYEE_GROUPS, UNDER_SERVED_GROUPS, CoverageSnapshot, MentorOffer, SteeringMember

# A mentor with more people than this across the board's live partnerships is listed, whatever
# their offer says: a reasonable load next to a full-time job.
OVERLOAD_LIMIT = 4
OVERLOADED_SHOWN = 50
NOTABLE_PAIRS_SHOWN = 12
TREND_MONTHS = 12
# Connections that once started: they count in the month they started, however they went on.
STARTED_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
WEB_KINDS = (PartnershipKind.WEB, PartnershipKind.PEER)


def _percent(part: int, whole: int) -> int | None:
    return None if not whole else min(100, round(part * 100 / whole))


def _label(group: str) -> str:
    try:
        return str(RoleGroup(group).label)
    except ValueError:
        return group


def web_program_of(organization: Organization) -> Program | None:
    """The board's mentoring web: the first one created, when a board has more than one."""
    return Program.objects.filter(organization=organization, kind=ProgramKind.WEB).order_by("created_at", "pk").first()


# --- the building blocks --------------------------------------------------------------------------


def _active(program: Program) -> QuerySet[Partnership]:
    return Partnership.objects.filter(program=program, status=PartnershipStatus.ACTIVE)


@dataclass(frozen=True)
class CoverageRow:
    key: str
    label: str
    people: int
    with_mentor: int
    mentoring: int
    peer: int
    under_served: bool = False

    @property
    def covered_percent(self) -> int | None:
        return _percent(self.with_mentor, self.people)

    @property
    def bar_percent(self) -> int:
        return self.covered_percent or 0


# --- cross-role connections -----------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    count: int


@dataclass
class CrossRole:
    groups: list[tuple[str, str]]  # (key, label), the rows and columns of the matrix
    cells: dict[tuple[str, str], int]  # (mentor's group, mentee's group) → active web connections
    web_total: int
    peer_total: int
    cross_total: int  # web and peer connections between two different groups
    pairs: list[Pair] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.web_total + self.peer_total

    @property
    def cross_percent(self) -> int | None:
        return _percent(self.cross_total, self.total)

    def rows(self) -> list[tuple[str, list[int], int]]:
        """The matrix as (mentor's group label, counts by mentee's group, row total)."""
        out = []
        for key, label in self.groups:
            counts = [self.cells.get((key, other), 0) for other, _label in self.groups]
            out.append((label, counts, sum(counts)))
        return out

    def column_totals(self) -> list[int]:
        return [sum(self.cells.get((key, other), 0) for key, _l in self.groups) for other, _o in self.groups]


def _cross_role(connections: list[tuple[str, str, str, int]]) -> CrossRole:
    cells: dict[tuple[str, str], int] = defaultdict(int)
    unordered: dict[tuple[str, str], int] = defaultdict(int)
    web_total = peer_total = cross_total = 0
    for kind, mentor_group, mentee_group, count in connections:
        if kind == PartnershipKind.WEB:
            cells[(mentor_group, mentee_group)] += count
            web_total += count
        else:
            peer_total += count
        if mentor_group != mentee_group:
            cross_total += count
            first, second = sorted((mentor_group, mentee_group))
            unordered[(first, second)] += count
    present = {group for pair in cells for group in pair}
    groups: list[tuple[str, str]] = [(g, _label(g)) for g in EMPLOYEE_GROUPS]
    groups += [(g, _label(g)) for g in sorted(present - set(EMPLOYEE_GROUPS))]
    pairs = sorted(
        (Pair(_label(a), _label(b), count) for (a, b), count in unordered.items()),
        key=lambda p: (-p.count, p.first, p.second),
    )[:NOTABLE_PAIRS_SHOWN]
    return CrossRole(groups, dict(cells), web_total, peer_total, cross_total, pairs)


# --- coverage and connections by role group ------------------------------------------------------


# Everything the page counts by role group, in one pass: the web's active connections and the
# board's active memberships are folded into one row of flags per person, whose role group is read
# once; from these, people by group (each person once: a person at the board and at a school has
# two memberships), people by school (a membership is one person: unique per organization), and
# connections by the two people's groups. Reading the people table once, for these people alone,
# is what keeps it fast at province size (the people of one board among 200,000). Our own SQL
# because the ORM writes no CTE; it runs unchanged on PostgreSQL and SQLite. School names come
# from a query of their own: carrying them through the aggregation made it slower.
BOARD_SQL = """
WITH active AS (
    -- The web's active connections, read once, through the (program, status, starts_on) index.
    SELECT mentor_id, mentee_id, kind FROM {partnership}
    WHERE program_id = %(program)s AND status = %(active)s AND kind IN (%(web)s, %(peer)s)
), members AS (
    -- The board's and its schools' active memberships, through the active-members index.
    SELECT m.person_id, m.organization_id, o.kind AS org_kind
    FROM {membership} m JOIN {organization} o ON o.id = m.organization_id
    WHERE m.deactivated_at IS NULL AND (o.id = %(board)s OR o.parent_id = %(board)s)
), folded AS (
    -- One row of flags per person: a side of a connection, a member, or both.
    SELECT person_id, MAX(has_mentor) AS has_mentor, MAX(mentoring) AS mentoring, MAX(peer) AS peer,
           MAX(member) AS member
    FROM (
        SELECT mentee_id AS person_id, CASE WHEN kind = %(web)s THEN 1 ELSE 0 END AS has_mentor, 0 AS mentoring,
               CASE WHEN kind = %(peer)s THEN 1 ELSE 0 END AS peer, 0 AS member FROM active
        UNION ALL
        SELECT mentor_id, 0, CASE WHEN kind = %(web)s THEN 1 ELSE 0 END, CASE WHEN kind = %(peer)s THEN 1 ELSE 0 END, 0
        FROM active
        UNION ALL
        SELECT person_id, 0, 0, 0, 1 FROM members
    ) sides
    GROUP BY person_id
), people AS (
    -- Their role groups: the people table is read for them alone, through its primary key.
    SELECT f.person_id, p.role_group, f.has_mentor, f.mentoring, f.peer, f.member
    FROM folded f JOIN {person} p ON p.id = f.person_id
)
SELECT 'group' AS axis, role_group AS key, NULL AS other, COUNT(*), SUM(has_mentor), SUM(mentoring), SUM(peer)
FROM people WHERE member = 1 GROUP BY role_group
UNION ALL
SELECT 'school', CAST(m.organization_id AS TEXT), NULL, COUNT(*), SUM(f.has_mentor), SUM(f.mentoring), SUM(f.peer)
FROM members m JOIN folded f ON f.person_id = m.person_id
WHERE m.org_kind = %(school)s AND m.organization_id <> %(board)s GROUP BY m.organization_id
UNION ALL
SELECT a.kind, mr.role_group, me.role_group, COUNT(*), 0, 0, 0
FROM active a JOIN people mr ON mr.person_id = a.mentor_id JOIN people me ON me.person_id = a.mentee_id
GROUP BY a.kind, mr.role_group, me.role_group
"""


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _params(program: Program) -> dict[str, Any]:
    return {
        "program": program.pk,
        "board": program.organization_id,
        "active": PartnershipStatus.ACTIVE.value,
        "proposed": PartnershipStatus.PROPOSED.value,
        "web": PartnershipKind.WEB.value,
        "peer": PartnershipKind.PEER.value,
        "school": OrganizationKind.SCHOOL.value,
    }


def _fetch(sql: str, program: Program, **extra: Any) -> list[tuple[Any, ...]]:
    tables = {
        "partnership": _table(Partnership),
        "membership": _table(Membership),
        "organization": _table(Organization),
        "person": _table(Person),
        "offer": _table(MentorOffer),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**tables), {**_params(program), **extra})
        return list(cursor.fetchall())


def board_figures(program: Program) -> tuple[list[CoverageRow], list[CoverageRow], CrossRole]:
    """Coverage by role group, by school (the least covered school first) and across roles: two
    queries (BOARD_SQL and the schools' names)."""
    groups: dict[str, tuple[int, int, int, int]] = {}
    by_school: dict[int, tuple[int, int, int, int]] = {}
    connections: list[tuple[str, str, str, int]] = []
    for axis, key, other, n1, n2, n3, n4 in _fetch(BOARD_SQL, program):
        counts = (int(n1), int(n2 or 0), int(n3 or 0), int(n4 or 0))
        if axis == "group":
            groups[key] = counts
        elif axis == "school":
            by_school[int(key)] = counts
        else:
            connections.append((axis, key, other, int(n1)))
    names = Organization.objects.filter(parent_id=program.organization_id, kind=OrganizationKind.SCHOOL)
    schools = [
        CoverageRow(str(pk), name, *by_school.get(pk, (0, 0, 0, 0))) for pk, name in names.values_list("pk", "name")
    ]
    schools.sort(key=lambda r: (r.covered_percent or 0, r.label))
    return _group_rows(groups), schools, _cross_role(connections)


def people_coverage(program: Program) -> tuple[list[CoverageRow], list[CoverageRow]]:
    groups, schools, _cross = board_figures(program)
    return groups, schools


def cross_role(program: Program) -> CrossRole:
    """Active connections counted by the two people's groups."""
    return board_figures(program)[2]


def _group_rows(found: dict[str, tuple[int, int, int, int]]) -> list[CoverageRow]:
    """One row per employee group (and any other group the board's people are in); the
    under-served groups of seed 001 first, then the others in the order of EMPLOYEE_GROUPS."""
    order = [str(g) for g in UNDER_SERVED_GROUPS] + [str(g) for g in EMPLOYEE_GROUPS if g not in UNDER_SERVED_GROUPS]
    order += sorted(set(found) - set(order))
    return [
        CoverageRow(group, _label(group), *found.get(group, (0, 0, 0, 0)), under_served=group in UNDER_SERVED_GROUPS)
        for group in order
    ]


def group_rows(program: Program) -> list[CoverageRow]:
    return people_coverage(program)[0]


def school_rows(program: Program) -> list[CoverageRow]:
    return people_coverage(program)[1]


# --- overloaded mentors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Overloaded:
    name: str
    group: str
    people: int  # distinct mentees across the board's live partnerships
    web_active: int  # active connections of the web as mentor
    capacity: int | None  # from the person's offer in the web

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.web_active > self.capacity

    @property
    def over_limit(self) -> bool:
        return self.people > OVERLOAD_LIMIT


# Mentors' loads across every live partnership of the board, and their offer's capacity in the
# web, grouped in the database: only the mentors over a threshold come back.
OVERLOADED_SQL = """
SELECT p.given_name, p.family_name, p.role_group, x.people, x.web_active, x.capacity, x.total
FROM (
    SELECT t.mentor_id, t.people, t.web_active, o.capacity, COUNT(*) OVER () AS total
    FROM (
        SELECT mentor_id, COUNT(DISTINCT mentee_id) AS people,
               SUM(CASE WHEN program_id = %(program)s AND kind = %(web)s AND status = %(active)s THEN 1 ELSE 0 END)
                   AS web_active
        FROM {partnership}
        WHERE organization_id = %(board)s AND status IN (%(proposed)s, %(active)s)
        GROUP BY mentor_id
    ) t
    LEFT JOIN {offer} o ON o.program_id = %(program)s AND o.person_id = t.mentor_id
    WHERE t.people > %(limit)s OR t.web_active > o.capacity
    ORDER BY t.people DESC, t.web_active DESC, t.mentor_id
    LIMIT %(shown)s
) x
JOIN {person} p ON p.id = x.mentor_id
ORDER BY x.people DESC, x.web_active DESC, x.mentor_id
"""


def overloaded_mentors(program: Program) -> tuple[list[Overloaded], int]:
    """Mentors over their offer's capacity in the web, or with more than OVERLOAD_LIMIT people across
    every live partnership of the board (any program): the first OVERLOADED_SHOWN, and how many
    there are, in one query (the names are read for those shown only)."""
    rows = _fetch(OVERLOADED_SQL, program, limit=OVERLOAD_LIMIT, shown=OVERLOADED_SHOWN)
    found = [
        Overloaded(
            name=f"{given} {family}".strip(),
            group=_label(group),
            people=int(count),
            web_active=int(web_active or 0),
            capacity=capacity,
        )
        for given, family, group, count, web_active, capacity, _total in rows
    ]
    return found, int(rows[0][-1]) if rows else 0


# --- trend over time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    month: dt.date  # its first day
    started: int  # connections started in the month
    covered: int | None  # people with a mentor at the month's last snapshot (today's live figure for this month)


def _month_starts(today: dt.date, months: int) -> list[dt.date]:
    first = today.replace(day=1)
    out = [first]
    for _n in range(months - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        out.append(first)
    return list(reversed(out))


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    height: float
    middle: float
    value_y: float
    value_text: str
    label: str


@dataclass(frozen=True)
class ColumnChart:
    """A small SVG column chart, drawn on the server; the page's table carries the same values."""

    title: str
    description: str
    columns: list[Column]
    width: int = 432
    height: int = 190
    left: int = 6
    right: int = 426
    baseline: int = 160
    label_y: int = 178
    column_width: int = 26


def column_chart(title: str, description: str, points: list[tuple[str, int | None]]) -> ColumnChart:
    top, baseline, step = 18, 160, 35
    largest = max((value or 0 for _label, value in points), default=0)
    columns = []
    for index, (label, value) in enumerate(points):
        height = round((baseline - top) * (value or 0) / largest, 1) if largest else 0.0
        x = 10 + index * step
        columns.append(
            Column(
                x=x,
                y=baseline - height,
                height=height,
                middle=x + 13,
                value_y=baseline - height - 4,
                value_text="—" if value is None else str(value),
                label=label,
            )
        )
    return ColumnChart(title, description, columns)


@dataclass
class Trend:
    months: list[Month]

    def _labels(self) -> list[str]:
        return [formats.date_format(m.month, "M") for m in self.months]

    @property
    def started_chart(self) -> ColumnChart:
        values = [m.started for m in self.months]
        return column_chart(
            _("Connections started each month"),
            _("Connections started in each of the last twelve months, from %(first)s to %(last)s.")
            % {"first": values[0], "last": values[-1]},
            list(zip(self._labels(), values, strict=True)),
        )

    @property
    def covered_chart(self) -> ColumnChart:
        values: list[int | None] = [m.covered for m in self.months]
        return column_chart(
            _("People with a mentor"),
            _("People with at least one mentor at the end of each of the last twelve months; now %(now)s.")
            % {"now": values[-1]},
            list(zip(self._labels(), values, strict=True)),
        )


def trend(program: Program, today: dt.date, covered_today: int) -> Trend:
    """The last TREND_MONTHS months: connections started (from the partnerships, through the
    (program, status, starts_on) index) and people with a mentor (the last snapshot of each month;
    the current month shows today's live figure). Two queries."""
    starts = _month_starts(today, TREND_MONTHS)
    started = {
        row["month"]: row["count"]
        for row in Partnership.objects.filter(
            program=program, status__in=STARTED_STATUSES, kind__in=WEB_KINDS, starts_on__gte=starts[0]
        )
        .order_by()
        .annotate(month=TruncMonth("starts_on"))
        .values("month")
        .annotate(count=Count("id"))
    }
    last_by_month: dict[dt.date, tuple[dt.date, int]] = {}
    for row in (
        CoverageSnapshot.objects.filter(program=program, taken_on__gte=starts[0])
        .order_by()
        .values("taken_on")
        .annotate(covered=Sum("with_mentor"))
    ):
        key = row["taken_on"].replace(day=1)
        if key not in last_by_month or last_by_month[key][0] < row["taken_on"]:
            last_by_month[key] = (row["taken_on"], row["covered"])
    months = []
    for start in starts:
        covered: int | None = last_by_month[start][1] if start in last_by_month else None
        if start == starts[-1]:
            covered = covered_today
        months.append(Month(start, _month_value(started, start), covered))
    return Trend(months)


def _month_value(started: dict[object, int], start: dt.date) -> int:
    # TruncMonth of a date is a date on every backend Django supports; a datetime is tolerated.
    for key, value in started.items():
        day = key.date() if isinstance(key, dt.datetime) else key
        if day == start:
            return value
    return 0


# --- the committee --------------------------------------------------------------------------------


@dataclass
class Committee:
    members: list[SteeringMember]
    represented: list[str]
    missing: list[str]


def committee(program: Program) -> Committee:
    members = list(
        SteeringMember.objects.filter(program=program).select_related("person").order_by("represents", "person")
    )
    groups = {m.represents for m in members}
    return Committee(
        members=members,
        represented=[_label(g) for g in EMPLOYEE_GROUPS if g in groups],
        missing=[_label(g) for g in EMPLOYEE_GROUPS if g not in groups],
    )


# --- the whole page -------------------------------------------------------------------------------


@dataclass
class Coverage:
    program: Program
    today: dt.date
    groups: list[CoverageRow]
    schools: list[CoverageRow]
    cross: CrossRole
    overloaded: list[Overloaded]
    overloaded_count: int
    trend: Trend
    committee: Committee

    @property
    def people(self) -> int:
        return sum(r.people for r in self.groups)

    @property
    def with_mentor(self) -> int:
        return sum(r.with_mentor for r in self.groups)

    @property
    def covered_percent(self) -> int | None:
        return _percent(self.with_mentor, self.people)

    @property
    def under_served(self) -> list[CoverageRow]:
        return [r for r in self.groups if r.under_served]

    @property
    def other_groups(self) -> list[CoverageRow]:
        return [r for r in self.groups if not r.under_served]


def coverage(program: Program) -> Coverage:
    """Everything the page shows: six queries, whatever the size of the board."""
    today = today_in(program.organization.time_zone)
    groups, schools, cross = board_figures(program)
    overloaded, overloaded_count = overloaded_mentors(program)
    return Coverage(
        program=program,
        today=today,
        groups=groups,
        schools=schools,
        cross=cross,
        overloaded=overloaded,
        overloaded_count=overloaded_count,
        trend=trend(program, today, sum(r.with_mentor for r in groups)),
        committee=committee(program),
    )


# --- the daily snapshot ---------------------------------------------------------------------------


def snapshot_rows(program: Program, taken_on: dt.date) -> list[CoverageSnapshot]:
    """Today's figures by group, as unsaved snapshot rows (two queries)."""
    connections = dict(
        _active(program)
        .filter(kind__in=WEB_KINDS)
        .order_by()
        .values("mentee__role_group")
        .annotate(count=Count("id"))
        .values_list("mentee__role_group", "count")
    )
    rows = []
    for row in group_rows(program):
        rows.append(
            CoverageSnapshot(
                program=program,
                taken_on=taken_on,
                role_group=row.key,
                people=row.people,
                with_mentor=row.with_mentor,
                mentoring=row.mentoring,
                connections=connections.get(row.key, 0),
            )
        )
    return rows


def group_choices() -> Iterable[tuple[str, str]]:
    return [(g, _label(g)) for g in EMPLOYEE_GROUPS]


def under_served_note() -> str:
    return _(
        "Mentoring for All found these groups under-served by earlier, initiative-driven mentoring "
        "(“mentoring for some”): early childhood educators and ECE/kindergarten teams, for whom "
        "embedded time is scarce; business and support staff, for many of whom this is a first "
        "exposure to mentoring; board consultants and coaches, “thirsty” for mentorship of their "
        "own; and associate teachers, whose work as mentors matters beyond their role as evaluators."
    )
