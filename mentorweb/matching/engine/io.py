"""JSON in and out: the plain-data face of the engine (the command line and, later, the API)."""

from __future__ import annotations

import json
from typing import Any

from .model import Instance, InstanceError, Result
from .validate import instance_from_dict


def load_instance(text: str) -> Instance:
    """Parse and validate an instance from JSON text; raise InstanceError naming the problem."""
    try:
        # NaN and Infinity literals are let through here so that the validator can refuse them
        # with the path of the score that holds them.
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise InstanceError("invalid JSON: nested too deeply") from None
    return instance_from_dict(data)


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The JSON form of an instance (the inverse of load_instance)."""
    mentees, mentors = instance.mentee_ids, instance.mentor_ids
    a, b = instance.cand_mentee.tolist(), instance.cand_mentor.tolist()
    candidates = [
        {
            "mentee": mentees[a[k]],
            "mentor": mentors[b[k]],
            "score": float(instance.score[k]),
            "components": instance.pair_components(k),
        }
        for k in range(instance.n_candidates)
    ]
    return {
        "objective": instance.objective,
        "max_pairs": instance.max_pairs,
        "mentees": [{"id": ident} for ident in mentees],
        "mentors": [
            {"id": ident, "capacity": int(c)} for ident, c in zip(mentors, instance.capacity.tolist(), strict=True)
        ],
        "candidates": candidates,
        "locked": [[mentees[a[k]], mentors[b[k]]] for k in instance.locked.tolist()],
        "excluded": [[mentees[a[k]], mentors[b[k]]] for k in instance.excluded.nonzero()[0].tolist()],
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    """The JSON form of a result: pairs with their score breakdown, the total, the unmatched and why."""
    instance = result.instance
    mentees, mentors = instance.mentee_ids, instance.mentor_ids
    locked = frozenset(instance.locked.tolist())
    pairs = [
        {
            "mentee": mentees[instance.cand_mentee[k]],
            "mentor": mentors[instance.cand_mentor[k]],
            "score": float(instance.score[k]),
            "components": instance.pair_components(k),
            "locked": k in locked,
        }
        for k in result.chosen.tolist()
    ]
    unmatched = [
        {"mentee": mentees[i], "reason": str(reason.code), "detail": reason.detail}
        for i, reason in zip(result.unmatched.tolist(), result.reasons, strict=True)
    ]
    return {
        "objective": instance.objective,
        "max_pairs": instance.max_pairs,
        "matched": result.matched,
        "total_score": result.total_score,
        "pairs": pairs,
        "unmatched": unmatched,
    }


def dump_result(result: Result, *, indent: int | None = 2) -> str:
    return json.dumps(result_to_dict(result), indent=indent, ensure_ascii=False, allow_nan=False)
