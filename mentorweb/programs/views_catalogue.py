"""The public catalogue: published programs and their offerings, for anyone, signed in or not."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mentorweb.programs import selectors
from mentorweb.programs.policies import describe_days
from mentorweb.programs.times import today_in

PAGE_SIZE = 20


def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_programs(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/catalogue/index.html", {"page": page})


def program(request: HttpRequest, org_slug: str, program_slug: str) -> HttpResponse:
    program = selectors.get_published_program(org_slug, program_slug)
    today = today_in(program.organization.time_zone)
    offerings = program.public_offerings  # type: ignore[attr-defined]
    context = {
        "program": program,
        "organization": program.organization,
        "hours": selectors.program_hours(program),
        "refund_rows": [(describe_days(tier), tier) for tier in selectors.refund_table(program)],
        "upcoming": [o for o in reversed(offerings) if o.end_date >= today and o.status in selectors.UPCOMING_STATUSES],
        "past": [o for o in offerings if o.end_date < today or o.status not in selectors.UPCOMING_STATUSES],
    }
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
    return render(request, "programs/catalogue/offering.html", context)
