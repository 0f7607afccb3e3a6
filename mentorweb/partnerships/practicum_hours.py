"""The hours a course candidate logs in the practicum with a chosen mentee (seed 000), for the
course's hours ledger (registrations.hours).

Only model imports here: the ledger imports this module, and the practicum's services import
the registrations app.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum

from mentorweb.partnerships.models import Meeting, MeetingStatus, PartnershipKind, PartnershipStatus

# A practicum counts once the mentee has accepted it; a declined or unanswered one has no meetings.
COUNTING_STATUSES = (PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)
MINUTES_PER_HOUR = Decimal(60)


def practicum_hours(registration_ids: Iterable[int]) -> dict[int, Decimal]:
    """Hours of held practicum meetings by course registration id, in one query."""
    ids = list(registration_ids)
    if not ids:
        return {}
    rows = (
        Meeting.objects.filter(
            status=MeetingStatus.HELD,
            partnership__kind=PartnershipKind.PRACTICUM,
            partnership__status__in=COUNTING_STATUSES,
            partnership__course_registration_id__in=ids,
        )
        .values("partnership__course_registration_id")
        .annotate(minutes=Sum("duration_minutes"))
        .order_by()
    )
    return {
        row["partnership__course_registration_id"]: Decimal(row["minutes"]) / MINUTES_PER_HOUR
        for row in rows
        if row["minutes"]
    }
