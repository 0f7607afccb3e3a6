"""Every change to a mentoring web: offers to mentor, connection requests and their answers,
what people learned, and the steering committee.

Who may take part: any person with an active membership in the web program's organization (the
board), in any role group. A connection is a partnership (see webs.models); its meetings, goals,
private notes and end go through the partnerships app like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.accounts.models import Person, RoleGroup
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.organizations.models import Membership
from mentorweb.partnerships import services as partnership_services
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs import cleaning
from mentorweb.programs.models import Program, ProgramKind
from mentorweb.webs import emails
from mentorweb.webs.models import MAX_AREAS, MAX_CAPACITY, LearningEntry, MentorOffer, OfferArea, SteeringMember

OFFER_FIELDS = ("summary", "capacity", "is_open", "areas")


# --- who takes part -------------------------------------------------------------------------------


def person_of(actor: Any) -> Person:
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    if person is None:
        raise DomainError(_("Complete your profile before you take part in the mentoring web."), code="forbidden")
    return person


def is_participant(person: Person, program: Program) -> bool:
    """An active member of the web's organization (or of one of its schools)."""
    return Membership.objects.filter(
        Q(organization_id=program.organization_id) | Q(organization__parent_id=program.organization_id),
        person=person,
        deactivated_at__isnull=True,
    ).exists()


def require_web(program: Program) -> None:
    if program.kind != ProgramKind.WEB:
        raise DomainError(_("This program is not a mentoring web."), field="program")


def require_participant(person: Person, program: Program) -> None:
    require_web(program)
    if not is_participant(person, program):
        raise DomainError(
            _("Only the people of %(organization)s take part in its mentoring web.")
            % {"organization": program.organization},
            code="forbidden",
        )


# --- offers ---------------------------------------------------------------------------------------


def clean_areas(value: Any, field: str = "areas") -> list[str]:
    """Named areas: one a line or a list, spaces tidied, compared without case, kept once, in order."""
    items = cleaning.lines(value, field, max_items=MAX_AREAS, max_length=100)
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return list(seen.values())


def _clean_offer(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(OFFER_FIELDS))
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % unknown[0], field=unknown[0])
    clean: dict[str, Any] = {}
    if "summary" in data:
        clean["summary"] = cleaning.text(data["summary"], "summary", max_length=500, multiline=True)
    if "capacity" in data:
        clean["capacity"] = cleaning.integer(data["capacity"], "capacity", minimum=1, maximum=MAX_CAPACITY)
    if "is_open" in data:
        clean["is_open"] = cleaning.boolean(data["is_open"], "is_open")
    if "areas" in data:
        clean["areas"] = clean_areas(data["areas"])
    return clean


def offer_save(*, actor: Any, program: Program, data: Mapping[str, Any]) -> MentorOffer:
    """Create or change the actor's own offer to mentor in the web. At least one area is needed;
    the capacity never goes below the places already taken."""
    person = person_of(actor)
    require_participant(person, program)
    clean = _clean_offer(data)
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().filter(program=program, person=person).first()
        created = offer is None
        if offer is None:
            if not clean.get("areas"):
                raise DomainError(_("Name at least one area you can mentor in."), field="areas")
            offer = MentorOffer(program=program, person=person)
            before: dict[str, Any] = {}
        else:
            before = {
                "summary": offer.summary,
                "capacity": offer.capacity,
                "is_open": offer.is_open,
                "areas": list(offer.areas.values_list("area", flat=True)),
            }
            if "areas" in clean and not clean["areas"]:
                raise DomainError(_("Name at least one area you can mentor in."), field="areas")
        capacity = clean.get("capacity", offer.capacity)
        if capacity < offer.taken:
            raise DomainError(
                _("You mentor %(count)s people now: the number cannot be lower.") % {"count": offer.taken},
                field="capacity",
            )
        for name in ("summary", "capacity", "is_open"):
            if name in clean:
                setattr(offer, name, clean[name])
        offer.save()
        if "areas" in clean:
            OfferArea.objects.filter(offer=offer).exclude(area__in=clean["areas"]).delete()
            existing = set(OfferArea.objects.filter(offer=offer).values_list("area", flat=True))
            OfferArea.objects.bulk_create(
                [OfferArea(offer=offer, area=area) for area in clean["areas"] if area not in existing]
            )
        after = {
            "summary": offer.summary,
            "capacity": offer.capacity,
            "is_open": offer.is_open,
            "areas": clean.get("areas", before.get("areas", [])),
        }
        changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
        audit_record(
            actor=actor,
            action="web.offer_created" if created else "web.offer_changed",
            obj=offer,
            organization=program.organization,
            changes=changes,
        )
    return offer


