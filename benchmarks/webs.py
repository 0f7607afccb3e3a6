"""Mentoring web benchmark: the steering committee's view and "My web" at board and province size.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mentorweb_bench python benchmarks/webs.py [--runs 7]

PostgreSQL only (the sizes are meant for it; it refuses otherwise). The database must be migrated.
It generates, or reuses when present, two seeded webs (mentorweb.webs.generate):
1. "board": one board of 10,000 people, 15,000 connections, 150,000 meetings;
2. "province": 200,000 people in 72 boards with their schools, 300,000 connections, 3,000,000
   meetings; the pages are measured on its largest board.
Each page is requested with Django's test Client (force_login; the whole middleware stack,
view and template, in this process), once to warm up and then --runs times; the table shows the
median, the fastest and the slowest run, and the number of queries of one more run.
The steering view is seen by a committee member; "My web", the home page and "Find a mentor"
(every offer, then a search by words and role group) by the board's busiest mentor who is not staff (staff are sent
to set up their second factor first). The board's coordinator's home page, the people of the
board and the staff list of partnerships are measured too (the coordinator gets a second factor).
Target: every median under 300 ms at province size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZES = {
    "board": {"people": 10_000, "boards": 1, "partnerships": 15_000, "meetings": 150_000},
    "province": {"people": 200_000, "boards": 72, "partnerships": 300_000, "meetings": 3_000_000},
}
TARGET_MS = 300.0


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorweb.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # The test Client's host name and the in-memory e-mail backend; nothing else changes.
    setup_test_environment()


def _measure(client: Any, path: str, runs: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(path)
    times = []
    for _n in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, f"{path}: {response.status_code}"
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return {
        "status": first.status_code,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "queries": len(captured),
        "bytes": len(first.content),
    }


def _coordinator_rows(name: str, people: int, board: Any, runs: int) -> list[tuple[str, int, str, str, Any]]:
    """The pages the board's coordinator opens most: home, the people of the board, the list of
    its partnerships. Staff need a second factor: the generated coordinator gets one here."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client
    from django.urls import reverse

    from mentorweb.organizations.models import StaffRole

    membership = board.memberships.filter(role=StaffRole.COORDINATOR, deactivated_at__isnull=True).first()
    if membership is None:
        return []
    user = membership.person.user
    if not is_mfa_enabled(user, ["totp"]):
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    pages = [
        ("Home page (coordinator)", "/"),
        ("People of the board", reverse("organizations:people", kwargs={"slug": board.slug})),
        ("Partnerships list (staff)", reverse("partnerships:staff_list", kwargs={"slug": board.slug})),
    ]
    return [(name, people, page, path, _measure(client, path, runs)) for page, path in pages]


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", default="board,province", help="which of: board, province")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "benchmarks/webs.py measures PostgreSQL only: set DATABASE_URL to a scratch PostgreSQL database "
            "(e.g. postgresql://postgres@127.0.0.1:5432/mentorweb_bench) and migrate it first.",
            file=sys.stderr,
        )
        return 2
    _setup()
    from django.db.models import Count
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from mentorweb.organizations.models import STAFF_ROLES
    from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus
    from mentorweb.webs.coverage import web_program_of
    from mentorweb.webs.generate import Sizes, generate, largest_board
    from mentorweb.webs.models import SteeringMember

    try:
        my_web: str | None = reverse("webs:mine")
    except NoReverseMatch:
        my_web = None
    rows = []
    for name in args.sizes.split(","):
        sizes = Sizes(**SIZES[name], seed=args.seed)
        started = time.perf_counter()
        report = generate(sizes, log=lambda line: print(f"  {line}", file=sys.stderr))
        made = "generated" if report.created else "reused"
        print(f"{name}: {made} {sizes.slug} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        board = largest_board(sizes.slug)
        program = web_program_of(board)
        assert program is not None
        people = board.memberships.filter(deactivated_at__isnull=True).count()
        seat = SteeringMember.objects.filter(program=program).select_related("person__user").first()
        assert seat is not None, "the generated board has no committee member"
        client = Client()
        client.force_login(seat.person.user)
        path = reverse("steering:coverage", kwargs={"slug": board.slug})
        rows.append((name, people, "steering committee's view", path, _measure(client, path, args.runs)))
        if my_web is not None:
            busiest = (
                Partnership.objects.filter(program=program, kind=PartnershipKind.WEB, status=PartnershipStatus.ACTIVE)
                # Staff would be sent to set up their second factor first: a plain member is measured.
                .exclude(mentor__memberships__role__in=STAFF_ROLES)
                .values("mentor__user_id")
                .annotate(n=Count("id"))
                .order_by("-n")
                .first()
            )
            assert busiest is not None
            mentor = Client()
            from mentorweb.accounts.models import User

            mentor.force_login(User.objects.get(pk=busiest["mentor__user_id"]))
            rows.append((name, people, f"My web ({busiest['n']} mentees)", my_web, _measure(mentor, my_web, args.runs)))
            rows.append((name, people, "Home page", "/", _measure(mentor, "/", args.runs)))
            # Find a mentor, as the same person sees it: every offer of the board's web, then a
            # search by words with a role group, as people narrow it down.
            find = reverse("webs:find") + f"?web={program.pk}"
            rows.append((name, people, "Find a mentor (all offers)", find, _measure(mentor, find, args.runs)))
            search = find + "&q=coaching&role_group=principal"
            rows.append((name, people, "Find a mentor (search)", search, _measure(mentor, search, args.runs)))
        rows += _coordinator_rows(name, people, board, args.runs)
    print()
    print(
        f"{'size':<9} {'board people':>12}  {'page':<28} {'median ms':>9} {'min':>7} {'max':>7} {'queries':>7}  target"
    )
    for name, people, page, _path, m in rows:
        ok = "ok" if m["median"] < TARGET_MS else "OVER"
        print(
            f"{name:<9} {people:>12}  {page:<28} {m['median']:>9.1f} {m['min']:>7.1f} {m['max']:>7.1f} {m['queries']:>7}  {ok}"
        )
    if my_web is None:
        print("\n(webs:mine does not exist yet: only the steering committee's view was measured.)")
    return 0 if all(m["median"] < TARGET_MS for name, *_rest, m in rows if name == "province") else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
