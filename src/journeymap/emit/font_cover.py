"""Which characters of a journey no font can draw in a PNG: the warning `render` gives.

resvg draws a PNG with the bundled Liberation Sans and falls back to the fonts
installed on the machine (the directories its font database scans). A
character that none of them has comes out as an empty box, silently. This
module reads the character maps (`cmap` tables) of those fonts, only when a
drawing holds a character the bundled font lacks, and names each such
character with the step and line where it is first written. Only `render
--format png` asks: `check` never reads fonts, so its answer does not depend
on the machine.
"""

import bisect
import os
import struct
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from journeymap.model.diagnostics import Diagnostic, Location, Severity
from journeymap.model.journey import LANES, Journey, Origin, Step

_FONTS_DIR = Path(__file__).resolve().parent / "fonts"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
_MAX_FONT_FILES = 4000
"""Stop scanning after this many font files: a bound on a machine with a huge font folder."""

Ranges = tuple[tuple[int, ...], tuple[int, ...]]
"""Sorted range starts and their ends (inclusive) of the code points a font maps."""


class Missing(NamedTuple):
    """A character no font has, and where it is first written."""

    char: str
    where: str
    """`step ID`, or what else holds it (`the title`, `persona ID`, ...)."""
    origin: Origin | None


def _merge(ranges: list[tuple[int, int]]) -> Ranges:
    ranges.sort()
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in ranges:
        if ends and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return tuple(starts), tuple(ends)


def _covers(ranges: Ranges, code: int) -> bool:
    starts, ends = ranges
    at = bisect.bisect_right(starts, code) - 1
    return at >= 0 and code <= ends[at]


def _face_ranges(data: bytes, offset: int) -> list[tuple[int, int]]:
    """The code-point ranges of the face whose table directory starts at `offset`."""
    (count,) = struct.unpack_from(">H", data, offset + 4)
    cmap = None
    for n in range(count):
        tag, _, where, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * n)
        if tag == b"cmap":
            cmap = where
    if cmap is None:
        return []
    (subtables,) = struct.unpack_from(">H", data, cmap + 2)
    best: tuple[int, int] | None = None  # (preference, offset)
    for n in range(subtables):
        platform, encoding, where = struct.unpack_from(">HHI", data, cmap + 4 + 8 * n)
        fmt = struct.unpack_from(">H", data, cmap + where)[0]
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if not unicode or fmt not in (4, 12):
            continue
        preference = 2 if fmt == 12 else 1
        if best is None or preference > best[0]:
            best = (preference, cmap + where)
    if best is None:
        return []
    table = best[1]
    out: list[tuple[int, int]] = []
    if best[0] == 2:  # format 12: sequential map groups
        (groups,) = struct.unpack_from(">I", data, table + 12)
        for n in range(groups):
            lo, hi, _ = struct.unpack_from(">III", data, table + 16 + 12 * n)
            out.append((lo, hi))
        return out
    # Format 4: segments of the Basic Multilingual Plane (the last, 0xFFFF, maps nothing).
    (seg_x2,) = struct.unpack_from(">H", data, table + 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", data, table + 14)
    starts = struct.unpack_from(f">{segs}H", data, table + 16 + seg_x2)
    for lo, hi in zip(starts, ends, strict=True):
        if lo != 0xFFFF:
            out.append((lo, hi))
    return out


def font_ranges(path: str) -> list[tuple[int, int]]:
    """The code points a font file (TrueType, OpenType or a collection) maps; [] if unreadable."""
    try:
        data = Path(path).read_bytes()
        if data[:4] == b"ttcf":
            (faces,) = struct.unpack_from(">I", data, 8)
            offsets = struct.unpack_from(f">{faces}I", data, 12)
        else:
            offsets = (0,)
        out: list[tuple[int, int]] = []
        for offset in offsets:
            out.extend(_face_ranges(data, offset))
        return out
    except (OSError, struct.error, ValueError):
        return []  # a broken or unreadable font covers nothing


@lru_cache(maxsize=1)
def bundled_ranges() -> Ranges:
    """What the bundled fonts cover."""
    found: list[tuple[int, int]] = []
    for path in sorted(_FONTS_DIR.glob("*.ttf")):
        found.extend(font_ranges(str(path)))
    return _merge(found)


def font_dirs() -> list[Path]:
    """The folders resvg's font database scans for installed fonts on this system.

    A user's own font folder is looked at only when HOME (LOCALAPPDATA on
    Windows) is set: journeymap never needs a home directory.
    """
    home_var = os.environ.get("HOME")
    home = Path(home_var) if home_var else None
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        user = [Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else []
        return [windir / "Fonts", *user]
    if sys.platform == "darwin":
        user = [home / "Library" / "Fonts"] if home else []
        return [Path("/Library/Fonts"), Path("/System/Library/Fonts"), *user]
    user = [home / ".fonts", home / ".local" / "share" / "fonts"] if home else []
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), *user]


