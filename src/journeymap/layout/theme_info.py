"""One-line descriptions of the shipped themes, for `journeymap themes`.

A theme file may say what it is for in a top-level `description` key. The
shipped ones open with a comment instead (`# journeymap dark theme: for dark
wiki pages and slides.`), so without the key the line is taken from that
comment's first sentence.

>>> describe_text('# journeymap print theme: greyscale;\\n# never on hue.\\nname = "p"\\n')
'Greyscale; never on hue.'
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from journeymap.language import resources

_PREFIX = re.compile(r"^journeymap\s+[\w-]+\s+theme\s*:\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _leading_comment(text: str) -> str:
    """The comment lines at the top of a TOML file, joined into one paragraph."""
    parts: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        parts.append(stripped.lstrip("#").strip())
    return " ".join(part for part in parts if part)


def describe_text(text: str) -> str:
    """The one-line description of a theme file's text ('' when it gives none)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        data = {}
    described = data.get("description")
    if isinstance(described, str) and described.strip():
        return " ".join(described.split())
    comment = _PREFIX.sub("", _leading_comment(text))
    sentence = _SENTENCE_END.split(comment, maxsplit=1)[0].strip()
    return sentence[:1].upper() + sentence[1:]


def describe(path: Path) -> str:
    """The one-line description of the theme file at `path` ('' when unreadable)."""
    try:
        return describe_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def shipped_themes() -> list[tuple[str, str]]:
    """(name, one-line description) of every shipped theme, sorted by name."""
    out: list[tuple[str, str]] = []
    for name in resources.theme_names():
        path = resources.theme_path(name)
        out.append((name, describe(path) if path is not None else ""))
    return out
