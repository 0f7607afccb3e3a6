"""The demo's course progress (attendance, modules, a graduate, tax receipts).

It lives in the registrations app (demo_progress); this module only makes the demo loader run
it, after the programs and registrations demos, since the reports app comes after both.
"""

from __future__ import annotations

from typing import Any

from mentorweb.registrations import demo_progress


def load_demo(context: Any) -> None:
    demo_progress.load_demo(context)
