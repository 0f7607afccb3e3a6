"""Reads of a mentoring web for the people who take part in it, already scoped to the person.

A person reads the webs of their boards (directly or through a school), the open offers and the
people of those boards only, and their own connections; anything else is a 404, like a page that
does not exist. Lists are read in a fixed number of queries whatever the size of the web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from mentorweb.accounts.models import Person
from mentorweb.organizations.models import Membership, Organization, OrganizationKind
from mentorweb.organizations.selectors import active_memberships
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs.models import LearningEntry, MentorOffer, OfferArea

WEB_KINDS = (PartnershipKind.WEB, PartnershipKind.PEER)
MAX_SEARCH_WORDS = 5
# What the pages read at most: a person with more connections than this sees the latest ones.
MAX_CONNECTIONS = 200
MAX_AREA_CHOICES = 200
MAX_LEARNINGS = 50
_REQUEST_CACHE = "_mentorweb_web_programs"


# --- which web ------------------------------------------------------------------------------------


def web_programs_for_user(user: Any) -> list[Program]:
    """The webs of the user's boards, from the memberships already read for the request: one query,
    kept on the user object for the rest of the request (the menu asks on every page)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _REQUEST_CACHE, None)
    if cached is None:
        ids: set[int] = set()
        for membership in active_memberships(user):
            ids.add(membership.organization_id)
            if membership.organization.parent_id:
                ids.add(membership.organization.parent_id)
        cached = (
            list(
                Program.objects.filter(kind=ProgramKind.WEB, organization_id__in=ids)
                .select_related("organization")
                .order_by("organization__name", "name", "pk")
            )
            if ids
            else []
        )
        setattr(user, _REQUEST_CACHE, cached)
    return cached


def current_web(user: Any, web_id: Any = None) -> Program | None:
    """The web a page is about: the one named by `?web=` if the user takes part in it, else their
    first. None when the user takes part in no web."""
    programs = web_programs_for_user(user)
    if web_id not in (None, ""):
        for program in programs:
            if str(program.pk) == str(web_id):
                return program
        raise Http404
    return programs[0] if programs else None


def get_web_for_user(user: Any, web_id: Any = None) -> Program:
    program = current_web(user, web_id)
    if program is None or getattr(user, "person", None) is None:
        raise Http404
    return program


def in_board(board_id: int) -> Q:
    """People with an active membership in the board or in one of its schools (on Person)."""
    return Q(
        Exists(
            Membership.objects.filter(
                Q(organization_id=board_id) | Q(organization__parent_id=board_id),
                person_id=OuterRef("pk"),
                deactivated_at__isnull=True,
            )
        )
    )


def get_person_in_web(program: Program, person_id: int) -> Person:
    """A person of the web's board; anyone else is a 404."""
    person = (
        Person.objects.filter(in_board(program.organization_id), pk=person_id)
        .select_related("user")
        .prefetch_related(_school_prefetch(program))
        .first()
    )
    if person is None:
        raise Http404
    return person


def schools_of(program: Program) -> QuerySet[Organization]:
    return Organization.objects.filter(kind=OrganizationKind.SCHOOL, parent_id=program.organization_id).order_by(
        "name", "pk"
    )


def _school_prefetch(program: Program, prefix: str = "") -> Prefetch[Any]:
    """A person's schools of this board, as `schools_here` (active memberships only)."""
    memberships = Membership.objects.filter(
        organization__kind=OrganizationKind.SCHOOL,
        organization__parent_id=program.organization_id,
        deactivated_at__isnull=True,
    ).select_related("organization")
    return Prefetch(f"{prefix}memberships", queryset=memberships, to_attr="schools_here")


def school_names(person: Person) -> list[str]:
    return [str(m.organization) for m in getattr(person, "schools_here", [])]


# --- offers ---------------------------------------------------------------------------------------


def own_offer(program: Program, person: Person) -> MentorOffer | None:
    return MentorOffer.objects.filter(program=program, person=person).prefetch_related("areas").first()


def area_vocabulary(program: Program, person: Person) -> list[str]:
    """The areas to choose from: the ones the web's offers already use and the person's own
    expertise and needs, so that a need meets an offer word for word. Bounded."""
    used = (
        OfferArea.objects.filter(offer__program=program)
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()[:MAX_AREA_CHOICES]
    )
    seen: dict[str, str] = {}
    for value in [*used, *_strings(person.expertise), *_strings(person.needs)]:
        seen.setdefault(value.casefold(), value)
    return sorted(seen.values(), key=str.casefold)


def open_area_choices(program: Program) -> list[str]:
    """The areas of the web's open offers, for the search filter."""
    return list(
        OfferArea.objects.filter(offer__program=program, offer__is_open=True)
        .order_by("area")
        .values_list("area", flat=True)
        .distinct()[:MAX_AREA_CHOICES]
    )


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str) and item] if isinstance(value, list) else []


def open_offers(program: Program, *, exclude: Person | None = None) -> QuerySet[MentorOffer]:
    """Open offers with a place left, of people still in the board."""
    offers = MentorOffer.objects.filter(program=program, is_open=True, taken__lt=F("capacity")).filter(
        Exists(
            Membership.objects.filter(
                Q(organization_id=program.organization_id) | Q(organization__parent_id=program.organization_id),
                person_id=OuterRef("person_id"),
                deactivated_at__isnull=True,
            )
        )
    )
    if exclude is not None:
        offers = offers.exclude(person=exclude)
    return offers


