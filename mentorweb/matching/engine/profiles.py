"""Mentee and mentor profiles, the program's rules, and their encoding into arrays.

Profiles are what the program knows about people; candidates.py turns them into candidate pairs.
Tags, portfolios, regions, boards, languages and availability slots are free strings here and get
numbered on the way in. Tags and slots are expected to come from the program's controlled lists
(tens of values, not thousands): each one becomes a column of the scoring matrices.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from .model import MAX_ABS_SCORE, MAX_COUNT, OBJECTIVES, BoolArray, FloatArray, InstanceError, IntArray, Objective

BoardPreference = Literal["same", "different"]
# Experience counts fully from this many years in the mentee's portfolio, in proportion below it.
EXPERIENCE_FULL_YEARS = 5.0
# Only the first RANKING_DEPTH mentors of a mentee's ranking count: the first scores 1, the next
# 1 - 1/RANKING_DEPTH, and so on down to 1/RANKING_DEPTH.
RANKING_DEPTH = 5
COMPONENTS = ("needs", "portfolio", "ranking", "board", "context", "availability")


@dataclass(frozen=True, slots=True)
class MenteeProfile:
    id: str
    needs: Collection[str] = ()
    portfolio: str | None = None
    region: str | None = None
    remote: bool = False
    languages: Collection[str] = ()
    board: str | None = None
    ranking: Sequence[str] = ()  # preferred mentor ids, most preferred first
    board_preference: BoardPreference | None = None
    availability: Collection[str] = ()  # slots such as "mon-evening"
    eligible: bool = True


@dataclass(frozen=True, slots=True)
class MentorProfile:
    id: str
    capacity: int
    expertise: Collection[str] = ()
    experience: Mapping[str, float] = field(default_factory=dict)  # portfolio -> years
    region: str | None = None
    remote_experience: bool = False
    languages: Collection[str] = ()
    board: str | None = None
    availability: Collection[str] = ()
    # Mentee ids this mentor supervises, evaluates, or sits above in the reporting line.
    supervises: Collection[str] = ()
    evaluates: Collection[str] = ()
    reporting_line: Collection[str] = ()
    eligible: bool = True


@dataclass(frozen=True, slots=True)
class Weights:
    """Per-program weight of each score component; every component lies in [0, 1] before weighting."""

    needs: float = 3.0
    portfolio: float = 2.0
    ranking: float = 2.0
    board: float = 1.0
    context: float = 1.0
    availability: float = 2.0

    def as_array(self) -> FloatArray:
        return np.array([getattr(self, name) for name in COMPONENTS], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Program:
    """The rules of one matching run: weights, objective, cap, vetoes and the advisory team's choices."""

    weights: Weights = field(default_factory=Weights)
    objective: Objective = "participation"
    max_pairs: int | None = None
    vetoes: Collection[tuple[str, str]] = ()  # (board, mentor id): the board refuses that mentor
    locked: Sequence[tuple[str, str]] = ()  # (mentee id, mentor id)
    excluded: Collection[tuple[str, str]] = ()  # (mentee id, mentor id)
    top_k: int = 50


@dataclass(frozen=True, slots=True, eq=False)
class Encoded:
    """Profiles as arrays; indices follow the order of the profile sequences given."""

    mentee_ids: tuple[str, ...]
    mentor_ids: tuple[str, ...]
    n_tags: int
    n_slots: int
    # mentees
    mentee_ok: BoolArray
    needs: npt.NDArray[np.bool_]  # (n, tags)
    portfolio: IntArray  # -1: none
    mentee_region: IntArray  # -1: none
    remote: BoolArray
    mentee_board: IntArray  # -1: none
    board_pref: npt.NDArray[np.int8]  # 0 none, 1 same, 2 different
    mentee_slots: npt.NDArray[np.bool_]  # (n, slots)
    mentee_languages: tuple[frozenset[int], ...]
    # mentors
    capacity: IntArray
    mentor_ok: BoolArray  # eligible and with room for at least one mentee
    expertise: npt.NDArray[np.bool_]  # (m, tags)
    experience: FloatArray  # (m, portfolios + 1), last column zero for "no portfolio"
    mentor_region: IntArray
    remote_experience: BoolArray
    mentor_board: IntArray
    mentor_slots: npt.NDArray[np.bool_]  # (m, slots)
    speaks: npt.NDArray[np.bool_]  # (languages, m)
    # sparse relations, as (mentee, mentor) index arrays
    rank_pairs: tuple[IntArray, IntArray, FloatArray]  # with the ranking component's value
    conflict_pairs: tuple[IntArray, IntArray]  # conflicts of interest, and a person with themselves
    vetoed: Mapping[int, IntArray]  # board -> mentors its mentees may not have

    def language_mask(self, languages: frozenset[int]) -> BoolArray:
        """Mentors who serve in at least one of these languages."""
        if not languages:
            return np.zeros(len(self.mentor_ids), dtype=np.bool_)
        mask: BoolArray = np.logical_or.reduce(self.speaks[sorted(languages)], axis=0)
        return mask


