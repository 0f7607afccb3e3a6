"""Every change to a partnership's start: creating it (publishing a pair), and each side's answer.

A mentor's places are counted on their registration (`partnerships_taken`) and changed only by
conditional UPDATEs here: the condition and the change are one statement, so two partnerships
racing for a mentor's last place cannot both take it, and the database's CHECK
(partnerships_taken <= capacity) is the last word. A mentee has at most one live partnership
per registration: a partial unique index refuses a second one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.matching.models import Proposal
from mentorweb.partnerships import emails
from mentorweb.partnerships.models import Partnership, PartnershipKind, PartnershipStatus, Response
from mentorweb.programs.cleaning import text
from mentorweb.programs.models import PairingRules
from mentorweb.programs.times import today_in
from mentorweb.registrations.models import Registration, RegistrationRole, RegistrationStatus
from mentorweb.webs.models import MentorOffer

RUN_MATCHING = "matching.run_matching"
REGISTRATION_RELATED = ("offering__program__organization", "person__user")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# --- places ---------------------------------------------------------------------------------------


def take_place(mentor: Registration) -> bool:
    # One statement checks and takes: of two requests for the last place, one changes nothing.
    return bool(
        Registration.objects.filter(pk=mentor.pk, capacity__isnull=False, partnerships_taken__lt=F("capacity")).update(
            partnerships_taken=F("partnerships_taken") + 1
        )
    )


def give_place_back(mentor_registration_id: int) -> None:
    Registration.objects.filter(pk=mentor_registration_id, partnerships_taken__gt=0).update(
        partnerships_taken=F("partnerships_taken") - 1
    )


def give_offer_place_back(mentor_offer_id: int) -> None:
    """A mentoring web's offer gets back the place a connection held (never below zero)."""
    MentorOffer.objects.filter(pk=mentor_offer_id, taken__gt=0).update(taken=F("taken") - 1)


# --- creating -------------------------------------------------------------------------------------


def _check_pair(mentor: Registration, mentee: Registration) -> None:
    if mentor.role != RegistrationRole.MENTOR:
        raise DomainError(_("Choose a mentor's application."), field="mentor")
    if mentee.role != RegistrationRole.MENTEE:
        raise DomainError(_("Choose a mentee's application."), field="mentee")
    if mentor.offering_id != mentee.offering_id:
        raise DomainError(_("The mentor and the mentee must be in the same offering."), field="mentor")
    if mentor.person_id == mentee.person_id:
        raise DomainError(_("Nobody can be their own mentor."), field="mentor")
    for registration, name in ((mentor, "mentor"), (mentee, "mentee")):
        if registration.status != RegistrationStatus.ACCEPTED:
            raise DomainError(
                _("The application of %(person)s is not accepted.") % {"person": registration.person.full_name},
                field=name,
            )


