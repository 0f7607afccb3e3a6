"""`mentorweb-match INSTANCE.json` (or `-` for standard input): solve one instance, print the result.

The instance is a JSON object:

    {"objective": "participation" | "score",          (optional, default "participation")
     "max_pairs": 40 | null,                           (optional, default null: no program cap)
     "mentees": [{"id": "e-1"}, ...],
     "mentors": [{"id": "m-1", "capacity": 2}, ...],
     "candidates": [{"mentee": "e-1", "mentor": "m-1", "score": 12.5,
                     "components": {"needs": 3.0, ...}}, ...],   (components optional)
     "locked": [["e-1", "m-1"], ...],                  (optional)
     "excluded": [["e-2", "m-1"], ...]}                (optional)

The result printed on standard output:

    {"objective": ..., "max_pairs": ..., "matched": 1, "total_score": 12.5,
     "pairs": [{"mentee": "e-1", "mentor": "m-1", "score": 12.5, "components": {...}, "locked": true}],
     "unmatched": [{"mentee": "e-2", "reason": "excluded", "detail": "every candidate pair was ..."}]}

Malformed input exits with status 2 and a message on standard error that names the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .io import dump_result, load_instance
from .model import InstanceError
from .solve import solve

PROG = "mentorweb-match"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Optimal one-to-one mentoring matches for one pool. Prints the result as JSON.",
    )
    parser.add_argument("instance", help="the instance as a JSON file, or - to read standard input")
    parser.add_argument("--compact", action="store_true", help="print the result on one line")
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        text = _read(args.instance)
    except (OSError, UnicodeDecodeError) as error:
        print(f"{PROG}: error: cannot read {args.instance}: {error}", file=sys.stderr)
        return 2
    try:
        instance = load_instance(text)
    except InstanceError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    result = solve(instance)
    sys.stdout.write(dump_result(result, indent=None if args.compact else 2) + "\n")
    return 0
