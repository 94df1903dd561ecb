"""Turn raw bytes into checked source text, before any parsing.

LANGUAGE.md section 2: UTF-8 only (error at the first bad byte), an optional
BOM, LF or CRLF endings, and no control characters (a lone CR, NUL and the
rest of U+0000-U+001F except tab, and U+007F): SVG and XML cannot carry them
and silently dropping them would change the user's text.
"""

from __future__ import annotations

import re

from journeymap.model.diagnostics import Collector, Location

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_LINE_CHARS = 100_000

_BAD_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Every byte but the characters `_BAD_CHAR` matches (CR among them: a CRLF
# file takes the long way). In UTF-8 those are single bytes that no other
# character contains, so a file whose bytes are all in here has none of them.
_GOOD_BYTES = bytes([0x09, 0x0A, *range(0x20, 0x7F), *range(0x80, 0x100)])
_CHAR_NAMES = {"\x00": "NUL", "\r": "a lone carriage return (CR)", "\x7f": "DEL", "\x1b": "ESC"}


def _describe(char: str) -> str:
    return _CHAR_NAMES.get(char, f"control character U+{ord(char):04X}")


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def decode(data: bytes, path: str, diagnostics: Collector) -> str | None:
    """Checked text with LF endings and no BOM, or None after reporting why not."""
    if len(data) > MAX_FILE_BYTES:
        diagnostics.error(
            "E005",
            f"file is too large ({len(data):,} bytes; the limit is {MAX_FILE_BYTES:,})",
            Location(path),
            "split the journey into files joined with `include`",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, column = _position(good, len(good))
        diagnostics.add_source(path, good)
        diagnostics.error(
            "E001",
            f"invalid UTF-8: byte 0x{data[exc.start]:02x} cannot start or continue a character",
            Location(path, line, column),
            "save the file as UTF-8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # found at memory speed; the replacement had to scan for a pair
        text = text.replace("\r\n", "\n")
    diagnostics.add_source(path, text)
    if data.translate(None, _GOOD_BYTES) and not _no_bad_characters(text, path, diagnostics):
        return None  # (the byte translation finds none faster than the search would)
    if len(text) <= MAX_LINE_CHARS:
        return text  # no line of it can be too long
    lines = diagnostics.lines(path, text)
    if max(map(len, lines)) <= MAX_LINE_CHARS:
        return text  # the common case, found without a Python loop over the lines
    ok = True
    for number, line_text in enumerate(lines, start=1):
        if len(line_text) > MAX_LINE_CHARS:
            diagnostics.error(
                "E004",
                f"line is too long ({len(line_text):,} characters; "
                f"the limit is {MAX_LINE_CHARS:,})",
                Location(path, number, MAX_LINE_CHARS + 1),
            )
            ok = False
    return text if ok else None


def _no_bad_characters(text: str, path: str, diagnostics: Collector) -> bool:
    """Report each control character of `text` (LANGUAGE.md section 2); whether there was none."""
    ok = True
    for match in _BAD_CHAR.finditer(text):
        ok = False
        line, column = _position(text, match.start())
        char = match.group()
        hint = (
            "a binary file cannot be read as a journey"
            if char == "\x00"
            else ("remove it; use `\\n` inside a quoted string for a line break")
        )
        diagnostics.error(
            "E002", f"{_describe(char)} is not allowed", Location(path, line, column), hint
        )
        if diagnostics.truncated:
            break
    return ok
