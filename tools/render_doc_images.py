"""Regenerate the pictures of docs/language.md (docs/images/language/*.svg) from its snippets.

Usage (`make gallery` runs the first line too):

    python tools/render_doc_images.py            # write every picture, remove strays
    python tools/render_doc_images.py --check    # write nothing; exit 1 listing stale files

Each image link `![…](images/language/NAME.svg)` in docs/language.md is drawn
from the last ```` ```journey ```` block above it, so the picture shows exactly
the snippet the reader sees. `NAME.blueprint.svg` draws the service blueprint,
any other name the journey map, in the default theme, byte for byte as
`journeymap render` draws the snippet saved as a file.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import journeymap
from journeymap.api import render

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "language.md"
IMAGES = REPO / "docs" / "images" / "language"
_IMAGE = re.compile(r"!\[[^\]]*\]\((images/language/[^)\s]+\.svg)\)")
_FENCE = re.compile(r"^\s*(`{3,})(\S*)")


@dataclass(frozen=True)
class Picture:
    """One picture of the page and the snippet it is drawn from."""

    target: Path
    snippet: str
    line: int

    @property
    def view(self) -> str:
        return "blueprint" if self.target.name.endswith(".blueprint.svg") else "map"


def pictures(page: Path = PAGE, images: Path = IMAGES) -> list[Picture]:
    """Every picture the page shows, with the snippet above it."""
    found: list[Picture] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    snippet: str | None = None
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if fence:
            end = i + 1
            while end < len(lines) and lines[end].strip() != fence[1]:
                end += 1
            if fence[2] == "journey":
                snippet = "\n".join(lines[i + 1 : end]) + "\n"
            i = end + 1
            continue
        for link in _IMAGE.findall(lines[i]):
            if snippet is None:
                raise ValueError(f"{page}:{i + 1}: {link} has no ```journey block above it")
            found.append(Picture(images / Path(link).name, snippet, i + 1))
        i += 1
    return found


def draw(picture: Picture) -> bytes:
    """The SVG bytes for `picture`."""
    journey = journeymap.loads(picture.snippet, name=f"{PAGE.name}:{picture.line}")
    drawn = render(journey, view=picture.view)
    assert isinstance(drawn, str)
    return drawn.encode("utf-8")


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def problems(page: Path = PAGE, images: Path = IMAGES) -> list[str]:
    """Stale, missing and stray pictures, one line each."""
    found: list[str] = []
    planned = pictures(page, images)
    for picture in planned:
        if not picture.target.exists():
            found.append(f"missing: {_rel(picture.target)}")
        elif picture.target.read_bytes() != draw(picture):
            found.append(f"stale: {_rel(picture.target)}")
    expected = {p.target for p in planned}
    for path in sorted(images.glob("*")) if images.is_dir() else []:
        if path not in expected:
            found.append(f"stray: {_rel(path)} is not shown in {_rel(page)} (delete it)")
    return found


def write_all(page: Path = PAGE, images: Path = IMAGES) -> list[str]:
    """Write every picture and delete stray SVGs; the lines to report."""
    images.mkdir(parents=True, exist_ok=True)
    report: list[str] = []
    planned = pictures(page, images)
    for picture in planned:
        data = draw(picture)
        if not picture.target.exists() or picture.target.read_bytes() != data:
            picture.target.write_bytes(data)
            report.append(f"wrote {_rel(picture.target)}")
    expected = {p.target for p in planned}
    for path in sorted(images.glob("*.svg")):
        if path not in expected:
            path.unlink()
            report.append(f"removed {_rel(path)} (not shown on the page)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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


if __name__ == "__main__":
    sys.exit(main())
