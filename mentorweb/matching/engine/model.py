"""The engine's data: one matching instance in, one result out.

Both are array-based so that a pool of 100,000 mentees with 50 candidate mentors each (five
million candidate pairs) fits in memory and crosses the solver boundary without a Python loop.
People are numbered by their position in `mentee_ids` / `mentor_ids`; candidate pairs by their
position in the candidate arrays. The JSON layer (io.py) converts to and from plain dicts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

import numpy as np
import numpy.typing as npt

Objective = Literal["participation", "score"]
OBJECTIVES: tuple[Objective, ...] = ("participation", "score")

# Scores are floats, the min-cost-flow solver works on integers. Each score is multiplied by
# SCORE_SCALE and rounded to the nearest integer (ties to even, numpy's rint): the engine is
# exactly optimal for those integers, so two assignments whose float totals differ by less than
# about 1/SCORE_SCALE per pair may be told apart in either order. The reported total is the sum
# of the float scores of the chosen pairs.
SCORE_SCALE = 1000
# A bound on |score| keeps every path cost well inside the solver's 64-bit range, whatever the
# pool size (the cost-scaling algorithm multiplies costs by the number of nodes).
MAX_ABS_SCORE = 1_000_000.0
# Capacities and the program cap are counts of people; the bound keeps them in the solver's range.
MAX_COUNT = 1_000_000_000

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class InstanceError(ValueError):
    """The instance is malformed or a hard rule cannot be honoured (for example a lock).

    The message names the offending place, such as "candidates[3].mentor: unknown mentor 'm-17'".
    """


class ReasonCode(StrEnum):
    """Why a mentee was left unmatched. The values are stable: pages and exports key on them."""

    NO_CANDIDATES = "no_candidates"
    VETOED = "vetoed"
    EXCLUDED = "excluded"
    NOT_WORTH_IT = "not_worth_it"
    CANDIDATES_FULL = "candidates_full"
    OVER_CAP = "over_cap"


REASON_TEXT: Mapping[ReasonCode, str] = {
    ReasonCode.NO_CANDIDATES: "no eligible mentor",
    ReasonCode.VETOED: "every eligible mentor was vetoed by the mentee's board",
    ReasonCode.EXCLUDED: "every candidate pair was excluded by the advisory team",
    ReasonCode.NOT_WORTH_IT: "no candidate pair has a positive score",
    ReasonCode.CANDIDATES_FULL: "every candidate mentor is at capacity in the optimal assignment",
    ReasonCode.OVER_CAP: "the program's maximum number of partnerships was reached",
}


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason code with the sentence shown to people; `detail` may be more specific than the code's text."""

    code: ReasonCode
    detail: str

    @classmethod
    def of(cls, code: ReasonCode) -> Reason:
        return cls(code, REASON_TEXT[code])


def _empty_int() -> IntArray:
    return np.zeros(0, dtype=np.int64)


@dataclass(frozen=True, slots=True, eq=False)
class Instance:
    """One pool to match.

    cand_mentee / cand_mentor index into mentee_ids / mentor_ids; score is the pair's total and
    components[k, c] its part for component_names[c] (NaN where a pair has no such component).
    locked holds candidate indices that must be in the assignment; excluded is a mask over the
    candidates that must not be. prefilter_reasons explains, for mentees without any candidate, which
    hard rule removed their last mentor (the candidate builder knows; a hand-written instance does not).
    Build one through validate.check_instance (done by io.py and candidates.py), which enforces the
    shapes and the rules on locks.
    """

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    capacity: IntArray
    cand_mentee: Int32Array
    cand_mentor: Int32Array
    score: FloatArray
    component_names: tuple[str, ...] = ()
    components: npt.NDArray[np.floating] = field(default_factory=lambda: np.zeros((0, 0)))
    objective: Objective = "participation"
    max_pairs: int | None = None
    locked: IntArray = field(default_factory=_empty_int)
    excluded: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    prefilter_reasons: Mapping[int, Reason] = field(default_factory=dict)

    @property
    def n_mentees(self) -> int:
        return len(self.mentee_ids)

    @property
    def n_mentors(self) -> int:
        return len(self.mentor_ids)

    @property
    def n_candidates(self) -> int:
        return int(self.cand_mentee.shape[0])

    def scaled_scores(self) -> IntArray:
        """The integer scores the solver optimizes (see SCORE_SCALE)."""
        return np.rint(self.score * SCORE_SCALE).astype(np.int64)

    def pair_components(self, k: int) -> dict[str, float]:
        """The score breakdown of candidate k, without the components it does not have."""
        if not self.component_names:
            return {}
        row = self.components[k]
        return {name: float(v) for name, v in zip(self.component_names, row, strict=True) if not math.isnan(v)}


@dataclass(frozen=True, slots=True, eq=False)
class Result:
    """The optimal assignment of one instance.

    chosen holds candidate indices, one per matched mentee, in mentee order. total_scaled is the
    solver's objective (the sum of the chosen pairs' scaled scores); total_score the float sum.
    unmatched lists mentee indices in order, each with its reason.
    """

    instance: Instance
    chosen: IntArray
    total_score: float
    total_scaled: int
    unmatched: IntArray
    reasons: tuple[Reason, ...]

    @property
    def matched(self) -> int:
        return int(self.chosen.shape[0])
