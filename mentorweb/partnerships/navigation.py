"""Home-page sections for a person's own partnerships: the proposed ones waiting for their
answer first, then a way to their partnerships. Two bounded queries, on the home page only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.partnerships.selectors import partnerships_for_user, side_of, waiting_for_answer

HOME_LIMIT = 5


@register_home
def partnerships_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    sections = []
    for partnership in waiting_for_answer(user)[:HOME_LIMIT]:
        body = (
            _("A mentee is proposed to you. See what the program shares about them, then accept or decline.")
            if side_of(partnership, user) == "mentor"
            else _("A mentor is proposed to you. See what the program shares about them, then accept or decline.")
        )
        sections.append(
            HomeSection(
                title=_("A partnership waits for your answer: %(program)s") % {"program": partnership.program.name},
                body=body,
                actions=[
                    HomeAction(
                        _("See the partnership and answer"),
                        reverse("partnerships:detail", kwargs={"partnership_id": partnership.pk}),
                    )
                ],
                order=10,
            )
        )
    if not sections and partnerships_for_user(user).exists():
        sections.append(
            HomeSection(
                title=_("My partnerships"),
                actions=[HomeAction(_("See my partnerships"), reverse("partnerships:mine"))],
                order=40,
            )
        )
    return sections
