"""Seeded, reproducible mentoring webs for benchmarks: a root organization of their own (a
"province", kind ministry) with boards, their schools, people in every role group, offers to
mentor, web and peer connections in every status, their meetings, committee seats and a year of
daily coverage snapshots.

This is generated benchmark data, not user actions: rows are written in bulk (COPY on
PostgreSQL, bulk_create elsewhere), no service runs per row, and nothing goes into the audit
trail. It never touches the demo: everything hangs under its own root organization, whose slug
says the seed and the size, and a second run with the same arguments finds it and stops.

Ids are reserved from each table's sequence before the rows are written (setval past a block),
so users, people, memberships and partnerships can point at each other without reading back.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone

from mentorweb.accounts.models import Person, RoleGroup, User
from mentorweb.organizations.models import Membership, Organization, OrganizationKind, StaffRole
from mentorweb.partnerships.models import (
    Meeting,
    MeetingMode,
    MeetingStatus,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
)
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs.models import EMPLOYEE_GROUPS, CoverageSnapshot, MentorOffer, OfferArea, SteeringMember

# Shares of a board's people by role group (the rest are "other").
GROUP_SHARES: dict[str, float] = {
    RoleGroup.TEACHER: 0.45,
    RoleGroup.EARLY_CHILDHOOD_EDUCATOR: 0.10,
    RoleGroup.ASSOCIATE_TEACHER: 0.05,
    RoleGroup.BUSINESS_SUPPORT: 0.15,
    RoleGroup.CONSULTANT_COACH: 0.04,
    RoleGroup.OFFICE_ADMINISTRATOR: 0.06,
    RoleGroup.VICE_PRINCIPAL: 0.04,
    RoleGroup.PRINCIPAL: 0.05,
    RoleGroup.SUPERVISORY_OFFICER: 0.01,
    RoleGroup.OTHER: 0.05,
}
# Groups who work in a school (the others at the board office).
SCHOOL_GROUPS = {
    RoleGroup.TEACHER,
    RoleGroup.EARLY_CHILDHOOD_EDUCATOR,
    RoleGroup.ASSOCIATE_TEACHER,
    RoleGroup.OFFICE_ADMINISTRATOR,
    RoleGroup.VICE_PRINCIPAL,
    RoleGroup.PRINCIPAL,
}
STATUS_SHARES = {
    PartnershipStatus.ACTIVE: 0.55,
    PartnershipStatus.COMPLETED: 0.15,
    PartnershipStatus.ENDED: 0.08,
    PartnershipStatus.PROPOSED: 0.12,
    PartnershipStatus.DECLINED: 0.10,
}
STARTED = {PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED}
AREAS = [
    "classroom management",
    "kindergarten teams",
    "coaching conversations",
    "relational trust",
    "goal setting",
    "school improvement planning",
    "office management",
    "parent engagement",
    "special education",
    "Indigenous education",
    "French-language education",
    "technology",
    "assessment",
    "business operations",
    "human resources",
    "wellbeing",
    "observation and debriefing",
    "instructional leadership",
    "equity and inclusion",
    "new to the role",
]
GIVEN = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Riley", "Casey", "Jamie", "Avery", "Quinn", "Rowan", "Sky"]
FAMILY = ["Tremblay", "Martin", "Roy", "Singh", "Wilson", "Campbell", "Gagnon", "Chen", "Morin", "Lee", "Bouchard"]
SCHOOL_SIZE = 60  # people of a board per school, about
BATCH = 5000
SNAPSHOT_DAYS = 365


@dataclass
class Sizes:
    people: int
    partnerships: int
    meetings: int
    boards: int = 1
    seed: int = 0

    @property
    def slug(self) -> str:
        return f"generated-s{self.seed}-p{self.people}-b{self.boards}"


@dataclass
class Report:
    slug: str
    created: bool
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# --- writing rows in bulk -------------------------------------------------------------------------


def _tsv(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _constant_default(model_field: models.Field[Any, Any], now: dt.datetime) -> Any:
    if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
        return now
    if model_field.has_default():
        value = model_field.get_default()
        return json.dumps(value) if isinstance(model_field, models.JSONField) else value
    if model_field.null:
        return None
    if isinstance(model_field, (models.CharField, models.TextField)):
        return ""
    raise ValueError(f"{model_field.model.__name__}.{model_field.name} needs a value")


class Writer:
    """Rows as tuples in the order of `columns` (attnames, id first); every other concrete column
    gets its model default, the same for every row."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()

    def reserve(self, model: type[models.Model], count: int) -> int:
        """The first of `count` ids no one else will be given."""
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s)",
                    [table, table, max(count - 1, 0)],
                )
                last = cursor.fetchone()[0]
                return int(last) - max(count - 1, 0)
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - a model's table name
            return int(cursor.fetchone()[0]) + 1

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        concrete = [f for f in model._meta.concrete_fields if f.attname not in columns and not f.primary_key]
        defaults = [(f.attname, _constant_default(f, self.now)) for f in concrete]
        names = [*columns, *(name for name, _value in defaults)]
        if self.postgres:
            return self._copy(model, names, [value for _name, value in defaults], rows)
        return self._bulk(model, names, [value for _name, value in defaults], rows)

    def _copy(self, model: type[models.Model], names: list[str], tail: list[Any], rows: Iterable[Sequence[Any]]) -> int:
        suffix = "".join("\t" + _tsv(value) for value in tail) + "\n"
        columns = ", ".join(f'"{name}"' for name in names)
        written = 0
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy:
                buffer = io.StringIO()
                for row in rows:
                    buffer.write("\t".join(map(_tsv, row)))
                    buffer.write(suffix)
                    written += 1
                    if written % 20000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
        return written

    def _bulk(self, model: type[models.Model], names: list[str], tail: list[Any], rows: Iterable[Sequence[Any]]) -> int:
        json_fields = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}
        batch: list[models.Model] = []
        written = 0
        for row in rows:
            values = dict(zip(names, [*row, *tail], strict=True))
            for name in json_fields & values.keys():
                if isinstance(values[name], str):
                    values[name] = json.loads(values[name])
            batch.append(model(**values))
            if len(batch) >= BATCH:
                model.objects.bulk_create(batch, batch_size=BATCH)  # type: ignore[attr-defined]
                written += len(batch)
                batch = []
        if batch:
            model.objects.bulk_create(batch, batch_size=BATCH)  # type: ignore[attr-defined]
            written += len(batch)
        return written


