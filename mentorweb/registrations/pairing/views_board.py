"""Board input: a board's contacts say which mentors are acceptable for the board's mentees.

The board is the organization in the address; the user must be its board contact (or its
administrator). Offerings of any organization appear when their program takes board input and
the board has mentee applications in them; anything else is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.registrations.models import BoardInput, Registration
from mentorweb.registrations.pairing import selectors, services
from mentorweb.registrations.pairing.display import SHARED_LABELS, shared_value
from mentorweb.registrations.pairing.forms import BoardInputForm

MENTOR_FIELDS = ("position", "board", "region", "expertise", "languages", "bio")


@login_required
def offerings(request: HttpRequest, slug: str) -> HttpResponse:
    board = selectors.get_board_for_contact(request.user, slug)
    context = {"board": board, "organization": board, "offerings": list(selectors.board_offerings(board)[:100])}
    return render(request, "registrations/pairing/board/offerings.html", context)


class _Rollback(Exception):
    pass


@dataclass
class MentorRow:
    mentor: Registration
    form: BoardInputForm
    details: list[tuple[str, str]]
    current: BoardInput | None


@login_required
def board_input(request: HttpRequest, slug: str, offering_id: int) -> HttpResponse:
    board = selectors.get_board_for_contact(request.user, slug)
    offering = selectors.get_board_offering(board, offering_id)
    mentors = selectors.board_mentors(board, offering)
    data = request.POST if request.method == "POST" else None
    rows = []
    for mentor, current in mentors:
        initial = {}
        if current is not None:
            initial = {"acceptable": "yes" if current.acceptable else "no", "reason": current.reason}
        form = BoardInputForm(data, prefix=f"mentor-{mentor.pk}", initial=initial)
        details = [(label, value) for name, label in _labels() if (value := shared_value(mentor, name))]
        rows.append(MentorRow(mentor=mentor, form=form, details=details, current=current))
    if data is not None and all(row.form.is_valid() for row in rows):
        try:
            # All the answers of the page, or none: a missing reason on one row saves nothing.
            with transaction.atomic():
                for row in rows:
                    form = row.form
                    try:
                        services.board_input_set(
                            actor=request.user,
                            offering=offering,
                            board=board,
                            mentor=row.mentor,
                            acceptable=form.acceptable_value(),
                            reason=form.cleaned_data.get("reason", ""),
                        )
                    except DomainError as error:
                        form.add_error(error.field if error.field in form.fields else None, error.message)
                        raise _Rollback from error
        except _Rollback:
            pass
        else:
            messages.success(request, _("Your board's input is saved."))
            return redirect("applications:board_input", slug=board.slug, offering_id=offering.pk)
    context = {
        "board": board,
        "organization": board,
        "offering": offering,
        "rows": rows,
        "mentees": list(selectors.board_mentees(board, offering)),
        "has_errors": any(row.form.errors for row in rows),
    }
    return render(request, "registrations/pairing/board/input.html", context)


def _labels() -> list[tuple[str, str]]:
    return [(name, str(SHARED_LABELS[name])) for name in MENTOR_FIELDS]
