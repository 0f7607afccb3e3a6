"""Mentoring webs (Mentoring for All): offers to mentor, requests and connections, what people
learned, and the steering committee, with the same selectors, services and rules as the pages.

- A web is reached by the people of its board (directly or through a school); another board's
  web, offer, person or connection is a 404, whatever the caller's role.
- A connection is reached by its two people only; for anyone else, staff included, it is a 404.
  Its meetings, goals and private notes are the partnership workspace's (/partnerships/{id}/...),
  its conversation records /conversations: they are not repeated here.
- The steering committee: listed for webs.view_coverage (its members, administrators and
  coordinators), changed for webs.manage_web (administrators and coordinators).

No `from __future__ import annotations` here: ninja reads the parameter annotations at import.
"""

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from mentorweb.accounts.models import Person
from mentorweb.api.auth import caller
from mentorweb.api.common import ObjectId, Pagination, require_perm
from mentorweb.api.errors import ErrorOut, ValidationErrorOut
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.partnerships.models import Partnership, PartnershipStatus, Response
from mentorweb.programs.models import Program
from mentorweb.webs import selectors, services
from mentorweb.webs.api_schemas import (
    Box,
    ConnectionFilters,
    ConnectionIn,
    ConnectionOut,
    LearningIn,
    LearningOut,
    MyOfferOut,
    OfferFilters,
    OfferIn,
    OfferOut,
    RespondIn,
    SteeringMemberIn,
    SteeringMemberOut,
    WebOut,
)
from mentorweb.webs.models import LearningEntry, MentorOffer, SteeringMember

router = Router(tags=["mentoring webs"])

