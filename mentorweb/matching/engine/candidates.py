"""Candidate pairs from profiles: hard rules first, then scores, then the best K per mentee.

Hard rules (a pair that breaks one is never a candidate):
- eligibility: both people eligible for the program, and the mentor with a capacity of at least 1;
- language of service: the mentee and the mentor share at least one language;
- conflict of interest: the mentor supervises or evaluates the mentee or sits in the mentee's
  reporting line (and nobody is their own mentor);
- board vetoes: a (board, mentor) veto keeps that mentor away from the board's mentees.
Capacity, the program cap, locks and exclusions are the solver's business (solve.py); excluded
pairs that pass the rules stay in the instance, marked, so that the result can say "excluded".

Score components, each in [0, 1], then multiplied by the program's weight (profiles.Weights):
- needs: the share of the mentee's needs that the mentor lists as expertise;
- portfolio: the mentor's years in the mentee's portfolio, full from EXPERIENCE_FULL_YEARS;
- ranking: 1 for the mentee's first choice, 1 - 1/RANKING_DEPTH for the second, ...;
- board: 1 when the mentee's same-board or different-board preference is met;
- context: same region; for a remote or isolated mentee, half same region and half a mentor
  with remote experience;
- availability: the share of the mentee's availability slots the mentor also has.

How it stays fast at 100,000 x 33,000: every component but ranking is a dot product between a
row describing the mentee and a column describing the mentor, so the scores of a block of
mentees against all mentors come from one float32 matrix product (BLAS); rankings, conflicts,
vetoes and exclusions are sparse and patched in afterwards. Mentees are grouped by their
languages, so each group is only scored against the mentors who share one (pools that do not
connect are never compared). The scores of the kept pairs are then recomputed exactly in float64.

Ties: components take few distinct values, so thousands of mentors can share a mentee's K-th best
score. Selection adds a small pseudo-random tie-breaker (a low-rank product a_i . b_j, four more
matrix columns, at most JITTER_RELATIVE times the sum of the absolute weights) so that mentees with
equal scores spread over different mentors instead of all keeping the same K. The tie-breaker has
to be that coarse to outlast float32 rounding; it only decides which near-equal pairs are kept
(pairs within about 1e-4 of the largest possible score count as tied), never a reported score.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from .model import BoolArray, FloatArray, Instance, InstanceError, IntArray, Reason, ReasonCode
from .profiles import COMPONENTS, Encoded, MenteeProfile, MentorProfile, Program, Weights, encode
from .selection import Float32Array, select_top_k
from .validate import check_instance

JITTER_DIMS = 4
JITTER_RELATIVE = 1e-4
CHUNK_PAIRS = 1 << 20


def build_instance(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile], program: Program) -> Instance:
    """The instance to solve for this program: best-K candidates with their score breakdown."""
    enc = encode(mentees, mentors, program)
    locked = _pairs(enc, program.locked, "locked")
    excluded = _pairs(enc, program.excluded, "excluded")
    for index, (i, j) in enumerate(locked):
        problem = rule_violation(enc, i, j)
        if problem:
            pair = (enc.mentee_ids[i], enc.mentor_ids[j])
            raise InstanceError(f"locked[{index}]: pair {pair!r} cannot be honoured: {problem}")
    x, y = design_matrices(enc, program.weights)
    a, b = select_top_k(enc, x, y, program, excluded)
    del x, y
    kept_excluded = [(i, j) for i, j in excluded if rule_violation(enc, i, j) is None]
    extra = np.array(locked + kept_excluded, dtype=np.int64).reshape(-1, 2)
    m = max(len(enc.mentor_ids), 1)
    # Sorting the pair keys orders candidates by mentee, then mentor, and puts pairs found twice
    # side by side (np.unique does the same but is several times slower on millions of keys).
    keys = np.concatenate([a.astype(np.int64) * m + b, extra[:, 0] * m + extra[:, 1]])
    keys.sort()
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if keys.size else keys
    a, b = (keys // m).astype(np.int32), (keys % m).astype(np.int32)
    del keys
    parts = component_values(enc, a, b) * program.weights.as_array()
    score = parts.sum(axis=1)

    def index_of(pairs: list[tuple[int, int]]) -> IntArray:
        wanted = np.array([i * m + j for i, j in pairs], dtype=np.int64)
        return np.searchsorted(a.astype(np.int64) * m + b, wanted).astype(np.int64)

    excluded_mask = np.zeros(a.size, dtype=np.bool_)
    excluded_mask[index_of(kept_excluded)] = True
    has_candidate = np.bincount(a, minlength=len(enc.mentee_ids)) > 0
    reasons = {int(i): explain_no_candidates(enc, int(i)) for i in np.flatnonzero(~has_candidate)}
    return check_instance(
        mentee_ids=enc.mentee_ids,
        mentor_ids=enc.mentor_ids,
        capacity=enc.capacity,
        cand_mentee=a,
        cand_mentor=b,
        score=score,
        component_names=COMPONENTS,
        components=parts,
        objective=program.objective,
        max_pairs=program.max_pairs,
        locked=index_of(locked),
        excluded=excluded_mask,
        prefilter_reasons=reasons,
    )


def _pairs(enc: Encoded, pairs: Collection[tuple[str, str]], what: str) -> list[tuple[int, int]]:
    mentees = {ident: i for i, ident in enumerate(enc.mentee_ids)}
    mentors = {ident: j for j, ident in enumerate(enc.mentor_ids)}
    out = []
    for index, (mentee, mentor) in enumerate(pairs):
        if mentee not in mentees:
            raise InstanceError(f"{what}[{index}][0]: unknown mentee {mentee!r}")
        if mentor not in mentors:
            raise InstanceError(f"{what}[{index}][1]: unknown mentor {mentor!r}")
        out.append((mentees[mentee], mentors[mentor]))
    return out


def _vetoed_mask(enc: Encoded, board: int) -> BoolArray:
    mask = np.zeros(len(enc.mentor_ids), dtype=np.bool_)
    if board >= 0 and board in enc.vetoed:
        mask[enc.vetoed[board]] = True
    return mask


def _conflicted_mask(enc: Encoded, i: int) -> BoolArray:
    mask = np.zeros(len(enc.mentor_ids), dtype=np.bool_)
    ca, cb = enc.conflict_pairs
    mask[cb[ca == i]] = True
    return mask


def rule_violation(enc: Encoded, i: int, j: int) -> str | None:
    """The first hard rule that pair (i, j) breaks, in words, or None."""
    if not enc.mentee_ok[i]:
        return "the mentee is not eligible"
    if not enc.mentor_ok[j]:
        return "the mentor is not eligible or has no capacity"
    if not enc.language_mask(enc.mentee_languages[i])[j]:
        return "they share no language of service"
    if _conflicted_mask(enc, i)[j]:
        return "conflict of interest"
    if _vetoed_mask(enc, int(enc.mentee_board[i]))[j]:
        return "the mentee's board vetoes this mentor"
    return None


def explain_no_candidates(enc: Encoded, i: int) -> Reason:
    """Which hard rule removed the last mentor of mentee i (applied in the module docstring's order)."""
    if not enc.mentee_ok[i]:
        return Reason(ReasonCode.NO_CANDIDATES, "no eligible mentor: the mentee is not eligible for this program")
    left = enc.mentor_ok.copy()
    if not left.any():
        return Reason(ReasonCode.NO_CANDIDATES, "no eligible mentor has room in this program")
    left &= enc.language_mask(enc.mentee_languages[i])
    if not left.any():
        return Reason(ReasonCode.NO_CANDIDATES, "no eligible mentor serves in the mentee's language")
    left &= ~_conflicted_mask(enc, i)
    if not left.any():
        return Reason(ReasonCode.NO_CANDIDATES, "every eligible mentor has a conflict of interest with the mentee")
    left &= ~_vetoed_mask(enc, int(enc.mentee_board[i]))
    if not left.any():
        return Reason.of(ReasonCode.VETOED)
    return Reason.of(ReasonCode.NO_CANDIDATES)


def _share(flags: npt.NDArray[np.bool_]) -> FloatArray:
    """Per row, 1 / the number of flags set (0 for an empty row): turns an overlap count into a share."""
    count = flags.sum(axis=1)
    return np.divide(1.0, count, out=np.zeros(count.shape, dtype=np.float64), where=count > 0)


def design_matrices(enc: Encoded, weights: Weights) -> tuple[Float32Array, Float32Array]:
    """X (mentees x D) and Y (D x mentors): X @ Y is the weighted score plus the tie-breaker, except
    for the ranking component and the board-equality part of the board component (both sparse)."""
    n, m = len(enc.mentee_ids), len(enc.mentor_ids)
    rows = np.arange(n)
    n_regions = int(max(enc.mentee_region.max(initial=-1), enc.mentor_region.max(initial=-1))) + 1
    has_board = enc.mentee_board >= 0
    has_region = enc.mentee_region >= 0

    needs_x = enc.needs * (weights.needs * _share(enc.needs))[:, None]
    slots_x = enc.mentee_slots * (weights.availability * _share(enc.mentee_slots))[:, None]
    portfolio_x = np.zeros((n, enc.experience.shape[1]))
    portfolio_x[rows, enc.portfolio] = weights.portfolio  # portfolio -1 hits the all-zero last column
    # Board: "same" is [board(i) == board(j)], "different" is [j has a board] - [board(i) == board(j)].
    # Only the [j has a board] part is a column here: the equality part touches few mentors per
    # mentee (those of the mentee's own board), so select_top_k patches it in sparsely, which is
    # cheaper than one matrix column per board.
    board_x = (weights.board * ((enc.board_pref == 2) & has_board))[:, None]
    region_x = np.zeros((n, n_regions))
    region_x[rows[has_region], enc.mentee_region[has_region]] = (
        weights.context * np.where(enc.remote, 0.5, 1.0)[has_region]
    )
    remote_x = (weights.context * 0.5 * enc.remote)[:, None]

    board_y = (enc.mentor_board >= 0)[None, :]
    region_y = np.zeros((n_regions, m))
    known = enc.mentor_region >= 0
    region_y[enc.mentor_region[known], np.flatnonzero(known)] = 1.0

    # The tie-breaker: a_i . b_j with a, b in [0, 1)^4, seeded so that runs are reproducible.
    rng = np.random.default_rng(20240917)
    scale = JITTER_RELATIVE * max(float(np.abs(weights.as_array()).sum()), 1e-9) / JITTER_DIMS
    jitter_x = rng.random((n, JITTER_DIMS)) * scale
    jitter_y = rng.random((JITTER_DIMS, m))

    x = np.hstack([needs_x, portfolio_x, board_x, region_x, remote_x, slots_x, jitter_x]).astype(np.float32)
    y = np.vstack(
        [
            enc.expertise.T,
            enc.experience.T,
            board_y,
            region_y,
            enc.remote_experience[None, :],
            enc.mentor_slots.T,
            jitter_y,
        ]
    ).astype(np.float32)
    return np.ascontiguousarray(x), np.ascontiguousarray(y)


def component_values(enc: Encoded, a: npt.NDArray[np.integer], b: npt.NDArray[np.integer]) -> FloatArray:
    """The unweighted components (columns in COMPONENTS order) of pairs (a[k], b[k]), in float64."""
    out = np.zeros((a.size, len(COMPONENTS)), dtype=np.float64)
    need_share, slot_share = _share(enc.needs), _share(enc.mentee_slots)
    ra, rb, rv = enc.rank_pairs
    m = max(len(enc.mentor_ids), 1)
    rank_keys = ra * m + rb
    rank_sort = np.argsort(rank_keys)
    rank_keys, rank_vals = rank_keys[rank_sort], rv[rank_sort]
    for lo in range(0, a.size, CHUNK_PAIRS):
        i = a[lo : lo + CHUNK_PAIRS].astype(np.int64)
        j = b[lo : lo + CHUNK_PAIRS].astype(np.int64)
        part = out[lo : lo + CHUNK_PAIRS]
        part[:, 0] = (enc.needs[i] & enc.expertise[j]).sum(axis=1) * need_share[i]
        part[:, 1] = enc.experience[j, enc.portfolio[i]]
        key = i * m + j
        at = np.minimum(np.searchsorted(rank_keys, key), max(rank_keys.size - 1, 0))
        part[:, 2] = np.where(rank_keys[at] == key, rank_vals[at], 0.0) if rank_keys.size else 0.0
        bi, bj = enc.mentee_board[i], enc.mentor_board[j]
        same_board = (bi >= 0) & (bi == bj)
        different_board = (bi >= 0) & (bj >= 0) & (bi != bj)
        pref = enc.board_pref[i]
        part[:, 3] = np.where(pref == 1, same_board, np.where(pref == 2, different_board, False))
        gi, gj = enc.mentee_region[i], enc.mentor_region[j]
        same_region = ((gi >= 0) & (gi == gj)).astype(np.float64)
        part[:, 4] = np.where(enc.remote[i], 0.5 * same_region + 0.5 * enc.remote_experience[j], same_region)
        part[:, 5] = (enc.mentee_slots[i] & enc.mentor_slots[j]).sum(axis=1) * slot_share[i]
    return out
