"""Bounded cost: huge journeys, a 5 MB label and a 10,000-character word finish or are refused.

Figures measured on the 2-core CI machine (docs/security.md): compiling
100,000 steps takes about 11 s and 240 MB; drawing the map of 20,000 steps
about 11 s and 90 MB, and drawing grows linearly with the number of steps.
The limits below are generous multiples of those.
"""

from __future__ import annotations

import subprocess
import sys
import time

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
    seconds, megabytes = _run(100_000, "none")
    assert seconds < 60 and megabytes < 2048, (seconds, megabytes)


@pytest.mark.slow
def test_ten_thousand_steps_draw_in_bounded_time_and_memory() -> None:
    seconds, megabytes = _run(10_000, "blueprint")
    assert seconds < 60 and megabytes < 2048, (seconds, megabytes)


def test_a_five_megabyte_label_is_refused_quickly() -> None:
    began = time.monotonic()
    result = compile_bytes(b"journey: T\nstep a: " + b"x" * 5_000_000 + b"\n")
    assert time.monotonic() - began < 5
    assert result.journey is None
    assert [(d.code, d.location.line) for d in result.diagnostics] == [("E004", 2)]


def _seconds(work: object, *args: object) -> float:
    began = time.perf_counter()
    work(*args)  # type: ignore[operator]
    return time.perf_counter() - began


@pytest.mark.parametrize("wrapper", [wrap_text, wrap], ids=["svg", "dot"])
def test_a_long_word_wraps_in_linear_time(wrapper: object) -> None:
    short, long = "W" * 10_000, "W" * 80_000
    _seconds(wrapper, short, 120.0, 12.0)  # warm up
    small = min(_seconds(wrapper, short, 120.0, 12.0) for _ in range(3))
    large = min(_seconds(wrapper, long, 120.0, 12.0) for _ in range(3))
    # 8x the text: linear is ~8x; quadratic would be ~64x. Allow noise.
    assert large < small * 24 + 0.05, (small, large)
    lines = wrapper(short, 120.0, 12.0)  # type: ignore[operator]
    assert "".join(lines) == short
