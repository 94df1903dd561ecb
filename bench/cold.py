"""Start-up: a cold `journeymap render` against the import floor; and renders in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PYTHON, Table, median, secs, verdict, wall
from generate import generate

TYPICAL_STEPS = 12
FLOOR = "import lark, click, svgwrite"
"""Issue #9's floor for `render`: the libraries a renderer was expected to import."""
CHECK_FLOOR = "import lark, click"
"""Issue #2's floor for `check`."""


def _journeymap_command() -> list[str]:
    # The console script, as users run it; `python -m` where it is not installed.
    script = Path(PYTHON).with_name("journeymap")
    return [str(script)] if script.exists() else [PYTHON, "-m", "journeymap"]


def cold_start(repeats: int) -> tuple[Table, dict[str, float]]:
    """Median wall time of each command, interleaved so machine noise falls on all alike."""
    import journeymap

    # Bytecode as an installed package has it (pip compiles on install).
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(Path(journeymap.__file__).parent)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    jm = _journeymap_command()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "typical.journey"
        source.write_text(generate(TYPICAL_STEPS), encoding="utf-8")
        out = Path(tmp) / "typical.svg"
        env = dict(os.environ)
        commands = {
            f'python -c "{FLOOR}" (floor)': [PYTHON, "-c", FLOOR],
            f'python -c "{CHECK_FLOOR}" (check floor)': [PYTHON, "-c", CHECK_FLOOR],
            "python -c pass (interpreter alone)": [PYTHON, "-c", "pass"],
            "journeymap check": [*jm, "check", str(source)],
            "journeymap render (svg)": [*jm, "render", str(source), "-o", str(out)],
        }
        for command in commands.values():
            wall(command, env=env)  # warm the operating system's page cache once
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(repeats):
            for name, command in commands.items():
                times[name].append(wall(command, env=env))
    medians = {name: median(values) for name, values in times.items()}
    floor = medians[f'python -c "{FLOOR}" (floor)']
    check_floor = medians[f'python -c "{CHECK_FLOOR}" (check floor)']
    table = Table(
        f"Cold start ({TYPICAL_STEPS}-step map, {repeats} interleaved runs)",
        ["command", "median wall (s)", "ratio to floor", "ratio to check floor", "target"],
        "lrrrl",
    )
    for name, value in medians.items():
        target = ""
        if name == "journeymap render (svg)":
            target = f"<= 1.5x floor ({verdict(value / floor <= 1.5)})"
        elif name == "journeymap check":
            target = f"<= 1.5x check floor ({verdict(value / check_floor <= 1.5)})"
        table.add(
            name, f"{value:.3f}", f"{value / floor:.2f}", f"{value / check_floor:.2f}", target
        )
    figures = {"floor": floor, "check floor": check_floor}
    return table, {
        **figures,
        "render": medians["journeymap render (svg)"],
        "check": medians["journeymap check"],
    }


def _in_process_times(repeats: int) -> dict[str, list[float]]:
    """Seconds of each call, every run after the first (run in a fresh process)."""
    import journeymap
    from journeymap.emit.pipeline import render

    text = generate(TYPICAL_STEPS)
    journey = journeymap.loads(text, name="typical.journey")
    runs = {
        "render(journey) map svg": lambda: render(journey),
        "render(journey) blueprint svg": lambda: render(journey, view="blueprint"),
        "render(loads(text)) map svg": lambda: render(journeymap.loads(text, name="t.journey")),
    }
    out: dict[str, list[float]] = {}
    for name, run in runs.items():
        run()
        times = out[name] = []
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return out


def in_process(repeats: int) -> tuple[Table, dict[str, float]]:
    """Renders after the first in one process: the path of MkDocs, Sphinx and watch mode.

    Timed in a fresh interpreter, as a docs build has: the benchmark process
    itself has just held 10,000-step drawings, and its heap would slow it.
    """
    done = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--in-process", str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    results: dict[str, list[float]] = json.loads(done.stdout)
    table = Table(
        f"In-process render of the typical {TYPICAL_STEPS}-step journey (after the first)",
        ["call", "median (ms)", "best (ms)", "target"],
        "lrrl",
    )
    figures = {}
    for name, times in results.items():
        figures[name] = median(times)
        target = f"< 10 ms ({verdict(median(times) < 0.010)})" if "map" in name else ""
        table.add(name, f"{median(times) * 1000:.2f}", f"{min(times) * 1000:.2f}", target)
    table.notes.append(
        f"{repeats} runs of each in a fresh process; its in-memory caches stay warm, as in a "
        "docs build or a watch: the figure is what the second and later renders cost. "
        "render(loads(text)) also parses and compiles."
    )
    return table, figures


_PHASES = r"""
import gc, sys, time
gc.set_threshold(100_000, 50, 100)  # as `journeymap render` (console.main) sets it
start = time.perf_counter()
from journeymap.cli import console  # the console script; a plain render never imports click
from journeymap.cli import run as plain_run
from journeymap.compiler import load
from journeymap.emit import pipeline
from journeymap.emit import views
from journeymap.layout import map as _map_layout, blueprint as _blueprint_layout
from journeymap.emit.output import write_atomic
from pathlib import Path
imported = time.perf_counter()
result = load.compile_file(sys.argv[1])
compiled = time.perf_counter()
svg = pipeline.render(result.journey, view=sys.argv[3])
drawn = time.perf_counter()
write_atomic(Path(sys.argv[2]), svg.encode())
written = time.perf_counter()
print(imported - start, compiled - imported, drawn - compiled, written - drawn)
"""


def phases(steps: list[int], repeats: int) -> Table:
    """Where a cold `journeymap render` spends its time, phase by phase, at each size.

    Each run is a fresh interpreter that times itself; the interpreter's own
    start-up (`python -c pass`) is measured beside it. The maps at each size,
    then the largest blueprint as the peers draw it (lanes only).
    """
    names = ["import journeymap", "compile (first)", "draw (first)", "write"]
    table = Table(
        f"Where a cold render's time goes (median of {repeats} fresh processes)",
        ["drawing", "interpreter", *names, "sum"],
        "lrrrrrr",
    )
    cases = [(f"map, {n:,} steps", generate(n), "map") for n in steps]
    big = max(steps)
    lanes = generate(big, lanes_only=True)
    cases.append((f"blueprint, {big:,} steps, lanes only", lanes, "blueprint"))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)
        for label, text, view in cases:
            source = Path(tmp) / "drawing.journey"
            source.write_text(text, encoding="utf-8")
            out = str(Path(tmp) / "out.svg")
            command = [PYTHON, "-c", _PHASES, str(source), out, view]
            subprocess.run(command, check=True, env=env, capture_output=True)  # warm-up
            runs, bare = [], []
            for _ in range(repeats):
                bare.append(wall([PYTHON, "-c", "pass"], env=env))
                done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
                runs.append([float(x) for x in done.stdout.split()])
            cells = [median(bare), *(median([r[i] for r in runs]) for i in range(len(names)))]
            table.add(label, *(secs(c) for c in cells), secs(sum(cells)))
    table.notes.append(
        "Seconds. The phases of `journeymap render FILE -o OUT` timed inside one fresh "
        "interpreter; `interpreter` is `python -c pass` beside it. First calls include "
        "one-time work: compiling the line expression, loading the theme and the font "
        "metrics."
    )
    return table


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--in-process":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        print(json.dumps(_in_process_times(int(sys.argv[2]))))
    else:
        sys.exit("usage: cold.py --in-process REPEATS")
