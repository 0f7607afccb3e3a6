"""Matching engine benchmark: candidate building, the optimal engine, and a global-greedy baseline.

    python benchmarks/matching.py [--sizes 1000,10000,100000] [--seed 1]

For each size (number of mentees; mentors are a third of that, capacities 1 to 3, up to 50
candidate mentors per mentee) two child processes run one after the other, so that each peak
memory figure (ru_maxrss of the child) belongs to one step:
1. "build": generate the profiles (seeded; not timed), build the candidates from them (timed),
   save the instance to a temporary file;
2. "solve": load the instance, solve it with both objectives (timed), check every hard rule on
   the results, then run the greedy baseline in the same process (timed).
Prints one table row per step and method.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mentorweb.matching.engine.model import Instance, Objective
from mentorweb.matching.engine.solve import solve
from mentorweb.matching.engine.validate import check_instance

DEFAULT_SIZES = (1000, 10_000, 100_000)


class Timer:
    """Wall time and the CPU time of this process (all threads) over a `with` block.

    CPU time barely moves when other programs share the machine; wall time does.
    """

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def row(self, **extra: Any) -> dict[str, Any]:
        return {"time": self.wall, "cpu": self.cpu, **extra}


def _peak_mb() -> float:
    # Linux reports ru_maxrss in kibibytes.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def save_instance(instance: Instance, path: Path) -> None:
    np.savez(
        path,
        mentee_ids=np.array(instance.mentee_ids),
        mentor_ids=np.array(instance.mentor_ids),
        capacity=instance.capacity,
        cand_mentee=instance.cand_mentee,
        cand_mentor=instance.cand_mentor,
        score=instance.score,
        component_names=np.array(instance.component_names),
        components=instance.components,
        locked=instance.locked,
        excluded=instance.excluded,
    )


def load_instance(path: Path, objective: Objective) -> Instance:
    data = np.load(path)
    return check_instance(
        mentee_ids=data["mentee_ids"].tolist(),
        mentor_ids=data["mentor_ids"].tolist(),
        capacity=data["capacity"],
        cand_mentee=data["cand_mentee"],
        cand_mentor=data["cand_mentor"],
        score=data["score"],
        component_names=data["component_names"].tolist(),
        components=data["components"],
        objective=objective,
        locked=data["locked"],
        excluded=data["excluded"],
    )


def greedy(instance: Instance) -> tuple[int, float]:
    """Global greedy: all candidate pairs by decreasing score, each taken if both sides still can."""
    room = instance.capacity.tolist()
    taken = bytearray(instance.n_mentees)
    left = instance.n_mentees if instance.max_pairs is None else instance.max_pairs
    matched, total = 0, 0.0
    order = np.argsort(-instance.score, kind="stable")
    order = order[~instance.excluded[order]]
    # Chunks keep the Python lists small: five million pairs as lists would dwarf the engine's memory.
    for start in range(0, order.size, 1 << 16):
        chunk = order[start : start + (1 << 16)]
        rows = zip(
            instance.cand_mentee[chunk].tolist(),
            instance.cand_mentor[chunk].tolist(),
            instance.score[chunk].tolist(),
            strict=True,
        )
        for mentee, mentor, score in rows:
            if taken[mentee] or room[mentor] == 0:
                continue
            taken[mentee] = 1
            room[mentor] -= 1
            matched += 1
            total += score
            left -= 1
            if left == 0:
                return matched, total
    return matched, total


def check_result(instance: Instance, chosen: np.ndarray) -> None:
    """Every hard rule the solver is responsible for, on the arrays (the tests do it on small cases too)."""
    mentees, mentors = instance.cand_mentee[chosen], instance.cand_mentor[chosen]
    assert np.bincount(mentees, minlength=instance.n_mentees).max(initial=0) <= 1, "a mentee matched twice"
    assert (np.bincount(mentors, minlength=instance.n_mentors) <= instance.capacity).all(), "a mentor over capacity"
    assert not instance.excluded[chosen].any(), "an excluded pair was chosen"
    assert np.isin(instance.locked, chosen).all(), "a lock was not honoured"
    if instance.max_pairs is not None:
        assert chosen.size <= instance.max_pairs, "over the program cap"


def child_build(size: int, seed: int, path: Path) -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import generate_profiles

    from mentorweb.matching.engine.candidates import build_instance

    mentees, mentors, program = generate_profiles(size, seed=seed)
    with Timer() as timer:
        instance = build_instance(mentees, mentors, program)
    save_instance(instance, path)
    return timer.row(mentors=len(mentors), pairs=instance.n_candidates, peak_mb=_peak_mb())


def child_solve(path: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    loaded = load_instance(path, "participation")
    for objective in ("participation", "score"):
        # replace() shares the arrays: one copy of the instance in memory, as in real use.
        instance = replace(loaded, objective=objective)
        with Timer() as timer:
            result = solve(instance)
        check_result(instance, result.chosen)
        out[f"engine ({objective})"] = timer.row(matched=result.matched, total=result.total_score)
        del result
    with Timer() as timer:
        matched, total = greedy(instance)
    out["global greedy"] = timer.row(matched=matched, total=total)
    out["peak_mb"] = _peak_mb()
    return out


def _run_child(args: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"benchmark step {args[:2]} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--sizes", default=",".join(str(s) for s in DEFAULT_SIZES), help="mentee counts, comma-separated"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", choices=("build", "solve"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "build":
        print(json.dumps(child_build(args.size, args.seed, args.path)))
        return 0
    if args.child == "solve":
        print(json.dumps(child_solve(args.path)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    # Other work on the machine slows every figure down; the load average says how much there was.
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start\n")
    print(
        "| mentees | mentors | candidate pairs | step | wall time (s) | CPU time (s) | matched | total score | peak RSS (MB) |"
    )
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"instance-{size}.npz"
            built = _run_child(["--child", "build", "--size", str(size), "--seed", str(args.seed), "--path", str(path)])
            head = f"| {size:,} | {built['mentors']:,} | {built['pairs']:,} "
            times = f"{built['time']:.2f} | {built['cpu']:.2f}"
            print(f"{head}| candidates from profiles | {times} | | | {built['peak_mb']:,.0f} |", flush=True)
            solved = _run_child(["--child", "solve", "--path", str(path)])
            for name in ("engine (participation)", "engine (score)", "global greedy"):
                row = solved[name]
                print(
                    f"{head}| {name} | {row['time']:.2f} | {row['cpu']:.2f} | {row['matched']:,} | {row['total']:,.1f} "
                    f"| {solved['peak_mb']:,.0f} |",
                    flush=True,
                )
            path.unlink()
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
