"""What the scripts that keep committed renders fresh share: write, prune, check.

`tools/render_gallery.py` (gallery/renders/) and `tools/render_doc_images.py`
(docs/images/language/) each plan a set of files and how to draw them; this
module writes the ones whose bytes changed, deletes SVGs nothing plans, and
gives both the same command line (`--check` writes nothing and exits 1).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rel(path: Path) -> str:
    """`path` relative to the repository when it is inside it (for messages)."""
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def write_changed(
    files: Iterable[tuple[Path, Callable[[], bytes]]], folder: Path, stray_reason: str
) -> list[str]:
    """Write each (target, draw) whose bytes differ; delete other SVGs in `folder`.

    Returns the lines to report: `wrote …` and `removed … (stray_reason)`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    report: list[str] = []
    expected: set[Path] = set()
    for target, draw in files:
        expected.add(target)
        data = draw()
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
            report.append(f"wrote {rel(target)}")
    for path in sorted(folder.glob("*.svg")):
        if path not in expected:
            path.unlink()
            report.append(f"removed {rel(path)} ({stray_reason})")
    return report


def main(
    argv: list[str] | None,
    description: str,
    problems: Callable[[], list[str]],
    write_all: Callable[[], list[str]],
) -> int:
    """`--check`: print the problems and exit 1 if any; otherwise write and report."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print("run `make gallery` to regenerate", file=sys.stderr)
        return 1 if found else 0
    for line in write_all():
        print(line)
    return 0
