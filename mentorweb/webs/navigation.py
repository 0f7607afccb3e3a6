""" "My web" in the main menu for the people who take part in a mentoring web, and a home-page
section for them. The menu runs on every page: the check reuses the memberships already read for
the request and one query for the webs, kept on the user for the rest of the request."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.webs.selectors import waiting_count, web_programs_for_user


@register_nav
def webs_nav(request: HttpRequest) -> list[NavItem]:
    if not web_programs_for_user(request.user):
        return []
    url = reverse("webs:mine")
    return [NavItem(_("My web"), url, request.path.startswith(url))]


@register_home
def webs_home(request: HttpRequest) -> list[HomeSection]:
    sections = []
    for program in web_programs_for_user(request.user):
        query = f"?web={program.pk}"
        body = _(
            "Everyone in %(organization)s, in every role, can have several mentors across roles, mentor others, "
            "and learn with peers."
        ) % {"organization": program.organization}
        sections.append(
            HomeSection(
                title=_("Your mentoring web: %(program)s") % {"program": program.name},
                body=body,
                actions=[
                    HomeAction(_("My web"), reverse("webs:mine") + query),
                    HomeAction(_("Find a mentor"), reverse("webs:find") + query),
                    HomeAction(_("Offer to mentor"), reverse("webs:offer") + query),
                ],
                order=30,
            )
        )
    if sections:
        waiting = waiting_count(request.user)
        if waiting:
            sections[0].body += " " + ngettext(
                "%(count)s request waits for your answer.", "%(count)s requests wait for your answer.", waiting
            ) % {"count": waiting}
    return sections
