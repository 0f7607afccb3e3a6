"""Reads of a partnership's workspace, scoped to the two people in it.

A partnership is reached only through `get_partnership_for_member`: anyone who is not its
mentor or mentee (an administrator too, and the partner's partner in another partnership)
gets a 404. Staff read metadata elsewhere (partnerships.views_staff); nothing here serves them
shared content. Private notes are read in partnerships.notes, for their author only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person
from mentorweb.organizations.models import Organization
from mentorweb.organizations.selectors import get_organization_for_user
from mentorweb.partnerships.models import (
    Agreement,
    AgreementStatus,
    Goal,
    GoalStatus,
    Meeting,
    MeetingStatus,
    Partnership,
    PartnershipStatus,
    PrivateNote,
)
from mentorweb.partnerships.selectors import partnerships_for_user, shared_fields
from mentorweb.programs.models import PairingRules, Program

# Partnerships whose workspace exists: before both accept there is nothing to work in, and a
# declined one never started.
WORKSPACE_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
# How many of each list the workspace page shows; the full lists have pages of their own.
RECENT_MEETINGS = 10
UPCOMING_MEETINGS = 5
RECENT_NOTES = 10
MAX_GOALS = 50


def get_partnership_for_member(user: Any, partnership_id: int) -> Partnership:
    """The partnership if the user is its mentor or mentee; 404 for everyone else, staff included."""
    partnership = partnerships_for_user(user).select_related("organization").filter(pk=partnership_id).first()
    if partnership is None:
        raise Http404
    return partnership


def get_workspace_partnership(user: Any, partnership_id: int) -> Partnership:
    """As get_partnership_for_member, for the workspace pages: a proposed or declined one is a 404 there."""
    partnership = get_partnership_for_member(user, partnership_id)
    if partnership.status not in WORKSPACE_STATUSES:
        raise Http404
    return partnership


def get_partnership_for_staff(user: Any, slug: str, partnership_id: int) -> tuple[Organization, Partnership]:
    """A partnership of an organization the user is a member of (404 otherwise), for staff actions.
    The caller checks the permission (403 for a member without a staff role)."""
    organization = get_organization_for_user(user, slug)
    partnership = (
        Partnership.objects.select_related("organization", "program", "mentor__user", "mentee__user")
        .filter(pk=partnership_id, organization=organization)
        .first()
    )
    if partnership is None:
        raise Http404
    return organization, partnership


CLOSE_PERM = "partnerships.close_partnerships"


def is_program_staff(user: Any, partnership: Partnership) -> bool:
    """Administrators and program coordinators of the partnership's organization."""
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(CLOSE_PERM, partnership.organization))


def role_in(user: Any, partnership: Partnership) -> str:
    """ "mentor" or "mentee", or "" for someone who is neither."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return ""
    if partnership.mentor.user_id == user_id:
        return "mentor"
    if partnership.mentee.user_id == user_id:
        return "mentee"
    return ""


def person_in(user: Any, partnership: Partnership) -> Person | None:
    role = role_in(user, partnership)
    return partnership.mentor if role == "mentor" else partnership.mentee if role == "mentee" else None


def partner_of(user: Any, partnership: Partnership) -> Person:
    role = role_in(user, partnership)
    if not role:
        raise Http404
    return partnership.mentee if role == "mentor" else partnership.mentor


def rules_of(program: Program) -> PairingRules | None:
    """The program's pairing rules, or None for a web or course program (defaults apply)."""
    try:
        return program.pairing
    except PairingRules.DoesNotExist:
        return None


def get_meeting(partnership: Partnership, meeting_id: int) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id, partnership=partnership).first()
    if meeting is None:
        raise Http404
    meeting.partnership = partnership
    return meeting


def get_goal(partnership: Partnership, goal_id: int) -> Goal:
    goal = Goal.objects.filter(pk=goal_id, partnership=partnership).first()
    if goal is None:
        raise Http404
    goal.partnership = partnership
    return goal


