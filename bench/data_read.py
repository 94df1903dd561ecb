"""Reading a large analytics export (issue 22): time against csv.reader, and peak memory.

    python bench/data_read.py            # a 50 MB, 200,000-row page export
    python bench/data_read.py --quick    # 20,000 rows (what bench/run.py --quick runs)

The export has one row per page of a site, nearly none of them in the
journey, as a real page report has. The goals, measured in the same run:
journeymap reads it in at most 3x the time of Python's `csv.reader` over the
same file, with a peak resident memory of at most 150 MB (the whole compile,
in a child process, interpreter included). A journey whose figures come from
a data file renders (compile and map SVG) in at most 1.1x the time of the
same journey without the file. bench/run.py runs `data_table`.
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import Table, verdict

ROWS = 200_000
QUICK_ROWS = 20_000
READ_GOAL = 3.0
MEMORY_GOAL_MB = 150
RENDER_GOAL = 1.1
RENDER_STAGES = 5
RENDER_STEPS = 6
"""The with/without journey: stages of steps, two touchpoints a step, every figure from data."""
JOURNEY = """\
journey: Pages
data "pages.csv" [id=page_path, count=sessions, duration=avg_time]
stage visit: Visit
  step home: Opens the home page
    touchpoint: Home [kind=digital]
"""
_CHILD = """\
import resource, sys
from journeymap.compiler.load import compile_file
result = compile_file(sys.argv[1])
assert result.journey is not None, result.diagnostics
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
"""The compile in a fresh process that reports its own peak (KiB): the parent's children
include every earlier benchmark's, whose peaks `RUSAGE_CHILDREN` would report instead."""


def write_export(path: Path, rows: int = ROWS) -> None:
    rnd = random.Random(22)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("page_path,sessions,avg_time,bounce rate,title,notes\n")
        for i in range(rows):
            title = f'"Page {i}, a title with a comma {"y" * 60}"'
            out.write(
                f"/p/{i}/{'x' * 40},{rnd.randint(1, 99999)},0:0{rnd.randint(1, 9)}:"
                f"{rnd.randint(10, 59)},{rnd.random() * 100:.2f}%,{title},{'z' * 80}\n"
            )


def best_of(repeats: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def read_figures(rows: int, repeats: int) -> dict[str, float]:
    """Seconds for `csv.reader` and for a compile reading the export; a compile's peak MB."""
    # after the export is planned: the import is not what is measured
    from journeymap.compiler.load import compile_file

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = base / "pages.csv"
        write_export(export, rows)
        journey = base / "map.journey"
        journey.write_text(JOURNEY, encoding="utf-8")

        def reader() -> None:
            with export.open(encoding="utf-8", newline="") as handle:
                for _ in csv.reader(handle):
                    pass

        def ours() -> None:
            result = compile_file(journey)
            assert result.journey is not None

        plain = best_of(repeats, reader)
        read = best_of(repeats, ours)
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(journey)], check=True, capture_output=True, text=True
        )
        peak_mb = int(child.stdout.split()[-1]) / 1024
        size_mb = export.stat().st_size / 1e6
    return {"csv.reader": plain, "journeymap": read, "peak MB": peak_mb, "size MB": size_mb}


def _render_journey(with_data: bool) -> str:
    lines = ["journey: Measured", *(['data "figures.csv"'] if with_data else [])]
    for stage in range(RENDER_STAGES):
        lines.append(f"stage s{stage}: Stage {stage}")
        for step in range(RENDER_STEPS):
            lines.append(f"  step s{stage}-{step}: Step {stage}.{step}")
            for tp in range(2):
                lines.append(f"    touchpoint t{stage}-{step}-{tp}: Page {tp} [kind=digital]")
    return "\n".join(lines) + "\n"


def _figures_csv() -> str:
    rows = ["id,count,duration,score"]
    for stage in range(RENDER_STAGES):
        rows.append(f"s{stage},{10_000 // (stage + 1)},,")
        for step in range(RENDER_STEPS):
            for tp in range(2):
                rows.append(f"t{stage}-{step}-{tp},{500 + step},0:01:{10 + tp},{3 + tp / 2}")
    return "\n".join(rows) + "\n"


