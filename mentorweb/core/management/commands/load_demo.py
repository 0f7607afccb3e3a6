"""`manage.py load_demo`: the demo organizations, people and logins. Running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from mentorweb.core.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo: the organizations and people of the four seed programs, with their logins. "
        "Safe to run again: rows that already match are left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_demo()
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo already loaded: nothing changed."))
