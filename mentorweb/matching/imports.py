"""Reading a result that `mentorweb-match` printed for an exported pool, back into proposals.

The result must fit the offering's pool as it is now: every id a mentee or mentor of the pool,
each mentee once, no mentor over the places they have left, no pair that a hard rule forbids
(language, conflict of interest, board veto) or the advisory team excluded, every lock kept,
and no more pairs than the program still allows. The first problem stops the import with a
message naming its row and the people; nothing is saved until everything has been checked.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.matching.engine import ReasonCode
from mentorweb.matching.engine.candidates import rule_violation
from mentorweb.matching.engine.model import MAX_ABS_SCORE
from mentorweb.matching.engine.profiles import encode
from mentorweb.matching.profiles import Pool, check_locks
from mentorweb.matching.runs import PairRow, UnmatchedRow
from mentorweb.matching.wording import NOT_IN_RESULT, rule_problem_text
from mentorweb.programs.models import MatchObjective

FIELD = "file"
MAX_COMPONENTS = 20


@dataclass(frozen=True)
class ImportedResult:
    objective: str
    pairs: list[PairRow]
    unmatched: list[UnmatchedRow]


def _error(message: str) -> DomainError:
    return DomainError(message, field=FIELD)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _error(_("%(where)s: must be a number.") % {"where": where})
    if abs(value) > MAX_ABS_SCORE:
        raise _error(
            _("%(where)s: must lie between -%(max)s and %(max)s.") % {"where": where, "max": int(MAX_ABS_SCORE)}
        )
    return float(value)


def _ident(value: Any, where: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value) == "":
        raise _error(_("%(where)s: must be an id from the exported pool.") % {"where": where})
    return str(value)


def _components(value: Any, where: str) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > MAX_COMPONENTS:
        raise _error(_("%(where)s: must be an object of named numbers.") % {"where": where})
    return {str(name)[:40]: _number(amount, f"{where}.{name}") for name, amount in value.items()}


class _Checker:
    """Checks pairs against the pool; the engine's encoding answers the hard-rule questions."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.mentees = {p.id: i for i, p in enumerate(pool.mentee_profiles)}
        self.mentors = {p.id: j for j, p in enumerate(pool.mentor_profiles)}
        self.capacity = {p.id: p.capacity for p in pool.mentor_profiles}
        self.excluded = set(pool.program.excluded)
        self.locks = dict(pool.program.locked)
        self.encoded = encode(pool.mentee_profiles, pool.mentor_profiles, pool.program)

    def name(self, ident: str) -> str:
        return self.pool.name(ident)

    def pair(self, k: int, item: Any, seen: set[str], load: Counter[str]) -> PairRow:
        where = f"pairs[{k}]"
        if not isinstance(item, dict):
            raise _error(_("%(where)s: must be an object with a mentee, a mentor and a score.") % {"where": where})
        mentee = _ident(item.get("mentee"), f"{where}.mentee")
        mentor = _ident(item.get("mentor"), f"{where}.mentor")
        if mentee not in self.mentees:
            raise _error(
                _("%(where)s.mentee: %(id)s is not a mentee of this offering's pool.") % {"where": where, "id": mentee}
            )
        if mentor not in self.mentors:
            raise _error(
                _("%(where)s.mentor: %(id)s is not a mentor with a place left in this offering's pool.")
                % {"where": where, "id": mentor}
            )
        names = {"where": where, "mentee": self.name(mentee), "mentor": self.name(mentor)}
        if mentee in seen:
            raise _error(_("%(where)s: %(mentee)s is paired more than once.") % names)
        seen.add(mentee)
        if (mentee, mentor) in self.excluded:
            raise _error(_("%(where)s: the pair %(mentee)s – %(mentor)s is excluded.") % names)
        if mentee in self.locks and self.locks[mentee] != mentor:
            raise _error(
                _("%(where)s: %(mentee)s is locked to %(locked)s, not %(mentor)s.")
                % {**names, "locked": self.name(self.locks[mentee])}
            )
        problem = rule_violation(self.encoded, self.mentees[mentee], self.mentors[mentor])
        if problem:
            raise _error(
                _("%(where)s: %(mentee)s and %(mentor)s cannot be paired: %(problem)s.")
                % {**names, "problem": rule_problem_text(problem)}
            )
        load[mentor] += 1
        if load[mentor] > self.capacity[mentor]:
            raise _error(
                _("%(where)s: %(mentor)s would have more mentees than the %(places)s place(s) they have left.")
                % {**names, "places": self.capacity[mentor]}
            )
        return PairRow(
            mentee=mentee,
            mentor=mentor,
            score=_number(item.get("score"), f"{where}.score"),
            components=_components(item.get("components"), f"{where}.components"),
            locked=self.locks.get(mentee) == mentor,
        )

    def unmatched(self, k: int, item: Any, seen: set[str]) -> UnmatchedRow:
        where = f"unmatched[{k}]"
        if not isinstance(item, dict):
            raise _error(_("%(where)s: must be an object with a mentee and a reason.") % {"where": where})
        mentee = _ident(item.get("mentee"), f"{where}.mentee")
        if mentee not in self.mentees:
            raise _error(
                _("%(where)s.mentee: %(id)s is not a mentee of this offering's pool.") % {"where": where, "id": mentee}
            )
        if mentee in seen:
            raise _error(
                _("%(where)s: %(mentee)s appears more than once in the result.")
                % {"where": where, "mentee": self.name(mentee)}
            )
        seen.add(mentee)
        reason = item.get("reason", "")
        detail = item.get("detail", "")
        if not isinstance(reason, str) or reason not in ReasonCode.__members__.values():
            raise _error(
                _("%(where)s.reason: must be one of %(codes)s.")
                % {"where": where, "codes": ", ".join(code.value for code in ReasonCode)}
            )
        if not isinstance(detail, str):
            raise _error(_("%(where)s.detail: must be a text.") % {"where": where})
        return UnmatchedRow(mentee, reason, detail[:500])


