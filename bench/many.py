"""Many journeys (issue 24): a folder of journeys in directory mode, against one process a file.

    python bench/many.py            # 1,000 journeys (several minutes: 1,000 cold starts)
    python bench/many.py --quick    # 40 journeys, the smoke run CI makes

Every ratio is between two runs of the same folder on the same machine in the
same run: `render DIR --out-dir OUT --jobs 4` against one `journeymap render`
process per file; the same render again with nothing changed (outputs skipped
by the verified hashes of their inputs) against the first; and `report DIR`
(the touchpoint inventory) against `check DIR --jobs 1`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cold import _journeymap_command  # noqa: E402
from common import Table, machine_facts, verdict, wall  # noqa: E402
from generate import generate  # noqa: E402

FILES = 1000
QUICK_FILES = 40
STEPS = 12
JOBS = 4
REPEATS = 3
PARALLEL_GOAL = 0.3
WARM_GOAL = 0.1
INVENTORY_GOAL = 1.5
SHARED = "channel kiosk: Kiosk [kind=physical]\nteam audit: Audit\n"


def make_folder(src: Path, files: int) -> list[Path]:
    """`files` journeys over ten folders, each including one shared fragment."""
    (src / "shared").mkdir(parents=True)
    (src / "shared" / "common.journey").write_text(SHARED, encoding="utf-8")
    made = []
    for index in range(files):
        folder = src / f"area{index % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        text = generate(STEPS, seed=index).replace(
            "\npersona ana:", '\ninclude "../shared/common.journey"\npersona ana:', 1
        )
        path = folder / f"map{index:04}.journey"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def many_table(files: int, jm: list[str]) -> tuple[Table, dict[str, float]]:
    table = Table(
        f"Many journeys: {files} files of {STEPS} steps (issue 24)",
        ["run", "wall (s)", "ratio", "target"],
        "lrrl",
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "src"
        sources = make_folder(src, files)
        single = tmp / "single"
        single.mkdir()
        env = dict(os.environ, CI="1")
        per_file = sum(
            wall(
                [
                    *jm,
                    "render",
                    str(path),
                    "--root",
                    str(src),
                    "-o",
                    str(single / f"{path.stem}.svg"),
                ],
                env=env,
            )
            for path in sources
        )
        # The machine may be shared: each figure below is the best of REPEATS runs. The
        # per-file baseline (by far the slowest) runs once, so noise can only inflate it and
        # flatter the first ratio; the table's note says so.
        outs = [tmp / f"out{n}" for n in range(REPEATS)]

        def batch(out: Path) -> list[str]:
            return [*jm, "render", str(src), "--out-dir", str(out), "--jobs", str(JOBS)]

        cold = min(wall(batch(out), env=env) for out in outs)
        warm = min(wall(batch(outs[0]), env=env) for _ in range(REPEATS))
        check = min(wall([*jm, "check", str(src), "--jobs", "1"], env=env) for _ in range(REPEATS))
        # To standard output (discarded), as check's is: neither run waits on a file's fsync.
        inventory = [*jm, "report", str(src), "--format", "json"]
        report = min(wall(inventory, env=env) for _ in range(REPEATS))
        out = outs[0]
        drawn = sum(1 for _ in out.rglob("*.svg"))
    figures = {
        "files": float(files),
        "per file": per_file,
        "cold": cold,
        "warm": warm,
        "check": check,
        "report": report,
        "parallel": cold / per_file,
        "unchanged": warm / cold,
        "inventory": report / check,
    }
    table.add("one `journeymap render FILE` process per file", f"{per_file:.2f}", "1", "")
    table.add(
        f"`render DIR --out-dir OUT --jobs {JOBS}`, empty OUT",
        f"{cold:.2f}",
        f"{figures['parallel']:.3f}x the per-file runs",
        f"<= {PARALLEL_GOAL}x ({verdict(figures['parallel'] <= PARALLEL_GOAL)})",
    )
    table.add(
        "the same again, nothing changed",
        f"{warm:.2f}",
        f"{figures['unchanged']:.3f}x the first run",
        f"<= {WARM_GOAL}x ({verdict(figures['unchanged'] <= WARM_GOAL)})",
    )
    table.add("`check DIR --jobs 1`", f"{check:.2f}", "1", "")
    table.add(
        "`report DIR --format json` (the inventory, to stdout)",
        f"{report:.2f}",
        f"{figures['inventory']:.2f}x check",
        f"<= {INVENTORY_GOAL}x ({verdict(figures['inventory'] <= INVENTORY_GOAL)})",
    )
    table.notes.append(
        f"{drawn} SVGs drawn (one include fragment not drawn); {os.cpu_count()} CPUs on this "
        f"machine, so {JOBS} jobs share them. CI=1 in the environment: no progress line. "
        f"Each figure is the best of {REPEATS} runs, except the per-file baseline (run once: "
        "noise there flatters the first ratio)."
    )
    if files < FILES:
        table.notes.append(
            f"With {files} files start-up dominates every run: the targets are for {FILES:,}."
        )
    return table, figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_FILES} files (CI)")
    args = parser.parse_args()
    print(f"Machine: {machine_facts()}.\n")
    table, _ = many_table(QUICK_FILES if args.quick else FILES, _journeymap_command())
    print(table.markdown())


if __name__ == "__main__":
    main()
