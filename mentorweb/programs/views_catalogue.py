"""The public catalogue: published programs and their offerings, for anyone, signed in or not."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from mentorweb.programs import pairing, selectors
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.programs.pairing_words import rules_in_words
from mentorweb.programs.policies import describe_days
from mentorweb.programs.times import today_in

PAGE_SIZE = 20
# Where the "Apply as a mentee / as a mentor" buttons of a pairing offering go: the applications
# part provides this template (it gets `offering`, `program`, `rules`, `registration_open` and the
# request); until it does, a placeholder says online applications are not available yet.
APPLY_LINKS = "registrations/pairing/_apply_links.html"
APPLY_LINKS_PENDING = "programs/catalogue/_apply_links_pending.html"


def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_programs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/catalogue/index.html", {"page": page})


def program(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = selectors.get_published_program(org_slug, program_slug)
    today = today_in(program.organization.time_zone)
    offerings = program.public_offerings  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "program": program,
        "organization": program.organization,
        "hours": selectors.program_hours(program),
        "refund_rows": [(describe_days(tier), tier) for tier in selectors.refund_table(program)],
        "upcoming": [o for o in reversed(offerings) if o.end_date >= today and o.status in selectors.UPCOMING_STATUSES],
        "past": [o for o in offerings if o.end_date < today or o.status not in selectors.UPCOMING_STATUSES],
    }
    if program.kind == ProgramKind.PAIRING:
        for upcoming in context["upcoming"]:
            upcoming.registration_open = selectors.registration_is_open(upcoming, today)
        context.update(_pairing_context(program))
        return render(request, "programs/catalogue/pairing_program.html", context)
    return render(request, "programs/catalogue/program.html", context)


def offering(request: HttpRequest, org_slug: str, program_slug: str, offering_slug: str) -> HttpResponse:
    offering = selectors.get_public_offering(org_slug, program_slug, offering_slug)
    program = offering.program
    today = today_in(program.organization.time_zone)
    context = {
        "program": program,
        "organization": program.organization,
        "offering": offering,
        "schedule": selectors.offering_schedule(offering),
        "registration_open": selectors.registration_is_open(offering, today),
        "deadline_passed": offering.registration_deadline < today,
        "refund_rows": [(describe_days(tier), tier) for tier in selectors.refund_table(program)],
    }
    if program.kind == ProgramKind.PAIRING:
        context.update(_pairing_context(program))
        return render(request, "programs/catalogue/pairing_offering.html", context)
    return render(request, "programs/catalogue/offering.html", context)


def _apply_links_template() -> str:
    try:
        get_template(APPLY_LINKS)
    except TemplateDoesNotExist:
        return APPLY_LINKS_PENDING
    return APPLY_LINKS


def _pairing_context(program: Program) -> dict[str, Any]:
    rules = pairing.rules_of(program)
    return {
        "rules": rules,
        "pairing": rules_in_words(rules, program.organization),
        "apply_links_template": _apply_links_template(),
    }
