"""Partnership surveys: a program's check-in and closing surveys, when they fall due, and answers.

Each program has one active Survey of each kind, made from the defaults below the first time it
is needed; staff may then add, change or remove its questions. A question is
{"key", "label", "kind": scale|text|choice, "options": [...], "required": bool}; answers are kept
under the question's key, so changing a label keeps earlier answers.

The schedule (seed 003: "one day in May to bring closure and gather program feedback"; the issue:
"a check-in at 30 days and every 60 days after"): for an active partnership, a check-in is due
`program.checkin_first_days` after its start and every `program.checkin_every_days` after that,
until it ends; the closing survey is due at the end, or on the day staff send it for an offering
(its closure day). Each of the pair gets their own request. The daily job creates what is due,
never filling in past check-ins it missed: only the latest one due.

Default labels are stored in English and translated when shown (a label staff typed is shown as
typed), so French speakers read the default questions in French.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mentorweb.core.audit import audit_record
from mentorweb.core.errors import DomainError
from mentorweb.partnerships.commitment import finished_on, started_on
from mentorweb.partnerships.models import Partnership, PartnershipStatus, Survey, SurveyKind, SurveyRequest
from mentorweb.partnerships.selectors_workspace import partner_label
from mentorweb.programs import cleaning
from mentorweb.programs.models import Offering, Program
from mentorweb.programs.times import today_in

QUESTION_KINDS = ("scale", "text", "choice")
SCALE = (1, 2, 3, 4, 5)
MAX_QUESTIONS = 30
MAX_OPTIONS = 12
MAX_TEXT_ANSWER = 2000
# A closing survey is created for partnerships that finished at most this long ago: turning the
# feature on must not survey pairs that ended years before.
CLOSING_LOOKBACK_DAYS = 60
BATCH_SIZE = 500
MANAGE_PERM = "partnerships.manage_surveys"


def _question(
    key: str, label: str, kind: str, *, required: bool = False, options: Iterable[str] = ()
) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": kind, "options": list(options), "required": required}


DEFAULT_TITLES: dict[str, str] = {
    SurveyKind.CHECKIN: gettext_noop("Check-in"),
    SurveyKind.CLOSING: gettext_noop("Closing survey"),
}
DEFAULT_QUESTIONS: dict[str, list[dict[str, Any]]] = {
    SurveyKind.CHECKIN: [
        _question("going", gettext_noop("How is the partnership going?"), "scale", required=True),
        _question(
            "meeting_as_agreed",
            gettext_noop("Are you meeting as often as you agreed?"),
            "choice",
            options=[gettext_noop("Yes"), gettext_noop("Sometimes"), gettext_noop("Not yet")],
        ),
        _question("helping", gettext_noop("What is helping?"), "text"),
        _question("would_help", gettext_noop("What would help?"), "text"),
    ],
    SurveyKind.CLOSING: [
        _question("overall", gettext_noop("Overall, how would you rate the program?"), "scale", required=True),
        _question("value", gettext_noop("How valuable was the mentoring partnership to you?"), "scale"),
        _question("training", gettext_noop("How useful was the mentor training (if you took part)?"), "scale"),
        _question("webinar", gettext_noop("How useful was the welcome webinar (if you took part)?"), "scale"),
        _question("keep", gettext_noop("What should the program keep?"), "text"),
        _question("change", gettext_noop("What should the program change?"), "text"),
    ],
}


def current_questions(survey: Survey) -> list[dict[str, Any]]:
    """The questions asked now. A removed question stays in the list, marked "removed", so that
    its answers keep their label in the export and its key is never given to a new question."""
    return [question for question in survey.questions if not question.get("removed")]


def label_of(text: str) -> str:
    """A label or option as shown: a default one translated, one typed by staff as typed."""
    return _(text) if text else text


# --- surveys and their questions -------------------------------------------------------------------


def survey_for(program: Program, kind: str) -> Survey:
    """The program's active survey of `kind`, made from the defaults on first need."""
    if kind not in SurveyKind.values:
        raise DomainError(_("Choose one of the options."), field="kind")
    survey = Survey.objects.filter(program=program, kind=kind, is_active=True).first()
    if survey is not None:
        return survey
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                program=program,
                kind=kind,
                title=DEFAULT_TITLES[kind],
                questions=[dict(question) for question in DEFAULT_QUESTIONS[kind]],
            )
            audit_record(actor=None, action="survey.created", obj=survey, organization=program.organization)
            return survey
    except IntegrityError:
        # Made at the same moment by another request: the unique constraint kept one.
        return Survey.objects.get(program=program, kind=kind, is_active=True)