def parse_result(pool: Pool, data: Any) -> ImportedResult:
    """Check a result against the pool; raise DomainError(field="file") naming the first problem."""
    if not isinstance(data, dict):
        raise _error(_("The file must hold a JSON object, as mentorweb-match prints it."))
    pairs_in, unmatched_in = data.get("pairs"), data.get("unmatched", [])
    if not isinstance(pairs_in, list):
        raise _error(_("pairs: must be a list of pairs."))
    if not isinstance(unmatched_in, list):
        raise _error(_("unmatched: must be a list."))
    objective = data.get("objective") or pool.program.objective
    if objective not in MatchObjective.values:
        raise _error(_("objective: must be “participation” or “score”."))
    check_locks(pool)
    checker = _Checker(pool)
    seen: set[str] = set()
    load: Counter[str] = Counter()
    pairs = [checker.pair(k, item, seen, load) for k, item in enumerate(pairs_in)]
    cap = pool.program.max_pairs
    if cap is not None and len(pairs) > cap:
        raise _error(
            _("pairs: %(count)s pairs, more than the %(cap)s partnerships the program still allows.")
            % {"count": len(pairs), "cap": cap}
        )
    paired = {row.mentee for row in pairs}
    for mentee, mentor in pool.program.locked:
        if mentee not in paired:
            raise _error(
                _("pairs: the locked pair %(mentee)s – %(mentor)s is missing.")
                % {"mentee": checker.name(mentee), "mentor": checker.name(mentor)}
            )
    unmatched = [checker.unmatched(k, item, seen) for k, item in enumerate(unmatched_in)]
    unmatched += [UnmatchedRow(p.id, NOT_IN_RESULT, "") for p in pool.mentee_profiles if p.id not in seen]
    return ImportedResult(objective=str(objective), pairs=pairs, unmatched=unmatched)
