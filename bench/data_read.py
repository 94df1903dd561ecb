"""Reading a large analytics export (issue 22): time against csv.reader, and peak memory.

    python bench/data_read.py            # a 50 MB, 200,000-row page export

The export has one row per page of a site, nearly none of them in the
journey, as a real page report has. The goals, measured in the same run:
journeymap reads it in at most 3x the time of Python's `csv.reader` over the
same file, with a peak resident memory of at most 150 MB (the whole compile,
in a child process, interpreter included). Not yet part of bench/run.py.
"""

from __future__ import annotations

import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROWS = 200_000
JOURNEY = """\
journey: Pages
data "pages.csv" [id=page_path, count=sessions, duration=avg_time]
stage visit: Visit
  step home: Opens the home page
    touchpoint: Home [kind=digital]
"""
_CHILD = """\
import sys
from journeymap.compiler.load import compile_file
result = compile_file(sys.argv[1])
assert result.journey is not None, result.diagnostics
"""


def write_export(path: Path) -> None:
    rnd = random.Random(22)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("page_path,sessions,avg_time,bounce rate,title,notes\n")
        for i in range(ROWS):
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


def main() -> int:
    # after the export is planned: the import is not what is measured
    from journeymap.compiler.load import compile_file

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        export = base / "pages.csv"
        write_export(export)
        journey = base / "map.journey"
        journey.write_text(JOURNEY, encoding="utf-8")

        def reader() -> None:
            with export.open(encoding="utf-8", newline="") as handle:
                for _ in csv.reader(handle):
                    pass

        def ours() -> None:
            result = compile_file(journey)
            assert result.journey is not None

        plain = best_of(3, reader)
        read = best_of(3, ours)
        subprocess.run([sys.executable, "-c", _CHILD, str(journey)], check=True)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size_mb = export.stat().st_size / 1e6
    ratio = read / plain
    print(f"export: {size_mb:.1f} MB, {ROWS:,} rows")
    print(f"csv.reader: {plain:.3f} s; journeymap: {read:.3f} s; ratio {ratio:.2f} (goal <= 3)")
    print(f"peak resident memory of a compile: {peak_mb:.0f} MB (goal <= 150)")
    return 0 if ratio <= 3 and peak_mb <= 150 else 1


if __name__ == "__main__":
    sys.exit(main())
