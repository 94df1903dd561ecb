"""Silencing comments: `# journeymap: ignore[W203, W205] why` at the end of a statement.

An ignore comment silences the listed codes for diagnostics located on its
own line. Only end-of-line comments count: a comment on a line of its own
would leave it unclear which statement it speaks for, and the formatter may
move it. The text after the `]` is the justification; the gallery test
requires one. A file-wide diagnostic (line 0, such as the assumption
summary) is silenced by an ignore comment on the file's first statement,
which stands for the file.
"""

import re
from typing import NamedTuple

from journeymap.language.parser import parse
from journeymap.model.diagnostics import Collector

_IGNORE = re.compile(r"#\s*journeymap:\s*ignore\[([^\]]*)\]\s*(.*)$")
_IGNORE_START = re.compile(r"#\s*journeymap:\s*ignore\[")
"""What every ignore comment starts with: text without it has none, and is not parsed again."""


class IgnoreComment(NamedTuple):
    """One ignore comment: where it stands, what it silences and why."""

    file: str
    line: int
    codes: frozenset[str]
    reason: str


def ignore_comments(source_text: str, path: str) -> list[IgnoreComment]:
    """Every end-of-line ignore comment in `source_text`, in line order."""
    return _scan(source_text, path)[0]


def _scan(source_text: str, path: str) -> tuple[list[IgnoreComment], int | None]:
    """The ignore comments, and the line of the first statement (None: no statements).

    Syntax problems are the compiler's to report; here they only mean that a
    broken line silences nothing.
    """
    if _IGNORE_START.search(source_text) is None:
        # Most files have no ignore comment; parsing the text a second time to
        # learn that was a third of `check`'s time on a long file.
        return [], None
    statements = parse(source_text, path, Collector()).statements
    found: list[IgnoreComment] = []
    for statement in statements:
        match = _IGNORE.search(statement.comment or "")
        if match is None:
            continue
        codes = frozenset(
            part.strip().upper() for part in match.group(1).split(",") if part.strip()
        )
        found.append(IgnoreComment(path, statement.line, codes, match.group(2).strip()))
    return found, (statements[0].line if statements else None)


def silenced_lines(source_text: str, path: str) -> dict[tuple[str, int], frozenset[str]]:
    """(path, line) -> codes silenced by the ignore comment on that line (line 0: the file)."""
    comments, first = _scan(source_text, path)
    out: dict[tuple[str, int], frozenset[str]] = {}
    for comment in comments:
        out[(path, comment.line)] = out.get((path, comment.line), frozenset()) | comment.codes
        if comment.line == first:
            out[(path, 0)] = out.get((path, 0), frozenset()) | comment.codes
    return out
