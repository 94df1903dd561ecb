"""Turn raw bytes into checked source text, before any parsing.

LANGUAGE.md section 2: UTF-8 only (error at the first bad byte), an optional
BOM, LF or CRLF endings, and no control characters (a lone CR, NUL and the
rest of U+0000-U+001F except tab, and U+007F): SVG and XML cannot carry them
and silently dropping them would change the user's text. For the same reason
the two other characters outside XML 1.0's `Char` production (section 2.2)
that UTF-8 can hold, U+FFFE and U+FFFF, are refused (E003), and so are JSON
escapes (`\u0001`, a lone `\ud800`) that would put any of them in a string.
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
# U+FFFE and U+FFFF in UTF-8: found with a byte search before any regex runs.
_NONCHARACTER_BYTES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")
_NONCHARACTER = re.compile("[\ufffe\uffff\ud800-\udfff]")
# A run of backslashes and the `uXXXX` after it: an escape when the run is odd.
_JSON_ESCAPE = re.compile(r"(\\+)u([0-9a-fA-F]{4})")
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
    if any(pattern in data for pattern in _NONCHARACTER_BYTES) and not _no_noncharacters(
        text, path, diagnostics
    ):
        return None
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


def _describe_xml(code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    return f"the noncharacter U+{code:04X}"


def _no_noncharacters(text: str, path: str, diagnostics: Collector) -> bool:
    """Report each U+FFFE, U+FFFF or lone surrogate in `text` (E003); whether there was none."""
    ok = True
    for match in _NONCHARACTER.finditer(text):
        ok = False
        line, column = _position(text, match.start())
        diagnostics.error(
            "E003",
            f"{_describe_xml(ord(match.group()))} is not allowed: XML cannot carry it",
            Location(path, line, column),
            "remove it",
        )
        if diagnostics.truncated:
            break
    return ok


def _xml_char(code: int) -> bool:
    """Whether the language lets character `code` into a string (XML 1.0 Char, less controls)."""
    if code < 0x20:
        return code in (0x09, 0x0A)
    return code != 0x7F and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)


def check_json_escapes(text: str, path: str, diagnostics: Collector) -> bool:
    """Report each JSON `\\uXXXX` escape that makes a character the language refuses (E003).

    A JSON model's strings reach the SVG as they decode: `"\\u0001"` would
    put a control character there, and a lone `"\\ud800"` cannot even be
    written as UTF-8. Tab and line feed (`\\t`, `\\n`) are allowed, as in
    quoted `.journey` strings; a surrogate pair (an emoji) is one character.
    Returns whether there was none.
    """
    if "\\u" not in text:
        return True
    ok = True
    for match in _JSON_ESCAPE.finditer(text):
        if len(match.group(1)) % 2 == 0:
            continue  # `\\u0001` is an escaped backslash and the text `u0001`
        code = int(match.group(2), 16)
        end = match.end()
        if 0xD800 <= code <= 0xDBFF:
            low = _JSON_ESCAPE.match(text, end)
            if low and len(low.group(1)) == 1 and 0xDC00 <= int(low.group(2), 16) <= 0xDFFF:
                continue  # a pair: one character outside the BMP
        elif 0xDC00 <= code <= 0xDFFF:
            before = _JSON_ESCAPE.match(text, match.start() - 6) if match.start() >= 6 else None
            if before and 0xD800 <= int(before.group(2), 16) <= 0xDBFF:
                continue  # the second half of a pair
        if _xml_char(code):
            continue
        ok = False
        start = match.end(1) - 1
        line, column = _position(text, start)
        what = (
            _describe_xml(code)
            if code >= 0xD800
            else _describe(chr(code)).replace("a lone carriage return (CR)", "CR")
        )
        diagnostics.error(
            "E003",
            f"the escape `\\u{match.group(2)}` makes {what}, which is not allowed in a string",
            Location(path, line, column, 6),
            "remove it; write `\\n` for a line break",
        )
        if diagnostics.truncated:
            break
    return ok
