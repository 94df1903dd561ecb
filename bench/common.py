"""Shared helpers for the benchmarks: timing, growth exponents, Markdown tables."""

from __future__ import annotations

import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable


def best_of(repeats: int, run: Callable[[], object], *, cold_caches: bool = True) -> float:
    """The fastest of `repeats` timings of `run()`, in seconds (least disturbed by noise).

    With `cold_caches`, layout caches are cleared before each run, so a figure is
    a render from cold, not a re-render of text already wrapped.
    """
    from journeymap.layout.boxes import clear_caches

    times = []
    for _ in range(repeats):
        if cold_caches:
            clear_caches()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def wall(command: Sequence[str], *, env: dict[str, str] | None = None, **kwargs: object) -> float:
    """Wall-clock seconds of one run of `command`; raises if it fails."""
    start = time.perf_counter()
    subprocess.run(
        list(command),
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[arg-type]
    )
    return time.perf_counter() - start


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def exponent(sizes: Sequence[int], seconds: Sequence[float]) -> str:
    """The growth exponent k in time ~ n^k, the log-log slope between the two largest sizes.

    The smallest sizes are dominated by fixed costs, so the slope at the top is
    the one that says how a bigger journey will fare; 1.0 is linear, and
    n log n shows as slightly above 1 (about 1.1 between 1,000 and 10,000).
    """
    if len(sizes) < 2 or seconds[-2] <= 0 or seconds[-1] <= 0:
        return ""
    return f"{math.log(seconds[-1] / seconds[-2]) / math.log(sizes[-1] / sizes[-2]):.2f}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "missed")


def secs(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value >= 0.01 else f"{value * 1000:.2f} ms"


@dataclass
class Table:
    """A Markdown table with a heading and notes below it."""

    title: str
    header: list[str]
    align: str
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def markdown(self) -> str:
        lines = [f"## {self.title}", ""]
        if self.rows:  # a skipped section has only its notes, which say why
            lines.append("| " + " | ".join(self.header) + " |")
            lines.append("|" + "|".join(("---:" if a == "r" else ":---") for a in self.align) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in self.rows]
            lines += [""] if self.notes else []
        lines += self.notes
        return "\n".join(lines) + "\n"


def machine_facts() -> str:
    """One line naming the machine, so figures from different runs are not compared blindly."""
    import journeymap

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs (nproc), "
        f"Python {platform.python_version()}, journeymap {journeymap.__version__}, "
        f"load average at start {load:.2f}"
    )
