"""What the matching pages show, prepared from the rows: score bars with their numbers, a pair
side by side with what matches, a run's progress, unmatched mentees' reasons in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentorweb.matching import selectors
from mentorweb.matching.models import ACTIVE_RUN_STATUSES, Decision, MatchRun, PairRule, Proposal, Unmatched
from mentorweb.matching.wording import component_text, detail_text, reason_text, step_text
from mentorweb.programs.models import DEFAULT_WEIGHTS, MATCH_COMPONENTS, Offering
from mentorweb.registrations.models import BoardInput, Conflict, MentorPreference, Registration

DAYS: dict[str, Promise] = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
}
PARTS: dict[str, Promise] = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}
LANGUAGES: dict[str, Promise] = {"en": _("English"), "fr": _("French")}


def slot_label(slot: str) -> str:
    if slot == "weekend":
        return str(_("Weekend"))
    day, _sep, part = slot.partition("-")
    if day in DAYS and part in PARTS:
        return f"{DAYS[day]} {PARTS[part]}"
    return slot


def language_label(code: str) -> str:
    return str(LANGUAGES.get(code, code))


# --- score bars -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    name: str
    label: str
    value: float
    weight: float

    @property
    def percent(self) -> int:
        if self.weight <= 0:
            return 0
        return max(0, min(100, round(100 * self.value / self.weight)))


def score_bars(components: dict[str, Any], weights: dict[str, float]) -> list[Bar]:
    """One bar per component: the pair's weighted part against the most it could have been."""
    bars = []
    for name in MATCH_COMPONENTS:
        value = components.get(name)
        if not isinstance(value, int | float):
            value = 0.0
        bars.append(Bar(name, component_text(name), float(value), float(weights.get(name, DEFAULT_WEIGHTS[name]))))
    for name, value in components.items():  # an imported result may name other components
        if name not in MATCH_COMPONENTS and isinstance(value, int | float):
            bars.append(Bar(name, component_text(name), float(value), 0.0))
    return bars


def run_weights(run: MatchRun, offering: Offering) -> dict[str, float]:
    weights = run.parameters.get("weights") if isinstance(run.parameters, dict) else None
    if isinstance(weights, dict):
        return {str(k): float(v) for k, v in weights.items() if isinstance(v, int | float)}
    return offering.program.pairing.weight_map()


# --- a run ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    active: bool
    percent: int
    step: str
    status: str


def run_progress_view(run: MatchRun) -> Progress:
    return Progress(
        active=run.status in ACTIVE_RUN_STATUSES,
        percent=int(run.progress),
        step=step_text(run.progress_message or "queued"),
        status=str(run.get_status_display()),
    )


@dataclass(frozen=True)
class ProposalRow:
    proposal: Proposal
    bars: list[Bar]
    rank: int | None
    board_input: BoardInput | None


def proposal_rows(offering: Offering, proposals: list[Proposal]) -> list[ProposalRow]:
    if not proposals:
        return []
    facts = selectors.pair_facts(offering, proposals)
    weights = run_weights(proposals[0].run, offering)
    return [ProposalRow(p, score_bars(p.components, weights), facts.rank(p), facts.input_on(p)) for p in proposals]


@dataclass(frozen=True)
class UnmatchedRow:
    unmatched: Unmatched
    reason: str
    detail: str


def unmatched_rows(rows: list[Unmatched]) -> list[UnmatchedRow]:
    return [UnmatchedRow(row, reason_text(row.reason_code), detail_text(row.detail)) for row in rows]


# --- one pair, side by side -----------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    shared: bool


def _answers(registration: Registration) -> dict[str, Any]:
    return registration.answers if isinstance(registration.answers, dict) else {}


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _marked(values: list[str], other: set[str], label: Any = str) -> list[Item]:
    return [Item(label(value), value in other) for value in values]


@dataclass
class PairView:
    mentee: Registration
    mentor: Registration
    needs: list[Item]
    expertise: list[Item]
    shared_needs: int
    portfolio: str
    years_in_portfolio: float | None
    experience: list[tuple[str, Any]]
    mentee_summary: str
    mentor_summary: str
    mentee_region: str
    mentor_region: str
    same_region: bool
    remote: bool
    remote_experience: bool
    mentee_languages: list[Item]
    mentor_languages: list[Item]
    mentee_slots: list[Item]
    mentor_slots: list[Item]
    shared_slots: int
    ranking: list[MentorPreference]
    rank: int | None
    board_input: BoardInput | None
    board_preference: str
    conflicts: list[Conflict]
    rule: PairRule | None
    other_lock: PairRule | None
    bars: list[Bar]
    decisions: list[Decision] = field(default_factory=list)


def pair_view(offering: Offering, proposal: Proposal) -> PairView:
    mentee, mentor = proposal.mentee, proposal.mentor
    ea, ma = _answers(mentee), _answers(mentor)
    needs, expertise = _strings(ea.get("needs")), _strings(ma.get("expertise"))
    e_slots, m_slots = _strings(ea.get("availability")), _strings(ma.get("availability"))
    e_langs, m_langs = _strings(ea.get("languages")), _strings(ma.get("languages"))
    raw_experience = ma.get("experience")
    experience: dict[str, Any] = raw_experience if isinstance(raw_experience, dict) else {}
    portfolio = _text(ea.get("portfolio"))
    years = experience.get(portfolio) if portfolio else None
    ranking = selectors.mentee_ranking(mentee)
    lock = selectors.mentee_lock(offering, mentee.pk)
    e_region, m_region = _text(ea.get("region")), _text(ma.get("region"))
    return PairView(
        mentee=mentee,
        mentor=mentor,
        needs=_marked(needs, set(expertise)),
        expertise=_marked(expertise, set(needs)),
        shared_needs=len(set(needs) & set(expertise)),
        portfolio=portfolio,
        years_in_portfolio=float(years) if isinstance(years, int | float) else None,
        experience=sorted(experience.items()),
        mentee_summary=str(ea.get("experience_summary") or ""),
        mentor_summary=str(ma.get("experience_summary") or ""),
        mentee_region=e_region,
        mentor_region=m_region,
        same_region=bool(e_region) and e_region == m_region,
        remote=ea.get("remote") is True,
        remote_experience=ma.get("remote_experience") is True,
        mentee_languages=_marked(e_langs, set(m_langs), language_label),
        mentor_languages=_marked(m_langs, set(e_langs), language_label),
        mentee_slots=_marked(e_slots, set(m_slots), slot_label),
        mentor_slots=_marked(m_slots, set(e_slots), slot_label),
        shared_slots=len(set(e_slots) & set(m_slots)),
        ranking=ranking,
        rank=next((p.rank for p in ranking if p.mentor_id == mentor.pk), None),
        board_input=selectors.pair_board_input(offering, mentee, mentor),
        board_preference=str(ea.get("board_preference") or ""),
        conflicts=selectors.pair_conflicts(mentee, mentor),
        rule=selectors.pair_rule(offering, mentee.pk, mentor.pk),
        other_lock=lock if lock is not None and lock.mentor_id != mentor.pk else None,
        bars=score_bars(proposal.components, run_weights(proposal.run, offering)),
        decisions=selectors.pair_decisions(offering, mentee.pk, mentor.pk),
    )
