"""Checks that turn plain data into a valid Instance, or refuse it with a message naming the place.

Two doors lead in: `instance_from_dict` for JSON-shaped data (the command line, files, the
future API), and `check_instance` for arrays (the candidate builder). Both end in the same array
checks, so a hand-written instance and a built one obey the same rules.

Locks: a locked pair must be among the candidates (that is how we know it passed the hard rules
and what it scores); it may not also be excluded; a mentee has at most one lock; a mentor's locks
may not exceed its capacity; and there may not be more locks than the program's maximum number of
partnerships. Each refusal names the lock (`locked[i]`) and the pair.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from .model import (
    MAX_ABS_SCORE,
    MAX_COUNT,
    OBJECTIVES,
    Instance,
    InstanceError,
    Objective,
    Reason,
)

TOP_LEVEL_KEYS = frozenset({"objective", "max_pairs", "mentees", "mentors", "candidates", "locked", "excluded"})
REQUIRED_KEYS = ("mentees", "mentors", "candidates")


def _is_int(value: object) -> bool:
    # JSON true/false arrive as bool, which Python counts as int; a capacity of `true` is a mistake.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _object(value: object, path: str, allowed: frozenset[str], required: Sequence[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InstanceError(f"{path}: must be a JSON object")
    for key in value:
        if key not in allowed:
            raise InstanceError(f"{path}: unknown field {key!r}")
    for key in required:
        if key not in value:
            raise InstanceError(f"{path}: missing field {key!r}")
    return cast(Mapping[str, Any], value)


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise InstanceError(f"{path}: must be a list")
    return value


def _ident(value: object, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise InstanceError(f"{path}: must be a non-empty string")
    return value


def _count(value: object) -> bool:
    return _is_int(value) and 0 <= cast(int, value) <= MAX_COUNT


def _finite(value: object, path: str) -> float:
    if not _is_number(value):
        raise InstanceError(f"{path}: must be a number")
    try:
        number = float(cast(float, value))
    except OverflowError:  # an integer literal beyond the float range
        number = math.inf
    if not math.isfinite(number):
        raise InstanceError(f"{path}: must be a finite number, not {number}")
    return number


def _index_ids(items: list[Any], path: str, extra: frozenset[str]) -> list[str]:
    ids: list[str] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        entry = _object(item, f"{path}[{i}]", frozenset({"id"}) | extra, ("id", *sorted(extra)))
        ident = _ident(entry["id"], f"{path}[{i}].id")
        if ident in seen:
            raise InstanceError(f"{path}[{i}].id: duplicate id {ident!r} (also {path}[{seen[ident]}])")
        seen[ident] = i
        ids.append(ident)
    return ids


def _pair_list(
    value: object, path: str, mentees: Mapping[str, int], mentors: Mapping[str, int]
) -> list[tuple[int, int]]:
    pairs = []
    for i, item in enumerate(_list(value, path)):
        if not isinstance(item, list) or len(item) != 2:
            raise InstanceError(f"{path}[{i}]: must be a pair [mentee-id, mentor-id]")
        mentee = _ident(item[0], f"{path}[{i}][0]")
        mentor = _ident(item[1], f"{path}[{i}][1]")
        if mentee not in mentees:
            raise InstanceError(f"{path}[{i}][0]: unknown mentee {mentee!r}")
        if mentor not in mentors:
            raise InstanceError(f"{path}[{i}][1]: unknown mentor {mentor!r}")
        pairs.append((mentees[mentee], mentors[mentor]))
    return pairs


def instance_from_dict(data: object) -> Instance:
    """Validate JSON-shaped data (see the module docstring of cli.py for the format)."""
    top = _object(data, "instance", TOP_LEVEL_KEYS, REQUIRED_KEYS)
    objective = top.get("objective", "participation")
    if objective not in OBJECTIVES:
        raise InstanceError(f"objective: must be 'participation' or 'score', not {objective!r}")
    max_pairs = top.get("max_pairs")
    if max_pairs is not None and not _count(max_pairs):
        raise InstanceError(f"max_pairs: must be null or an integer from 0 to {MAX_COUNT}, not {max_pairs!r}")

    mentee_list = _list(top["mentees"], "mentees")
    mentor_list = _list(top["mentors"], "mentors")
    mentee_ids = _index_ids(mentee_list, "mentees", frozenset())
    mentor_ids = _index_ids(mentor_list, "mentors", frozenset({"capacity"}))
    capacity = np.zeros(len(mentor_ids), dtype=np.int64)
    for j, entry in enumerate(mentor_list):
        cap = entry["capacity"]
        if not _count(cap):
            raise InstanceError(f"mentors[{j}].capacity: must be an integer from 0 to {MAX_COUNT}, not {cap!r}")
        capacity[j] = cap
    mentee_index = {ident: i for i, ident in enumerate(mentee_ids)}
    mentor_index = {ident: j for j, ident in enumerate(mentor_ids)}

    candidate_list = _list(top["candidates"], "candidates")
    count = len(candidate_list)
    cand_mentee = np.zeros(count, dtype=np.int32)
    cand_mentor = np.zeros(count, dtype=np.int32)
    score = np.zeros(count, dtype=np.float64)
    names: dict[str, int] = {}
    parts: list[dict[str, float]] = []
    allowed = frozenset({"mentee", "mentor", "score", "components"})
    for k, item in enumerate(candidate_list):
        path = f"candidates[{k}]"
        entry = _object(item, path, allowed, ("mentee", "mentor", "score"))
        mentee = _ident(entry["mentee"], f"{path}.mentee")
        mentor = _ident(entry["mentor"], f"{path}.mentor")
        if mentee not in mentee_index:
            raise InstanceError(f"{path}.mentee: unknown mentee {mentee!r}")
        if mentor not in mentor_index:
            raise InstanceError(f"{path}.mentor: unknown mentor {mentor!r}")
        cand_mentee[k] = mentee_index[mentee]
        cand_mentor[k] = mentor_index[mentor]
        score[k] = _finite(entry["score"], f"{path}.score")
        raw = entry.get("components", {})
        if not isinstance(raw, dict):
            raise InstanceError(f"{path}.components: must be a JSON object of numbers")
        row = {}
        for name, value in raw.items():
            row[name] = _finite(value, f"{path}.components.{name}")
            names.setdefault(name, len(names))
        parts.append(row)
    components = np.full((count, len(names)), np.nan)
    for k, row in enumerate(parts):
        for name, value in row.items():
            components[k, names[name]] = value

    pair_index = {(int(a), int(b)): k for k, (a, b) in enumerate(zip(cand_mentee, cand_mentor, strict=True))}
    excluded = np.zeros(count, dtype=np.bool_)
    for a, b in _pair_list(top.get("excluded", []), "excluded", mentee_index, mentor_index):
        # Excluding a pair that is not a candidate changes nothing, so it is accepted silently.
        if (a, b) in pair_index:
            excluded[pair_index[(a, b)]] = True
    locked = []
    for i, (a, b) in enumerate(_pair_list(top.get("locked", []), "locked", mentee_index, mentor_index)):
        if (a, b) not in pair_index:
            raise InstanceError(
                f"locked[{i}]: pair ({mentee_ids[a]!r}, {mentor_ids[b]!r}) cannot be honoured: it is not among the candidates"
            )
        locked.append(pair_index[(a, b)])
    return check_instance(
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        capacity=capacity,
        cand_mentee=cand_mentee,
        cand_mentor=cand_mentor,
        score=score,
        component_names=tuple(names),
        components=components,
        objective=cast(Objective, objective),
        max_pairs=max_pairs,
        locked=np.asarray(locked, dtype=np.int64),
        excluded=excluded,
    )


def check_instance(
    *,
    mentee_ids: Sequence[str],
    mentor_ids: Sequence[str],
    capacity: npt.ArrayLike,
    cand_mentee: npt.ArrayLike,
    cand_mentor: npt.ArrayLike,
    score: npt.ArrayLike,
    component_names: Sequence[str] = (),
    components: npt.NDArray[np.floating] | None = None,
    objective: Objective = "participation",
    max_pairs: int | None = None,
    locked: npt.ArrayLike | None = None,
    excluded: npt.ArrayLike | None = None,
    prefilter_reasons: Mapping[int, Reason] | None = None,
) -> Instance:
    """Check array data and return the Instance; raise InstanceError naming the first problem."""
    if objective not in OBJECTIVES:
        raise InstanceError(f"objective: must be 'participation' or 'score', not {objective!r}")
    if max_pairs is not None and not _count(max_pairs):
        raise InstanceError(f"max_pairs: must be null or an integer from 0 to {MAX_COUNT}, not {max_pairs!r}")
    mentees = tuple(mentee_ids)
    mentors = tuple(mentor_ids)
    _check_unique(mentees, "mentees")
    _check_unique(mentors, "mentors")
    caps = np.asarray(capacity, dtype=np.int64)
    if caps.shape != (len(mentors),):
        raise InstanceError(f"mentors: {len(mentors)} ids but {caps.size} capacities")
    bad = np.flatnonzero((caps < 0) | (caps > MAX_COUNT))
    if bad.size:
        raise InstanceError(f"mentors[{bad[0]}].capacity: must be an integer from 0 to {MAX_COUNT}, not {caps[bad[0]]}")

    a = np.asarray(cand_mentee, dtype=np.int32)
    b = np.asarray(cand_mentor, dtype=np.int32)
    s = np.asarray(score, dtype=np.float64)
    count = a.shape[0]
    if a.shape != (count,) or b.shape != (count,) or s.shape != (count,):
        raise InstanceError("candidates: mentee, mentor and score arrays differ in length")
    for arr, who, size in ((a, "mentee", len(mentees)), (b, "mentor", len(mentors))):
        bad = np.flatnonzero((arr < 0) | (arr >= size))
        if bad.size:
            raise InstanceError(f"candidates[{bad[0]}].{who}: index {arr[bad[0]]} out of range")
    bad = np.flatnonzero(~np.isfinite(s))
    if bad.size:
        raise InstanceError(f"candidates[{bad[0]}].score: must be a finite number, not {s[bad[0]]}")
    bad = np.flatnonzero(np.abs(s) > MAX_ABS_SCORE)
    if bad.size:
        raise InstanceError(f"candidates[{bad[0]}].score: must lie within ±{MAX_ABS_SCORE:g}, not {s[bad[0]]}")
    names = tuple(component_names)
    comps = np.full((count, len(names)), np.nan) if components is None else components
    if comps.shape != (count, len(names)):
        raise InstanceError(f"candidates: components must have shape ({count}, {len(names)}), not {comps.shape}")
    if comps.size and np.isinf(comps).any():
        k = int(np.flatnonzero(np.isinf(comps).any(axis=1))[0])
        raise InstanceError(f"candidates[{k}].components: must be finite numbers")
    _check_unique_pairs(a, b, mentees, mentors)

    lock = np.zeros(0, dtype=np.int64) if locked is None else np.asarray(locked, dtype=np.int64).reshape(-1)
    mask = np.zeros(count, dtype=np.bool_) if excluded is None else np.asarray(excluded, dtype=np.bool_)
    if mask.shape != (count,):
        raise InstanceError(f"excluded: the mask must have one entry per candidate ({count}), not {mask.shape}")
    instance = Instance(
        mentee_ids=mentees,
        mentor_ids=mentors,
        capacity=caps,
        cand_mentee=a,
        cand_mentor=b,
        score=s,
        component_names=names,
        components=comps,
        objective=objective,
        max_pairs=max_pairs,
        locked=lock,
        excluded=mask,
        prefilter_reasons=dict(prefilter_reasons or {}),
    )
    check_locks(instance)
    return instance


def _check_unique(ids: tuple[str, ...], path: str) -> None:
    if len(set(ids)) == len(ids):
        return
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in seen:
            raise InstanceError(f"{path}[{i}].id: duplicate id {ident!r} (also {path}[{seen[ident]}])")
        seen[ident] = i


def _check_unique_pairs(
    a: npt.NDArray[np.int32], b: npt.NDArray[np.int32], mentees: tuple[str, ...], mentors: tuple[str, ...]
) -> None:
    if a.size < 2:
        return
    key = a.astype(np.int64) * max(len(mentors), 1) + b
    order = np.argsort(key, kind="stable")
    same = np.flatnonzero(key[order][1:] == key[order][:-1])
    if same.size:
        # The stable sort keeps equal keys in input order, so order[i] came first.
        first, second = sorted((int(order[same[0]]), int(order[same[0] + 1])))
        pair = (mentees[a[second]], mentors[b[second]])
        raise InstanceError(f"candidates[{second}]: duplicate pair {pair!r} (also candidates[{first}])")


def check_locks(instance: Instance) -> None:
    """Refuse locks that cannot all be honoured, naming the first lock at fault."""
    lock = instance.locked
    if lock.size == 0:
        return
    mentees, mentors = instance.mentee_ids, instance.mentor_ids
    by_mentee: dict[int, int] = {}
    load: dict[int, int] = {}
    for i, k in enumerate(lock.tolist()):
        if not 0 <= k < instance.n_candidates:
            raise InstanceError(f"locked[{i}]: candidate index {k} out of range")
        a, b = int(instance.cand_mentee[k]), int(instance.cand_mentor[k])
        pair = f"({mentees[a]!r}, {mentors[b]!r})"
        if instance.excluded[k]:
            raise InstanceError(f"locked[{i}]: pair {pair} is both locked and excluded")
        if a in by_mentee:
            other = by_mentee[a]
            if int(instance.cand_mentor[lock[other]]) == b:
                raise InstanceError(f"locked[{i}]: pair {pair} is locked twice (also locked[{other}])")
            raise InstanceError(
                f"locked[{i}]: pair {pair} cannot be honoured: mentee {mentees[a]!r} is already locked "
                f"to mentor {mentors[int(instance.cand_mentor[lock[other]])]!r} (locked[{other}])"
            )
        by_mentee[a] = i
        load[b] = load.get(b, 0) + 1
        if load[b] > instance.capacity[b]:
            raise InstanceError(
                f"locked[{i}]: pair {pair} cannot be honoured: mentor {mentors[b]!r} has capacity "
                f"{instance.capacity[b]} and more locked mentees than that"
            )
        if instance.max_pairs is not None and i + 1 > instance.max_pairs:
            raise InstanceError(
                f"locked[{i}]: pair {pair} cannot be honoured: more locks than the program's maximum "
                f"of {instance.max_pairs} partnerships"
            )