def get_agreement(partnership: Partnership, agreement_id: int) -> Agreement:
    agreement = Agreement.objects.filter(pk=agreement_id, partnership=partnership).first()
    if agreement is None:
        raise Http404
    agreement.partnership = partnership
    return agreement


def get_note_for_author(user: Any, partnership: Partnership, note_id: int) -> PrivateNote:
    """The user's own note; someone else's is a 404 exactly like one that does not exist."""
    note = PrivateNote.objects.filter(pk=note_id, partnership=partnership, author_id=getattr(user, "pk", None)).first()
    if note is None:
        raise Http404
    note.partnership = partnership
    return note


def agreements_of(partnership: Partnership) -> QuerySet[Agreement]:
    """Every version, newest first, with who proposed it."""
    return partnership.agreements.order_by("-version")


def meetings_of(partnership: Partnership) -> QuerySet[Meeting]:
    return partnership.meetings.order_by("-starts_at", "-pk")


def goals_of(partnership: Partnership) -> QuerySet[Goal]:
    return partnership.goals.select_related("set_at_meeting").order_by("status", "due_on", "pk")


def previous_plan(partnership: Partnership) -> str:
    """The plan for next time written at the last meeting held: it opens the next agenda."""
    meeting = (
        partnership.meetings.filter(status=MeetingStatus.HELD)
        .exclude(next_plan="")
        .order_by("-starts_at", "-pk")
        .only("next_plan")
        .first()
    )
    return meeting.next_plan if meeting else ""


@dataclass
class Workspace:
    partnership: Partnership
    role: str
    partner: Person
    editable: bool
    agreement: Agreement | None = None
    proposal: Agreement | None = None
    upcoming: list[Meeting] = field(default_factory=list)
    past: list[Meeting] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)
    notes_total: int = 0

    @property
    def next_meeting(self) -> Meeting | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def open_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.status == GoalStatus.OPEN]


def workspace(user: Any, partnership: Partnership) -> Workspace:
    """Everything the workspace page shows, in a fixed number of queries whatever the history."""
    from mentorweb.partnerships.notes import notes_count, notes_for  # notes imports this module

    now = timezone.now()
    current = list(
        partnership.agreements.filter(status__in=[AgreementStatus.AGREED, AgreementStatus.PROPOSED]).order_by(
            "-version"
        )
    )
    meetings = partnership.meetings.all()
    upcoming = list(
        meetings.filter(status=MeetingStatus.SCHEDULED, starts_at__gte=now).order_by("starts_at", "pk")[
            :UPCOMING_MEETINGS
        ]
    )
    past = list(
        meetings.filter(Q(starts_at__lt=now) | ~Q(status=MeetingStatus.SCHEDULED)).order_by("-starts_at", "-pk")[
            :RECENT_MEETINGS
        ]
    )
    return Workspace(
        partnership=partnership,
        role=role_in(user, partnership),
        partner=partner_of(user, partnership),
        editable=partnership.status == PartnershipStatus.ACTIVE,
        agreement=next((a for a in current if a.status == AgreementStatus.AGREED), None),
        proposal=next((a for a in current if a.status == AgreementStatus.PROPOSED), None),
        upcoming=upcoming,
        past=past,
        goals=list(goals_of(partnership)[:MAX_GOALS]),
        notes=notes_for(user, partnership, limit=RECENT_NOTES),
        notes_total=notes_count(user, partnership),
    )


def partner_label(partnership: Partnership, recipient: Person) -> str:
    """How messages to `recipient` name the other person: by name when the program shares
    names (selectors.shared_fields), otherwise by role."""
    partner = partnership.mentee if recipient.pk == partnership.mentor_id else partnership.mentor
    if "name" in shared_fields(partnership):
        return partner.full_name
    return _("your mentee") if recipient.pk == partnership.mentor_id else _("your mentor")


def partner_email_shared(partnership: Partnership) -> bool:
    return "email" in shared_fields(partnership)
