"""Seeded, reproducible mentoring pools for the matching benchmarks and for trying the command line.

    python benchmarks/generate.py --mentees 1000 --seed 7 > instance.json
    mentorweb-match instance.json

The profiles imitate a province-wide program: 40 need/expertise tags with a few popular ones,
12 teaching portfolios, 60 school boards over 10 regions, English and French service (a French
minority and some bilingual people), 21 weekly availability slots, mentors about a third of the
mentees with capacities 1 to 3, some rankings, conflicts of interest and board vetoes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentorweb.matching.engine.candidates import build_instance
from mentorweb.matching.engine.io import instance_to_dict
from mentorweb.matching.engine.profiles import MenteeProfile, MentorProfile, Program, Weights

TAGS = [f"need-{t:02d}" for t in range(40)]
PORTFOLIOS = [f"portfolio-{p:02d}" for p in range(12)]
REGIONS = [f"region-{r}" for r in range(10)]
BOARDS = [f"board-{b:02d}" for b in range(60)]
SLOTS = [f"{day}-{part}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") for part in ("am", "pm", "eve")]
LANGUAGE_SETS = (("en",), ("fr",), ("en", "fr"))


def _popularity(rng: np.random.Generator, size: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, size + 1) ** 0.8
    rng.shuffle(weights)
    return weights / weights.sum()


def _picks(
    rng: np.random.Generator, items: Sequence[str], p: np.ndarray, rows: int, low: int, high: int
) -> list[list[str]]:
    """For each row, low..high distinct items drawn with probabilities p, all rows at once.

    Sorting log(p) plus Gumbel noise and keeping the first few is a draw without replacement
    weighted by p; one array operation instead of one rng.choice call per person.
    """
    keys = np.log(p)[None, :] + rng.gumbel(size=(rows, len(items)))
    order = np.argsort(-keys, axis=1)
    counts = rng.integers(low, high + 1, size=rows)
    return [[items[k] for k in order[r, : counts[r]]] for r in range(rows)]


def generate_profiles(n_mentees: int, *, seed: int = 0) -> tuple[list[MenteeProfile], list[MentorProfile], Program]:
    """Mentees, mentors (about a third as many) and the program rules, the same for the same seed."""
    rng = np.random.default_rng(seed)
    n_mentors = max(1, n_mentees // 3)
    tag_p = _popularity(rng, len(TAGS))
    slot_p = _popularity(rng, len(SLOTS))
    board_region = rng.integers(0, len(REGIONS), len(BOARDS))

    mentor_lang = rng.choice(3, size=n_mentors, p=[0.75, 0.15, 0.10])
    speakers = {lang: np.flatnonzero((mentor_lang == 2) | (mentor_lang == k)) for k, lang in enumerate(("en", "fr"))}
    mentor_board = rng.integers(0, len(BOARDS), n_mentors)
    expertise = _picks(rng, TAGS, tag_p, n_mentors, 3, 8)
    mentor_slots = _picks(rng, SLOTS, slot_p, n_mentors, 3, 8)
    mentors = []
    for j in range(n_mentors):
        years = rng.integers(0, 21, size=int(rng.integers(1, 4)))
        experience = {
            PORTFOLIOS[p]: float(y) for p, y in zip(rng.choice(12, years.size, replace=False), years, strict=True)
        }
        mentors.append(
            MentorProfile(
                id=f"m-{j}",
                capacity=int(rng.integers(1, 4)),
                expertise=expertise[j],
                experience=experience,
                region=REGIONS[board_region[mentor_board[j]]],
                remote_experience=bool(rng.random() < 0.25),
                languages=LANGUAGE_SETS[mentor_lang[j]],
                board=BOARDS[mentor_board[j]],
                availability=mentor_slots[j],
                eligible=bool(rng.random() < 0.98),
            )
        )

    mentee_lang = rng.choice(3, size=n_mentees, p=[0.80, 0.15, 0.05])
    mentee_board = rng.integers(0, len(BOARDS), n_mentees)
    needs = _picks(rng, TAGS, tag_p, n_mentees, 2, 5)
    mentee_slots = _picks(rng, SLOTS, slot_p, n_mentees, 3, 8)
    mentees = []
    for i in range(n_mentees):
        languages = LANGUAGE_SETS[mentee_lang[i]]
        ranking: list[str] = []
        if rng.random() < 0.3:
            pool = speakers[languages[0]]
            count = min(int(rng.integers(1, 6)), pool.size)
            ranking = [f"m-{j}" for j in rng.choice(pool, size=count, replace=False)]
        mentees.append(
            MenteeProfile(
                id=f"e-{i}",
                needs=needs[i],
                portfolio=PORTFOLIOS[int(rng.integers(0, 12))] if rng.random() < 0.95 else None,
                region=REGIONS[board_region[mentee_board[i]]],
                remote=bool(rng.random() < 0.15),
                languages=languages,
                board=BOARDS[mentee_board[i]],
                ranking=ranking,
                board_preference=[None, "same", "different"][int(rng.choice(3, p=[0.4, 0.3, 0.3]))],  # type: ignore[arg-type]
                availability=mentee_slots[i],
                eligible=bool(rng.random() < 0.99),
            )
        )

    # Conflicts of interest: a few mentors supervise, evaluate or line-manage mentees of their board.
    by_board = [np.flatnonzero(mentee_board == b) for b in range(len(BOARDS))]
    for j in np.flatnonzero(rng.random(n_mentors) < 0.05).tolist():
        local = by_board[mentor_board[j]]
        if local.size:
            ids = [f"e-{i}" for i in rng.choice(local, size=min(3, local.size), replace=False)]
            mentors[j] = replace(mentors[j], supervises=ids[:1], evaluates=ids[1:2], reporting_line=ids[2:])
    vetoes = [
        (BOARDS[b], f"m-{j}") for b in range(len(BOARDS)) for j in rng.choice(n_mentors, size=max(1, n_mentors // 200))
    ]
    return mentees, mentors, Program(weights=Weights(), vetoes=vetoes, top_k=50)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print a generated matching instance as JSON (candidates built from profiles)."
    )
    parser.add_argument("--mentees", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--objective", choices=("participation", "score"), default="participation")
    parser.add_argument("--max-pairs", type=int, default=None)
    args = parser.parse_args(argv)
    mentees, mentors, program = generate_profiles(args.mentees, seed=args.seed)
    program = replace(program, objective=args.objective, max_pairs=args.max_pairs)
    json.dump(instance_to_dict(build_instance(mentees, mentors, program)), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
