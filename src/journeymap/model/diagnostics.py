"""Diagnostics: located problems in a user's input, and how they are shown.

Every problem the tool finds in a `.journey` file, a JSON model or a theme is
a `Diagnostic`: a severity, a stable code (`E…` errors, `W…` warnings), a
location, a message and an optional hint. Stages collect them rather than
raising on the first one, so a user sees every mistake in one run; the
library raises `JourneyError` (carrying all of them) only at its boundary.
"""

from enum import StrEnum
from typing import NamedTuple

MAX_REPORTED = 20
"""Stop collecting after this many errors: later ones are mostly echoes."""


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Location(NamedTuple):
    """A place in a file: 1-based line and column (columns in characters).

    `length` is how many characters the caret underline covers (at least 1).
    `line` 0 means the whole file (no source line to show).
    """

    file: str
    line: int = 0
    column: int = 1
    length: int = 1


class Diagnostic(NamedTuple):
    severity: Severity
    code: str
    message: str
    location: Location
    hint: str | None = None
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The human form: `file:line:col: error[CODE]: message`, source, caret, hint."""
        loc = self.location
        where = loc.file if loc.line == 0 else f"{loc.file}:{loc.line}:{loc.column}"
        lines = [f"{where}: {self.severity.value}[{self.code}]: {self.message}"]
        if self.source_line is not None and loc.line > 0:
            gutter = f"{loc.line:>4} | "
            shown, caret_at, caret_len = _excerpt(self.source_line, loc.column, loc.length)
            lines.append(gutter + shown)
            pad = " " * (len(gutter) - 2) + "| "
            lines.append(pad + " " * caret_at + "^" * caret_len)
        if self.hint:
            lines.append(f"  = hint: {self.hint}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "length": loc.length,
            "hint": self.hint,
        }


_VISIBLE: dict[int, str] = {i: chr(0x2400 + i) for i in range(0x20)} | {0x09: " ", 0x7F: "\u2421"}
"""Control characters are quoted as their visible symbols (NUL as ␀): one
character each, so the caret stays aligned, and none reaches the terminal."""

SHOWN_WIDTH = 100
"""At most this many characters of a long source line are quoted."""


def _display_width(text: str) -> int:
    """Terminal columns `text` takes: wide East Asian characters two, combining marks none."""
    import unicodedata  # only to show a problem: a clean run does not load it

    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _excerpt(source: str, column: int, length: int) -> tuple[str, int, int]:
    """The quoted part of `source`, the caret's offset and its length, in display columns.

    A long line is cut to a window around the column, marked with `…` on the
    cut sides, so a 1 MB line does not become a 1 MB message.
    """
    text = source.translate(_VISIBLE)
    start = 0
    if len(text) > SHOWN_WIDTH:
        start = max(0, min(column - 1 - SHOWN_WIDTH // 2, len(text) - SHOWN_WIDTH))
        end = start + SHOWN_WIDTH
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(source) else "")
        column -= start - (1 if start else 0)
    prefix = text[: column - 1]
    marked = text[column - 1 : column - 1 + max(1, length)]
    return text, _display_width(prefix), max(1, _display_width(marked))


class JourneyError(Exception):
    """Input could not be turned into a journey; `diagnostics` says why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else (diagnostics[0] if diagnostics else None)
        summary = first.format().splitlines()[0] if first else "invalid input"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(summary + more)


MAX_SHOWN_PER_CODE = 20
"""Human output shows at most this many diagnostics of one code in one file.

The rest are counted on a line of their own: a generated file with a warning
on each of its 100,000 steps would otherwise print half a million lines.
JSON diagnostics, the library and the exit code keep every one.
"""


def format_all(diagnostics: list[Diagnostic]) -> str:
    """The diagnostics in the human form, separated by blank lines.

    After the `MAX_SHOWN_PER_CODE`th of one code in one file comes
    `… N more like this` instead of the others.
    """
    totals: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        key = (d.location.file, d.code)
        totals[key] = totals.get(key, 0) + 1
    shown: dict[tuple[str, str], int] = {}
    parts = []
    for d in diagnostics:
        key = (d.location.file, d.code)
        count = shown[key] = shown.get(key, 0) + 1
        if count > MAX_SHOWN_PER_CODE:
            continue
        text = d.format()
        if count == MAX_SHOWN_PER_CODE and totals[key] > count:
            more = totals[key] - count
            text += f"\n… {more} more like this ({d.code} in {d.location.file})"
        parts.append(text)
    return "\n\n".join(parts)


def format_report(diagnostics: list[Diagnostic]) -> str:
    """What `check` prints: every diagnostic, a blank line, then `1 error, 2 warnings`."""
    errors = sum(1 for d in diagnostics if d.is_error)
    counts = f"{_plural(errors, 'error')}, {_plural(len(diagnostics) - errors, 'warning')}"
    return f"{format_all(diagnostics)}\n\n{counts}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def to_json_text(diagnostics: list[Diagnostic]) -> str:
    """All diagnostics as a JSON array (for editors and CI annotations)."""
    import json  # only for --diagnostics json: a render does not load it

    return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2)


class Collector:
    """Gathers diagnostics for one run; knows the source lines to quote."""

    def __init__(self, limit: int = MAX_REPORTED) -> None:
        self.items: list[Diagnostic] = []
        self._sources: dict[str, list[str]] = {}
        self._source_texts: dict[str, str] = {}
        self._limit = limit
        self.truncated = False
        # Counted as they are reported: summing over `items` on every report
        # made a file with many warnings quadratic.
        self._errors = 0

    def add_source(self, file: str, text: str) -> None:
        if self._source_texts.get(file) is text:
            return  # already split: the compiler registers the text `decode` did
        self._sources[file] = text.split("\n")
        self._source_texts[file] = text

    def lines(self, file: str, text: str) -> list[str]:
        """`text` split at line feeds: the lines kept for quoting when it is `file`'s source.

        Splitting a big file is not free, so it is done once per text for
        checking it, quoting it and parsing it. The list is shared: do
        not change it.
        """
        if self._source_texts.get(file) is text:
            return self._sources[file]
        return text.split("\n")

    def report(
        self,
        severity: Severity,
        code: str,
        message: str,
        location: Location,
        hint: str | None = None,
    ) -> None:
        if severity is Severity.ERROR:
            if self._errors >= self._limit:
                self.truncated = True
                return
            self._errors += 1
        lines = self._sources.get(location.file)
        source = None
        if lines is not None and 0 < location.line <= len(lines):
            source = lines[location.line - 1].rstrip("\r")
        self.items.append(Diagnostic(severity, code, message, location, hint, source))

    def error(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        self.report(Severity.ERROR, code, message, location, hint)

    def warning(self, code: str, message: str, location: Location, hint: str | None = None) -> None:
        self.report(Severity.WARNING, code, message, location, hint)

    @property
    def error_count(self) -> int:
        return self._errors

    @property
    def has_errors(self) -> bool:
        return self._errors > 0

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in reading order: by file appearance, line, column."""
        order = {name: i for i, name in enumerate(self._sources)}
        return sorted(
            self.items,
            key=lambda d: (
                order.get(d.location.file, len(order)),
                d.location.line,
                d.location.column,
            ),
        )
