"""A program's evaluation from its surveys: counts, averages, text answers and quotes.

Nothing here names a person: answers are read without the people who gave them (only which
side, mentor or mentee, for the export), text answers are listed without names, and a quote
is shown only when its author consented to its publication. (The database also refuses a quote
stored without consent: SurveyRequest's survey_quote_needs_consent.)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from mentorweb.organizations.exports import csv_safe
from mentorweb.partnerships.models import Survey, SurveyKind, SurveyRequest
from mentorweb.partnerships.surveys import SCALE, current_questions, label_of
from mentorweb.programs.models import Offering, Program
from mentorweb.programs.times import local

# Text answers shown per question on the page; the export has them all.
TEXT_SHOWN = 100
QUOTES_SHOWN = 100


@dataclass
class ScaleSummary:
    key: str
    label: str
    count: int = 0
    total: int = 0
    distribution: dict[int, int] = field(default_factory=lambda: dict.fromkeys(SCALE, 0))

    @property
    def average(self) -> Decimal | None:
        if not self.count:
            return None
        return (Decimal(self.total) / Decimal(self.count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent(self) -> int:
        """The average as a share of the top of the scale, for the bar."""
        average = self.average
        return int(average / Decimal(max(SCALE)) * 100) if average is not None else 0

    @property
    def rows(self) -> list[tuple[int, int]]:
        return sorted(self.distribution.items())


@dataclass
class ChoiceSummary:
    key: str
    label: str
    options: list[str]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(label_of(option), self.counts.get(option, 0)) for option in self.options]

    @property
    def count(self) -> int:
        return sum(self.counts.values())


@dataclass
class TextSummary:
    key: str
    label: str
    answers: list[str] = field(default_factory=list)
    count: int = 0


@dataclass
class SurveySummary:
    survey: Survey
    requested: int
    answered: int
    scales: list[ScaleSummary]
    choices: list[ChoiceSummary]
    texts: list[TextSummary]
    quotes: list[str]

    @property
    def title(self) -> str:
        return label_of(self.survey.title)

    @property
    def response_rate(self) -> int | None:
        return round(self.answered * 100 / self.requested) if self.requested else None


def _requests(program: Program, offering: Offering | None) -> QuerySet[SurveyRequest]:
    requests = SurveyRequest.objects.filter(survey__program=program)
    if offering is not None:
        requests = requests.filter(partnership__offering=offering)
    return requests


def evaluation(program: Program, *, offering: Offering | None = None) -> list[SurveySummary]:
    """One summary per active survey of the program (check-in first). Three queries, whatever
    the number of responses: the surveys, the counts, and the answers (streamed)."""
    surveys = list(Survey.objects.filter(program=program, is_active=True).order_by("kind"))
    surveys.sort(key=lambda survey: 0 if survey.kind == SurveyKind.CHECKIN else 1)
    requests = _requests(program, offering)
    counts = {
        row["survey_id"]: row
        for row in requests.filter(survey__in=surveys)
        .values("survey_id")
        .annotate(requested=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
        .order_by()
    }
    summaries: dict[int, SurveySummary] = {}
    for survey in surveys:
        asked = current_questions(survey)
        row = counts.get(survey.pk, {"requested": 0, "answered": 0})
        summaries[survey.pk] = SurveySummary(
            survey=survey,
            requested=row["requested"],
            answered=row["answered"],
            scales=[ScaleSummary(q["key"], label_of(q["label"])) for q in asked if q["kind"] == "scale"],
            choices=[
                ChoiceSummary(q["key"], label_of(q["label"]), list(q.get("options", [])))
                for q in asked
                if q["kind"] == "choice"
            ],
            texts=[TextSummary(q["key"], label_of(q["label"])) for q in asked if q["kind"] == "text"],
            quotes=[],
        )
    answered = (
        requests.filter(survey__in=surveys, answered_at__isnull=False)
        .order_by("-answered_at", "-pk")
        .values_list("survey_id", "answers", "quote", "quote_consent")
    )
    for survey_id, answers, quote, consent in answered.iterator(chunk_size=1000):
        summary = summaries[survey_id]
        _add(summary, answers if isinstance(answers, dict) else {})
        if quote and consent and len(summary.quotes) < QUOTES_SHOWN:
            summary.quotes.append(quote)
    return [summaries[survey.pk] for survey in surveys]


def _add(summary: SurveySummary, answers: dict[str, Any]) -> None:
    for scale in summary.scales:
        value = answers.get(scale.key)
        if isinstance(value, int) and not isinstance(value, bool) and value in SCALE:
            scale.count += 1
            scale.total += value
            scale.distribution[value] += 1
    for choice in summary.choices:
        value = answers.get(choice.key)
        if isinstance(value, str) and value in choice.options:
            choice.counts[value] = choice.counts.get(value, 0) + 1
    for text in summary.texts:
        value = answers.get(text.key)
        if isinstance(value, str) and value:
            text.count += 1
            if len(text.answers) < TEXT_SHOWN:
                text.answers.append(value)


# --- export ----------------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _answer_cell(value: Any, is_choice: bool) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    # A choice is one of the survey's options (translated when it is a default one); a text
    # answer is the person's own words, never passed through the translations.
    return csv_safe(label_of(str(value)) if is_choice else value)


def evaluation_csv_lines(program: Program, *, offering: Offering | None = None) -> Iterator[str]:
    """One line per answer (long format: questions change over time), without names; quotes only
    with consent. Labels are translated now, in the request's language, before the response streams."""
    surveys = {survey.pk: survey for survey in Survey.objects.filter(program=program)}
    labels = {
        survey_id: {q["key"]: label_of(q["label"]) for q in survey.questions} for survey_id, survey in surveys.items()
    }
    choices = {
        survey_id: {q["key"] for q in survey.questions if q["kind"] == "choice"}
        for survey_id, survey in surveys.items()
    }
    titles = {survey_id: label_of(survey.title) for survey_id, survey in surveys.items()}
    sides = {"mentor": _("Mentor"), "mentee": _("Mentee")}
    quote_label = _("Quote for publication (with consent)")
    header = [_("Survey"), _("Answered on"), _("Side"), _("Question"), _("Answer")]
    zone = program.organization.time_zone
    rows = (
        _requests(program, offering)
        .filter(answered_at__isnull=False)
        .order_by("answered_at", "pk")
        .values_list(
            "survey_id", "answered_at", "person_id", "partnership__mentor_id", "answers", "quote", "quote_consent"
        )
    )
    writer = csv.writer(_Echo())
    yield writer.writerow([csv_safe(label) for label in header])
    for survey_id, answered_at, person_id, mentor_id, answers, quote, consent in rows.iterator(chunk_size=1000):
        day: dt.date = local(answered_at, zone).date() if answered_at else dt.date.min
        side = sides["mentor" if person_id == mentor_id else "mentee"]
        survey_labels = labels.get(survey_id, {})
        for key, value in (answers or {}).items():
            yield writer.writerow(
                [
                    csv_safe(titles.get(survey_id, "")),
                    day.isoformat(),
                    csv_safe(side),
                    csv_safe(survey_labels.get(key, key)),
                    _answer_cell(value, key in choices.get(survey_id, set())),
                ]
            )
        if quote and consent:
            yield writer.writerow(
                [
                    csv_safe(titles.get(survey_id, "")),
                    day.isoformat(),
                    csv_safe(side),
                    csv_safe(quote_label),
                    csv_safe(quote),
                ]
            )