# --- requests and answers -------------------------------------------------------------------------


def _live_between(program: Program, first: Person, second: Person) -> bool:
    return Partnership.objects.filter(
        Q(mentor=first, mentee=second) | Q(mentor=second, mentee=first),
        program=program,
        status__in=LIVE_STATUSES,
    ).exists()


def connection_request(
    *,
    actor: Any,
    program: Program,
    to: Person,
    purpose: str,
    area: str = "",
    peer: bool = False,
) -> Partnership:
    """Ask `to` for a connection: as a mentor (they must have an open offer with a place left), or
    as a peer (reciprocal, no offer needed). The requester's side is accepted at once; the other
    person answers."""
    person = person_of(actor)
    require_participant(person, program)
    if not isinstance(to, Person):
        raise DomainError(_("Choose the person to connect with."), field="to")
    if to.pk == person.pk:
        raise DomainError(_("You cannot connect with yourself."), field="to")
    if not is_participant(to, program):
        raise DomainError(_("Choose the person to connect with."), field="to", code="not_found")
    if not isinstance(peer, bool):
        raise DomainError(_("Answer yes or no."), field="peer")
    purpose = cleaning.text(purpose, "purpose", max_length=500, required=True, multiline=True)
    area = cleaning.text(area, "area", max_length=100)
    offer = None
    if not peer:
        offer = MentorOffer.objects.filter(program=program, person=to).first()
        if offer is None or not offer.is_open:
            raise DomainError(
                _("%(person)s does not take new mentees in the web now.") % {"person": to.full_name}, field="to"
            )
        if offer.places_left <= 0:
            raise DomainError(
                _("%(person)s has no place left for another mentee.") % {"person": to.full_name},
                field="to",
                code="full",
            )
    with transaction.atomic():
        # One live connection between two people in a web; the row lock on the requester's person
        # row makes a double click (or two tabs) produce one request, on PostgreSQL and SQLite alike.
        Person.objects.select_for_update().filter(pk=min(person.pk, to.pk)).first()
        if _live_between(program, person, to):
            raise DomainError(
                _("You already have a connection or a request with %(person)s.") % {"person": to.full_name},
                field="to",
                code="duplicate",
            )
        now = timezone.now()
        connection = Partnership.objects.create(
            kind=PartnershipKind.PEER if peer else PartnershipKind.WEB,
            organization_id=program.organization_id,
            program=program,
            mentor=to,
            mentee=person,
            mentee_response=Response.ACCEPTED,
            mentee_responded_at=now,
            purpose=purpose,
            area=area,
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="web.connection_requested",
            obj=connection,
            organization=program.organization,
            changes={"kind": [None, connection.kind], "area": [None, area], "status": [None, connection.status]},
        )
        emails.send_requested(connection)
    return connection


def connection_respond(*, actor: Any, connection: Partnership, accept: bool, reason: str = "") -> Partnership:
    """The asked person's answer. Accepting a mentoring request takes one of the mentor's places
    (a conditional UPDATE: of two acceptances for the last place, the second is refused);
    declining needs a reason, which the requester reads."""
    if connection.kind not in (PartnershipKind.WEB, PartnershipKind.PEER):
        raise DomainError(_("This is not a connection of a mentoring web."), code="not_found")
    with transaction.atomic():
        if accept is True and connection.kind == PartnershipKind.WEB:
            user_id = getattr(actor, "pk", None)
            if user_id is None or connection.mentor.user_id != user_id:
                raise DomainError(_("Only the person asked answers a request."), code="forbidden")
            if connection.status != PartnershipStatus.PROPOSED or connection.mentor_response != Response.PENDING:
                raise DomainError(_("This request no longer waits for an answer."), code="conflict")
            offer = MentorOffer.objects.filter(program_id=connection.program_id, person_id=connection.mentor_id).first()
            if offer is None:
                raise DomainError(_("Offer to mentor before you accept a mentee."), field="accept")
            taken = MentorOffer.objects.filter(pk=offer.pk, taken__lt=F("capacity")).update(taken=F("taken") + 1)
            if not taken:
                raise DomainError(
                    _("You have no place left: raise the number of people you can mentor, or decline."),
                    field="accept",
                    code="full",
                )
            Partnership.objects.filter(pk=connection.pk).update(mentor_offer=offer)
        answered = partnership_services.partnership_respond(
            actor=actor, partnership=connection, accept=accept, reason=reason
        )
    return answered