class _Vocabulary:
    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if value is None:
            return -1
        return self.ids.setdefault(value, len(self.ids))

    def many(self, values: Iterable[str]) -> list[int]:
        ids = self.ids
        return [ids.setdefault(v, len(ids)) for v in values]

    def get(self, value: str | None) -> int:
        return -1 if value is None else self.ids.get(value, -1)


def _multi_hot(rows: list[list[int]], width: int) -> npt.NDArray[np.bool_]:
    out = np.zeros((len(rows), width), dtype=np.bool_)
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    flat = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(lengths.sum()))
    out[np.repeat(np.arange(len(rows)), lengths), flat] = True
    return out


def _check_ids(ids: tuple[str, ...], what: str) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if not isinstance(ident, str) or not ident:
            raise InstanceError(f"{what}[{i}].id: must be a non-empty string")
        if ident in index:
            raise InstanceError(f"{what}[{i}].id: duplicate id {ident!r} (also {what}[{index[ident]}])")
        index[ident] = i
    return index


def check_program(program: Program) -> None:
    if program.objective not in OBJECTIVES:
        raise InstanceError(f"objective: must be 'participation' or 'score', not {program.objective!r}")
    if program.top_k < 1:
        raise InstanceError(f"top_k: must be at least 1, not {program.top_k}")
    weights = program.weights.as_array()
    if not np.isfinite(weights).all():
        raise InstanceError("weights: must be finite numbers")
    if np.abs(weights).sum() > MAX_ABS_SCORE:
        raise InstanceError(f"weights: their absolute values must add up to at most {MAX_ABS_SCORE:g}")


