"""Gentle reminders to a pair, and the daily partnerships job.

The job (`partnerships_daily`, scheduled in partnerships.tasks) refreshes every active
partnership's health, creates the survey requests that fall due, and sends reminders:

- when a partnership is at risk or inactive, to both people: "no contact for a while" (due the
  first day without contact counts against them, and again the day it turns inactive) or, when
  they keep in touch but met for too few hours last month, "below the monthly hours" (due the
  first of the next month);
- when a survey is due and unanswered, to the person it is for (due its due date).

Sent once per due date however often the job runs: a Reminder row, unique per partnership,
person, kind and due date, is written before the e-mail is queued (and the e-mail itself carries
the same key in SentEmail). Each e-mail is in the person's language and links to the page to act on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_tasks import task

from mentorweb.accounts.models import Person
from mentorweb.core.audit import audit_source
from mentorweb.core.links import site_url
from mentorweb.core.models import AuditSource
from mentorweb.notifications.tasks import queue_email
from mentorweb.partnerships.commitment import expectations_for, next_month
from mentorweb.partnerships.health import Assessment, Batch, refresh_all
from mentorweb.partnerships.models import (
    Health,
    Partnership,
    PartnershipStatus,
    Reminder,
    ReminderKind,
    SurveyRequest,
)
from mentorweb.partnerships.selectors_workspace import partner_label
from mentorweb.partnerships.surveys import label_of, requests_schedule
from mentorweb.programs.times import today_in

HEALTH_TEMPLATE = "emails/partnership_reminder"
SURVEY_TEMPLATE = "emails/partnership_survey_due"
# A survey nobody answered within this many days of its due date is not chased any more.
SURVEY_REMINDER_WINDOW_DAYS = 30
BATCH_SIZE = 500


def _day(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return date_format(value, "j F Y" if language == "fr" else "F j, Y")


def _month(value: dt.date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return date_format(value, "F Y")


def _send(*, partnership: Partnership, person: Person, kind: str, due_on: dt.date, context: dict[str, Any]) -> bool:
    """Write the Reminder row, then queue the e-mail (after commit). False when already sent."""
    try:
        with transaction.atomic():
            Reminder.objects.create(partnership=partnership, person=person, kind=kind, due_on=due_on)
    except IntegrityError:
        return False
    language = person.preferred_language
    queue_email(
        key=f"partnership-reminder:{partnership.pk}:{person.pk}:{kind}:{due_on.isoformat()}",
        to=person.user.email,
        template=SURVEY_TEMPLATE if kind == ReminderKind.SURVEY_DUE else HEALTH_TEMPLATE,
        context=context,
        language=language,
    )
    return True


# --- health ------------------------------------------------------------------------------------------


def health_reminder(assessment: Assessment) -> tuple[str, dt.date] | None:
    """The one reminder an assessment calls for, as (kind, due date), or None.

    One at a time, so that a pair gets one gentle word rather than two: lost contact comes first."""
    if assessment.health == Health.INACTIVE and assessment.inactive_since is not None:
        return ReminderKind.NO_CONTACT, assessment.inactive_since
    if assessment.health != Health.AT_RISK:
        return None
    if assessment.no_contact and assessment.at_risk_since is not None:
        return ReminderKind.NO_CONTACT, assessment.at_risk_since
    if assessment.low_hours and assessment.last_full_month is not None:
        return ReminderKind.LOW_HOURS, next_month(assessment.last_full_month)
    return None


def _health_context(
    partnership: Partnership, person: Person, assessment: Assessment, kind: str, due_on: dt.date
) -> dict[str, Any]:
    language = person.preferred_language
    expectations = expectations_for(partnership.program)
    with translation.override(language):
        # By name only when the program shares names; otherwise "your mentor" / "your mentee".
        partner = partner_label(partnership, person)
    return {
        "given_name": person.given_name,
        "partner_name": partner,
        "program": str(partnership.program),
        "kind": kind,
        "inactive": assessment.health == Health.INACTIVE,
        "days": assessment.days_without_contact or 0,
        "cadence_days": expectations.contact_every_days,
        "last_contact": _day(assessment.last_contact_on, language),
        "month": _month(assessment.last_full_month, language),
        "hours": str(assessment.last_full_month_hours or 0),
        "minimum": format(expectations.min_hours_per_month.normalize(), "f"),
        "partnership_url": site_url(reverse("partnerships:detail", kwargs={"partnership_id": partnership.pk})),
    }


def health_reminders_for(batch: Batch) -> int:
    """Remind both people of each at-risk or inactive partnership of the batch; returns how many
    e-mails were queued. One query finds the reminders already sent for the whole batch."""
    wanted = []
    for partnership, assessment in batch:
        reminder = health_reminder(assessment)
        if reminder is not None:
            wanted.append((partnership, assessment, *reminder))
    if not wanted:
        return 0
    sent_before = set(
        Reminder.objects.filter(
            partnership__in=[partnership for partnership, *_rest in wanted],
            kind__in=(ReminderKind.NO_CONTACT, ReminderKind.LOW_HOURS),
        ).values_list("partnership_id", "person_id", "kind", "due_on")
    )
    queued = 0
    for partnership, assessment, kind, due_on in wanted:
        for person in (partnership.mentor, partnership.mentee):
            if (partnership.pk, person.pk, kind, due_on) in sent_before:
                continue
            context = _health_context(partnership, person, assessment, kind, due_on)
            queued += _send(partnership=partnership, person=person, kind=kind, due_on=due_on, context=context)
    return queued


# --- surveys -----------------------------------------------------------------------------------------


def _survey_context(survey_request: SurveyRequest) -> dict[str, Any]:
    person = survey_request.person
    partnership = survey_request.partnership
    with translation.override(person.preferred_language):
        title = label_of(survey_request.survey.title)
        partner = partner_label(partnership, person)
    return {
        "given_name": person.given_name,
        "partner_name": partner,
        "program": str(partnership.program),
        "survey_title": title,
        "closing": survey_request.survey.kind == "closing",
        "survey_url": site_url(reverse("partnerships:survey_answer", kwargs={"request_id": survey_request.pk})),
        "partnership_url": site_url(reverse("partnerships:detail", kwargs={"partnership_id": partnership.pk})),
    }


def survey_reminders_send(*, today: dt.date | None = None) -> int:
    """Tell each person about their survey requests that fell due and are unanswered; returns how
    many e-mails were queued. Bounded: a query per BATCH_SIZE requests, plus one insert per e-mail."""
    latest = today or (timezone.now() + dt.timedelta(days=1)).date()
    earliest = latest - dt.timedelta(days=SURVEY_REMINDER_WINDOW_DAYS + 1)
    reminded = Reminder.objects.filter(
        partnership=OuterRef("partnership_id"),
        person=OuterRef("person_id"),
        kind=ReminderKind.SURVEY_DUE,
        due_on=OuterRef("due_on"),
    )
    pending = (
        SurveyRequest.objects.filter(answered_at__isnull=True, due_on__lte=latest, due_on__gte=earliest)
        .exclude(partnership__status__in=(PartnershipStatus.PROPOSED, PartnershipStatus.DECLINED))
        .exclude(Exists(reminded))
        .select_related(
            "survey",
            "person__user",
            "partnership__organization",
            "partnership__program__pairing",
            "partnership__mentor",
            "partnership__mentee",
        )
        .order_by("pk")
    )
    queued = 0
    last_pk = 0
    while True:
        batch = list(pending.filter(pk__gt=last_pk)[:BATCH_SIZE])
        if not batch:
            break
        last_pk = batch[-1].pk
        for survey_request in batch:
            partnership = survey_request.partnership
            if survey_request.due_on > (today or today_in(partnership.organization.time_zone)):
                continue
            with transaction.atomic():
                queued += _send(
                    partnership=partnership,
                    person=survey_request.person,
                    kind=ReminderKind.SURVEY_DUE,
                    due_on=survey_request.due_on,
                    context=_survey_context(survey_request),
                )
    return queued


# --- the daily job ----------------------------------------------------------------------------------


def daily_run(*, today: dt.date | None = None) -> dict[str, Any]:
    """Health, then the surveys that fall due, then the reminders. Safe to run any number of times."""
    health_sent = 0

    def remind(batch: Batch) -> None:
        nonlocal health_sent
        health_sent += health_reminders_for(batch)

    health = refresh_all(today=today, on_batch=remind)
    scheduled = requests_schedule(today=today)
    survey_sent = survey_reminders_send(today=today)
    return {
        "health": health,
        "surveys_created": scheduled,
        "health_reminders": health_sent,
        "survey_reminders": survey_sent,
    }


@task()
def partnerships_daily() -> dict[str, Any]:
    """The daily partnerships job (also enqueued by hand, or called from a test)."""
    with audit_source(AuditSource.JOB):
        return daily_run()