def connection_withdraw(*, actor: Any, connection: Partnership) -> Partnership:
    """The requester takes back a request that is not answered yet."""
    person = person_of(actor)
    with transaction.atomic():
        changed = Partnership.objects.filter(
            pk=connection.pk,
            mentee=person,
            kind__in=(PartnershipKind.WEB, PartnershipKind.PEER),
            status=PartnershipStatus.PROPOSED,
            mentor_response=Response.PENDING,
        ).update(status=PartnershipStatus.DECLINED, decline_reason=_("Withdrawn by the person who asked."))
        if not changed:
            raise DomainError(_("Only an unanswered request of yours can be withdrawn."), code="conflict")
        connection.refresh_from_db()
        audit_record(
            actor=actor,
            action="web.connection_withdrawn",
            obj=connection,
            organization=connection.organization,
            changes={"status": [PartnershipStatus.PROPOSED, PartnershipStatus.DECLINED]},
        )
    return connection


# --- what they learned ----------------------------------------------------------------------------


def learning_add(*, actor: Any, connection: Partnership, text: str) -> LearningEntry:
    """Either person of a web or peer connection logs what they learned; both read it."""
    person = person_of(actor)
    if connection.kind not in (PartnershipKind.WEB, PartnershipKind.PEER):
        raise DomainError(_("This is not a connection of a mentoring web."), code="not_found")
    if person.pk not in (connection.mentor_id, connection.mentee_id):
        raise DomainError(_("Only the two people of a connection write in it."), code="forbidden")
    clean = cleaning.text(text, "text", max_length=2000, required=True, multiline=True)
    with transaction.atomic():
        status = Partnership.objects.filter(pk=connection.pk).values_list("status", flat=True).first()
        if status != PartnershipStatus.ACTIVE:
            raise DomainError(_("Only an active connection can be written in."), code="read_only")
        entry = LearningEntry.objects.create(partnership=connection, author=person, text=clean)
        # The text is shared between the two, not with staff: the audit trail keeps only its length.
        audit_record(
            actor=actor,
            action="web.learning_added",
            obj=entry,
            organization=connection.organization,
            changes={"length": [None, len(clean)]},
        )
    return entry


# --- steering committee ---------------------------------------------------------------------------


def require_manage(actor: Any, program: Program) -> None:
    if not actor.has_perm("webs.manage_web", program.organization):
        raise DomainError(_("Only administrators and coordinators change the steering committee."), code="forbidden")


def steering_add(*, actor: Any, program: Program, person: Person, represents: str) -> SteeringMember:
    require_web(program)
    require_manage(actor, program)
    represents = cleaning.choice(represents, "represents", RoleGroup.values)
    if not isinstance(person, Person) or not is_participant(person, program):
        raise DomainError(_("Choose a person of the organization."), field="person")
    try:
        with transaction.atomic():
            member = SteeringMember.objects.create(program=program, person=person, represents=represents)
            audit_record(
                actor=actor,
                action="web.steering_added",
                obj=member,
                organization=program.organization,
                changes={"person": [None, person.pk], "represents": [None, represents]},
            )
    except IntegrityError as error:
        raise DomainError(
            _("%(person)s is already on the committee.") % {"person": person.full_name},
            field="person",
            code="duplicate",
        ) from error
    return member


def steering_remove(*, actor: Any, member: SteeringMember) -> None:
    require_manage(actor, member.program)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="web.steering_removed",
            obj=member,
            organization=member.program.organization,
            changes={"person": [member.person_id, None], "represents": [member.represents, None]},
        )
        member.delete()


def web_programs_of(person: Person) -> Iterable[Program]:
    """The mentoring webs the person takes part in (their boards', directly or through a school)."""
    memberships = Membership.objects.filter(person=person, deactivated_at__isnull=True).values_list(
        "organization_id", "organization__parent_id"
    )
    ids = {org for pair in memberships for org in pair if org}
    return Program.objects.filter(kind=ProgramKind.WEB, organization_id__in=ids).select_related("organization")
