"""The pairing programs' part of the demo: the BCPVPA Mentorship Pilot 2017–2018 (demo_bc) and the
OPSOA Mentorship Program (demo_opsoa), from set-up to partnerships.

`load_demo` runs after the people (core.demo) and the course demos (programs, registrations),
with the applicants of core.demo.people_bc_pilot and people_opsoa_program. Loading again
changes nothing: each program is found by its slug, each story by its offering.
"""

from __future__ import annotations

from typing import Any

from mentorweb.matching import demo_bc, demo_opsoa


def load_demo(context: Any) -> None:
    demo_bc.load(context)
    demo_opsoa.load(context)
