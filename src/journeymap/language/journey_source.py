"""Whether a file is a journey source: the test that keeps other files' text out of diagnostics.

A path on the command line, in an include or in a docs page may name any
file: a key, a configuration file, `/proc/self/environ`, or a symbolic link
to one. Diagnostics quote the lines they are about, and CI logs are public,
so the text of a file is quoted only when the file is a journey source
(docs/security.md): its first significant line (not blank, not a comment) is
a statement LANGUAGE.md section 3 accepts (a known keyword, a flow or an
include, read without a syntax error), or it is a JSON object with
`version`. Any other file gets one error naming it (E008) and nothing else.

The test reads as little as it can: the bytes up to the first significant
line, or for JSON the object's top-level keys.
"""

from __future__ import annotations

import re

from journeymap.language.keywords import KEYWORDS
from journeymap.language.parser import parse
from journeymap.language.source import MAX_LINE_CHARS
from journeymap.language.syntax import Statement, StatementKind
from journeymap.model.diagnostics import Collector

NOT_A_SOURCE_HINT = (
    "journeymap reads `.journey` files, whose first statement (after comments and blank "
    "lines) is one the language knows, such as `journey: Title`, and JSON models with "
    "`version`; the file's text is not shown"
)

_JSON_VERSION = re.compile(rb'"version"\s*:')


def _first_significant_line(data: bytes) -> bytes | None:
    """The first line that is neither blank nor a comment, or None when there is none."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        line = data[start:end]
        stripped = line.strip(b" \t\r")
        if stripped and not stripped.startswith(b"#"):
            return line.rstrip(b"\r")
        start = end + 1
    return None


def _is_statement(line: bytes) -> bool:
    """Whether one line is a statement of LANGUAGE.md section 3 with a keyword it knows."""
    if len(line) > MAX_LINE_CHARS * 4:
        return False  # a line that long cannot be read as one anyway (E004)
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if any((ord(char) < 0x20 and char != "\t") or char == "\x7f" for char in text):
        return False
    check = Collector()
    items = parse(text, "<first line>", check).lines
    if check.has_errors or len(items) != 1 or not isinstance(items[0], Statement):
        return False
    statement = items[0]
    if statement.kind is not StatementKind.DECLARATION:
        return True  # a flow or an include
    return statement.keyword in KEYWORDS


def _is_json_model(data: bytes) -> bool:
    """Whether `data` is a JSON object with `version` (or, not parsing, one that says it has)."""
    import json  # only for a file that starts with `{`: a `.journey` file needs none

    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        # A model with a syntax error is still a model: its author needs the
        # located error. The key must be written for the file to count as one.
        return _JSON_VERSION.search(data) is not None
    return isinstance(value, dict) and "version" in value


def is_journey_source(data: bytes) -> bool:
    """Whether the file holding `data` is a journey source (see the module's docstring).

    A file without a significant line (empty, blanks and comments) counts as
    one: there is nothing to quote but comments, and compiling it says
    "nothing to draw".
    """
    line = _first_significant_line(data)
    if line is None:
        return True
    if line.lstrip(b" \t").startswith(b"{"):
        return _is_json_model(data)
    return _is_statement(line)