def with_cards(offers: QuerySet[MentorOffer], program: Program) -> QuerySet[MentorOffer]:
    """Everything a result card shows (person, areas, schools) in three queries, whatever the page size."""
    return offers.select_related("person__user").prefetch_related("areas", _school_prefetch(program, "person__"))


def find_offers(
    program: Program,
    person: Person,
    *,
    query: str = "",
    area: str = "",
    role_group: str = "",
    school: str = "",
    language: str = "",
) -> QuerySet[MentorOffer]:
    offers = open_offers(program, exclude=person)
    for word in query.split()[:MAX_SEARCH_WORDS]:
        offers = offers.filter(
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__position__icontains=word)
            | Q(summary__icontains=word)
            | Exists(OfferArea.objects.filter(offer_id=OuterRef("pk"), area__icontains=word))
        )
    if area:
        offers = offers.filter(Exists(OfferArea.objects.filter(offer_id=OuterRef("pk"), area__iexact=area)))
    if role_group:
        offers = offers.filter(person__role_group=role_group)
    if school:
        offers = offers.filter(
            Exists(
                Membership.objects.filter(
                    person_id=OuterRef("person_id"),
                    organization_id=school,
                    organization__parent_id=program.organization_id,
                    deactivated_at__isnull=True,
                )
            )
        )
    if language:
        # Languages of service are a JSON list; a quoted code matches one item on SQLite and PostgreSQL
        # alike. A person who lists none serves in their preferred language.
        listed = Q(person__languages_of_service__icontains=f'"{language}"')
        none_listed = ~Q(person__languages_of_service__icontains='"')
        offers = offers.filter(listed | (none_listed & Q(person__preferred_language=language)))
    return with_cards(offers, program).order_by("person__family_name", "person__given_name", "pk")


def connected_ids(program: Program, person: Person) -> set[int]:
    """The people the person has a live connection or request with in this web (one query)."""
    rows = Partnership.objects.filter(
        Q(mentor=person) | Q(mentee=person), program=program, status__in=LIVE_STATUSES
    ).values_list("mentor_id", "mentee_id")
    return {other for pair in rows for other in pair if other != person.pk}


def languages_of(person: Person) -> list[str]:
    return _strings(person.languages_of_service) or [person.preferred_language]


# --- connections ----------------------------------------------------------------------------------


def connections_of(program: Program, person: Person) -> QuerySet[Partnership]:
    return (
        Partnership.objects.filter(Q(mentor=person) | Q(mentee=person), program=program, kind__in=WEB_KINDS)
        .select_related("mentor__user", "mentee__user", "program__organization")
        .order_by("-created_at", "-pk")
    )


def get_connection_for_user(user: Any, connection_id: int) -> Partnership:
    """A web or peer connection of which the user is one of the two people; otherwise 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    connection = (
        Partnership.objects.filter(Q(mentor__user=user) | Q(mentee__user=user), kind__in=WEB_KINDS, pk=connection_id)
        .select_related("mentor__user", "mentee__user", "program__organization", "organization")
        .first()
    )
    if connection is None:
        raise Http404
    return connection


@dataclass
class Link:
    """One connection as the person sees it: the other person and how they are related."""

    connection: Partnership
    other: Person
    relation: str  # "mentor" (they mentor me), "mentee" (I mentor them) or "peer"
    asked_by_me: bool


@dataclass
class MyWeb:
    program: Program
    person: Person
    mentors: list[Link] = field(default_factory=list)
    mentees: list[Link] = field(default_factory=list)
    peers: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    outgoing: list[Link] = field(default_factory=list)
    past: list[Link] = field(default_factory=list)
    truncated: bool = False

    @property
    def active(self) -> list[Link]:
        return [*self.mentors, *self.mentees, *self.peers]


def link_of(connection: Partnership, person: Person) -> Link:
    mine_as_mentee = connection.mentee_id == person.pk
    other = connection.mentor if mine_as_mentee else connection.mentee
    relation = "peer" if connection.kind == PartnershipKind.PEER else "mentor" if mine_as_mentee else "mentee"
    # The requester is always the mentee side (webs.services.connection_request).
    return Link(connection=connection, other=other, relation=relation, asked_by_me=mine_as_mentee)


def my_web(program: Program, person: Person) -> MyWeb:
    """The person's connections in the web, sorted for the page, in one query (at most MAX_CONNECTIONS)."""
    rows = list(connections_of(program, person)[: MAX_CONNECTIONS + 1])
    web = MyWeb(program=program, person=person, truncated=len(rows) > MAX_CONNECTIONS)
    for connection in rows[:MAX_CONNECTIONS]:
        link = link_of(connection, person)
        if connection.status == PartnershipStatus.ACTIVE:
            {"mentor": web.mentors, "mentee": web.mentees, "peer": web.peers}[link.relation].append(link)
        elif connection.status == PartnershipStatus.PROPOSED and connection.mentor_response == Response.PENDING:
            (web.outgoing if link.asked_by_me else web.incoming).append(link)
        else:
            web.past.append(link)
    return web


def waiting_count(user: Any) -> int:
    """Requests in the user's webs that wait for the user's answer."""
    return Partnership.objects.filter(
        mentor__user=user, kind__in=WEB_KINDS, status=PartnershipStatus.PROPOSED, mentor_response=Response.PENDING
    ).count()


def learnings_of(connection: Partnership) -> list[LearningEntry]:
    return list(connection.learnings.select_related("author")[:MAX_LEARNINGS])
