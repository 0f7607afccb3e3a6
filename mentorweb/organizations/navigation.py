"""Menu entries and home-page sections of the organizations app.

Both are built from the user's memberships, which are read once per request and kept on
the user, so they add no queries per organization.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.core.home import HomeAction, HomeSection, register_home
from mentorweb.core.navigation import NavItem, register_nav
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import active_memberships

# Profile fields that programs use to match and group people, with what to call them.
PROFILE_GAPS = (
    ("position", lambda p: not p.position, lambda: _("position")),
    ("role_group", lambda p: p.role_group == RoleGroup.OTHER, lambda: _("role group")),
    ("region", lambda p: not p.region, lambda: _("region")),
    ("languages_of_service", lambda p: not p.languages_of_service, lambda: _("languages of service")),
    ("bio", lambda p: not p.bio, lambda: _("short bio")),
)


def _url(name: str, organization: Organization) -> str:
    return reverse(f"organizations:{name}", kwargs={"slug": organization.slug})


def _with_org(label: str, organization: Organization, several: bool) -> str:
    return f"{label} ({organization})" if several else label


@register_nav
def organization_nav(request: HttpRequest) -> list[NavItem]:
    user: Any = request.user
    memberships = active_memberships(user)
    if not memberships:
        return []
    path = request.path
    people = [m.organization for m in memberships if user.has_perm("organizations.view_directory", m.organization)]
    audit = [m.organization for m in memberships if user.has_perm("organizations.view_audit", m.organization)]
    items = [
        NavItem(_with_org(_("People"), org, len(people) > 1), url, path.startswith(url))
        for org in people
        for url in [_url("people", org)]
    ]
    items += [
        NavItem(_with_org(_("Audit trail"), org, len(audit) > 1), url, path.startswith(url))
        for org in audit
        for url in [_url("audit", org)]
    ]
    list_url = reverse("organizations:list")
    in_section = path.startswith(list_url) and not any(item.current for item in items)
    return [NavItem(_("Organizations"), list_url, in_section), *items]


def _profile_gaps(user: Any) -> list[str]:
    try:
        person = user.person
    except Person.DoesNotExist:
        return []
    return [label() for _name, is_empty, label in PROFILE_GAPS if is_empty(person)]


@register_home
def organization_home(request: HttpRequest) -> list[HomeSection]:
    user: Any = request.user
    sections: list[HomeSection] = []
    gaps = _profile_gaps(user)
    if gaps:
        sections.append(
            HomeSection(
                title=_("Complete your profile"),
                body=_("Programs use your profile to match you with mentors and colleagues. Still missing: %s.")
                % ", ".join(gaps),
                actions=[HomeAction(_("Complete your profile"), reverse("profile"))],
                order=10,
            )
        )
    memberships = active_memberships(user)
    if not memberships:
        sections.append(
            HomeSection(
                title=_("You do not belong to an organization yet"),
                body=_("Ask your organization's administrator to invite you with the address %s.") % user.email,
                order=40,
            )
        )
    for membership in memberships:
        organization = membership.organization
        if user.has_perm("organizations.manage_members", organization):
            sections.append(
                HomeSection(
                    title=str(organization),
                    body=_(
                        "Invite the people who take part in your programs, and review the audit trail "
                        "to see who changed what."
                    ),
                    actions=[
                        HomeAction(_("Invite people"), _url("invite", organization)),
                        HomeAction(_("People"), _url("people", organization)),
                        HomeAction(_("Review the audit trail"), _url("audit", organization)),
                    ],
                    order=20,
                )
            )
        elif user.has_perm("organizations.view_directory", organization):
            sections.append(
                HomeSection(
                    title=str(organization),
                    body=_("Find the people of your organization and check their credentials in the directory."),
                    actions=[HomeAction(_("People"), _url("people", organization))],
                    order=30,
                )
            )
    return sections
