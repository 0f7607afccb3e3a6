"""Every change to an application: submitting, editing, withdrawing, staff decisions, a mentee's
ranking of mentors, board input and conflicts of interest.

An application is a Registration with role mentor or mentee. Status changes are conditional
UPDATEs on the old status under a row lock, so of two requests racing to make a change one
makes it and the other is told it no longer applies. One live application per person and
offering is the database's rule (registration_one_live_per_person); a second submit made at the
same moment ends in its IntegrityError, turned into a DomainError here.

The applicant is e-mailed at submit and at each change of status, after the commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorweb.accounts.services import person_ensure_for_user
from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError, NotFound
from mentorweb.organizations.models import Organization, OrganizationKind
from mentorweb.programs import cleaning
from mentorweb.programs.models import Offering
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    ConflictKind,
    DeclineReason,
    MentorPreference,
    Registration,
    RegistrationRole,
    RegistrationStatus,
)
from mentorweb.registrations.pairing import emails, selectors
from mentorweb.registrations.pairing.answers import as_data, clean_application
from mentorweb.registrations.pairing.eligibility import eligibility_check

S = RegistrationStatus
R = RegistrationRole
EDITABLE = (S.SUBMITTED, S.INFO_REQUESTED)
WITHDRAWABLE = (S.SUBMITTED, S.INFO_REQUESTED, S.ACCEPTED)
ACCEPTABLE = (S.SUBMITTED, S.INFO_REQUESTED, S.DECLINED)
DECLINABLE = (S.SUBMITTED, S.INFO_REQUESTED, S.ACCEPTED)
MESSAGE_MAX = 4000
REASON_MAX = 500


def _organization(registration: Registration) -> Organization:
    return registration.offering.program.organization


def _may_review(actor: Any, organization: Organization) -> bool:
    return bool(actor is not None and actor.has_perm(selectors.REVIEW, organization))


def _require_review(actor: Any, organization: Organization) -> None:
    if not _may_review(actor, organization):
        raise DomainError(
            _("Only administrators, coordinators and the advisory team can review applications."), code="forbidden"
        )


def _require_applicant(actor: Any, registration: Registration) -> None:
    if registration.person.user_id != getattr(actor, "pk", None):
        raise DomainError(_("You can only change your own application."), code="forbidden")


def _lock(registration_id: int) -> Registration:
    """The application, locked until the end of the transaction (only its own row: PostgreSQL
    refuses to lock the nullable side of a join)."""
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("offering__program__organization", "offering__program__pairing", "person__user", "board")
        .get(pk=registration_id)
    )


def _lock_in_status(registration: Registration, statuses: tuple[str, ...], refusal: str) -> Registration:
    """The application locked (see _lock) if its status is one of `statuses`; otherwise a conflict
    with `refusal`, a message that names the status as %(status)s."""
    registration = _lock(registration.pk)
    if registration.status not in statuses:
        raise DomainError(refusal % {"status": registration.get_status_display()}, code="conflict")
    return registration


def _move(registration: Registration, old: str, new: str, **fields: Any) -> None:
    """Change the status from `old` to `new` (and `fields`) only if it is still `old`."""
    updated = Registration.objects.filter(pk=registration.pk, status=old).update(status=new, **fields)
    if not updated:
        raise DomainError(_("This application changed in the meantime: reload the page."), code="conflict")
    registration.status = new
    for name, value in fields.items():
        setattr(registration, name, value)


def _clean_message(message: Any, field: str = "message", *, required: bool = False) -> str:
    return cleaning.text(message, field, max_length=MESSAGE_MAX, required=required, multiline=True)


def _check_eligible(*, person: Any, offering: Offering, role: str, answers: Mapping[str, Any]) -> None:
    problems = eligibility_check(person, offering.program, role, answers=answers)
    if problems:
        first = problems[0]
        raise DomainError(
            " ".join(problem.message for problem in problems), field=first.field or "role", code="ineligible"
        )


def _clean(offering: Offering, role: str, data: Mapping[str, Any]) -> Any:
    program = offering.program
    return clean_application(
        rules=program.pairing,
        role=role,
        data=data,
        questions=selectors.questions_for(program, role),
        boards=selectors.board_choices(program),
    )


# --- the applicant ------------------------------------------------------------------------------


def application_submit(*, actor: Any, offering: Offering, role: str, data: Mapping[str, Any]) -> Registration:
    """Apply to a pairing offering as a mentor or a mentee, within its application window."""
    if role not in (R.MENTOR, R.MENTEE):
        raise DomainError(_("Apply as a mentor or as a mentee."), field="role")
    refusal = selectors.application_refusal(offering)
    if refusal is not None:
        message, code = refusal
        raise DomainError(message, field="offering", code=code)
    person = person_ensure_for_user(user=actor)
    cleaned = _clean(offering, role, data)
    _check_eligible(person=person, offering=offering, role=role, answers=cleaned.answers)
    duplicate = _("You already have an application in this offering.")
    if selectors.live_application(person, offering) is not None:
        raise DomainError(duplicate, field="offering", code="duplicate")
    now = timezone.now()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                offering=offering,
                person=person,
                role=role,
                status=S.SUBMITTED,
                answers=cleaned.answers,
                board=cleaned.board,
                capacity=cleaned.capacity,
                submitted_at=now,
            )
            entry = audit_record(
                actor=actor,
                action="application.submitted",
                obj=registration,
                organization=offering.program.organization,
                changes={
                    "status": [None, S.SUBMITTED],
                    "role": [None, role],
                    "board": [None, cleaned.board.pk if cleaned.board else None],
                    "capacity": [None, cleaned.capacity],
                    "answers": [None, cleaned.answers],
                },
            )
            emails.send_status(registration, "submitted", entry_id=entry.pk)
    except IntegrityError as error:
        # The partial unique constraint is the truth: a second submit for the same person and
        # offering, at the same moment, ends here.
        raise DomainError(duplicate, field="offering", code="duplicate") from error
    return registration


def application_update(*, actor: Any, registration: Registration, data: Mapping[str, Any]) -> Registration:
    """Change the answers while the application is submitted or waiting for information.

    Fields not in `data` keep their values. Answering a request for information puts the
    application back to "submitted" for review, even after the deadline; otherwise the
    application window must still be open.
    """
    _require_applicant(actor, registration)
    with transaction.atomic():
        registration = _lock_in_status(
            registration, EDITABLE, _("This application can no longer be changed: it is “%(status)s”.")
        )
        old = registration.status
        offering = registration.offering
        if old == S.SUBMITTED:
            refusal = selectors.application_refusal(offering)
            if refusal is not None:
                raise DomainError(refusal[0], field="offering", code=refusal[1])
        current = as_data(
            registration.role, registration.answers, board=registration.board, capacity=registration.capacity
        )
        cleaned = _clean(offering, registration.role, {**current, **dict(data)})
        _check_eligible(person=registration.person, offering=offering, role=registration.role, answers=cleaned.answers)
        changes: dict[str, Any] = {}
        if cleaned.answers != registration.answers:
            changes["answers"] = [registration.answers, cleaned.answers]
        if cleaned.board != registration.board:
            changes["board"] = [registration.board_id, cleaned.board.pk if cleaned.board else None]
        if cleaned.capacity != registration.capacity:
            if cleaned.capacity is not None and cleaned.capacity < registration.partnerships_taken:
                raise DomainError(_("You already have more partnerships than that."), field="capacity")
            changes["capacity"] = [registration.capacity, cleaned.capacity]
        registration.answers, registration.board, registration.capacity = (
            cleaned.answers,
            cleaned.board,
            cleaned.capacity,
        )
        registration.save(update_fields=["answers", "board", "capacity"])
        if old == S.INFO_REQUESTED:
            _move(registration, old, S.SUBMITTED)
            changes["status"] = [old, S.SUBMITTED]
        entry = audit_record(
            actor=actor,
            action="application.answered" if old == S.INFO_REQUESTED else "application.updated",
            obj=registration,
            organization=_organization(registration),
            changes=changes,
        )
        if old == S.INFO_REQUESTED:
            emails.send_status(registration, "answered", entry_id=entry.pk)
    return registration


def application_withdraw(*, actor: Any, registration: Registration) -> Registration:
    """The applicant withdraws; they may apply again to the same offering while it is open."""
    _require_applicant(actor, registration)
    with transaction.atomic():
        registration = _lock_in_status(
            registration, WITHDRAWABLE, _("This application cannot be withdrawn: it is “%(status)s”.")
        )
        old = registration.status
        if selectors.has_live_partnership(registration):
            raise DomainError(
                _("You are in a partnership of this program: write to the program to end it first."), code="conflict"
            )
        _move(registration, old, S.WITHDRAWN, decided_at=timezone.now())
        entry = audit_record(
            actor=actor,
            action="application.withdrawn",
            obj=registration,
            organization=_organization(registration),
            changes={"status": [old, S.WITHDRAWN]},
        )
        emails.send_status(registration, "withdrawn", entry_id=entry.pk)
    return registration


# --- staff decisions --------------------------------------------------------------------------


def application_accept(*, actor: Any, registration: Registration, message: str = "") -> Registration:
    """Accept into the offering's pool. The applicant must still meet the program's rules."""
    _require_review(actor, _organization(registration))
    message = _clean_message(message)
    with transaction.atomic():
        registration = _lock_in_status(
            registration, ACCEPTABLE, _("An application that is “%(status)s” cannot be accepted.")
        )
        old = registration.status
        problems = eligibility_check(
            registration.person, registration.offering.program, registration.role, answers=registration.answers
        )
        if problems:
            raise DomainError(
                _(
                    "The applicant does not meet the program's rules now: %(problems)s Decline with the reason “%(reason)s”."
                )
                % {"problems": " ".join(p.message for p in problems), "reason": DeclineReason.NOT_ELIGIBLE.label},
                code="ineligible",
            )
        _move(
            registration,
            old,
            S.ACCEPTED,
            decided_at=timezone.now(),
            decided_by=actor,
            decline_reason="",
            staff_message=message,
        )
        entry = audit_record(
            actor=actor,
            action="application.accepted",
            obj=registration,
            organization=_organization(registration),
            changes={"status": [old, S.ACCEPTED], "staff_message": [None, message]},
        )
        emails.send_status(registration, "accepted", entry_id=entry.pk)
    return registration


def application_decline(*, actor: Any, registration: Registration, reason: str, message: str) -> Registration:
    """Decline with a reason from the list and a message to the applicant."""
    _require_review(actor, _organization(registration))
    reason = cleaning.choice(reason, "reason", DeclineReason.values)
    message = _clean_message(message, required=reason == DeclineReason.OTHER)
    with transaction.atomic():
        registration = _lock_in_status(
            registration, DECLINABLE, _("An application that is “%(status)s” cannot be declined.")
        )
        old = registration.status
        if old == S.ACCEPTED and selectors.has_live_partnership(registration):
            raise DomainError(
                _("This applicant is in a partnership of the program: end the partnership first."), code="conflict"
            )
        _move(
            registration,
            old,
            S.DECLINED,
            decided_at=timezone.now(),
            decided_by=actor,
            decline_reason=reason,
            staff_message=message,
        )
        entry = audit_record(
            actor=actor,
            action="application.declined",
            obj=registration,
            organization=_organization(registration),
            changes={"status": [old, S.DECLINED], "decline_reason": [None, reason], "staff_message": [None, message]},
        )
        emails.send_status(registration, "declined", entry_id=entry.pk)
    return registration


def application_request_info(*, actor: Any, registration: Registration, message: str) -> Registration:
    """Ask the applicant for more information; they answer by editing their application."""
    _require_review(actor, _organization(registration))
    message = _clean_message(message, required=True)
    with transaction.atomic():
        registration = _lock_in_status(
            registration,
            EDITABLE,
            _("More information can be asked only of an application under review; this one is “%(status)s”."),
        )
        old = registration.status
        _move(registration, old, S.INFO_REQUESTED, staff_message=message)
        entry = audit_record(
            actor=actor,
            action="application.info_requested",
            obj=registration,
            organization=_organization(registration),
            changes={"status": [old, S.INFO_REQUESTED], "staff_message": [None, message]},
        )
        emails.send_status(registration, "info_requested", entry_id=entry.pk)
    return registration


# --- a mentee's ranking ------------------------------------------------------------------------


def preferences_set(
    *, actor: Any, registration: Registration, mentor_ids: list[int], board_preference: str | None = None
) -> list[MentorPreference]:
    """Replace the mentee's ranking: up to rules.ranking_depth distinct accepted mentors of the
    same offering, the first the most preferred. `board_preference` ("same", "different" or ""
    for no preference) is saved with it when given."""
    _require_applicant(actor, registration)
    rules = registration.offering.program.pairing
    if registration.role != R.MENTEE:
        raise DomainError(_("Only mentees rank mentors."), field="mentor_ids", code="conflict")
    if not rules.mentee_may_rank:
        raise DomainError(_("This program does not ask mentees to rank mentors."), field="mentor_ids", code="conflict")
    if not isinstance(mentor_ids, (list, tuple)) or any(
        isinstance(i, bool) or not isinstance(i, int) for i in mentor_ids
    ):
        raise DomainError(_("Choose mentors from the list."), field="mentor_ids")
    if len(set(mentor_ids)) != len(mentor_ids):
        raise DomainError(_("Choose each mentor only once."), field="mentor_ids")
    if len(mentor_ids) > rules.ranking_depth:
        raise DomainError(
            ngettext("Rank at most %(count)s mentor.", "Rank at most %(count)s mentors.", rules.ranking_depth)
            % {"count": rules.ranking_depth},
            field="mentor_ids",
        )
    if board_preference is not None:
        board_preference = cleaning.choice(board_preference, "board_preference", ["same", "different"], blank=True)
    with transaction.atomic():
        registration = _lock(registration.pk)
        if registration.status != S.ACCEPTED:
            raise DomainError(_("You can rank mentors once your application is accepted."), code="conflict")
        if selectors.has_live_partnership(registration):
            raise DomainError(_("You already have a mentor in this program."), code="conflict")
        if board_preference and registration.board_id is None:
            raise DomainError(
                _("Your application names no school board or district: edit it first, or choose no preference."),
                field="board_preference",
            )
        mentors = {m.pk: m for m in selectors.eligible_mentors(registration.offering).filter(pk__in=mentor_ids)}
        missing = [i for i in mentor_ids if i not in mentors]
        if missing:
            raise DomainError(_("Choose mentors from the list."), field="mentor_ids")
        if any(mentors[i].person_id == registration.person_id for i in mentor_ids):
            raise DomainError(_("You cannot rank yourself."), field="mentor_ids")
        before = list(
            MentorPreference.objects.filter(mentee=registration).order_by("rank").values_list("mentor_id", flat=True)
        )
        MentorPreference.objects.filter(mentee=registration).delete()
        preferences = MentorPreference.objects.bulk_create(
            [
                MentorPreference(mentee=registration, mentor=mentors[i], rank=rank)
                for rank, i in enumerate(mentor_ids, 1)
            ]
        )
        changes: dict[str, Any] = {"ranking": [before, list(mentor_ids)]}
        if board_preference is not None and board_preference != registration.answers.get("board_preference", ""):
            changes["board_preference"] = [registration.answers.get("board_preference", ""), board_preference]
            registration.answers = {**registration.answers, "board_preference": board_preference}
            registration.save(update_fields=["answers"])
        audit_record(
            actor=actor,
            action="application.preferences_set",
            obj=registration,
            organization=_organization(registration),
            changes=changes,
        )
    return preferences


# --- board input and conflicts -----------------------------------------------------------------


def board_input_set(
    *,
    actor: Any,
    offering: Offering,
    board: Organization,
    mentor: Registration,
    acceptable: bool | None,
    reason: str = "",
) -> BoardInput | None:
    """A board's view of one mentor for its mentees in the offering: acceptable, or not with a
    reason (a veto of that mentor for all the board's mentees). None clears the board's input."""
    if board.kind != OrganizationKind.BOARD or not actor.has_perm(selectors.BOARD_INPUT, board):
        raise DomainError(_("Only the board's contacts can give its input."), code="forbidden")
    if not selectors.board_offerings(board).filter(pk=offering.pk).exists():
        raise NotFound()
    if mentor.offering_id != offering.pk or mentor.role != R.MENTOR or mentor.status != S.ACCEPTED:
        raise DomainError(_("Choose one of the offering's accepted mentors."), field="mentor")
    if acceptable is not None:
        acceptable = cleaning.boolean(acceptable, "acceptable")
    reason = cleaning.text(reason, "reason", max_length=REASON_MAX, multiline=True)
    if acceptable is False and not reason:
        raise DomainError(_("Say why this mentor is not acceptable for your people."), field="reason")
    organization = offering.program.organization
    with transaction.atomic():
        existing = BoardInput.objects.select_for_update().filter(offering=offering, board=board, mentor=mentor).first()
        before = [existing.acceptable, existing.reason] if existing else None
        if acceptable is None:
            if existing is None:
                return None
            existing.delete()
            audit_record(
                actor=actor,
                action="board_input.cleared",
                object_type="registrations.boardinput",
                organization=organization,
                changes={"board": [None, board.pk], "mentor": [None, mentor.pk], "input": [before, None]},
            )
            return None
        try:
            with transaction.atomic():
                row, _created = BoardInput.objects.update_or_create(
                    offering=offering,
                    board=board,
                    mentor=mentor,
                    defaults={"acceptable": acceptable, "reason": reason, "author": actor},
                )
        except IntegrityError:
            # Two contacts saving the same mentor at the same moment: the second updates the first's row.
            row = BoardInput.objects.get(offering=offering, board=board, mentor=mentor)
            row.acceptable, row.reason, row.author = acceptable, reason, actor
            row.save(update_fields=["acceptable", "reason", "author", "updated_at"])
        audit_record(
            actor=actor,
            action="board_input.set",
            obj=row,
            organization=organization,
            changes={"board": [None, board.pk], "mentor": [None, mentor.pk], "input": [before, [acceptable, reason]]},
        )
    return row


def _may_declare(actor: Any, mentee: Registration, mentor: Registration) -> bool:
    user_id = getattr(actor, "pk", None)
    if user_id is not None and user_id in (mentee.person.user_id, mentor.person.user_id):
        return True
    if _may_review(actor, _organization(mentee)):
        return True
    return mentee.board is not None and bool(actor.has_perm(selectors.BOARD_INPUT, mentee.board))


def conflict_declare(*, actor: Any, mentee: Registration, mentor: Registration, kind: str) -> Conflict:
    """Record that a mentor supervises or evaluates the mentee, or sits in their reporting line:
    the pair is then never proposed. Declared by either person, the program's staff or the
    mentee's board; declaring the same conflict again changes nothing."""
    kind = cleaning.choice(kind, "kind", ConflictKind.values)
    if mentee.role != R.MENTEE or mentor.role != R.MENTOR or mentee.offering_id != mentor.offering_id:
        raise DomainError(_("Choose a mentor of the same offering."), field="mentor")
    if mentee.person_id == mentor.person_id:
        raise DomainError(_("Choose a mentor of the same offering."), field="mentor")
    if not _may_declare(actor, mentee, mentor):
        raise DomainError(_("You cannot declare a conflict for these people."), code="forbidden")
    existing = Conflict.objects.filter(mentee=mentee, mentor=mentor, kind=kind).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            conflict = Conflict.objects.create(
                mentee=mentee, mentor=mentor, kind=kind, declared_by=actor if getattr(actor, "pk", None) else None
            )
            audit_record(
                actor=actor,
                action="conflict.declared",
                obj=conflict,
                organization=_organization(mentee),
                changes={"mentee": [None, mentee.pk], "mentor": [None, mentor.pk], "kind": [None, kind]},
            )
    except IntegrityError:
        # Declared by someone else at the same moment: the conflict is recorded either way.
        return Conflict.objects.get(mentee=mentee, mentor=mentor, kind=kind)
    return conflict
