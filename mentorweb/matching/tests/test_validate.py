"""Malformed instances are refused with a message that names the place and the problem."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import numpy as np
import pytest

from mentorweb.matching.engine import InstanceError, check_instance, instance_to_dict, load_instance

BASE: dict[str, Any] = {
    "objective": "participation",
    "max_pairs": 3,
    "mentees": [{"id": "e-1"}, {"id": "e-2"}, {"id": "e-3"}],
    "mentors": [{"id": "m-1", "capacity": 1}, {"id": "m-2", "capacity": 2}],
    "candidates": [
        {"mentee": "e-1", "mentor": "m-1", "score": 12.5, "components": {"needs": 10.0, "ranking": 2.5}},
        {"mentee": "e-2", "mentor": "m-1", "score": 3},
        {"mentee": "e-2", "mentor": "m-2", "score": 4},
        {"mentee": "e-3", "mentor": "m-2", "score": 1},
    ],
    "locked": [],
    "excluded": [],
}


def edited(path: str, value: Any) -> dict[str, Any]:
    """BASE with the value at a dotted path ("candidates.3.mentor") replaced."""
    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    target: Any = data
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


def refused(data: Any) -> str:
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(InstanceError) as caught:
        load_instance(text)
    return str(caught.value)


def test_the_base_instance_is_valid_and_round_trips():
    inst = load_instance(json.dumps(BASE))
    assert inst.n_candidates == 4
    again = instance_to_dict(inst)
    assert load_instance(json.dumps(again)).mentee_ids == inst.mentee_ids
    assert again["candidates"][0]["components"] == {"needs": 10.0, "ranking": 2.5}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("candidates.3.mentor", "m-17", "candidates[3].mentor: unknown mentor 'm-17'"),
        ("candidates.0.mentee", "e-9", "candidates[0].mentee: unknown mentee 'e-9'"),
        ("mentors.1.capacity", -1, "mentors[1].capacity: must be an integer from 0 to 1000000000, not -1"),
        ("mentors.1.capacity", "2", "mentors[1].capacity: must be an integer from 0 to 1000000000, not '2'"),
        ("mentors.1.capacity", 1.5, "mentors[1].capacity: must be an integer from 0 to 1000000000, not 1.5"),
        ("mentors.1.capacity", True, "mentors[1].capacity: must be an integer from 0 to 1000000000, not True"),
        (
            "mentors.1.capacity",
            10**12,
            "mentors[1].capacity: must be an integer from 0 to 1000000000, not 1000000000000",
        ),
        ("max_pairs", 10**30, f"max_pairs: must be null or an integer from 0 to 1000000000, not {10**30}"),
        ("candidates.1.score", 10**400, "candidates[1].score: must be a finite number, not inf"),
        ("mentees.2.id", "e-1", "mentees[2].id: duplicate id 'e-1' (also mentees[0])"),
        ("mentors.1.id", "m-1", "mentors[1].id: duplicate id 'm-1' (also mentors[0])"),
        ("mentees.0.id", "", "mentees[0].id: must be a non-empty string"),
        ("mentees.0.id", 7, "mentees[0].id: must be a non-empty string"),
        ("candidates.1.score", "high", "candidates[1].score: must be a number"),
        ("candidates.1.score", None, "candidates[1].score: must be a number"),
        ("candidates.1.score", 2e6, "candidates[1].score: must lie within ±1e+06, not 2000000.0"),
        ("candidates.0.components", [1], "candidates[0].components: must be a JSON object of numbers"),
        ("candidates.0.components", {"needs": "a lot"}, "candidates[0].components.needs: must be a number"),
        (
            "candidates.3",
            {"mentee": "e-1", "mentor": "m-1", "score": 1},
            "candidates[3]: duplicate pair ('e-1', 'm-1') (also candidates[0])",
        ),
        ("candidates.3", {"mentee": "e-3", "score": 1}, "candidates[3]: missing field 'mentor'"),
        (
            "candidates.3",
            {"mentee": "e-3", "mentor": "m-2", "score": 1, "weight": 2},
            "candidates[3]: unknown field 'weight'",
        ),
        ("candidates", {"a": 1}, "candidates: must be a list"),
        ("mentees", "e-1", "mentees: must be a list"),
        ("mentees.0", "e-1", "mentees[0]: must be a JSON object"),
        ("objective", "fairness", "objective: must be 'participation' or 'score', not 'fairness'"),
        ("max_pairs", -2, "max_pairs: must be null or an integer from 0 to 1000000000, not -2"),
        ("max_pairs", "40", "max_pairs: must be null or an integer from 0 to 1000000000, not '40'"),
        ("excluded", [["e-1", "m-9"]], "excluded[0][1]: unknown mentor 'm-9'"),
        ("excluded", [["e-1"]], "excluded[0]: must be a pair [mentee-id, mentor-id]"),
        ("locked", [["e-8", "m-1"]], "locked[0][0]: unknown mentee 'e-8'"),
        ("colour", "blue", "instance: unknown field 'colour'"),
    ],
)
def test_each_malformed_field_is_named(path, value, message):
    assert refused(edited(path, value)) == message


@pytest.mark.parametrize(
    ("literal", "shown"), [("NaN", "nan"), ("Infinity", "inf"), ("-Infinity", "-inf"), ("1e400", "inf")]
)
def test_nan_and_infinite_scores_are_refused_where_they_are(literal, shown):
    text = json.dumps(BASE).replace('"score": 3', f'"score": {literal}')
    assert refused(text) == f"candidates[1].score: must be a finite number, not {shown}"


def test_bad_json_is_refused_with_its_position():
    assert refused('{"mentees": [}') == "invalid JSON at line 1 column 14: Expecting value"


def test_a_top_level_that_is_not_an_object_is_refused():
    assert refused("[1, 2]") == "instance: must be a JSON object"


def test_missing_required_fields_are_named():
    data = copy.deepcopy(BASE)
    del data["mentors"]
    assert refused(data) == "instance: missing field 'mentors'"


@pytest.mark.parametrize(
    ("locked", "excluded", "max_pairs", "message"),
    [
        ([["e-1", "m-1"]], [["e-1", "m-1"]], None, "locked[0]: pair ('e-1', 'm-1') is both locked and excluded"),
        (
            [["e-2", "m-1"], ["e-2", "m-2"]],
            [],
            None,
            "locked[1]: pair ('e-2', 'm-2') cannot be honoured: mentee 'e-2' is already locked to mentor 'm-1' (locked[0])",
        ),
        ([["e-1", "m-1"], ["e-1", "m-1"]], [], None, "locked[1]: pair ('e-1', 'm-1') is locked twice (also locked[0])"),
        (
            [["e-1", "m-1"], ["e-2", "m-1"]],
            [],
            None,
            "locked[1]: pair ('e-2', 'm-1') cannot be honoured: mentor 'm-1' has capacity 1 and more locked mentees than that",
        ),
        (
            [["e-1", "m-1"], ["e-2", "m-2"]],
            [],
            1,
            "locked[1]: pair ('e-2', 'm-2') cannot be honoured: more locks than the program's maximum of 1 partnerships",
        ),
        (
            [["e-3", "m-1"]],
            [],
            None,
            "locked[0]: pair ('e-3', 'm-1') cannot be honoured: it is not among the candidates",
        ),
    ],
)
def test_locks_that_cannot_be_honoured_name_the_pair(locked, excluded, max_pairs, message):
    data = copy.deepcopy(BASE)
    data.update(locked=locked, excluded=excluded, max_pairs=max_pairs)
    assert refused(data) == message


def test_excluding_a_pair_that_is_not_a_candidate_is_harmless():
    data = edited("excluded", [["e-3", "m-1"]])
    assert not load_instance(json.dumps(data)).excluded.any()


def arrays(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "mentee_ids": ["a", "b"],
        "mentor_ids": ["x"],
        "capacity": [1],
        "cand_mentee": [0, 1],
        "cand_mentor": [0, 0],
        "score": [1.0, 2.0],
    }
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cand_mentor": [0, 3]}, "candidates[1].mentor: index 3 out of range"),
        ({"cand_mentee": [-1, 1]}, "candidates[0].mentee: index -1 out of range"),
        ({"score": [1.0, np.nan]}, "candidates[1].score: must be a finite number, not nan"),
        ({"score": [1.0]}, "candidates: mentee, mentor and score arrays differ in length"),
        ({"capacity": [1, 2]}, "mentors: 1 ids but 2 capacities"),
        ({"capacity": [-3]}, "mentors[0].capacity: must be an integer from 0 to 1000000000, not -3"),
        ({"mentee_ids": ["a", "a"]}, "mentees[1].id: duplicate id 'a' (also mentees[0])"),
        ({"cand_mentee": [1, 1]}, "candidates[1]: duplicate pair ('b', 'x') (also candidates[0])"),
        ({"excluded": [True]}, "excluded: the mask must have one entry per candidate (2), not (1,)"),
        ({"locked": [5]}, "locked[0]: candidate index 5 out of range"),
        (
            {"component_names": ["needs"], "components": np.array([[1.0], [np.inf]])},
            "candidates[1].components: must be finite numbers",
        ),
    ],
)
def test_array_instances_are_checked_too(overrides, message):
    with pytest.raises(InstanceError, match=f"^{re.escape(message)}$"):
        check_instance(**arrays(**overrides))
