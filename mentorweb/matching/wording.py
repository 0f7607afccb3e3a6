"""The engine's words, for people: reason codes, its explanations and the hard rules it names.

The engine (mentorweb.matching.engine) speaks plain English so that it stays free of Django.
Pages, e-mails and run errors show these translated sentences instead; a text the engine adds
later and that is not listed here is shown as the engine wrote it.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mentorweb.matching.engine import REASON_TEXT, ReasonCode

# A mentee of the pool that an imported result neither pairs nor lists as unmatched.
NOT_IN_RESULT = "not_in_result"

REASONS: dict[str, Promise] = {
    ReasonCode.NO_CANDIDATES: _("No eligible mentor"),
    ReasonCode.VETOED: _("Every eligible mentor was vetoed by the mentee's board"),
    ReasonCode.EXCLUDED: _("Every possible pair was excluded by the advisory team"),
    ReasonCode.NOT_WORTH_IT: _("No possible pair has a positive score"),
    ReasonCode.CANDIDATES_FULL: _("Every suitable mentor is taken by other mentees in the best assignment"),
    ReasonCode.OVER_CAP: _("The program's maximum number of partnerships was reached"),
    NOT_IN_RESULT: _("Left out of the imported result"),
}

# The engine's more specific explanations (candidates.explain_no_candidates) and REASON_TEXT.
DETAILS: dict[str, Promise] = {
    REASON_TEXT[ReasonCode.NO_CANDIDATES]: _("No eligible mentor."),
    REASON_TEXT[ReasonCode.VETOED]: _("The mentee's board vetoed every eligible mentor."),
    REASON_TEXT[ReasonCode.EXCLUDED]: _("The advisory team excluded every possible pair."),
    REASON_TEXT[ReasonCode.NOT_WORTH_IT]: _("No possible pair has a positive score."),
    REASON_TEXT[ReasonCode.CANDIDATES_FULL]: _(
        "Every suitable mentor is at capacity in the best assignment: more mentors would help."
    ),
    REASON_TEXT[ReasonCode.OVER_CAP]: _("The program's maximum number of partnerships was reached."),
    "no eligible mentor: the mentee is not eligible for this program": _(
        "The mentee is not eligible for this program."
    ),
    "no eligible mentor has room in this program": _("No mentor has a place left."),
    "no eligible mentor serves in the mentee's language": _("No mentor serves in the mentee's language."),
    "every eligible mentor has a conflict of interest with the mentee": _(
        "Every mentor has a conflict of interest with the mentee."
    ),
}

# The hard rules a locked pair may break (candidates.rule_violation).
RULE_PROBLEMS: dict[str, Promise] = {
    "the mentee is not eligible": _("the mentee is not eligible"),
    "the mentor is not eligible or has no capacity": _("the mentor has no place left"),
    "they share no language of service": _("they share no language of service"),
    "conflict of interest": _("there is a conflict of interest"),
    "the mentee's board vetoes this mentor": _("the mentee's board vetoed this mentor"),
}

# The steps of a run's job, stored in MatchRun.progress_message and shown by the progress bar.
STEPS: dict[str, Promise] = {
    "queued": _("Waiting for a worker to start the run"),
    "pool": _("Building the pool from the accepted applications"),
    "candidates": _("Finding and scoring the possible pairs"),
    "solving": _("Finding the best assignment"),
    "saving": _("Saving the proposals"),
    "done": _("Done"),
    "failed": _("Stopped"),
}

# The score components (programs.models.MATCH_COMPONENTS), as the pages name them.
COMPONENTS: dict[str, Promise] = {
    "needs": _("Needs and expertise"),
    "portfolio": _("Experience in the portfolio"),
    "ranking": _("Mentee's ranking"),
    "board": _("Board preference"),
    "context": _("Region and remote context"),
    "availability": _("Availability"),
}


def reason_text(code: str) -> str:
    return str(REASONS.get(code, code))


def detail_text(detail: str) -> str:
    return str(DETAILS.get(detail, detail))


def rule_problem_text(problem: str) -> str:
    return str(RULE_PROBLEMS.get(problem, problem))


def step_text(step: str) -> str:
    return str(STEPS.get(step, step))


def component_text(name: str) -> str:
    return str(COMPONENTS.get(name, name))
