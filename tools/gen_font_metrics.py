"""Generate src/journeymap/layout/fontmetrics.py from the Liberation Sans TTF files.

Usage (fontTools and the Debian package fonts-liberation2 are needed here only,
never at run time):

    python tools/gen_font_metrics.py            # rewrite the module
    python tools/gen_font_metrics.py --check    # exit 1 if the module is stale

The output depends only on the font files and this script: no paths, dates or
dict order leak into it, so running it twice gives identical bytes.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
"""Where Debian's fonts-liberation2 installs the TTFs."""

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "journeymap" / "layout" / "fontmetrics.py"

UNITS_PER_EM = 1000
"""The generated widths are in thousandths of an em, like an AFM file."""

# Each table is the upright face widened, code point by code point, to its italic
# twin: the layout sets some text in italic but measures it with these tables, and
# the italic is wider for about 300 code points (none in ASCII or Latin-1).
STYLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("REGULAR", ("LiberationSans-Regular.ttf", "LiberationSans-Italic.ttf")),
    ("BOLD", ("LiberationSans-Bold.ttf", "LiberationSans-BoldItalic.ttf")),
)

LINE_LENGTH = 100
"""The project's line length (pyproject.toml), so ruff accepts the output."""


@dataclass(frozen=True)
class Face:
    """What the generator needs from one TTF: advances and vertical metrics."""

    version: str
    advances: dict[int, int]
    """Code point -> advance width, in the font's own units per em."""
    units_per_em: int
    ascent: int
    descent: int
    line_gap: int
    cap_height: int
    x_height: int


def read_face(path: Path) -> Face:
    """Read the cmap, hmtx, hhea and OS/2 tables of one TTF."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(path) as font:
        metrics = font["hmtx"].metrics
        advances = {
            codepoint: int(metrics[glyph][0])
            for codepoint, glyph in font.getBestCmap().items()
            # C0/C1 controls are never drawn; the text module gives them its own widths.
            if codepoint <= 0xFFFF and not (codepoint < 0x20 or 0x7F <= codepoint < 0xA0)
        }
        hhea = font["hhea"]
        os2 = font["OS/2"]
        version = str(font["name"].getDebugName(5)).removeprefix("Version ").strip()
        return Face(
            version=version,
            advances=advances,
            units_per_em=int(font["head"].unitsPerEm),
            # Browsers lay out lines from hhea for this font (OS/2 USE_TYPO_METRICS is off).
            ascent=int(hhea.ascent),
            descent=-int(hhea.descent),
            line_gap=int(hhea.lineGap),
            cap_height=int(os2.sCapHeight),
            x_height=int(os2.sxHeight),
        )


def to_thousandths(value: int, units_per_em: int) -> int:
    """Scale font units to 1/1000 em, rounding up so nothing is measured too narrow."""
    return -(-value * UNITS_PER_EM // units_per_em)


def widths_table(faces: list[Face]) -> dict[int, int]:
    """Per code point, the widest advance among `faces`, in 1/1000 em."""
    table: dict[int, int] = {}
    for face in faces:
        for codepoint, advance in face.advances.items():
            width = to_thousandths(advance, face.units_per_em)
            table[codepoint] = max(width, table.get(codepoint, 0))
    return table


def encode(table: dict[int, int]) -> list[str]:
    """Tokens of the widths string: `@` + hex code point starts a run of consecutive ones."""
    tokens: list[str] = []
    previous = -2
    for codepoint in sorted(table):
        if codepoint != previous + 1:
            tokens.append(f"@{codepoint:04X}")
        tokens.append(str(table[codepoint]))
        previous = codepoint
    return tokens


def string_lines(tokens: list[str], indent: str) -> list[str]:
    """Source lines of one implicitly concatenated string literal holding `tokens`.

    Every run starts on a fresh line, so a diff after a font update shows which
    ranges changed; pieces after the first start with the separating space.
    """
    room = LINE_LENGTH - len(indent) - 2
    pieces: list[str] = []
    for token in tokens:
        if pieces and not token.startswith("@") and len(pieces[-1]) + 1 + len(token) <= room:
            pieces[-1] += " " + token
        else:
            pieces.append((" " if pieces else "") + token)
    return [f'{indent}"{piece}"' for piece in pieces]


def render(font_dir: Path) -> str:
    """The text of the generated module."""
    blocks: list[str] = []
    versions: set[str] = set()
    files: list[str] = []
    faces_by_style: dict[str, list[Face]] = {}
    for name, filenames in STYLES:
        faces = [read_face(font_dir / filename) for filename in filenames]
        faces_by_style[name] = faces
        versions.update(face.version for face in faces)
        files.extend(filenames)
        lines = string_lines(encode(widths_table(faces)), "    ")
        blocks.append(f"{name} = (\n" + "\n".join(lines) + "\n)\n")
    all_faces = [face for faces in faces_by_style.values() for face in faces]

    def vertical(name: str) -> int:
        # The tallest of the faces, so a line box holds any of them.
        return max(to_thousandths(getattr(face, name), face.units_per_em) for face in all_faces)

    version = ", ".join(sorted(versions))
    header = f'''"""Advance widths of Liberation Sans (Arial's metrics), in 1/1000 em."""

# Generated by tools/gen_font_metrics.py from {", ".join(files[:2])},
# {", ".join(files[2:])} (version {version}; Debian package
# fonts-liberation2). Do not edit by hand: change the script and run it again.
#
# Widths are hmtx advances scaled to 1000 units per em and rounded up, each the wider of
# the upright and italic face. The text module decodes the strings on first use: a
# token "@XXXX" starts a run at hex code point XXXX; each number after it is the width
# of the next code point. Code points missing here get the text module's fallbacks.

FAMILY = "Liberation Sans"
VERSION = "{version}"
UNITS_PER_EM = {UNITS_PER_EM}

# Vertical metrics from hhea (what browsers use for this font), in 1/1000 em, rounded up.
ASCENT = {vertical("ascent")}
DESCENT = {vertical("descent")}
LINE_GAP = {vertical("line_gap")}
# From OS/2, for centring text optically; Arial's capitals are a little taller (716).
CAP_HEIGHT = {vertical("cap_height")}
X_HEIGHT = {vertical("x_height")}

'''
    return header + "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fonts-dir", type=Path, default=FONT_DIR, help="folder with the TTFs")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="module to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    args = parser.parse_args(argv)
    fonts_dir: Path = args.fonts_dir
    missing = [name for _, files in STYLES for name in files if not (fonts_dir / name).is_file()]
    if missing:
        print(
            f"{fonts_dir}: missing {', '.join(missing)}; install them with "
            "`apt-get install fonts-liberation2` or pass --fonts-dir",
            file=sys.stderr,
        )
        return 2
    try:
        import fontTools  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        print("fontTools is missing: `pip install fonttools`", file=sys.stderr)
        return 2
    text = render(fonts_dir)
    output: Path = args.output
    current = output.read_bytes() if output.exists() else None
    if args.check:
        if current != text.encode("utf-8"):
            print(f"{output}: stale; run tools/gen_font_metrics.py", file=sys.stderr)
            return 1
        return 0
    if current != text.encode("utf-8"):
        # Write then rename, so an interrupted run never leaves half a module.
        partial = output.with_name(output.name + ".tmp")
        partial.write_bytes(text.encode("utf-8"))
        partial.replace(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
