"""An offering's pool, as the matching engine reads it: profiles, the program's rules, and the
advisory team's locks and exclusions.

Ids in the engine are registration primary keys as strings, so that a result maps straight
back to rows. Everything is read in a fixed number of queries whatever the pool's size: the
pool itself, then each relation (rankings, conflicts, board vetoes, pair rules, declined pairs)
for the whole offering at once, filtered to the pool in Python. `IN (...)` lists of pool ids are
avoided on purpose: a pool of 100,000 mentees would pass SQLite's limit on query parameters.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mentorweb.core.errors import DomainError
from mentorweb.matching import engine
from mentorweb.matching.engine.candidates import build_instance, rule_violation
from mentorweb.matching.engine.profiles import MenteeProfile, MentorProfile, Program, Weights, encode
from mentorweb.matching.models import PairRule, PairRuleKind
from mentorweb.matching.wording import rule_problem_text
from mentorweb.partnerships.models import LIVE_STATUSES, Partnership, PartnershipStatus
from mentorweb.programs.models import Offering, PairingRules
from mentorweb.registrations.models import (
    BoardInput,
    Conflict,
    ConflictKind,
    MentorPreference,
    Registration,
)
from mentorweb.registrations.pairing.selectors import pool

POOL_RELATED = ("person__user", "board")


def _pool_query(offering: Offering) -> tuple[QuerySet[Registration], QuerySet[Registration]]:
    """Accepted mentees without a live partnership in the offering, and accepted mentors with a
    place left (registrations.pairing.selectors.pool). Its prefetches are dropped: rankings and
    conflicts are read below for the whole offering at once, without a list of the pool's ids."""
    mentees, mentors = pool(offering)
    return mentees.prefetch_related(None), mentors.prefetch_related(None)


def pool_registrations(offering: Offering) -> tuple[list[Registration], list[Registration]]:
    """The pool's registrations with their people and boards, in a stable order (two queries)."""
    mentees, mentors = _pool_query(offering)
    return (
        list(mentees.select_related(*POOL_RELATED).order_by("pk")),
        list(mentors.select_related(*POOL_RELATED).order_by("pk")),
    )


def pool_querysets(offering: Offering) -> tuple[QuerySet[Registration], QuerySet[Registration]]:
    """The pool as querysets, for counting without loading it."""
    return _pool_query(offering)


def rules_of(offering: Offering) -> PairingRules:
    rules = PairingRules.objects.filter(program_id=offering.program_id).first()
    if rules is None:
        raise DomainError(_("This offering's program is not a pairing program."), code="not_pairing")
    return rules


def live_partnership_count(offering: Offering) -> int:
    return Partnership.objects.filter(offering=offering, status__in=LIVE_STATUSES).count()


def remaining_cap(rules: PairingRules, live: int) -> int | None:
    """How many more partnerships the program allows in the offering (None: no maximum)."""
    if rules.max_partnerships is None:
        return None
    return max(rules.max_partnerships - live, 0)


