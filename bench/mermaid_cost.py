"""Cost of `journeymap import mermaid`: 10,000 tasks against 1,000, measured in the same run.

Issue 20 asks that the import be linear: 10x the tasks costs at most 12x the
time, also when every task has the same name (which gives the compiler
10,000 automatic IDs of one base). Each figure is the library's
`import_mermaid` (parse, write, format, compile), best of a few runs, with
the cyclic collector set as `journeymap import mermaid` sets it. The time is
this process's CPU time: the ratio is about the work, and on a shared
machine wall-clock time also counts the other processes' turns.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from common import Table, secs, verdict

LINEAR = 12
"""Issue 20: 10x the tasks costs at most this many times the time."""

KINDS = ("distinct names", "one name")


def mermaid_journey(tasks: int, one_name: bool) -> bytes:
    """A Mermaid journey of `tasks` tasks in sections of 10, with 50 actors, or all alike."""
    lines = ["journey", "  title A long journey"]
    for i in range(tasks):
        if i % 10 == 0:
            lines.append(f"  section {'Stage' if one_name else f'Stage {i // 10}'}")
        name = "Task" if one_name else f"Task {i} of the journey"
        actors = "Me" if one_name else f"Person {i % 50}, Person {(i + 7) % 50}"
        lines.append(f"    {name}: {i % 5 + 1}: {actors}")
    return ("\n".join(lines) + "\n").encode()


def _best_cpu(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def _timed(data: bytes, repeats: int) -> float:
    from journeymap.integrations.mermaid_in import import_mermaid

    result = import_mermaid(data, "bench.mmd")
    assert result.text is not None and not result.diagnostics, result.diagnostics[:3]
    # As the console script runs any command but render and check (cli/console.py).
    gc.enable()
    gc.set_threshold(100_000, 50, 100)
    try:
        return _best_cpu(repeats, lambda: import_mermaid(data, "bench.mmd"))
    finally:
        gc.set_threshold(700, 10, 10)


def mermaid_table(quick: bool) -> tuple[Table, dict[str, float]]:
    """The table, and `kind -> time ratio` of the big size against the small one."""
    small, big = (100, 1_000) if quick else (1_000, 10_000)
    repeats = 2 if quick else 3
    table = Table(
        "Mermaid import: growth with the number of tasks (issue 20)",
        ["tasks", *KINDS],
        "rrr",
    )
    times = {
        (kind, size): _timed(mermaid_journey(size, kind == "one name"), repeats)
        for kind in KINDS
        for size in (small, big)
    }
    for size in (small, big):
        table.add(f"{size:,}", *(secs(times[(kind, size)]) for kind in KINDS))
    ratios = {kind: times[(kind, big)] / times[(kind, small)] for kind in KINDS}
    table.add("ratio", *(f"{ratios[kind]:.1f}x" for kind in KINDS))
    table.notes.append(
        f"`import_mermaid` in the library, CPU seconds, best of {repeats}; target: {big:,} "
        "tasks at most "
        f"{LINEAR}x the time of {small:,} (10x the work)."
    )
    return table, ratios


def mermaid_targets(table: Table, ratios: dict[str, float]) -> None:
    """Issue 20's rows of the Targets table."""
    for kind in KINDS:
        table.add(
            f"Mermaid import, 10x the tasks ({kind}) <= {LINEAR}x the time (issue 20)",
            f"{ratios[kind]:.1f}x",
            verdict(ratios[kind] <= LINEAR),
        )