def render_ratio(repeats: int) -> tuple[float, float]:
    """Best seconds to compile and draw the map of the journey without data, and with it."""
    # after the files are planned: the import is not what is measured
    from journeymap.compiler.load import compile_file
    from journeymap.emit.pipeline import draw

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "figures.csv").write_text(_figures_csv(), encoding="utf-8")
        times = []
        for with_data in (False, True):
            path = base / f"{'with' if with_data else 'without'}.journey"
            path.write_text(_render_journey(with_data), encoding="utf-8")

            def run(path: Path = path) -> None:
                result = compile_file(path)
                assert result.journey is not None and not result.has_errors
                draw(result.journey)

            run()  # the first render fills the in-memory caches for both alike
            times.append(best_of(repeats, run))
    return times[0], times[1]


def cold_ratio(repeats: int) -> tuple[float, float]:
    """Best seconds of a whole `journeymap render` process without data, and with it."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "figures.csv").write_text(_figures_csv(), encoding="utf-8")
        times = []
        for with_data in (False, True):
            path = base / f"{'with' if with_data else 'without'}.journey"
            path.write_text(_render_journey(with_data), encoding="utf-8")
            command = [sys.executable, "-m", "journeymap", "render", str(path), "-o", "-"]

            def run(command: list[str] = command) -> None:
                subprocess.run(command, check=True, capture_output=True)

            times.append(best_of(repeats, run))
    return times[0], times[1]


def data_table(quick: bool) -> tuple[Table, Table]:
    """The figures and the targets of issue 22's data import, measured in this run."""
    rows = QUICK_ROWS if quick else ROWS
    read = read_figures(rows, 1 if quick else 3)
    without, with_data = render_ratio(5 if quick else 20)
    cold_without, cold_with = cold_ratio(3 if quick else 9)
    figures = Table("Data import (issue 22)", ["what", "figure"], "lr")
    figures.add(f"export: {rows:,} rows", f"{read['size MB']:.1f} MB")
    figures.add("`csv.reader` over it", f"{read['csv.reader']:.3f} s")
    figures.add("compile of a journey reading it", f"{read['journeymap']:.3f} s")
    figures.add("peak resident memory of that compile (child process)", f"{read['peak MB']:.0f} MB")
    figures.add(
        f"compile + map SVG, {RENDER_STAGES * RENDER_STEPS} steps, without / with data",
        f"{without * 1000:.1f} ms / {with_data * 1000:.1f} ms",
    )
    figures.add(
        "whole `journeymap render` process, the same journeys, without / with data",
        f"{cold_without * 1000:.0f} ms / {cold_with * 1000:.0f} ms",
    )
    if quick:
        figures.notes.append("Quick run: a 20,000-row export; the goals are for 200,000 rows.")
    targets = Table("Targets: data import (issue 22)", ["target", "figure", "verdict"], "lll")
    ratio = read["journeymap"] / read["csv.reader"]
    targets.add(
        f"read a {read['size MB']:.0f} MB export <= {READ_GOAL:g}x `csv.reader`",
        f"{ratio:.2f}x",
        verdict(ratio <= READ_GOAL),
    )
    targets.add(
        f"peak memory of that compile <= {MEMORY_GOAL_MB} MB",
        f"{read['peak MB']:.0f} MB",
        verdict(read["peak MB"] <= MEMORY_GOAL_MB),
    )
    render = with_data / without
    targets.add(
        f"a journey with data renders <= {RENDER_GOAL:g}x the same journey without "
        "(in-process, warm: compile + map SVG)",
        f"{render:.2f}x",
        verdict(render <= RENDER_GOAL),
    )
    cold = cold_with / cold_without
    targets.add(
        f"... the same as a whole `journeymap render` process <= {RENDER_GOAL:g}x",
        f"{cold:.2f}x",
        verdict(cold <= RENDER_GOAL),
    )
    return figures, targets


def main() -> int:
    figures, targets = data_table("--quick" in sys.argv[1:])
    print(figures.markdown())
    print(targets.markdown())
    return 0 if all(row[-1] == "met" for row in targets.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