READ_ERRORS = {403: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
WEB = "/webs/{web_id}"
CONNECTION = "/web-connections"
PAST_STATUSES = (PartnershipStatus.DECLINED, PartnershipStatus.ENDED, PartnershipStatus.COMPLETED)


def _web(request: HttpRequest, web_id: int) -> Program:
    return selectors.get_web_for_user(caller(request), web_id)


def _person(request: HttpRequest) -> Person:
    return services.person_of(caller(request))


def _offers(program: Program) -> QuerySet[MentorOffer]:
    """Every offer of the web's people (open or not), with what a card shows."""
    return selectors.with_cards(
        MentorOffer.objects.filter(program=program).filter(
            person__in=Person.objects.filter(selectors.in_board(program.organization_id))
        ),
        program,
    )


def _connections(program: Program, person: Person) -> QuerySet[Partnership]:
    return selectors.connections_of(program, person).prefetch_related(
        selectors._school_prefetch(program, "mentor__"), selectors._school_prefetch(program, "mentee__")
    )


def _connection(request: HttpRequest, connection_id: int) -> Partnership:
    """One of the caller's own connections, read again with what the output shows."""
    found = selectors.get_connection_for_user(caller(request), connection_id)
    return _connections(found.program, _person(request)).get(pk=found.pk)


def _board_person(program: Program, person_id: int, field: str) -> Person:
    person = Person.objects.filter(selectors.in_board(program.organization_id), pk=person_id).first()
    if person is None:
        raise DomainError(_("No person of the board has this id."), field=field, code="not_found")
    return person


# --- webs -----------------------------------------------------------------------------------------


@router.get("/webs", response=list[WebOut], summary="The mentoring webs I take part in (my boards')")
def webs_list(request: HttpRequest) -> list[Program]:
    return selectors.web_programs_for_user(caller(request))


@router.get(WEB, response={200: WebOut, **READ_ERRORS}, summary="One of my mentoring webs")
def web_get(request: HttpRequest, web_id: ObjectId) -> Program:
    return _web(request, web_id)


# --- offers ---------------------------------------------------------------------------------------


@router.get(
    WEB + "/offers",
    response={200: list[OfferOut], **READ_ERRORS},
    summary="Find a mentor: open offers with a place left, filtered like the page (my own is left out)",
)
@paginate(Pagination)
def web_offers_list(request: HttpRequest, web_id: ObjectId, filters: Query[OfferFilters]) -> QuerySet[MentorOffer]:
    program = _web(request, web_id)
    return selectors.find_offers(
        program,
        _person(request),
        query=filters.q or "",
        area=filters.area or "",
        role_group=filters.role_group or "",
        school=str(filters.school or ""),
        language=filters.language or "",
    )


@router.get(
    WEB + "/offers/{offer_id}",
    response={200: OfferOut, **READ_ERRORS},
    summary="One offer of the web, open or not",
)
def web_offer_get(request: HttpRequest, web_id: ObjectId, offer_id: ObjectId) -> MentorOffer:
    offer = _offers(_web(request, web_id)).filter(pk=offer_id).first()
    if offer is None:
        raise NotFound()
    return offer


@router.get(
    WEB + "/my-offer",
    response={200: MyOfferOut, **READ_ERRORS},
    summary="My offer to mentor in the web (404 until I make one)",
)
def web_my_offer_get(request: HttpRequest, web_id: ObjectId) -> MentorOffer:
    program = _web(request, web_id)
    offer = _offers(program).filter(person=_person(request)).first()
    if offer is None:
        raise NotFound()
    return offer


@router.put(
    WEB + "/my-offer",
    response={200: MyOfferOut, 201: MyOfferOut, **WRITE_ERRORS},
    summary="Offer to mentor (201, at least one area) or change my offer (200, only the fields sent)",
)
def web_my_offer_put(request: HttpRequest, web_id: ObjectId, payload: OfferIn) -> Status[MentorOffer]:
    program = _web(request, web_id)
    person = _person(request)
    existed = MentorOffer.objects.filter(program=program, person=person).exists()
    offer = services.offer_save(actor=caller(request), program=program, data=payload.model_dump(exclude_unset=True))
    return Status(200 if existed else 201, _offers(program).get(pk=offer.pk))


# --- requests and connections ---------------------------------------------------------------------


@router.get(
    WEB + "/connections",
    response={200: list[ConnectionOut], **READ_ERRORS},
    summary="My connections and requests in the web, latest first",
)
@paginate(Pagination)
def web_connections_list(
    request: HttpRequest, web_id: ObjectId, filters: Query[ConnectionFilters]
) -> QuerySet[Partnership]:
    program = _web(request, web_id)
    person = _person(request)
    connections = _connections(program, person)
    waiting = Q(status=PartnershipStatus.PROPOSED, mentor_response=Response.PENDING)
    if filters.box == Box.ACTIVE:
        connections = connections.filter(status=PartnershipStatus.ACTIVE)
    elif filters.box == Box.INCOMING:
        connections = connections.filter(waiting, mentor=person)
    elif filters.box == Box.OUTGOING:
        connections = connections.filter(waiting, mentee=person)
    elif filters.box == Box.PAST:
        connections = connections.filter(status__in=PAST_STATUSES)
    if filters.kind:
        connections = connections.filter(kind=filters.kind)
    return connections


@router.post(
    WEB + "/connections",
    response={201: ConnectionOut, **WRITE_ERRORS},
    summary="Ask someone of the board to mentor me (they need an open offer with a place) or to be my peer",
)
def web_connection_request(request: HttpRequest, web_id: ObjectId, payload: ConnectionIn) -> Status[Partnership]:
    program = _web(request, web_id)
    connection = services.connection_request(
        actor=caller(request),
        program=program,
        to=_board_person(program, payload.to, "to"),
        purpose=payload.purpose,
        area=payload.area,
        peer=payload.peer,
    )
    return Status(201, _connection(request, connection.pk))


@router.get(
    CONNECTION + "/{connection_id}",
    response={200: ConnectionOut, **READ_ERRORS},
    summary="One of my connections or requests",
)
def web_connection_get(request: HttpRequest, connection_id: ObjectId) -> Partnership:
    return _connection(request, connection_id)


@router.post(
    CONNECTION + "/{request_id}/respond",
    response={200: ConnectionOut, **WRITE_ERRORS},
    summary="Accept a request made to me, or decline it with a reason",
)
def web_connection_respond(request: HttpRequest, request_id: ObjectId, payload: RespondIn) -> Partnership:
    connection = _connection(request, request_id)
    services.connection_respond(
        actor=caller(request), connection=connection, accept=payload.accept, reason=payload.reason
    )
    return _connection(request, request_id)


@router.post(
    CONNECTION + "/{sent_request_id}/withdraw",
    response={200: ConnectionOut, **WRITE_ERRORS},
    summary="Take back a request of mine that is not answered yet",
)
def web_connection_withdraw(request: HttpRequest, sent_request_id: ObjectId) -> Partnership:
    connection = _connection(request, sent_request_id)
    services.connection_withdraw(actor=caller(request), connection=connection)
    return _connection(request, sent_request_id)


# --- what we learned ------------------------------------------------------------------------------


@router.get(
    CONNECTION + "/{connection_id}/learnings",
    response={200: list[LearningOut], **READ_ERRORS},
    summary="What the two of us learned in a connection, latest first",
)
@paginate(Pagination)
def web_learnings_list(request: HttpRequest, connection_id: ObjectId) -> QuerySet[LearningEntry]:
    connection = _connection(request, connection_id)
    return LearningEntry.objects.filter(partnership=connection).select_related("author")


@router.post(
    CONNECTION + "/{connection_id}/learnings",
    response={201: LearningOut, **WRITE_ERRORS},
    summary="Write what I learned in an active connection (the other person reads it too)",
)
def web_learning_add(request: HttpRequest, connection_id: ObjectId, payload: LearningIn) -> Status[LearningEntry]:
    connection = _connection(request, connection_id)
    entry = services.learning_add(actor=caller(request), connection=connection, text=payload.text)
    return Status(201, LearningEntry.objects.select_related("author").get(pk=entry.pk))


# --- steering committee ---------------------------------------------------------------------------


def _steering(program: Program) -> QuerySet[SteeringMember]:
    return (
        SteeringMember.objects.filter(program=program)
        .select_related("person__user", "program__organization")
        .prefetch_related(selectors._school_prefetch(program, "person__"))
        .order_by("represents", "pk")
    )


@router.get(
    WEB + "/steering-members",
    response={200: list[SteeringMemberOut], **READ_ERRORS},
    summary="The Mentoring Steering Committee and the group each member represents",
)
def web_steering_list(request: HttpRequest, web_id: ObjectId) -> list[SteeringMember]:
    program = _web(request, web_id)
    require_perm(request, "webs.view_coverage", program.organization)
    return list(_steering(program))


@router.post(
    WEB + "/steering-members",
    response={201: SteeringMemberOut, **WRITE_ERRORS},
    summary="Add a person of the board to the committee, for the group they represent (administrators, coordinators)",
)
def web_steering_add(request: HttpRequest, web_id: ObjectId, payload: SteeringMemberIn) -> Status[SteeringMember]:
    program = _web(request, web_id)
    require_perm(request, "webs.manage_web", program.organization)
    member = services.steering_add(
        actor=caller(request),
        program=program,
        person=_board_person(program, payload.person, "person"),
        represents=payload.represents,
    )
    return Status(201, _steering(program).get(pk=member.pk))


@router.delete(
    WEB + "/steering-members/{steering_member_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a member from the committee (administrators, coordinators)",
)
def web_steering_remove(request: HttpRequest, web_id: ObjectId, steering_member_id: ObjectId) -> Status[None]:
    program = _web(request, web_id)
    require_perm(request, "webs.manage_web", program.organization)
    member = _steering(program).filter(pk=steering_member_id).first()
    if member is None:
        raise NotFound()
    services.steering_remove(actor=caller(request), member=member)
    return Status(204, None)