# --- the web --------------------------------------------------------------------------------------


def _board_sizes(people: int, boards: int) -> list[int]:
    """Board sizes falling off like real ones (a few large boards, many small ones), adding up to `people`."""
    weights = 1.0 / np.arange(1, boards + 1) ** 0.7
    sizes = np.floor(weights / weights.sum() * people).astype(int)
    sizes[0] += people - int(sizes.sum())
    return [max(int(s), 1) for s in sizes]


def generate(sizes: Sizes, *, log: Callable[[str], None] = lambda _line: None) -> Report:
    """Generate the web described by `sizes`, unless its root organization exists already."""
    report = Report(slug=sizes.slug, created=False)
    if Organization.objects.filter(slug=sizes.slug).exists():
        log(f"{sizes.slug} exists already: nothing to do")
        return report
    rng = np.random.default_rng(sizes.seed)
    writer = Writer()
    now = writer.now
    today = timezone.localdate()
    started_at = time.perf_counter()

    def step(name: str, count: int) -> None:
        nonlocal started_at
        elapsed = time.perf_counter() - started_at
        report.counts[name] = count
        report.seconds[name] = elapsed
        log(f"{name}: {count} rows in {elapsed:.1f} s")
        started_at = time.perf_counter()

    with transaction.atomic():
        # Organizations: the root, the boards, their schools.
        board_sizes = _board_sizes(sizes.people, sizes.boards)
        root = Organization.objects.create(
            name=f"Generated province (seed {sizes.seed}, {sizes.people} people)",
            slug=sizes.slug,
            kind=OrganizationKind.MINISTRY,
        )
        board_ids = writer.reserve(Organization, sizes.boards)
        boards = list(range(board_ids, board_ids + sizes.boards))
        writer.write(
            Organization,
            ["id", "name", "slug", "kind", "parent_id"],
            (
                (pk, f"Generated board {n + 1}", f"{sizes.slug}-b{n + 1}", OrganizationKind.BOARD, root.pk)
                for n, pk in enumerate(boards)
            ),
        )
        schools_per_board = [max(1, size // SCHOOL_SIZE) for size in board_sizes]
        school_first = writer.reserve(Organization, sum(schools_per_board))
        school_rows, board_schools, next_id = [], [], school_first
        for n, (board, count) in enumerate(zip(boards, schools_per_board, strict=True)):
            ids = list(range(next_id, next_id + count))
            next_id += count
            board_schools.append(ids)
            school_rows += [
                (
                    pk,
                    f"Generated school {n + 1}-{k + 1}",
                    f"{sizes.slug}-b{n + 1}-s{k + 1}",
                    OrganizationKind.SCHOOL,
                    board,
                )
                for k, pk in enumerate(ids)
            ]
        writer.write(Organization, ["id", "name", "slug", "kind", "parent_id"], school_rows)
        programs = {}
        for board in boards:
            programs[board] = Program.objects.create(
                organization_id=board, kind=ProgramKind.WEB, name="Mentoring for All", slug="mentoring-for-all"
            ).pk
        step("organizations", 1 + len(boards) + len(school_rows))

        # People: one user and one person each, with a role group; board of each person.
        n = sizes.people
        groups = list(GROUP_SHARES)
        share = np.array(list(GROUP_SHARES.values()))
        person_group = rng.choice(len(groups), size=n, p=share / share.sum())
        person_board = np.repeat(np.arange(len(boards)), board_sizes)
        user_first = writer.reserve(User, n)
        person_first = writer.reserve(Person, n)
        writer.write(
            User,
            ["id", "email", "password", "is_active", "date_joined"],
            (
                (user_first + i, f"p{i}@{sizes.slug}.example.org", "!generated-benchmark-data", True, now)
                for i in range(n)
            ),
        )
        given = rng.integers(0, len(GIVEN), size=n).tolist()
        family = rng.integers(0, len(FAMILY), size=n).tolist()
        group_list = person_group.tolist()
        writer.write(
            Person,
            ["id", "user_id", "given_name", "family_name", "role_group"],
            (
                (person_first + i, user_first + i, GIVEN[given[i]], f"{FAMILY[family[i]]}-{i}", groups[group_list[i]])
                for i in range(n)
            ),
        )
        step("people", n)

        # Memberships: everyone at their board (2% deactivated), school groups at a school too.
        # The first person of each board coordinates it (and is never deactivated).
        board_first = np.concatenate([[0], np.cumsum(board_sizes)[:-1]]).tolist()
        coordinators = {int(first) for first in board_first}
        drawn = (rng.random(n) < 0.02).tolist()
        deactivated = [drawn[i] and i not in coordinators for i in range(n)]
        school_pick = rng.random(n)
        board_list = person_board.tolist()

        def memberships() -> Iterable[tuple[Any, ...]]:
            for i in range(n):
                b = board_list[i]
                role = StaffRole.COORDINATOR if i in coordinators else StaffRole.MEMBER
                gone = now if deactivated[i] else None
                yield (person_first + i, boards[b], role, gone)
                if groups[group_list[i]] in SCHOOL_GROUPS:
                    schools = board_schools[b]
                    yield (person_first + i, schools[int(school_pick[i] * len(schools))], StaffRole.MEMBER, gone)

        count = writer.write(Membership, ["person_id", "organization_id", "role", "deactivated_at"], memberships())
        step("memberships", count)

        # Offers to mentor: a quarter of the people, capacities 1 to 5, one to three areas.
        is_mentor = rng.random(n) < 0.25
        mentor_index = np.flatnonzero(is_mentor)
        capacity = rng.integers(1, 6, size=len(mentor_index))
        offer_first = writer.reserve(MentorOffer, len(mentor_index))
        offer_of = {int(i): offer_first + k for k, i in enumerate(mentor_index.tolist())}
        # Places taken are filled in below, once the connections are drawn.
        taken = np.zeros(len(mentor_index), dtype=int)

        # Connections: within a board; the mentor is someone with an offer (mostly) or anyone (peers).
        m = sizes.partnerships
        board_of_pair = np.searchsorted(np.cumsum(board_sizes), rng.random(m) * n, side="right")
        mentors_by_board: dict[int, np.ndarray] = defaultdict(lambda: np.array([], dtype=int))
        mentor_boards = person_board[mentor_index]
        for b in range(len(boards)):
            found = mentor_index[mentor_boards == b]
            mentors_by_board[b] = found if len(found) else np.array([board_first[b]])
        kinds = np.where(rng.random(m) < 0.85, 0, 1)  # 0 web, 1 peer
        statuses = list(STATUS_SHARES)
        status_p = np.array(list(STATUS_SHARES.values()))
        status = rng.choice(len(statuses), size=m, p=status_p / status_p.sum())
        mentor = np.empty(m, dtype=int)
        mentee = np.empty(m, dtype=int)
        sizes_arr = np.array(board_sizes)
        firsts = np.array(board_first)
        for b in range(len(boards)):
            where = np.flatnonzero(board_of_pair == b)
            if not len(where):
                continue
            pool = mentors_by_board[b]
            # A few popular mentors draw many requests: a skewed draw, so that some are overloaded.
            weights = 1.0 / np.arange(1, len(pool) + 1) ** 0.5
            mentor[where] = rng.choice(pool, size=len(where), p=weights / weights.sum())
            mentee[where] = firsts[b] + rng.integers(0, sizes_arr[b], size=len(where))
        same = mentor == mentee
        mentee[same] = np.where(
            mentee[same] + 1 < firsts[board_of_pair[same]] + sizes_arr[board_of_pair[same]],
            mentee[same] + 1,
            mentee[same] - 1,
        )
        valid = mentor != mentee  # a board of one person has nobody to connect with
        start_days = rng.integers(0, 730, size=m)
        partnership_first = writer.reserve(Partnership, m)
        mentor_l, mentee_l, kinds_l, status_l, days_l, board_l, valid_l = (
            a.tolist() for a in (mentor, mentee, kinds, status, start_days, board_of_pair, valid)
        )
        active_web: dict[int, int] = defaultdict(int)

        def partnerships() -> Iterable[tuple[Any, ...]]:
            for k in range(m):
                if not valid_l[k]:
                    continue
                state = statuses[status_l[k]]
                kind = PartnershipKind.WEB if kinds_l[k] == 0 else PartnershipKind.PEER
                started = state in STARTED
                starts_on = today - dt.timedelta(days=days_l[k]) if started else None
                created = now - dt.timedelta(days=days_l[k] + 3)
                offer_id = None
                if kind == PartnershipKind.WEB and state == PartnershipStatus.ACTIVE:
                    offer_id = offer_of.get(mentor_l[k])
                    active_web[mentor_l[k]] += 1
                mentor_answer = (
                    "accepted" if started else ("declined" if state == PartnershipStatus.DECLINED else "pending")
                )
                board = boards[board_l[k]]
                yield (
                    partnership_first + k,
                    kind,
                    board,
                    programs[board],
                    person_first + mentor_l[k],
                    person_first + mentee_l[k],
                    state,
                    mentor_answer,
                    "accepted",
                    starts_on,
                    starts_on + dt.timedelta(days=365) if starts_on else None,
                    offer_id,
                    created,
                )

        count = writer.write(
            Partnership,
            [
                "id",
                "kind",
                "organization_id",
                "program_id",
                "mentor_id",
                "mentee_id",
                "status",
                "mentor_response",
                "mentee_response",
                "starts_on",
                "ends_on",
                "mentor_offer_id",
                "created_at",
            ],
            partnerships(),
        )
        step("partnerships", count)

        for k, i in enumerate(mentor_index.tolist()):
            taken[k] = min(active_web.get(i, 0), int(capacity[k]))
        count = writer.write(
            MentorOffer,
            ["id", "program_id", "person_id", "capacity", "taken", "is_open"],
            (
                (
                    offer_first + k,
                    programs[boards[board_list[i]]],
                    person_first + i,
                    int(capacity[k]),
                    int(taken[k]),
                    bool(taken[k] < capacity[k]),
                )
                for k, i in enumerate(mentor_index.tolist())
            ),
        )
        area_picks = rng.integers(0, len(AREAS), size=(len(mentor_index), 3)).tolist()
        area_counts = rng.integers(1, 4, size=len(mentor_index)).tolist()
        count += writer.write(
            OfferArea,
            ["offer_id", "area"],
            (
                (offer_first + k, AREAS[a])
                for k in range(len(mentor_index))
                for a in sorted(set(area_picks[k][: area_counts[k]]))
            ),
        )
        step("offers and areas", count)

        # Meetings: spread over the connections that started, after their start.
        eligible = np.flatnonzero(np.isin(status, [statuses.index(s) for s in STARTED]) & valid)
        k_meetings = sizes.meetings if len(eligible) else 0
        which = eligible[rng.integers(0, len(eligible), size=k_meetings)] if k_meetings else np.array([], dtype=int)
        offset = rng.integers(0, 365, size=k_meetings) * 86400 + rng.integers(8 * 3600, 18 * 3600, size=k_meetings)
        cancelled = (rng.random(k_meetings) < 0.05).tolist()
        durations = rng.choice([30, 45, 60, 90], size=k_meetings).tolist()
        modes = [MeetingMode.FACE_TO_FACE, MeetingMode.VIDEO, MeetingMode.PHONE]
        mode_pick = rng.integers(0, len(modes), size=k_meetings).tolist()
        which_l, offset_l = which.tolist(), offset.tolist()
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)

        def meetings() -> Iterable[tuple[Any, ...]]:
            for j in range(k_meetings):
                p = which_l[j]
                at = midnight - dt.timedelta(days=days_l[p]) + dt.timedelta(seconds=offset_l[j])
                state = (
                    MeetingStatus.CANCELLED
                    if cancelled[j]
                    else (MeetingStatus.HELD if at < now else MeetingStatus.SCHEDULED)
                )
                yield (partnership_first + p, at, durations[j], modes[mode_pick[j]], state)

        count = writer.write(Meeting, ["partnership_id", "starts_at", "duration_minutes", "mode", "status"], meetings())
        step("meetings", count)

        # The committee: one active person of each of the first six employee groups met in the board.
        seats = []
        for b, board in enumerate(boards):
            first, size = board_first[b], board_sizes[b]
            seen: set[str] = set()
            for i in range(first + 1, min(first + size, first + 400)):
                group = groups[group_list[i]]
                if group in EMPLOYEE_GROUPS and group not in seen and not deactivated[i]:
                    seen.add(group)
                    seats.append((programs[board], person_first + i, group))
                if len(seen) >= 6:
                    break
        count = writer.write(SteeringMember, ["program_id", "person_id", "represents"], seats)
        step("committee seats", count)

        # A year of daily snapshots, growing towards today's figures.
        people_by: dict[tuple[int, str], int] = defaultdict(int)
        for i in range(n):
            if not deactivated[i]:
                people_by[(board_list[i], groups[group_list[i]])] += 1
        mentees_by: dict[tuple[int, str], set[int]] = defaultdict(set)
        mentors_by: dict[tuple[int, str], set[int]] = defaultdict(set)
        connections_by: dict[tuple[int, str], int] = defaultdict(int)
        for k in range(m):
            if valid_l[k] and statuses[status_l[k]] == PartnershipStatus.ACTIVE:
                key = (board_l[k], groups[group_list[mentee_l[k]]])
                connections_by[key] += 1
                if kinds_l[k] == 0:
                    mentees_by[key].add(mentee_l[k])
                    mentors_by[(board_l[k], groups[group_list[mentor_l[k]]])].add(mentor_l[k])

        def snapshots() -> Iterable[tuple[Any, ...]]:
            for b, board in enumerate(boards):
                for group in EMPLOYEE_GROUPS:
                    key = (b, group)
                    people = people_by.get(key, 0)
                    for day in range(SNAPSHOT_DAYS, 0, -1):
                        growth = 0.3 + 0.7 * (SNAPSHOT_DAYS - day) / SNAPSHOT_DAYS
                        yield (
                            programs[board],
                            today - dt.timedelta(days=day),
                            group,
                            people,
                            min(people, int(len(mentees_by.get(key, ())) * growth)),
                            min(people, int(len(mentors_by.get(key, ())) * growth)),
                            int(connections_by.get(key, 0) * growth),
                        )

        count = writer.write(
            CoverageSnapshot,
            ["program_id", "taken_on", "role_group", "people", "with_mentor", "mentoring", "connections"],
            snapshots(),
        )
        step("snapshots", count)

    if writer.postgres:
        # What autovacuum would do before anyone reads a real database of this size: statistics for
        # the planner, and the visibility map for index-only scans.
        with connection.cursor() as cursor:
            for model in (
                Organization,
                User,
                Person,
                Membership,
                MentorOffer,
                OfferArea,
                Partnership,
                Meeting,
                SteeringMember,
                CoverageSnapshot,
            ):
                # VACUUM cannot run inside a transaction (a test's, or a caller's atomic block): the
                # statistics alone can.
                verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                cursor.execute(f'{verb} "{model._meta.db_table}"')
        step("vacuum analyze", 0)
    report.created = True
    return report


def largest_board(slug: str) -> Organization:
    """The generated province's largest board (the first: sizes fall off)."""
    return Organization.objects.get(slug=f"{slug}-b1")