def encode(mentees: Sequence[MenteeProfile], mentors: Sequence[MentorProfile], program: Program) -> Encoded:
    """Number every string and lay the profiles out as arrays."""
    check_program(program)
    mentee_ids = tuple(p.id for p in mentees)
    mentor_ids = tuple(p.id for p in mentors)
    mentee_index = _check_ids(mentee_ids, "mentees")
    mentor_index = _check_ids(mentor_ids, "mentors")
    for j, mentor in enumerate(mentors):
        cap = mentor.capacity
        if isinstance(cap, bool) or not isinstance(cap, int) or not 0 <= cap <= MAX_COUNT:
            raise InstanceError(f"mentors[{j}].capacity: must be an integer from 0 to {MAX_COUNT}, not {cap!r}")
        for name, years in mentor.experience.items():
            if not math.isfinite(years) or years < 0:
                raise InstanceError(f"mentors[{j}].experience.{name}: must be a non-negative number of years")
    tags, slots, portfolios, regions, boards, languages = (_Vocabulary() for _ in range(6))

    need_rows = [tags.many(p.needs) for p in mentees]
    expertise_rows = [tags.many(p.expertise) for p in mentors]
    mentee_slot_rows = [slots.many(p.availability) for p in mentees]
    mentor_slot_rows = [slots.many(p.availability) for p in mentors]
    needs = _multi_hot(need_rows, len(tags.ids))
    expertise = _multi_hot(expertise_rows, len(tags.ids))
    mentee_slots = _multi_hot(mentee_slot_rows, len(slots.ids))
    mentor_slots = _multi_hot(mentor_slot_rows, len(slots.ids))

    portfolio = np.array([portfolios(p.portfolio) for p in mentees], dtype=np.int64)
    experience_rows = [
        [(portfolios(k), min(float(v), EXPERIENCE_FULL_YEARS)) for k, v in p.experience.items()] for p in mentors
    ]
    experience = np.zeros((len(mentors), len(portfolios.ids) + 1), dtype=np.float64)
    for j, row in enumerate(experience_rows):
        for k, years in row:
            experience[j, k] = years / EXPERIENCE_FULL_YEARS

    mentee_languages = tuple(frozenset(languages.many(p.languages)) for p in mentees)
    mentor_languages = [languages.many(p.languages) for p in mentors]
    speaks = (
        _multi_hot(mentor_languages, len(languages.ids)).T.copy()
        if mentors
        else np.zeros((len(languages.ids), 0), np.bool_)
    )

    mentee_board = np.array([boards(p.board) for p in mentees], dtype=np.int64)
    mentor_board = np.array([boards(p.board) for p in mentors], dtype=np.int64)
    pref_code = {None: 0, "same": 1, "different": 2}
    for i, mentee in enumerate(mentees):
        if mentee.board_preference not in pref_code:
            raise InstanceError(f"mentees[{i}].board_preference: must be 'same', 'different' or None")

    rank_a: list[int] = []
    rank_b: list[int] = []
    rank_v: list[float] = []
    for i, mentee in enumerate(mentees):
        seen: set[int] = set()
        # A ranked mentor who is not in this pool is skipped without using up a place.
        for mentor_id in mentee.ranking:
            j = mentor_index.get(mentor_id, -1)
            if j < 0 or j in seen:
                continue
            seen.add(j)
            rank_a.append(i)
            rank_b.append(j)
            place = len(seen)  # 1 for the most preferred
            rank_v.append(1.0 - (place - 1) / RANKING_DEPTH)
            if len(seen) == RANKING_DEPTH:
                break

    conflict_a: list[int] = []
    conflict_b: list[int] = []
    for j, mentor in enumerate(mentors):
        for mentee_id in {*mentor.supervises, *mentor.evaluates, *mentor.reporting_line, mentor.id}:
            i = mentee_index.get(mentee_id, -1)
            if i >= 0:
                conflict_a.append(i)
                conflict_b.append(j)

    veto_lists: dict[int, list[int]] = {}
    for board, mentor_id in program.vetoes:
        b, j = boards.get(board), mentor_index.get(mentor_id, -1)
        if b >= 0 and j >= 0:
            veto_lists.setdefault(b, []).append(j)

    capacity = np.array([p.capacity for p in mentors], dtype=np.int64)
    return Encoded(
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        n_tags=len(tags.ids),
        n_slots=len(slots.ids),
        mentee_ok=np.array([bool(p.eligible) for p in mentees], dtype=np.bool_),
        needs=needs,
        portfolio=portfolio,
        mentee_region=np.array([regions(p.region) for p in mentees], dtype=np.int64),
        remote=np.array([bool(p.remote) for p in mentees], dtype=np.bool_),
        mentee_board=mentee_board,
        board_pref=np.array([pref_code[p.board_preference] for p in mentees], dtype=np.int8),
        mentee_slots=mentee_slots,
        mentee_languages=mentee_languages,
        capacity=capacity,
        mentor_ok=np.array([bool(p.eligible) for p in mentors], dtype=np.bool_) & (capacity > 0),
        expertise=expertise,
        experience=experience,
        mentor_region=np.array([regions(p.region) for p in mentors], dtype=np.int64),
        remote_experience=np.array([bool(p.remote_experience) for p in mentors], dtype=np.bool_),
        mentor_board=mentor_board,
        mentor_slots=mentor_slots,
        speaks=speaks,
        rank_pairs=(np.array(rank_a, np.int64), np.array(rank_b, np.int64), np.array(rank_v, np.float64)),
        conflict_pairs=(np.array(conflict_a, np.int64), np.array(conflict_b, np.int64)),
        vetoed={b: np.unique(np.array(js, np.int64)) for b, js in veto_lists.items()},
    )
