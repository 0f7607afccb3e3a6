"""The end of a partnership: ended early with a reason, or completed at the end of its term.

- Either person, or program staff (administrators and coordinators of its organization), may
  end an active partnership early, giving a reason both people read.
- Staff complete a partnership, and a daily job completes every active one whose end date
  (`ends_on`, in the organization's zone) has passed.

Either way the partnership becomes read-only (every workspace service refuses changes), its
meetings still to come are cancelled with a calendar cancellation, and the mentor's place is
given back: the mentor registration's `partnerships_taken` goes down by a conditional UPDATE
that never takes it below zero.

Rematch: pairing rules have no flag for it, and need none. A partnership that is neither
proposed nor active is no longer live (models.LIVE_STATUSES), so the mentee's registration is
back in the offering's pool (registrations.pairing.selectors.pool) for the next match run,
and the advisory team can pair the mentee again wherever the program runs another run.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mentorweb.core.audit import audit_record, audit_source
from mentorweb.core.errors import DomainError
from mentorweb.core.models import AuditSource
from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.emails import partnership_url
from mentorweb.partnerships.meeting_calendar import CANCEL, send_invitations
from mentorweb.partnerships.models import Meeting, MeetingStatus, Partnership, PartnershipStatus
from mentorweb.partnerships.selectors_workspace import is_program_staff, partner_label, role_in
from mentorweb.partnerships.services import give_offer_place_back, give_place_back
from mentorweb.partnerships.workspace_guards import lock_active, require_active
from mentorweb.programs import cleaning
from mentorweb.programs.times import today_in

logger = logging.getLogger(__name__)


def _close(actor: Any, partnership: Partnership, *, status: str, reason: str) -> Partnership:
    """Move an active partnership to `status` (ended or completed), in the caller's transaction."""
    locked = lock_active(partnership)
    now = timezone.now()
    # Conditional on the old status: whichever of two closing requests comes second changes nothing.
    changed = Partnership.objects.filter(pk=locked.pk, status=PartnershipStatus.ACTIVE).update(
        status=status, ended_at=now, ended_reason=reason
    )
    if not changed:
        raise DomainError(_("This partnership has already ended."), code="read_only")
    if locked.mentor_registration_id:
        # A conditional UPDATE (never below zero), shared with declining (services.give_place_back).
        give_place_back(locked.mentor_registration_id)
    if locked.mentor_offer_id:
        # A mentoring web's offer: the same conditional UPDATE, on the offer's places.
        give_offer_place_back(locked.mentor_offer_id)
    cancelled = []
    for meeting in Meeting.objects.select_for_update().filter(
        partnership=locked, status=MeetingStatus.SCHEDULED, starts_at__gte=now
    ):
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        meeting.partnership = locked
        send_invitations(meeting, method=CANCEL)
        cancelled.append(meeting.pk)
    locked.status, locked.ended_at, locked.ended_reason = status, now, reason
    audit_record(
        actor=actor,
        action=f"partnership.{status}",
        obj=locked,
        organization=locked.organization,
        changes={
            "status": [PartnershipStatus.ACTIVE, status],
            "ended_reason": [None, reason] if reason else [None, None],
            "meetings_cancelled": [None, len(cancelled)],
        },
    )
    _tell_both(locked, completed=status == PartnershipStatus.COMPLETED)
    return locked


def partnership_end(*, actor: Any, partnership: Partnership, reason: str) -> Partnership:
    """End an active partnership early. Either person or program staff; the reason is required
    and both people read it."""
    if not role_in(actor, partnership) and not is_program_staff(actor, partnership):
        raise DomainError(_("Only the two people in the partnership or program staff can end it."), code="forbidden")
    require_active(partnership)
    clean = cleaning.text(reason, "reason", max_length=500, required=True, multiline=True)
    with transaction.atomic():
        return _close(actor, partnership, status=PartnershipStatus.ENDED, reason=clean)


def partnership_complete(*, actor: Any, partnership: Partnership) -> Partnership:
    """Complete an active partnership (program staff; `actor=None` is the daily job)."""
    if actor is not None and not is_program_staff(actor, partnership):
        raise DomainError(_("Only program staff can mark a partnership complete."), code="forbidden")
    require_active(partnership)
    with transaction.atomic():
        return _close(actor, partnership, status=PartnershipStatus.COMPLETED, reason="")


def _tell_both(partnership: Partnership, *, completed: bool) -> None:
    url = partnership_url(partnership)
    for person in (partnership.mentor, partnership.mentee):
        with translation.override(person.preferred_language):
            other = partner_label(partnership, person)
        queue_email(
            key=f"partnership-closed:{partnership.pk}:{person.pk}",
            to=person.user.email,
            template="emails/partnership_ended",
            context={
                "given_name": person.given_name,
                "other": other,
                "completed": completed,
                "reason": partnership.ended_reason,
                "url": url,
            },
            language=person.preferred_language,
        )


def complete_due(today: dt.date | None = None) -> int:
    """Complete every active partnership whose end date has passed in its organization's zone.
    Each one in its own transaction; returns how many were completed. Safe to run twice."""
    horizon = today or (timezone.now() + dt.timedelta(days=1)).date()
    due = (
        Partnership.objects.filter(status=PartnershipStatus.ACTIVE, ends_on__isnull=False, ends_on__lt=horizon)
        .select_related("organization")
        .order_by("pk")
    )
    completed = 0
    for partnership in due.iterator(chunk_size=200):
        local_today = today or today_in(partnership.organization.time_zone)
        if partnership.ends_on is None or partnership.ends_on >= local_today:
            continue
        try:
            partnership_complete(actor=None, partnership=partnership)
        except DomainError:
            # Ended or completed by someone else since the query: nothing left to do.
            continue
        completed += 1
    return completed


@task()
def complete_due_partnerships() -> int:
    with audit_source(AuditSource.JOB):
        return complete_due()


# Daily at 09:45 UTC, after the core jobs: the small hours across Canada, so a partnership
# ending on a day is completed the night after it, wherever the organization is.
@db_periodic_task(crontab(minute="45", hour="9"), name="partnerships.complete_due_daily")
def complete_due_partnerships_daily() -> None:
    with audit_source(AuditSource.JOB):
        count = complete_due_partnerships.call()
    logger.info("Completed %s partnerships at the end of their term", count)
