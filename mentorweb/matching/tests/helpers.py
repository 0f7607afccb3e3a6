"""Small builders shared by the engine tests (pure Python, no database)."""

from __future__ import annotations

from typing import Any

from mentorweb.matching.engine import Instance, instance_from_dict, result_to_dict, solve


def instance(
    *,
    mentees: list[str],
    mentors: dict[str, int],
    pairs: dict[tuple[str, str], float],
    objective: str = "participation",
    max_pairs: int | None = None,
    locked: list[tuple[str, str]] | None = None,
    excluded: list[tuple[str, str]] | None = None,
) -> Instance:
    return instance_from_dict(
        {
            "objective": objective,
            "max_pairs": max_pairs,
            "mentees": [{"id": e} for e in mentees],
            "mentors": [{"id": m, "capacity": c} for m, c in mentors.items()],
            "candidates": [{"mentee": e, "mentor": m, "score": s} for (e, m), s in pairs.items()],
            "locked": [list(p) for p in locked or []],
            "excluded": [list(p) for p in excluded or []],
        }
    )


def solved(inst: Instance) -> dict[str, Any]:
    return result_to_dict(solve(inst))


def assignment(result: dict[str, Any]) -> dict[str, str]:
    return {p["mentee"]: p["mentor"] for p in result["pairs"]}


def reasons(result: dict[str, Any]) -> dict[str, str]:
    return {u["mentee"]: u["reason"] for u in result["unmatched"]}
