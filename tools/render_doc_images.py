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

import re
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import journeymap
from journeymap.emit.pipeline import render

# tools/ is a folder of scripts, not a package: find the shared helper beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import committed_files
from committed_files import rel, write_changed

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


def problems(page: Path = PAGE, images: Path = IMAGES) -> list[str]:
    """Stale, missing and stray pictures, one line each."""
    found: list[str] = []
    planned = pictures(page, images)
    for picture in planned:
        if not picture.target.exists():
            found.append(f"missing: {rel(picture.target)}")
        elif picture.target.read_bytes() != draw(picture):
            found.append(f"stale: {rel(picture.target)}")
    expected = {p.target for p in planned}
    for path in sorted(images.glob("*")) if images.is_dir() else []:
        if path not in expected:
            found.append(f"stray: {rel(path)} is not shown in {rel(page)} (delete it)")
    return found


def write_all(page: Path = PAGE, images: Path = IMAGES) -> list[str]:
    """Write every picture and delete stray SVGs; the lines to report."""
    return write_changed(
        ((p.target, partial(draw, p)) for p in pictures(page, images)),
        images,
        "not shown on the page",
    )


def main(argv: list[str] | None = None) -> int:
    return committed_files.main(argv, __doc__.splitlines()[0], problems, write_all)


if __name__ == "__main__":
    sys.exit(main())
