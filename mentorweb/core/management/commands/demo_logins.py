"""`manage.py demo_logins`: the table of demo logins, from the persona module."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from mentorweb.accounts.models import User
from mentorweb.core.demo.personas import DEMO_PASSWORD, NO_SECRET, PERSONAS, TOTP_NOTE, login_rows, markdown_table

HEADER = ("Persona", "E-mail", "Password", "TOTP secret")


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Command(BaseCommand):
    help = "Print the demo logins: persona, e-mail, password and TOTP secret."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all",
            action="store_true",
            help="List every demo account, not only the personas (other staff have secrets too).",
        )
        parser.add_argument("--markdown", action="store_true", help="Print the personas table as in the README.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["markdown"]:
            self.stdout.write(markdown_table())
            return
        rows: list[tuple[str, ...]] = [HEADER, *login_rows()]
        if options["all"]:
            rows.extend(self._other_accounts())
        self.stdout.write(format_table(rows))
        self.stdout.write("")
        self.stdout.write(TOTP_NOTE)
        missing = len(PERSONAS) - User.objects.filter(email__in=[p.email for p in PERSONAS]).count()
        if missing:
            self.stderr.write(f"{missing} of these accounts do not exist yet: run `manage.py load_demo` first.")

    def _other_accounts(self) -> list[tuple[str, ...]]:
        # Imported here: the people data pulls in every demo module, which plain listing does not need.
        from mentorweb.core.demo.loader import ALL_PEOPLE
        from mentorweb.core.demo.personas import PERSONAS_BY_EMAIL, totp_secret_for

        return [
            (
                _shorten(f"{spec.given_name} {spec.family_name}: {spec.position}"),
                spec.email,
                DEMO_PASSWORD,
                totp_secret_for(spec.email) if spec.has_staff_role else NO_SECRET,
            )
            for spec in ALL_PEOPLE
            if spec.email not in PERSONAS_BY_EMAIL
        ]
