"""Directory mode: 500 files rendered cold into an empty tree, then again with nothing changed."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from common import PYTHON, Table, verdict, wall
from generate import generate

FILES = 500
STEPS = 12
_API_RUN = (
    "import sys; from journeymap.emit.batch import render_tree; "
    "r = render_tree(sys.argv[1], sys.argv[2]); "
    "sys.exit(1 if r.failed else 0)"
)


def _cli_has_directory_mode(jm: list[str]) -> bool:
    done = subprocess.run([*jm, "render", "--help"], capture_output=True, text=True)
    return "--out-dir" in done.stdout


def _api_has_directory_mode() -> bool:
    done = subprocess.run(
        [PYTHON, "-c", "from journeymap.emit.batch import render_tree"], capture_output=True
    )
    return done.returncode == 0


def batch_table(files: int, jm: list[str]) -> tuple[Table, dict[str, float]]:
    table = Table(
        f"Batch: {files} files of {STEPS} steps, directory mode",
        ["run", "wall (s)", "per file (ms)", "target"],
        "lrrl",
    )
    if _cli_has_directory_mode(jm):
        how = "`journeymap render SRC/ --out-dir OUT/`"

        def command(src: Path, out: Path) -> list[str]:
            return [*jm, "render", f"{src}/", "--out-dir", str(out)]
    elif _api_has_directory_mode():
        how = (
            "`journeymap.emit.batch.render_tree(SRC, OUT)` in a fresh process (not yet in the CLI)"
        )

        def command(src: Path, out: Path) -> list[str]:
            return [PYTHON, "-c", _API_RUN, str(src), str(out)]
    else:
        table.notes.append("Not available: no directory mode in this version.")
        return table, {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        src, out = tmp / "src", tmp / "out"
        for index in range(files):
            # Files spread over folders, as docs trees are; seeds differ so files do.
            folder = src / f"area{index % 10}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"map{index:03}.journey").write_text(
                generate(STEPS, seed=index), encoding="utf-8"
            )
        env = dict(os.environ)
        cold = wall(command(src, out), env=env)
        warm = wall(command(src, out), env=env)
        written = sum(1 for _ in out.rglob("*.svg"))
    table.add("cold (empty output tree)", f"{cold:.2f}", f"{cold / files * 1000:.1f}", "")
    table.add(
        "warm (nothing changed)",
        f"{warm:.2f}",
        f"{warm / files * 1000:.1f}",
        f"< 2 s ({verdict(warm < 2.0)})",
    )
    table.notes.append(
        f"Through {how}, {os.cpu_count()} worker processes by default; {written} SVGs written."
    )
    return table, {"cold": cold, "warm": warm}
