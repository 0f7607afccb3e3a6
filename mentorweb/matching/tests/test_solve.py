"""Hand-made instances: each objective, locks, the program cap, and every reason for being left out."""

from __future__ import annotations

import pytest

from mentorweb.matching.engine import REASON_TEXT, ReasonCode, instance_from_dict, result_to_dict, solve
from mentorweb.matching.tests.helpers import assignment, instance, reasons, solved


def test_participation_matches_more_people_before_a_higher_score():
    # Alone, a-x (10) is the best pair; but b can only take x, so participation gives x to b
    # and a goes to y, matching both.
    inst = instance(mentees=["a", "b"], mentors={"x": 1, "y": 1}, pairs={("a", "x"): 10, ("a", "y"): 1, ("b", "x"): 2})
    result = solved(inst)
    assert assignment(result) == {"a": "y", "b": "x"}
    assert result["total_score"] == 3
    assert result["matched"] == 2


def test_score_objective_maximizes_the_total_even_if_fewer_are_matched():
    inst = instance(
        mentees=["a", "b"],
        mentors={"x": 1, "y": 1},
        pairs={("a", "x"): 10, ("a", "y"): 1, ("b", "x"): 2},
        objective="score",
    )
    result = solved(inst)
    # a-x alone scores 10, more than a-y + b-x = 3.
    assert assignment(result) == {"a": "x"}
    assert result["total_score"] == 10
    assert reasons(result) == {"b": "candidates_full"}


def test_participation_then_score_breaks_ties_between_equally_large_assignments():
    inst = instance(
        mentees=["a", "b"],
        mentors={"x": 1, "y": 1},
        pairs={("a", "x"): 5, ("a", "y"): 4, ("b", "x"): 4, ("b", "y"): 1},
    )
    # Both perfect matchings match two people: a-x + b-y = 6, a-y + b-x = 8.
    assert assignment(solved(inst)) == {"a": "y", "b": "x"}


def test_participation_takes_a_negative_pair_to_match_one_more_mentee():
    inst = instance(mentees=["a"], mentors={"x": 1}, pairs={("a", "x"): -2.5})
    result = solved(inst)
    assert assignment(result) == {"a": "x"}
    assert result["total_score"] == -2.5


@pytest.mark.parametrize("score", [0.0, -1.0, 0.0004])
def test_score_objective_leaves_pairs_that_add_nothing_and_says_so(score):
    # 0.0004 rounds to 0 at the engine's precision of 0.001, so it is not worth taking either.
    inst = instance(mentees=["a"], mentors={"x": 1}, pairs={("a", "x"): score}, objective="score")
    result = solved(inst)
    assert result["pairs"] == []
    assert reasons(result) == {"a": "not_worth_it"}
    assert result["unmatched"][0]["detail"] == REASON_TEXT[ReasonCode.NOT_WORTH_IT]


def test_capacity_lets_one_mentor_take_several_mentees():
    inst = instance(mentees=["a", "b", "c"], mentors={"x": 2}, pairs={("a", "x"): 1, ("b", "x"): 3, ("c", "x"): 2})
    result = solved(inst)
    assert assignment(result) == {"b": "x", "c": "x"}
    assert reasons(result) == {"a": "candidates_full"}


def test_program_cap_limits_partnerships_and_keeps_the_best():
    inst = instance(
        mentees=["a", "b", "c"],
        mentors={"x": 1, "y": 1, "z": 1},
        pairs={("a", "x"): 1, ("b", "y"): 5, ("c", "z"): 3},
        max_pairs=2,
    )
    result = solved(inst)
    assert assignment(result) == {"b": "y", "c": "z"}
    assert reasons(result) == {"a": "over_cap"}


def test_full_candidates_come_before_the_cap_when_both_hold():
    # The cap (1) is reached, and a's only mentor is full: "full" says more than "cap".
    inst = instance(mentees=["a", "b"], mentors={"x": 1}, pairs={("a", "x"): 1, ("b", "x"): 2}, max_pairs=1)
    assert reasons(solved(inst)) == {"a": "candidates_full"}


def test_a_cap_of_zero_matches_nobody():
    inst = instance(mentees=["a"], mentors={"x": 1}, pairs={("a", "x"): 1}, max_pairs=0)
    assert reasons(solved(inst)) == {"a": "over_cap"}