def _clean_question(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(data) - {"label", "kind", "options", "required"}
    if unknown:
        raise DomainError(_("This field cannot be set here: %s") % sorted(unknown)[0], field=sorted(unknown)[0])
    label = cleaning.text(data.get("label"), "label", max_length=300, required=True)
    kind = cleaning.choice(data.get("kind"), "kind", list(QUESTION_KINDS))
    options = cleaning.lines(data.get("options"), "options", max_items=MAX_OPTIONS, max_length=200)
    if kind == "choice" and len(options) < 2:
        raise DomainError(_("Give at least two choices, one a line."), field="options")
    if kind != "choice":
        options = []
    if len(set(options)) != len(options):
        raise DomainError(_("Each choice must be different."), field="options")
    required = cleaning.boolean(bool(data.get("required", False)), "required")
    return {"label": label, "kind": kind, "options": options, "required": required}


def _require_manage(actor: Any, program: Program) -> None:
    if not actor.has_perm(MANAGE_PERM, program.organization):
        raise DomainError(_("You do not have permission to change this survey."), code="forbidden")


def _locked(survey: Survey) -> Survey:
    # Questions are one JSON list: two staff editing at once must not lose each other's change.
    return Survey.objects.select_for_update().select_related("program__organization").get(pk=survey.pk)


def _has_answers(survey: Survey, key: str) -> bool:
    return SurveyRequest.objects.filter(survey=survey, answered_at__isnull=False, answers__has_key=key).exists()


def survey_question_add(*, actor: Any, survey: Survey, data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _clean_question(data)
    with transaction.atomic():
        survey = _locked(survey)
        _require_manage(actor, survey.program)
        if len(current_questions(survey)) >= MAX_QUESTIONS:
            raise DomainError(_("A survey has at most %(max)s questions.") % {"max": MAX_QUESTIONS}, field="label")
        taken = {question["key"] for question in survey.questions}
        number = len(taken) + 1
        while f"q{number}" in taken:
            number += 1
        question = {"key": f"q{number}", **cleaned}
        survey.questions = [*survey.questions, question]
        survey.save(update_fields=["questions"])
        audit_record(
            actor=actor,
            action="survey.question_added",
            obj=survey,
            organization=survey.program.organization,
            changes={question["key"]: [None, question["label"]]},
        )
    return question


def _index(survey: Survey, key: str) -> int:
    for index, question in enumerate(survey.questions):
        if question.get("key") == key and not question.get("removed"):
            return index
    raise Http404


def survey_question_update(*, actor: Any, survey: Survey, key: str, data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = _clean_question(data)
    with transaction.atomic():
        survey = _locked(survey)
        _require_manage(actor, survey.program)
        index = _index(survey, key)
        before = survey.questions[index]
        if cleaned["kind"] != before["kind"] and _has_answers(survey, key):
            # Averages and counts would mix answers of two kinds.
            raise DomainError(
                _("This question has answers: its kind cannot change. Add a new question instead."), field="kind"
            )
        question = {"key": key, **cleaned}
        questions = list(survey.questions)
        questions[index] = question
        survey.questions = questions
        survey.save(update_fields=["questions"])
        audit_record(
            actor=actor,
            action="survey.question_changed",
            obj=survey,
            organization=survey.program.organization,
            changes={
                f"{key}.{name}": [before.get(name), question[name]]
                for name in ("label", "kind", "options", "required")
                if before.get(name) != question[name]
            },
        )
    return question


def survey_question_remove(*, actor: Any, survey: Survey, key: str) -> None:
    """Remove a question. Answers already given stay stored; the summary shows current questions."""
    with transaction.atomic():
        survey = _locked(survey)
        _require_manage(actor, survey.program)
        index = _index(survey, key)
        if len(current_questions(survey)) == 1:
            raise DomainError(_("A survey needs at least one question."), field="key")
        removed = survey.questions[index]
        questions = list(survey.questions)
        questions[index] = {**removed, "removed": True}
        survey.questions = questions
        survey.save(update_fields=["questions"])
        audit_record(
            actor=actor,
            action="survey.question_removed",
            obj=survey,
            organization=survey.program.organization,
            changes={key: [removed.get("label"), None]},
        )


# --- when surveys fall due ----------------------------------------------------------------------


def checkin_due_on(partnership: Partnership, today: dt.date) -> dt.date | None:
    """The latest check-in date on or before `today`, before the partnership's end, or None."""
    program = partnership.program
    first = started_on(partnership) + dt.timedelta(days=program.checkin_first_days)
    if first > today:
        return None
    every = max(int(program.checkin_every_days), 1)
    due = first + dt.timedelta(days=((today - first).days // every) * every)
    if partnership.ends_on is not None and due >= partnership.ends_on:
        return None
    return due


def closing_due_on(partnership: Partnership, today: dt.date) -> dt.date | None:
    """The day the closing survey falls due, if it has (the partnership's end), else None."""
    if partnership.status == PartnershipStatus.ACTIVE:
        end = partnership.ends_on
        return end if end is not None and end <= today else None
    finished = finished_on(partnership)
    if finished is None or finished > today or (today - finished).days > CLOSING_LOOKBACK_DAYS:
        return None
    return finished


def _people(partnership: Partnership) -> tuple[int, int]:
    return partnership.mentor_id, partnership.mentee_id


def _schedulable(today: dt.date) -> QuerySet[Partnership]:
    """Active partnerships, and those that finished recently (their closing survey). Two days of
    margin: "today" differs between the organizations' zones."""
    since = today - dt.timedelta(days=CLOSING_LOOKBACK_DAYS + 2)
    finished = Q(status__in=(PartnershipStatus.COMPLETED, PartnershipStatus.ENDED)) & (
        Q(ended_at__date__gte=since) | Q(ended_at__isnull=True, ends_on__gte=since)
    )
    return Partnership.objects.filter(Q(status=PartnershipStatus.ACTIVE) | finished)


def requests_schedule(*, today: dt.date | None = None) -> dict[str, int]:
    """Create the check-in and closing requests that are due (the daily job). Returns counts.

    Per batch of BATCH_SIZE partnerships: one query for them, one for the requests they already
    have, one bulk insert, plus a query or two the first time a program's survey is needed."""
    surveys: dict[tuple[int, str], Survey] = {}
    created = {"checkin": 0, "closing": 0}
    last_pk = 0
    while True:
        batch = list(
            _schedulable(today or timezone.now().date())
            .filter(pk__gt=last_pk)
            .select_related("organization", "program__organization")
            .order_by("pk")[:BATCH_SIZE]
        )
        if not batch:
            break
        last_pk = batch[-1].pk
        existing = set(
            SurveyRequest.objects.filter(partnership__in=batch).values_list(
                "partnership_id", "person_id", "survey__kind", "due_on"
            )
        )
        closed = {(p, person) for p, person, kind, _due in existing if kind == SurveyKind.CLOSING}
        new: list[SurveyRequest] = []
        for partnership in batch:
            today_here = today or today_in(partnership.organization.time_zone)
            closing = closing_due_on(partnership, today_here)
            checkin = (
                checkin_due_on(partnership, today_here) if partnership.status == PartnershipStatus.ACTIVE else None
            )
            for person_id in _people(partnership):
                if (partnership.pk, person_id) in closed:
                    continue  # the closing survey ends the check-ins too
                due, kind = (closing, SurveyKind.CLOSING) if closing else (checkin, SurveyKind.CHECKIN)
                if due is None or (partnership.pk, person_id, kind, due) in existing:
                    continue
                key = (partnership.program_id, kind)
                if key not in surveys:
                    surveys[key] = survey_for(partnership.program, kind)
                new.append(SurveyRequest(survey=surveys[key], partnership=partnership, person_id=person_id, due_on=due))
                created[kind] += 1
        # A second run of the job at the same time inserts nothing twice (survey_request_unique).
        SurveyRequest.objects.bulk_create(new, ignore_conflicts=True)
    return created


def closing_survey_send(*, actor: Any, offering: Offering) -> int:
    """Staff mark the closure day: the closing survey is due today for both people of each
    active partnership of the offering that has not had it. Returns how many requests were made."""
    program = offering.program
    _require_manage(actor, program)
    today = today_in(program.organization.time_zone)
    with transaction.atomic():
        survey = survey_for(program, SurveyKind.CLOSING)
        partnerships = list(
            Partnership.objects.filter(offering=offering, status=PartnershipStatus.ACTIVE).only(
                "pk", "mentor_id", "mentee_id"
            )
        )
        already = set(
            SurveyRequest.objects.filter(partnership__in=partnerships, survey__kind=SurveyKind.CLOSING).values_list(
                "partnership_id", "person_id"
            )
        )
        new = [
            SurveyRequest(survey=survey, partnership=partnership, person_id=person_id, due_on=today)
            for partnership in partnerships
            for person_id in _people(partnership)
            if (partnership.pk, person_id) not in already
        ]
        SurveyRequest.objects.bulk_create(new, ignore_conflicts=True)
        audit_record(
            actor=actor,
            action="survey.closing_sent",
            obj=offering,
            organization=program.organization,
            changes={"requests": [0, len(new)]},
        )
    return len(new)


# --- answering ------------------------------------------------------------------------------------


def requests_for_user(user: Any) -> QuerySet[SurveyRequest]:
    """Every survey request of the user's own, newest due first."""
    if not getattr(user, "is_authenticated", False):
        return SurveyRequest.objects.none()
    return (
        SurveyRequest.objects.filter(person__user=user)
        .exclude(partnership__status__in=(PartnershipStatus.PROPOSED, PartnershipStatus.DECLINED))
        .select_related(
            "survey", "person", "partnership__program__pairing", "partnership__mentor", "partnership__mentee"
        )
        .order_by("-due_on", "-pk")
    )


def requests_due_for_user(user: Any, today: dt.date | None = None) -> QuerySet[SurveyRequest]:
    """The user's unanswered requests that are due."""
    today = today or timezone.localdate()
    return requests_for_user(user).filter(answered_at__isnull=True, due_on__lte=today)


def get_request_for_user(user: Any, request_id: int) -> SurveyRequest:
    """One of the user's own requests; anyone else's, staff included, is a 404."""
    survey_request = requests_for_user(user).filter(pk=request_id).first()
    if survey_request is None:
        raise Http404
    return survey_request


def other_person_name(survey_request: SurveyRequest) -> str:
    """The other person as the program lets this one see them: by name, or "your mentor"."""
    return partner_label(survey_request.partnership, survey_request.person)


def offers_quote(survey: Survey) -> bool:
    """The closing survey asks for a quote we may publish (like seed 004's testimonials)."""
    return survey.kind == SurveyKind.CLOSING


def _clean_answer(question: Mapping[str, Any], value: Any) -> Any:
    field = f"answers.{question['key']}"
    empty = value is None or value == ""
    if empty:
        if question.get("required"):
            raise DomainError(_("Answer this question."), field=field)
        return None
    kind = question.get("kind")
    if kind == "scale":
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise DomainError(_("Choose a number from 1 to 5."), field=field)
        return value
    if kind == "choice":
        return cleaning.choice(value, field, list(question.get("options", [])))
    return cleaning.text(value, field, max_length=MAX_TEXT_ANSWER, multiline=True) or None


def survey_answer(
    *,
    actor: Any,
    survey_request: SurveyRequest,
    answers: Mapping[str, Any],
    quote: str = "",
    quote_consent: bool = False,
) -> SurveyRequest:
    """Record the person's answers, once. A quote is kept only with consent to publish it."""
    if not isinstance(answers, Mapping):
        raise DomainError(_("Enter the answers."), field="answers")
    survey = survey_request.survey
    questions = {question["key"]: question for question in current_questions(survey)}
    unknown = set(answers) - set(questions)
    if unknown:
        raise DomainError(_("There is no such question."), field=f"answers.{sorted(unknown)[0]}")
    cleaned = {}
    for key, question in questions.items():
        value = _clean_answer(question, answers.get(key))
        if value is not None:
            cleaned[key] = value
    if offers_quote(survey):
        quote = cleaning.text(quote, "quote", max_length=1000, multiline=True)
        consent = cleaning.boolean(quote_consent, "quote_consent")
        if quote and not consent:
            raise DomainError(
                _("Tick the box to let us publish your quote, or leave the quote empty."), field="quote_consent"
            )
    else:
        if quote:
            raise DomainError(_("This survey does not ask for a quote."), field="quote")
        consent = False
    with transaction.atomic():
        locked = (
            SurveyRequest.objects.select_for_update()
            .select_related("person", "partnership__organization")
            .get(pk=survey_request.pk)
        )
        if locked.person.user_id != getattr(actor, "pk", None):
            raise DomainError(_("This survey is not yours to answer."), code="forbidden")
        if locked.answered_at is not None:
            raise DomainError(_("You have already answered this survey. Thank you!"), field="answers")
        locked.answers = cleaned
        locked.quote = quote
        locked.quote_consent = bool(quote) and consent
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answers", "quote", "quote_consent", "answered_at"])
        # The answers themselves stay out of the audit trail: they are the person's to give.
        audit_record(
            actor=actor,
            action="survey.answered",
            obj=locked,
            object_type="partnerships.surveyrequest",
            organization=locked.partnership.organization,
            changes={"answered": [False, True], "quote_offered": [False, bool(quote)]},
        )
    return locked