def _installed_files() -> Iterator[str]:
    seen = 0
    for folder in font_dirs():
        if not folder.is_dir():
            continue
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                if name.lower().endswith(_FONT_SUFFIXES):
                    seen += 1
                    if seen > _MAX_FONT_FILES:
                        return
                    yield os.path.join(root, name)


@lru_cache(maxsize=1)
def installed_ranges() -> Ranges:
    """What the installed fonts cover (read once per process, only when needed)."""
    found: list[tuple[int, int]] = []
    for path in _installed_files():
        found.extend(font_ranges(path))
    return _merge(found)


def _drawn(char: str) -> bool:
    """Whether `char` is drawn as a glyph (not a space, a control or a joiner)."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    # Cc/Cf: controls and format characters (joiners, variation selectors' kin);
    # Mn: combining marks, drawn with their base; variation selectors are Mn.
    return category not in ("Cc", "Cf", "Mn", "Zs", "Zl", "Zp")


def _texts(journey: Journey) -> Iterator[tuple[str, str, Origin | None]]:
    """Every drawn text of the journey, with what holds it and where it was written."""
    for text in (journey.title, journey.description, journey.scenario, *journey.expectations):
        if text:
            yield text, "the header", None
    for persona in journey.personas:
        lines = (*persona.role, *persona.goal, *persona.need, *persona.frustration)
        for text in (persona.name, *lines, *persona.quote):
            yield text, f"persona `{persona.id}`", persona.origin
    for channel in journey.channels:
        for text in (channel.name, *channel.notes):
            yield text, f"channel `{channel.id}`", channel.origin
    for team in journey.teams:
        yield team.name, f"team `{team.id}`", team.origin
    for stage in journey.stages:
        where = f"stage `{stage.id}`" if stage.id else "a stage"
        for text in (stage.name or "", *stage.notes, *(v for _, v in stage.metrics)):
            yield text, where, stage.origin
        for step in stage.steps:
            yield from _step_texts(step)
    for flow in journey.flows:
        if flow.label:
            yield flow.label, f"flow `{flow.source} -> {flow.target}`", flow.origin


def _step_texts(step: Step) -> Iterator[tuple[str, str, Origin | None]]:
    where = f"step `{step.id}`"
    yield step.name, where, step.origin
    for tp in step.touchpoints:
        yield tp.label, where, tp.origin or step.origin
        for _, value in tp.attributes:
            if isinstance(value, str):
                yield value, where, tp.origin or step.origin
    for emotion in step.emotions:
        if emotion.label:
            yield emotion.label, where, emotion.origin or step.origin
    for text in (*step.thoughts, *step.pains, *step.delights, *(v for _, v in step.metrics)):
        yield text, where, step.origin
    for opportunity in step.opportunities:
        yield opportunity.text, where, opportunity.origin or step.origin
    for lane in LANES:
        for item in step.lanes.lane(lane):
            yield item.text, where, item.origin or step.origin


def missing_chars(journey: Journey) -> list[Missing]:
    """Each character of `journey` that neither the bundled nor an installed font has."""
    bundled = bundled_ranges()
    firsts: dict[str, Missing] = {}
    for text, where, origin in _texts(journey):
        if text.isascii():
            continue  # Liberation Sans has every printable ASCII character
        for char in text:
            if char in firsts or not _drawn(char) or _covers(bundled, ord(char)):
                continue
            firsts[char] = Missing(char, where, origin)
    if not firsts:
        return []
    installed = installed_ranges()
    return [m for m in firsts.values() if not _covers(installed, ord(m.char))]


def missing_fonts_warning(journey: Journey, name: str) -> Diagnostic | None:
    """One warning naming every character no font has, or None when every one is covered."""
    missing = missing_chars(journey)
    if not missing:
        return None
    parts = []
    for m in missing:
        line = f", line {m.origin.line}" if m.origin else ""
        parts.append(f"`{m.char}` (U+{ord(m.char):04X}, {m.where}{line})")
    first = missing[0].origin
    location = Location(first.file if first else name, first.line if first else 0, 1)
    return Diagnostic(
        Severity.WARNING,
        "W701",
        f"no installed or bundled font has {len(missing)} character"
        f"{'s' if len(missing) != 1 else ''} of this journey; the PNG draws "
        f"{'them' if len(missing) != 1 else 'it'} as empty boxes: " + ", ".join(parts),
        location,
        hint="install a font that has them (for example Noto Sans CJK or Noto Color Emoji), "
        "or render SVG, which a browser draws with the reader's fonts",
    )
