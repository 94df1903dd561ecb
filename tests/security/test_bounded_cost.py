"""Bounded cost: huge journeys, a 5 MB label and an 80,000-character word finish or are refused.

These tests check what happens and cap peak memory far above what the work
needs; they time nothing (the machines are shared and noisy). How the cost
grows is measured in the benchmark, as ratios within one run (bench/cost.py,
docs/performance.md).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from journeymap.compiler.load import compile_bytes
from journeymap.emit.dot_tables import wrap
from journeymap.layout.text import wrap_text

_PROGRAM = """
import resource, sys, time
from journeymap.compiler.load import compile_string
from journeymap.emit.pipeline import render
steps, draw = int(sys.argv[1]), sys.argv[2]
lines = ["journey: Big"]
for i in range(steps):
    if i % 10 == 0:
        lines.append(f"stage s{i}: Stage {i}")
    lines.append(f"step x{i}: Step {i} of the journey")
began = time.monotonic()
result = compile_string("\\n".join(lines))
assert result.journey is not None and not result.has_errors
if draw != "none":
    assert render(result.journey, view=draw).startswith("<svg")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{time.monotonic() - began:.2f} {peak}")
"""


def _run(steps: int, draw: str) -> tuple[float, int]:
    run = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(steps), draw],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seconds, megabytes = run.stdout.split()
    return float(seconds), int(megabytes)


@pytest.mark.slow
def test_one_hundred_thousand_steps_compile_in_bounded_time_and_memory() -> None:
    _, megabytes = _run(100_000, "none")
    assert megabytes < 2048, megabytes


@pytest.mark.slow
def test_ten_thousand_steps_draw_in_bounded_time_and_memory() -> None:
    _, megabytes = _run(10_000, "blueprint")
    assert megabytes < 2048, megabytes


def test_a_five_megabyte_label_is_refused() -> None:
    result = compile_bytes(b"journey: T\nstep a: " + b"x" * 5_000_000 + b"\n")
    assert result.journey is None
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("E004", 2)]


@pytest.mark.parametrize("wrapper", [wrap_text, wrap], ids=["svg", "dot"])
def test_a_long_word_is_wrapped_whole(wrapper: object) -> None:
    # The word is broken across lines and nothing of it is lost; the wrapper once took
    # quadratic time on such a word, which would make 80,000 characters hang here.
    word = "W" * 80_000
    lines = wrapper(word, 120.0, 12.0)  # type: ignore[operator]
    assert len(lines) > 1 and "".join(lines) == word