def test_no_candidates_and_excluded_reasons():
    inst = instance(
        mentees=["a", "b", "c"],
        mentors={"x": 1, "y": 1},
        pairs={("b", "x"): 1, ("b", "y"): 2, ("c", "y"): 1},
        excluded=[("b", "x"), ("b", "y"), ("a", "x")],
    )
    result = solved(inst)
    assert reasons(result) == {"a": "no_candidates", "b": "excluded"}
    assert {u["mentee"]: u["detail"] for u in result["unmatched"]}["a"] == "no eligible mentor"
    assert assignment(result) == {"c": "y"}


def test_an_excluded_pair_is_never_used_even_when_it_is_the_best():
    inst = instance(
        mentees=["a"], mentors={"x": 1, "y": 1}, pairs={("a", "x"): 9, ("a", "y"): 1}, excluded=[("a", "x")]
    )
    assert assignment(solved(inst)) == {"a": "y"}


def test_locks_are_honoured_and_count_against_capacity_and_cap():
    inst = instance(
        mentees=["a", "b", "c"],
        mentors={"x": 1, "y": 2},
        pairs={("a", "x"): 1, ("a", "y"): 9, ("b", "x"): 9, ("c", "y"): 5},
        locked=[("b", "x")],
        max_pairs=2,
    )
    result = solved(inst)
    # The lock uses x and one of the two partnerships; the other goes to the best of a-y (9), c-y (5).
    assert assignment(result) == {"a": "y", "b": "x"}
    assert [p["locked"] for p in result["pairs"]] == [False, True]
    assert reasons(result) == {"c": "over_cap"}


def test_a_lock_is_kept_even_if_it_lowers_the_score():
    inst = instance(
        mentees=["a", "b"],
        mentors={"x": 1},
        pairs={("a", "x"): 1, ("b", "x"): 8},
        locked=[("a", "x")],
        objective="score",
    )
    result = solved(inst)
    assert assignment(result) == {"a": "x"}
    assert reasons(result) == {"b": "candidates_full"}


def test_a_lock_on_a_non_positive_pair_is_kept_under_the_score_objective():
    inst = instance(mentees=["a"], mentors={"x": 1}, pairs={("a", "x"): -1}, locked=[("a", "x")], objective="score")
    assert assignment(solved(inst)) == {"a": "x"}


def test_pairs_carry_their_components_and_the_float_total():
    inst = instance_from_dict(
        {
            "mentees": [{"id": "a"}, {"id": "b"}],
            "mentors": [{"id": "x", "capacity": 2}],
            "candidates": [
                {"mentee": "a", "mentor": "x", "score": 0.1, "components": {"needs": 0.06, "ranking": 0.04}},
                {"mentee": "b", "mentor": "x", "score": 0.2, "components": {"needs": 0.2}},
            ],
        }
    )
    result = result_to_dict(solve(inst))
    assert result["pairs"][0]["components"] == {"needs": 0.06, "ranking": 0.04}
    # A component a pair does not have is left out, not reported as zero.
    assert result["pairs"][1]["components"] == {"needs": 0.2}
    assert result["total_score"] == pytest.approx(0.3, abs=1e-15)


def test_scores_are_compared_at_the_documented_precision():
    # 1.0004 and 1.0 scale to the same integer (1000): both assignments are optimal for the
    # solver, and the result reports the float total of the one it picked.
    inst = instance(mentees=["a", "b"], mentors={"x": 1}, pairs={("a", "x"): 1.0004, ("b", "x"): 1.0})
    result = solve(inst)
    assert result.total_scaled == 1000
    assert result.total_score in (1.0004, 1.0)


def test_an_empty_instance_has_an_empty_result():
    result = solved(instance(mentees=[], mentors={}, pairs={}))
    assert result == {
        "objective": "participation",
        "max_pairs": None,
        "matched": 0,
        "total_score": 0.0,
        "pairs": [],
        "unmatched": [],
    }


def test_a_mentor_with_no_capacity_leaves_its_candidates_full():
    inst = instance(mentees=["a"], mentors={"x": 0}, pairs={("a", "x"): 3})
    assert reasons(solved(inst)) == {"a": "candidates_full"}