def partnership_create(
    *,
    actor: Any,
    proposal: Proposal | None = None,
    mentor: Registration | None = None,
    mentee: Registration | None = None,
) -> Partnership:
    """Propose a partnership to a mentor and a mentee (a published pair, or a pair chosen by staff).

    Takes one of the mentor's places; both people are e-mailed after commit to accept or decline.
    """
    if proposal is not None:
        mentor_id, mentee_id = proposal.mentor_id, proposal.mentee_id
    elif mentor is not None and mentee is not None:
        mentor_id, mentee_id = mentor.pk, mentee.pk
    else:
        raise DomainError(_("Choose a proposal, or a mentor and a mentee."), field="proposal")
    rows = Registration.objects.select_related(*REGISTRATION_RELATED).in_bulk([mentor_id, mentee_id])
    mentor, mentee = rows.get(mentor_id), rows.get(mentee_id)
    if mentor is None:
        raise DomainError(_("Choose a mentor's application."), field="mentor", code="not_found")
    if mentee is None:
        raise DomainError(_("Choose a mentee's application."), field="mentee", code="not_found")
    offering = mentor.offering
    program = offering.program
    organization = program.organization
    if not (actor is not None and actor.has_perm(RUN_MATCHING, organization)):
        raise DomainError(_("You cannot create partnerships in this program."), code="forbidden")
    _check_pair(mentor, mentee)
    with transaction.atomic():
        if not take_place(mentor):
            raise DomainError(
                _("%(mentor)s has no place left for another mentee.") % {"mentor": mentor.person.full_name},
                field="mentor",
                code="full",
            )
        try:
            with transaction.atomic():
                partnership = Partnership.objects.create(
                    organization=organization,
                    program=program,
                    offering=offering,
                    mentor=mentor.person,
                    mentee=mentee.person,
                    mentor_registration=mentor,
                    mentee_registration=mentee,
                    proposal=proposal,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError as error:
            # The partial unique index: the mentee's registration already has a live partnership.
            raise DomainError(
                _("%(mentee)s already has a partnership in this offering.") % {"mentee": mentee.person.full_name},
                field="mentee",
                code="duplicate",
            ) from error
        audit_record(
            actor=actor,
            action="partnership.created",
            obj=partnership,
            organization=organization,
            changes={
                "mentor_registration": [None, mentor.pk],
                "mentee_registration": [None, mentee.pk],
                "proposal": [None, proposal.pk if proposal is not None else None],
                "status": [None, partnership.status],
            },
        )
        emails.send_proposed(partnership)
    return partnership


# --- answering ------------------------------------------------------------------------------------


def _lock(partnership_id: int) -> Partnership:
    return (
        Partnership.objects.select_for_update(of=("self",))
        .select_related("program__organization", "offering", "mentor__user", "mentee__user")
        .get(pk=partnership_id)
    )


def _dates(partnership: Partnership) -> tuple[dt.date, dt.date]:
    """It starts on the offering's first day, or today when that has passed; it lasts the commitment."""
    organization = partnership.program.organization
    today = today_in(organization.time_zone)
    offering = partnership.offering
    starts = max(offering.start_date, today) if offering is not None else today
    rules = PairingRules.objects.filter(program_id=partnership.program_id).first()
    months = rules.commitment_months if rules is not None else 12
    return starts, add_months(starts, months)


def partnership_respond(*, actor: Any, partnership: Partnership, accept: bool, reason: str = "") -> Partnership:
    """The mentor's or the mentee's answer to a proposed partnership.

    Both accept: it becomes active. Either declines (with a reason): it is declined, the mentor's
    place is given back, and the mentee returns to the pool for the offering's next match run.
    """
    if not isinstance(accept, bool):
        raise DomainError(_("Answer yes or no."), field="accept")
    reason = text(reason, "reason", max_length=500, multiline=True)
    if not accept and not reason:
        raise DomainError(_("Tell the program why you decline: it helps them propose a better match."), field="reason")
    with transaction.atomic():
        locked = _lock(partnership.pk)
        user_id = getattr(actor, "pk", None)
        if user_id is not None and locked.mentor.user_id == user_id:
            side, person = "mentor", locked.mentor
        elif user_id is not None and locked.mentee.user_id == user_id:
            side, person = "mentee", locked.mentee
        else:
            raise DomainError(_("Only the mentor and the mentee answer a partnership."), code="forbidden")
        if locked.status != PartnershipStatus.PROPOSED:
            raise DomainError(_("This partnership no longer waits for an answer."), code="conflict")
        if getattr(locked, f"{side}_response") != Response.PENDING:
            raise DomainError(_("You have already answered."), code="conflict")
        if accept and locked.kind == PartnershipKind.WEB and locked.mentor_offer_id is None:
            # A web mentor's acceptance takes a place on their offer: webs.services.connection_respond
            # takes it, then calls this. Any other way in would skip the capacity.
            raise DomainError(_("Answer this request from the mentoring web's page."), code="conflict")
        now = timezone.now()
        before = {"status": locked.status, f"{side}_response": Response.PENDING}
        setattr(locked, f"{side}_response", Response.ACCEPTED if accept else Response.DECLINED)
        setattr(locked, f"{side}_responded_at", now)
        fields = [f"{side}_response", f"{side}_responded_at"]
        if not accept:
            locked.status = PartnershipStatus.DECLINED
            locked.decline_reason = reason
            locked.declined_by = actor
            fields += ["status", "decline_reason", "declined_by"]
            if locked.mentor_registration_id is not None:
                give_place_back(locked.mentor_registration_id)
        elif locked.mentor_response == Response.ACCEPTED and locked.mentee_response == Response.ACCEPTED:
            locked.status = PartnershipStatus.ACTIVE
            locked.starts_on, locked.ends_on = _dates(locked)
            fields += ["status", "starts_on", "ends_on"]
        locked.save(update_fields=fields)
        changes: dict[str, Any] = {name: [value, getattr(locked, name)] for name, value in before.items()}
        if not accept:
            changes["decline_reason"] = ["", reason]
        audit_record(
            actor=actor,
            action="partnership.declined" if not accept else "partnership.accepted",
            obj=locked,
            organization=locked.program.organization,
            changes=changes,
        )
        if not accept:
            emails.send_declined(locked, declined_by=person)
        elif locked.status == PartnershipStatus.ACTIVE:
            emails.send_active(locked)
    return locked
