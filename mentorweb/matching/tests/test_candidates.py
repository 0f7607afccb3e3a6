"""Candidates from profiles: each hard rule keeps out what it should, scores follow their definitions,
and each mentee keeps its best K, checked against a plain-Python oracle written from the docstrings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mentorweb.matching.engine import InstanceError, ReasonCode, result_to_dict, solve
from mentorweb.matching.engine.candidates import build_instance
from mentorweb.matching.engine.profiles import (
    COMPONENTS,
    EXPERIENCE_FULL_YEARS,
    RANKING_DEPTH,
    MenteeProfile,
    MentorProfile,
    Program,
    Weights,
)
from mentorweb.matching.engine.selection import best_k

EN = ("en",)


def pairs_of(mentees, mentors, program=None):
    inst = build_instance(mentees, mentors, program or Program())
    return {(inst.mentee_ids[a], inst.mentor_ids[b]) for a, b in zip(inst.cand_mentee, inst.cand_mentor, strict=True)}


def one_pair(mentee, mentor, program=None):
    inst = build_instance([mentee], [mentor], program or Program())
    assert inst.n_candidates == 1
    return inst.score[0], inst.pair_components(0)


@pytest.mark.parametrize(
    ("mentee", "mentor", "program"),
    [
        (MenteeProfile("e", languages=EN, eligible=False), MentorProfile("m", 1, languages=EN), None),
        (MenteeProfile("e", languages=EN), MentorProfile("m", 1, languages=EN, eligible=False), None),
        (MenteeProfile("e", languages=EN), MentorProfile("m", 0, languages=EN), None),
        (MenteeProfile("e", languages=("fr",)), MentorProfile("m", 1, languages=EN), None),
        (MenteeProfile("e", languages=()), MentorProfile("m", 1, languages=EN), None),
        (MenteeProfile("e", languages=EN), MentorProfile("m", 1, languages=EN, supervises=["e"]), None),
        (MenteeProfile("e", languages=EN), MentorProfile("m", 1, languages=EN, evaluates=["e"]), None),
        (MenteeProfile("e", languages=EN), MentorProfile("m", 1, languages=EN, reporting_line=["e"]), None),
        (MenteeProfile("p", languages=EN), MentorProfile("p", 1, languages=EN), None),
        (
            MenteeProfile("e", languages=EN, board="north"),
            MentorProfile("m", 1, languages=EN),
            Program(vetoes=[("north", "m")]),
        ),
    ],
    ids=[
        "mentee-ineligible",
        "mentor-ineligible",
        "mentor-without-capacity",
        "no-shared-language",
        "mentee-without-language",
        "supervises",
        "evaluates",
        "reporting-line",
        "own-mentor",
        "board-veto",
    ],
)
def test_each_hard_rule_keeps_the_pair_out(mentee, mentor, program):
    assert pairs_of([mentee], [mentor], program) == set()
    # The same pair without the obstacle is a candidate, so the test can fail.
    fixed_mentee = replace(mentee, id="e2", eligible=True, languages=EN)
    fixed_mentor = replace(
        mentor, id="m2", capacity=1, eligible=True, languages=EN, supervises=(), evaluates=(), reporting_line=()
    )
    assert pairs_of([fixed_mentee], [fixed_mentor], program) == {("e2", "m2")}


def test_a_veto_touches_only_its_board():
    mentees = [MenteeProfile("n", languages=EN, board="north"), MenteeProfile("s", languages=EN, board="south")]
    found = pairs_of(mentees, [MentorProfile("m", 1, languages=EN)], Program(vetoes=[("north", "m")]))
    assert found == {("s", "m")}


def test_one_shared_language_is_enough():
    mentee = MenteeProfile("e", languages=("fr", "en"))
    assert pairs_of([mentee], [MentorProfile("m", 1, languages=("en", "es"))]) == {("e", "m")}


def test_each_component_follows_its_definition():
    weights = Weights(needs=1, portfolio=1, ranking=1, board=1, context=1, availability=1)
    mentee = MenteeProfile(
        "e",
        needs=["a", "b", "c", "d"],
        portfolio="math",
        region="north",
        remote=True,
        languages=EN,
        board="b1",
        ranking=["gone", "other", "m"],
        board_preference="different",
        availability=["mon", "tue", "wed"],
    )
    mentor = MentorProfile(
        "m",
        1,
        expertise=["a", "c", "z"],
        experience={"math": 2.0, "art": 9.0},
        region="north",
        remote_experience=False,
        languages=EN,
        board="b2",
        availability=["tue", "sun"],
    )
    other = MentorProfile("other", 1, languages=("fr",))
    inst = build_instance([mentee], [mentor, other], Program(weights=weights))
    parts = inst.pair_components(0)
    assert parts == pytest.approx(
        {
            "needs": 2 / 4,
            "portfolio": 2.0 / EXPERIENCE_FULL_YEARS,
            # "gone" is not in the pool and takes no place; "other" is second, m third.
            "ranking": 1 - 1 / RANKING_DEPTH,
            "board": 1.0,
            "context": 0.5,  # remote mentee: same region counts half, the mentor lacks remote experience
            "availability": 1 / 3,
        }
    )
    assert inst.score[0] == pytest.approx(sum(parts.values()))


def test_weights_scale_components_and_the_score_is_their_sum():
    mentee = MenteeProfile("e", needs=["a"], languages=EN, board="b", board_preference="same")
    mentor = MentorProfile("m", 1, expertise=["a"], languages=EN, board="b")
    score, parts = one_pair(mentee, mentor, Program(weights=Weights(needs=4, board=0.5)))
    assert parts["needs"] == 4.0
    assert parts["board"] == 0.5
    assert score == 4.5


@pytest.mark.parametrize(
    ("preference", "mentee_board", "mentor_board", "value"),
    [
        ("same", "b", "b", 1.0),
        ("same", "b", "c", 0.0),
        ("different", "b", "c", 1.0),
        ("different", "b", "b", 0.0),
        ("different", "b", None, 0.0),
        ("same", None, None, 0.0),
        (None, "b", "b", 0.0),
    ],
)
def test_board_preference(preference, mentee_board, mentor_board, value):
    mentee = MenteeProfile("e", languages=EN, board=mentee_board, board_preference=preference)
    _, parts = one_pair(
        mentee, MentorProfile("m", 1, languages=EN, board=mentor_board), Program(weights=Weights(board=1))
    )
    assert parts["board"] == value


@pytest.mark.parametrize(
    ("remote", "same_region", "remote_experience", "value"),
    [
        (False, True, False, 1.0),
        (False, False, True, 0.0),
        (True, True, True, 1.0),
        (True, False, True, 0.5),
        (True, True, False, 0.5),
    ],
)
def test_region_and_remote_context(remote, same_region, remote_experience, value):
    mentee = MenteeProfile("e", languages=EN, region="north", remote=remote)
    mentor = MentorProfile(
        "m", 1, languages=EN, region="north" if same_region else "south", remote_experience=remote_experience
    )
    _, parts = one_pair(mentee, mentor, Program(weights=Weights(context=1)))
    assert parts["context"] == value


def test_experience_saturates_and_ranking_beyond_the_depth_counts_nothing():
    mentors = [MentorProfile(f"m{j}", 1, languages=EN, experience={"math": 40.0}) for j in range(RANKING_DEPTH + 1)]
    mentee = MenteeProfile("e", languages=EN, portfolio="math", ranking=[m.id for m in mentors])
    inst = build_instance([mentee], mentors, Program(weights=Weights(portfolio=1, ranking=1)))
    ranking = {inst.mentor_ids[b]: inst.pair_components(k)["ranking"] for k, b in enumerate(inst.cand_mentor)}
    assert ranking["m0"] == 1.0
    assert ranking[f"m{RANKING_DEPTH - 1}"] == pytest.approx(1 / RANKING_DEPTH)
    assert ranking[f"m{RANKING_DEPTH}"] == 0.0
    assert {inst.pair_components(k)["portfolio"] for k in range(inst.n_candidates)} == {1.0}


def test_only_the_best_k_are_kept_but_locks_and_exclusions_stay():
    mentors = [MentorProfile(f"m{j}", 1, languages=EN, expertise=[f"t{t}" for t in range(j)]) for j in range(6)]
    mentee = MenteeProfile("e", languages=EN, needs=[f"t{t}" for t in range(6)])
    program = Program(top_k=2, locked=[("e", "m0")], excluded=[("e", "m5")])
    inst = build_instance([mentee], mentors, program)
    kept = {inst.mentor_ids[b] for b in inst.cand_mentor}
    # m5 and m4 score best; m5 is excluded, so m4 and m3 fill the K places; m0 is locked; m5 stays marked.
    assert kept == {"m0", "m3", "m4", "m5"}
    assert [inst.mentor_ids[inst.cand_mentor[k]] for k in np.flatnonzero(inst.excluded)] == ["m5"]
    assert [inst.mentor_ids[inst.cand_mentor[k]] for k in inst.locked] == ["m0"]
    assert result_to_dict(solve(inst))["pairs"][0]["mentor"] == "m0"


def test_a_lock_that_breaks_a_hard_rule_is_an_error_naming_the_pair():
    mentee = MenteeProfile("e", languages=EN)
    mentor = MentorProfile("m", 1, languages=EN, evaluates=["e"])
    with pytest.raises(
        InstanceError, match=r"^locked\[0\]: pair \('e', 'm'\) cannot be honoured: conflict of interest$"
    ):
        build_instance([mentee], [mentor], Program(locked=[("e", "m")]))


def test_unknown_ids_in_locks_and_exclusions_are_errors():
    people = ([MenteeProfile("e", languages=EN)], [MentorProfile("m", 1, languages=EN)])
    with pytest.raises(InstanceError, match=r"^excluded\[0\]\[1\]: unknown mentor 'x'$"):
        build_instance(*people, Program(excluded=[("e", "x")]))
    with pytest.raises(InstanceError, match=r"^locked\[0\]\[0\]: unknown mentee 'x'$"):
        build_instance(*people, Program(locked=[("x", "m")]))


@pytest.mark.parametrize(
    ("program", "message"),
    [
        (Program(top_k=0), "top_k: must be at least 1, not 0"),
        (Program(weights=Weights(needs=float("nan"))), "weights: must be finite numbers"),
        (Program(objective="fairness"), "objective: must be 'participation' or 'score', not 'fairness'"),  # type: ignore[arg-type]
    ],
)
def test_bad_program_settings_are_refused(program, message):
    with pytest.raises(InstanceError, match=f"^{message}$"):
        build_instance([], [], program)


def test_bad_profiles_are_refused():
    with pytest.raises(InstanceError, match=r"^mentors\[1\]\.id: duplicate id 'm' \(also mentors\[0\]\)$"):
        build_instance([], [MentorProfile("m", 1), MentorProfile("m", 2)], Program())
    with pytest.raises(
        InstanceError, match=r"^mentors\[0\]\.capacity: must be an integer from 0 to 1000000000, not -1$"
    ):
        build_instance([], [MentorProfile("m", -1)], Program())


def test_mentees_without_candidates_are_told_which_rule_removed_the_last_mentor():
    mentors = [
        MentorProfile("en", 1, languages=EN, supervises=["conflicted"]),
        MentorProfile("en2", 1, languages=EN, reporting_line=["conflicted"]),
    ]
    mentees = [
        MenteeProfile("ok", languages=EN),
        MenteeProfile("french", languages=("fr",)),
        MenteeProfile("conflicted", languages=EN),
        MenteeProfile("vetoed", languages=EN, board="b"),
        MenteeProfile("out", languages=EN, eligible=False),
    ]
    inst = build_instance(mentees, mentors, Program(vetoes=[("b", "en"), ("b", "en2")]))
    result = result_to_dict(solve(inst))
    found = {u["mentee"]: (u["reason"], u["detail"]) for u in result["unmatched"]}
    assert found == {
        "french": ("no_candidates", "no eligible mentor serves in the mentee's language"),
        "conflicted": ("no_candidates", "every eligible mentor has a conflict of interest with the mentee"),
        "vetoed": (ReasonCode.VETOED.value, "every eligible mentor was vetoed by the mentee's board"),
        "out": ("no_candidates", "no eligible mentor: the mentee is not eligible for this program"),
    }


def test_best_k_matches_a_full_sort_on_rows_with_ties_and_forbidden_entries():
    rng = np.random.default_rng(5)
    for _ in range(60):
        height, width, k = int(rng.integers(1, 30)), int(rng.integers(1, 2500)), int(rng.integers(1, 60))
        scores = np.floor(rng.random((height, width)) * rng.integers(1, 40)).astype(np.float32)
        scores[rng.random((height, width)) < rng.random()] = -np.inf
        rows, cols = best_k(scores, k)
        for r in range(height):
            mine = cols[rows == r]
            assert np.unique(mine).size == mine.size
            expected = np.sort(scores[r][np.isfinite(scores[r])])[::-1][:k]
            assert np.array_equal(np.sort(scores[r, mine])[::-1], expected)


# The oracle: the documented rules and components, pair by pair, in plain Python.


def oracle_pair(mentee, mentor, vetoes, weights, mentor_ids):
    if not (mentee.eligible and mentor.eligible and mentor.capacity > 0):
        return None
    if not set(mentee.languages) & set(mentor.languages):
        return None
    if mentee.id in {*mentor.supervises, *mentor.evaluates, *mentor.reporting_line, mentor.id}:
        return None
    if (mentee.board, mentor.id) in vetoes:
        return None
    needs = len(set(mentee.needs) & set(mentor.expertise)) / len(set(mentee.needs)) if mentee.needs else 0.0
    years = mentor.experience.get(mentee.portfolio, 0.0) if mentee.portfolio else 0.0
    ranked = [m for m in dict.fromkeys(mentee.ranking) if m in mentor_ids][:RANKING_DEPTH]
    ranking = 1 - ranked.index(mentor.id) / RANKING_DEPTH if mentor.id in ranked else 0.0
    same = mentee.board is not None and mentee.board == mentor.board
    if mentee.board_preference == "same":
        board = float(same)
    elif mentee.board_preference == "different":
        board = float(mentee.board is not None and mentor.board is not None and not same)
    else:
        board = 0.0
    region = float(mentee.region is not None and mentee.region == mentor.region)
    context = (region + mentor.remote_experience) / 2 if mentee.remote else region
    slots = set(mentee.availability)
    availability = len(slots & set(mentor.availability)) / len(slots) if slots else 0.0
    raw = [needs, min(years, EXPERIENCE_FULL_YEARS) / EXPERIENCE_FULL_YEARS, ranking, board, context, availability]
    return [w * v for w, v in zip(weights.as_array().tolist(), raw, strict=True)]


def random_people(seed, n, m):
    rng = np.random.default_rng(seed)
    tags, slots, boards, regions = (
        list("abcdefg"),
        ["s1", "s2", "s3", "s4"],
        ["b1", "b2", "b3", None],
        ["r1", "r2", None],
    )

    def some(items, high):
        return [items[i] for i in rng.choice(len(items), size=int(rng.integers(0, high + 1)), replace=False)]

    langs = [("en",), ("fr",), ("en", "fr"), ()]
    mentors = [
        MentorProfile(
            f"m{j}",
            int(rng.integers(0, 3)),
            expertise=some(tags, 4),
            experience={p: float(rng.integers(0, 9)) for p in some(["p1", "p2", "p3"], 2)},
            region=regions[int(rng.integers(3))],
            remote_experience=bool(rng.random() < 0.5),
            languages=langs[int(rng.choice(4, p=[0.6, 0.15, 0.2, 0.05]))],
            board=boards[int(rng.integers(4))],
            availability=some(slots, 3),
            supervises=[f"e{i}" for i in rng.choice(n, size=int(rng.integers(0, 2)))],
            evaluates=[f"e{i}" for i in rng.choice(n, size=int(rng.integers(0, 2)))],
            eligible=bool(rng.random() < 0.9),
        )
        for j in range(m)
    ]
    mentees = [
        MenteeProfile(
            f"e{i}",
            needs=some(tags, 4),
            portfolio=[None, "p1", "p2", "p3"][int(rng.integers(4))],
            region=regions[int(rng.integers(3))],
            remote=bool(rng.random() < 0.3),
            languages=langs[int(rng.choice(4, p=[0.6, 0.15, 0.2, 0.05]))],
            board=boards[int(rng.integers(4))],
            ranking=[f"m{j}" for j in rng.integers(0, m + 2, size=int(rng.integers(0, 7)))],
            board_preference=[None, "same", "different"][int(rng.integers(3))],  # type: ignore[arg-type]
            availability=some(slots, 3),
            eligible=bool(rng.random() < 0.95),
        )
        for i in range(n)
    ]
    vetoes = {(boards[int(rng.integers(3))], f"m{j}") for j in rng.integers(0, m, size=m // 4)}
    return mentees, mentors, vetoes


@pytest.mark.parametrize(
    ("seed", "n", "m", "k"),
    # Small pools, where the rows are partitioned whole, and wide ones, where best_k samples.
    [(seed, 40, 25 + seed, 6) for seed in range(10)] + [(seed, 70, 400, 5) for seed in range(10, 13)],
)
def test_candidates_agree_with_the_oracle_on_random_profiles(seed, n, m, k):
    mentees, mentors, vetoes = random_people(seed, n, m)
    weights = Weights(needs=3, portfolio=2, ranking=2.5, board=1, context=1.5, availability=2)
    inst = build_instance(mentees, mentors, Program(weights=weights, vetoes=vetoes, top_k=k))
    mentor_ids = {p.id for p in mentors}
    got: dict[str, dict[str, float]] = {}
    for c in range(inst.n_candidates):
        got.setdefault(inst.mentee_ids[inst.cand_mentee[c]], {})[inst.mentor_ids[inst.cand_mentor[c]]] = float(
            inst.score[c]
        )
        expected = oracle_pair(mentees[inst.cand_mentee[c]], mentors[inst.cand_mentor[c]], vetoes, weights, mentor_ids)
        assert expected is not None, "a candidate breaks a hard rule"
        assert [inst.pair_components(c)[name] for name in COMPONENTS] == pytest.approx(expected, abs=1e-12)
    # Near-ties may be kept in either order: the tie-breaker and float32 rounding stay below this.
    tolerance = 2e-4 * float(np.abs(weights.as_array()).sum())
    for mentee in mentees:
        eligible = {
            p.id: sum(parts)
            for p in mentors
            if (parts := oracle_pair(mentee, p, vetoes, weights, mentor_ids)) is not None
        }
        kept = got.get(mentee.id, {})
        assert len(kept) == min(k, len(eligible))
        dropped = [s for mid, s in eligible.items() if mid not in kept]
        if kept and dropped:
            assert min(kept.values()) >= max(dropped) - tolerance
