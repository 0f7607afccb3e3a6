"""Release many threads at once against the database.

Each thread opens its own connection (Django gives every thread one), waits at a barrier so
that all of them start their transaction together, and closes its connection at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection, connections


def run_at_once(work: Callable[[int], Any], threads: int) -> list[Any]:
    """Run work(i) in `threads` threads started together; returns each result or exception."""
    barrier = threading.Barrier(threads)
    results: list[Any] = [None] * threads

    def target(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # each outcome is asserted by the test
            results[i] = error
        finally:
            connections.close_all()

    pool = [threading.Thread(target=target, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    return results


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"