# --- answers --------------------------------------------------------------------------------------
# Applications are checked when they are submitted; these readers still refuse a value of the
# wrong shape quietly (as "no answer"), so that one odd row cannot stop a whole run.


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _experience(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        return {}
    years = {}
    for name, amount in value.items():
        number = isinstance(amount, int | float) and not isinstance(amount, bool)
        if isinstance(name, str) and number and math.isfinite(amount) and amount >= 0:
            years[name] = float(amount)
    return years


def _board_preference(value: Any) -> Any:
    return value if value in ("same", "different") else None


def _board(registration: Registration) -> str | None:
    return str(registration.board_id) if registration.board_id else None


def mentee_profile(registration: Registration, ranking: list[str]) -> MenteeProfile:
    answers = registration.answers if isinstance(registration.answers, dict) else {}
    return MenteeProfile(
        id=str(registration.pk),
        needs=_strings(answers.get("needs")),
        portfolio=_text(answers.get("portfolio")),
        region=_text(answers.get("region")),
        remote=answers.get("remote") is True,
        languages=_strings(answers.get("languages")),
        board=_board(registration),
        ranking=ranking,
        board_preference=_board_preference(answers.get("board_preference")),
        availability=_strings(answers.get("availability")),
    )


def mentor_profile(registration: Registration, conflicts: dict[str, list[str]]) -> MentorProfile:
    answers = registration.answers if isinstance(registration.answers, dict) else {}
    return MentorProfile(
        id=str(registration.pk),
        capacity=max((registration.capacity or 0) - registration.partnerships_taken, 0),
        expertise=_strings(answers.get("expertise")),
        experience=_experience(answers.get("experience")),
        region=_text(answers.get("region")),
        remote_experience=answers.get("remote_experience") is True,
        languages=_strings(answers.get("languages")),
        board=_board(registration),
        availability=_strings(answers.get("availability")),
        supervises=conflicts.get(ConflictKind.SUPERVISES, []),
        evaluates=conflicts.get(ConflictKind.EVALUATES, []),
        reporting_line=conflicts.get(ConflictKind.REPORTING_LINE, []),
    )


# --- the pool -------------------------------------------------------------------------------------


@dataclass
class Pool:
    """One offering's pool, ready for the engine, with the rows it came from."""

    offering: Offering
    rules: PairingRules
    mentees: list[Registration]
    mentors: list[Registration]
    program: Program
    mentee_profiles: list[MenteeProfile]
    mentor_profiles: list[MentorProfile]
    live_partnerships: int
    declined_pairs: int = 0
    names: dict[str, str] = field(default_factory=dict)

    @property
    def places(self) -> int:
        return sum(p.capacity for p in self.mentor_profiles)

    def name(self, ident: str) -> str:
        """The person behind a registration id of the pool, for messages."""
        return self.names.get(ident, ident)

    def parameters(self) -> dict[str, Any]:
        """What a run records of the rules it ran under (MatchRun.parameters)."""
        program = self.program
        return {
            "objective": program.objective,
            "weights": self.rules.weight_map(),
            "max_partnerships": self.rules.max_partnerships,
            "live_partnerships": self.live_partnerships,
            "max_pairs": program.max_pairs,
            "mentees": len(self.mentees),
            "mentors": len(self.mentors),
            "places": self.places,
            "locked": [list(pair) for pair in program.locked],
            "excluded": len(program.excluded),
            "declined_pairs": self.declined_pairs,
            "vetoes": len(program.vetoes),
        }


def _rankings(offering: Offering, mentee_ids: set[int], mentor_ids: set[int]) -> dict[int, list[str]]:
    ranking: dict[int, list[str]] = defaultdict(list)
    rows = (
        MentorPreference.objects.filter(mentee__offering=offering)
        .order_by("mentee_id", "rank")
        .values_list("mentee_id", "mentor_id")
    )
    for mentee_id, mentor_id in rows:
        # A ranked mentor who is full is left out here; the engine would skip them anyway.
        if mentee_id in mentee_ids and mentor_id in mentor_ids:
            ranking[mentee_id].append(str(mentor_id))
    return ranking


def _conflicts(offering: Offering, mentee_ids: set[int], mentor_ids: set[int]) -> dict[int, dict[str, list[str]]]:
    conflicts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = Conflict.objects.filter(mentor__offering=offering).values_list("mentee_id", "mentor_id", "kind")
    for mentee_id, mentor_id, kind in rows:
        if mentee_id in mentee_ids and mentor_id in mentor_ids:
            conflicts[mentor_id][kind].append(str(mentee_id))
    return conflicts


def _pair_rules(offering: Offering) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    locks: list[tuple[int, int]] = []
    exclusions: list[tuple[int, int]] = []
    for mentee_id, mentor_id, kind in (
        PairRule.objects.filter(offering=offering).order_by("pk").values_list("mentee_id", "mentor_id", "kind")
    ):
        (locks if kind == PairRuleKind.LOCK else exclusions).append((mentee_id, mentor_id))
    return locks, exclusions


def _declined_pairs(offering: Offering) -> set[tuple[int, int]]:
    """Pairs whose people declined a published partnership: never proposed to them again."""
    return set(
        Partnership.objects.filter(
            offering=offering,
            status=PartnershipStatus.DECLINED,
            mentee_registration__isnull=False,
            mentor_registration__isnull=False,
        ).values_list("mentee_registration_id", "mentor_registration_id")
    )


def build_pool(offering: Offering, *, objective: str | None = None) -> Pool:
    """Read the offering's pool and rules into engine profiles and a Program (eight queries).

    Locks whose mentee is no longer in the pool (partnered since, or withdrawn) are left out;
    a lock whose mentee is in the pool must be honoured, and `check_locks` says why not.
    """
    rules = rules_of(offering)
    mentees, mentors = pool_registrations(offering)
    mentee_ids = {r.pk for r in mentees}
    mentor_ids = {r.pk for r in mentors}
    rankings = _rankings(offering, mentee_ids, mentor_ids)
    conflicts = _conflicts(offering, mentee_ids, mentor_ids)
    vetoes = [
        (str(board_id), str(mentor_id))
        for board_id, mentor_id in BoardInput.objects.filter(offering=offering, acceptable=False).values_list(
            "board_id", "mentor_id"
        )
        if mentor_id in mentor_ids
    ]
    locks, exclusions = _pair_rules(offering)
    live_locks = [(a, b) for a, b in locks if a in mentee_ids]
    locked_pairs = set(locks)
    declined = {pair for pair in _declined_pairs(offering) if pair not in locked_pairs}
    excluded = [(str(a), str(b)) for a, b in [*exclusions, *sorted(declined)] if a in mentee_ids and b in mentor_ids]
    live = live_partnership_count(offering)
    program = Program(
        weights=Weights(**rules.weight_map()),
        objective=cast(Any, objective or rules.objective),
        max_pairs=remaining_cap(rules, live),
        vetoes=vetoes,
        locked=[(str(a), str(b)) for a, b in live_locks],
        excluded=excluded,
    )
    names = {str(r.pk): r.person.full_name for r in [*mentees, *mentors]}
    # A lock may name a mentor who has left the pool (full or withdrawn): name them too.
    missing = {b for _a, b in live_locks if b not in mentor_ids}
    for registration in Registration.objects.filter(pk__in=missing).select_related("person"):
        names[str(registration.pk)] = registration.person.full_name
    return Pool(
        offering=offering,
        rules=rules,
        mentees=mentees,
        mentors=mentors,
        program=program,
        mentee_profiles=[mentee_profile(r, rankings.get(r.pk, [])) for r in mentees],
        mentor_profiles=[mentor_profile(r, conflicts.get(r.pk, {})) for r in mentors],
        live_partnerships=live,
        declined_pairs=len(declined),
        names=names,
    )


def check_locks(pool: Pool) -> None:
    """Refuse locks that cannot be honoured before the engine sees them, naming the people."""
    program = pool.program
    capacity = {p.id: p.capacity for p in pool.mentor_profiles}
    by_mentor: dict[str, list[str]] = defaultdict(list)
    for mentee, mentor in program.locked:
        if mentor not in capacity:
            raise DomainError(
                _("The lock of %(mentee)s with %(mentor)s cannot be honoured: %(mentor)s has no place left.")
                % {"mentee": pool.name(mentee), "mentor": pool.name(mentor)},
                code="lock",
            )
        by_mentor[mentor].append(mentee)
    for mentor, locked in by_mentor.items():
        if len(locked) > capacity[mentor]:
            raise DomainError(
                _("%(mentor)s is locked to %(mentees)s, more mentees than the %(places)s place(s) they have left.")
                % {
                    "mentor": pool.name(mentor),
                    "mentees": ", ".join(pool.name(m) for m in locked),
                    "places": capacity[mentor],
                },
                code="lock",
            )
    if program.max_pairs is not None and len(program.locked) > program.max_pairs:
        raise DomainError(
            _("There are %(locks)s locked pairs, more than the %(cap)s partnerships the program still allows.")
            % {"locks": len(program.locked), "cap": program.max_pairs},
            code="lock",
        )


def _explain(pool: Pool, error: engine.InstanceError) -> DomainError:
    """The engine refused the instance: find the lock at fault and say it with names."""
    enc = encode(pool.mentee_profiles, pool.mentor_profiles, pool.program)
    mentees = {ident: i for i, ident in enumerate(enc.mentee_ids)}
    mentors = {ident: j for j, ident in enumerate(enc.mentor_ids)}
    for mentee, mentor in pool.program.locked:
        problem = rule_violation(enc, mentees[mentee], mentors[mentor])
        if problem:
            return DomainError(
                _("The lock of %(mentee)s with %(mentor)s cannot be honoured: %(problem)s.")
                % {"mentee": pool.name(mentee), "mentor": pool.name(mentor), "problem": rule_problem_text(problem)},
                code="lock",
            )
    return DomainError(_("The pool cannot be matched: %(error)s") % {"error": error}, code="instance")


def pool_instance(pool: Pool) -> engine.Instance:
    """The engine's instance for the pool: candidate pairs with their scores (the slow step)."""
    check_locks(pool)
    try:
        return build_instance(pool.mentee_profiles, pool.mentor_profiles, pool.program)
    except engine.InstanceError as error:
        raise _explain(pool, error) from error


__all__ = [
    "Pool",
    "build_pool",
    "check_locks",
    "live_partnership_count",
    "mentee_profile",
    "mentor_profile",
    "pool_instance",
    "pool_registrations",
    "remaining_cap",
    "rules_of",
]
