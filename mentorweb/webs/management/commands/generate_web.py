"""Generate a mentoring web for benchmarks (see mentorweb.webs.generate): generated data, not
user actions, written in bulk without the audit trail, under an organization of its own.

    manage.py generate_web --people 10000 --partnerships 15000 --meetings 150000 --seed 1
    manage.py generate_web --people 200000 --boards 72 --partnerships 300000 --meetings 3000000 --seed 1
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentorweb.webs.generate import Sizes, generate


class Command(BaseCommand):
    help = "Generate a seeded mentoring web (boards, schools, people, connections, meetings) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, required=True)
        parser.add_argument("--partnerships", type=int, required=True)
        parser.add_argument("--meetings", type=int, default=0)
        parser.add_argument("--boards", type=int, default=1, help="boards of the generated province (default 1)")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = Sizes(
            people=options["people"],
            partnerships=options["partnerships"],
            meetings=options["meetings"],
            boards=options["boards"],
            seed=options["seed"],
        )
        if min(sizes.people, sizes.boards) < 1 or min(sizes.partnerships, sizes.meetings) < 0:
            self.stderr.write("--people and --boards must be at least 1, the other sizes at least 0.")
            raise SystemExit(2)
        started = time.perf_counter()
        report = generate(sizes, log=lambda line: self.stdout.write(line))
        if report.created:
            self.stdout.write(f"Generated {report.slug} in {time.perf_counter() - started:.1f} s.")
