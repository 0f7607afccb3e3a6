"""Every benchmark of the project, as `make benchmarks` runs them: for now the matching engine's.

Arguments are passed on, e.g. `python benchmarks/run.py --sizes 1000,10000`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
