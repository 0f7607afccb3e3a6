"""Property tests: on random small instances the engine's objective equals an exhaustive search's,
and every output obeys every hard rule and gives each unmatched mentee a reason that is true.

The engine is exact for scores scaled to integers (SCORE_SCALE, rounded half to even), so the
comparison is made on those integers; the float total is checked to be the sum of the chosen pairs.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentorweb.matching.engine import SCORE_SCALE, Instance, ReasonCode, dump_result, instance_from_dict, solve

SETTINGS = settings(
    derandomize=True,
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SCORES = st.one_of(
    st.integers(-4, 12).map(float),
    st.floats(min_value=-30, max_value=60, allow_nan=False, allow_infinity=False),
    # Values on and around the rounding step of the scaled scores.
    st.sampled_from([0.0, 0.0004, 0.0005, 0.0015, 1.0004999, 2.5, -0.0006]),
)


@st.composite
def instances(draw: st.DrawFn, max_mentees: int = 7, max_mentors: int = 4) -> dict[str, Any]:
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(0, max_mentors))
    capacity = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m))
    pairs = [(i, j) for i in range(n) for j in range(m) if draw(st.integers(0, 2)) > 0]
    scores = [draw(SCORES) for _ in pairs]
    excluded = [p for p in pairs if draw(st.integers(0, 5)) == 0]
    max_pairs = draw(st.one_of(st.none(), st.integers(0, n)))
    locked: list[tuple[int, int]] = []
    load = [0] * m
    for i, j in pairs:
        room = max_pairs is None or len(locked) < max_pairs
        free = (i, j) not in excluded and room and load[j] < capacity[j] and all(a != i for a, _ in locked)
        # The draw comes last so that only lockable pairs spend one.
        if free and draw(st.integers(0, 6)) == 0:
            locked.append((i, j))
            load[j] += 1
    return {
        "objective": draw(st.sampled_from(["participation", "score"])),
        "max_pairs": max_pairs,
        "mentees": [{"id": f"e{i}"} for i in range(n)],
        "mentors": [{"id": f"m{j}", "capacity": c} for j, c in enumerate(capacity)],
        "candidates": [
            {"mentee": f"e{i}", "mentor": f"m{j}", "score": s, "components": {"part": s / 2}}
            for (i, j), s in zip(pairs, scores, strict=True)
        ],
        "locked": [[f"e{i}", f"m{j}"] for i, j in locked],
        "excluded": [[f"e{i}", f"m{j}"] for i, j in excluded],
    }


def exhaustive_best(inst: Instance) -> tuple[int, int]:
    """(matched, scaled total) of the best assignment, by trying them all: the reference solver.

    For "participation" the best is the largest number matched, then the largest total; for
    "score" the largest total (the number matched is then that of the first best found).
    """
    scaled = [round(s * SCORE_SCALE) for s in inst.score.tolist()]
    cap = inst.n_mentees if inst.max_pairs is None else inst.max_pairs
    options: list[list[int]] = [[] for _ in range(inst.n_mentees)]
    for k, (i, excluded) in enumerate(zip(inst.cand_mentee.tolist(), inst.excluded.tolist(), strict=True)):
        if not excluded:
            options[i].append(k)
    forced = {int(inst.cand_mentee[k]): int(k) for k in inst.locked.tolist()}
    room = inst.capacity.tolist()
    best: list[tuple[int, int]] = []

    def key(value: tuple[int, int]) -> tuple[int, ...]:
        return value if inst.objective == "participation" else (value[1],)

    def walk(i: int, matched: int, total: int) -> None:
        if i == inst.n_mentees:
            if not best or key((matched, total)) > key(best[0]):
                best[:] = [(matched, total)]
            return
        choices = [forced[i]] if i in forced else [None, *options[i]]
        for k in choices:
            if k is None:
                walk(i + 1, matched, total)
                continue
            j = int(inst.cand_mentor[k])
            if room[j] > 0 and matched < cap:
                room[j] -= 1
                walk(i + 1, matched + 1, total + scaled[k])
                room[j] += 1

    walk(0, 0, 0)
    return best[0]


def check_rules_and_reasons(inst: Instance) -> None:
    result = solve(inst)
    chosen = result.chosen.tolist()
    scaled = inst.scaled_scores().tolist()
    mentees = [int(inst.cand_mentee[k]) for k in chosen]
    mentors = [int(inst.cand_mentor[k]) for k in chosen]
    assert len(set(mentees)) == len(mentees), "a mentee has two mentors"
    assert all(mentors.count(j) <= inst.capacity[j] for j in set(mentors)), "a mentor is over capacity"
    assert inst.max_pairs is None or len(chosen) <= inst.max_pairs, "over the program cap"
    assert not any(inst.excluded[k] for k in chosen), "an excluded pair was chosen"
    assert set(inst.locked.tolist()) <= set(chosen), "a lock was not honoured"
    if inst.objective == "score":
        assert all(scaled[k] > 0 for k in chosen if k not in set(inst.locked.tolist())), "a pair that adds nothing"
    assert result.total_scaled == sum(scaled[k] for k in chosen)
    assert math.isclose(result.total_score, math.fsum(inst.score[k] for k in chosen), abs_tol=1e-9)

    assert sorted(result.unmatched.tolist()) == sorted(set(range(inst.n_mentees)) - set(mentees))
    load = {j: mentors.count(j) for j in set(mentors)}
    for i, reason in zip(result.unmatched.tolist(), result.reasons, strict=True):
        own = [k for k in range(inst.n_candidates) if inst.cand_mentee[k] == i]
        allowed = [k for k in own if not inst.excluded[k]]
        usable = [k for k in allowed if inst.objective == "participation" or scaled[k] > 0]
        expected = {
            ReasonCode.NO_CANDIDATES: not own,
            ReasonCode.EXCLUDED: bool(own) and not allowed,
            ReasonCode.NOT_WORTH_IT: bool(allowed) and not usable,
            ReasonCode.CANDIDATES_FULL: bool(usable)
            and all(load.get(int(inst.cand_mentor[k]), 0) >= inst.capacity[inst.cand_mentor[k]] for k in usable),
            ReasonCode.OVER_CAP: inst.max_pairs is not None and len(chosen) == inst.max_pairs,
        }
        assert expected[reason.code], f"reason {reason.code} is not true for mentee {i}"
    # The result is valid JSON (no NaN) that names everybody once.
    data = json.loads(dump_result(result))
    assert len(data["pairs"]) + len(data["unmatched"]) == inst.n_mentees


@SETTINGS
@given(instances())
def test_engine_objective_equals_exhaustive_search(data):
    inst = instance_from_dict(data)
    result = solve(inst)
    best_matched, best_total = exhaustive_best(inst)
    assert result.total_scaled == best_total
    if inst.objective == "participation":
        assert result.matched == best_matched


@SETTINGS
@given(instances())
def test_every_output_obeys_the_hard_rules_and_explains_the_unmatched(data):
    check_rules_and_reasons(instance_from_dict(data))


@settings(SETTINGS, max_examples=60)
@given(instances(max_mentees=12, max_mentors=6))
def test_rules_hold_on_larger_instances_too(data):
    check_rules_and_reasons(instance_from_dict(data))
