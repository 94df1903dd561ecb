"""Mermaid `journey` text -> `MermaidJourney`: what Mermaid's own parser makes of it.

The statements and their meaning follow Mermaid 11's grammar, `journeyDb`
(`addTask` splits the text after the task name at `:`, then the actors at
`,`, and trims each; the score is JavaScript's `Number()` of the first
piece) and its renderer, which draws a task in the section drawn just
before it when their names are equal, so `section A` … `section A` shows as
one section. What Mermaid rejects is a located error; what it ignores is
ignored, with a warning where that looks like a mistake; a score that is
not a number gives a task without one, with a warning.
"""

import re
from bisect import bisect_right
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from journeymap.language.mermaid_lexer import Kind, Prepared, Token, prepare, tokens
from journeymap.language.mermaid_text import BREAK
from journeymap.model.diagnostics import Collector, Location

_SKIPPED = (Kind.COMMENT, Kind.SPACE)
_JS_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
"""What JavaScript's `trim()` and `Number()` take for white space."""
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_PREFIXED = re.compile(r"0(?:[xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")
_EXACT_DIGITS = 40
"""Longer numerals are taken at the double precision Mermaid itself reads them with."""
_LARGEST = Fraction(2**1024)
"""JavaScript's numbers stop below this: anything larger is `Infinity`."""


def js_number(text: str) -> Fraction | None:
    """The finite number JavaScript's `Number(text)` gives, exactly; None for NaN or ±Infinity.

    >>> js_number(" 2.5 "), js_number("0x10"), js_number("1e1"), js_number("high")
    (Fraction(5, 2), Fraction(16, 1), Fraction(10, 1), None)
    """
    text = text.strip(_JS_SPACE)
    if not text:
        return Fraction(0)
    if _PREFIXED.fullmatch(text):
        value = Fraction(int(text, 0))
        return value if value < _LARGEST else None
    if not _DECIMAL.fullmatch(text):
        return None
    approximate = float(text)
    if approximate in (float("inf"), float("-inf")):
        return None
    if approximate == 0:
        return Fraction(0)
    exact = Decimal(text)
    if len(exact.as_tuple().digits) > _EXACT_DIGITS:
        return Fraction(approximate)
    return Fraction(exact)


class MermaidTask(NamedTuple):
    name: str
    """Decoded; `<br>` breaks are `\\n`."""
    score: Fraction | None
    """The number Mermaid reads (exactly); None when it is not a (finite) number."""
    actors: tuple[str, ...]
    """Decoded and trimmed; empty names (Mermaid's `[""]` for `Task: 5:`) dropped."""
    line: int


class MermaidSection(NamedTuple):
    name: str | None
    """None for the tasks written before any `section`."""
    line: int
    tasks: tuple[MermaidTask, ...] = ()


class MermaidJourney(NamedTuple):
    title: str | None = None
    acc_title: str | None = None
    acc_descr: str | None = None
    sections: tuple[MermaidSection, ...] = ()


class _Section(NamedTuple):
    name: str | None
    key: str | None
    """The name as Mermaid compares it (raw, untrimmed)."""
    line: int
    tasks: list[MermaidTask]


class _Reader:
    """Walks the tokens of one diagram, reporting problems at the user's lines."""

    def __init__(
        self, text: str, prepared: Prepared, file: str, first_line: int, diagnostics: Collector
    ) -> None:
        self.text = text
        self.prepared = prepared
        self.file = file
        self.first_line = first_line
        self.diagnostics = diagnostics
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        every = tokens(prepared.text)
        self._ignored(every)
        self.tokens = [t for t in every if t.kind not in _SKIPPED]
        self.index = 0
        # What has been read so far; `read` makes the MermaidJourney of it.
        self.title = prepared.front_title
        self.acc_title: str | None = None
        self.acc_descr: str | None = None
        self.sections: list[_Section] = []
        self.absorbed: set[int] = set()
        """Sections whose tasks Mermaid draws in an earlier one: not shown themselves."""
        self.drawn: int | None = None
        """Index of the section whose tasks were read last: Mermaid draws the next task
        in it when the task's section has the same name."""

    # -- positions and problems --------------------------------------------------------

    def line_index(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def line_of(self, offset: int) -> int:
        """The user's line of an offset in the prepared text."""
        return self.first_line + self.line_index(self.prepared.origin(offset))

    def location(self, start: int, end: int | None = None) -> Location:
        """The user's place of [start, end) in the prepared text."""
        end = None if end is None else self.prepared.origin(max(start, end - 1)) + 1
        start = self.prepared.origin(start)
        index = self.line_index(start)
        line_start = self.line_starts[index]
        line_end = (
            self.line_starts[index + 1] - 1 if index + 1 < len(self.line_starts) else len(self.text)
        )
        stop = min(end if end is not None else start + 1, line_end)
        return Location(
            self.file, self.first_line + index, start - line_start + 1, max(1, stop - start)
        )

    def error(self, code: str, message: str, start: int, end: int, hint: str | None) -> None:
        self.diagnostics.error(code, message, self.location(start, end), hint)

    def raw(self, token: Token, skip: int = 0) -> str:
        return self.prepared.value(token.start + skip, token.end)

    def reveal(self, hidden: str) -> str:
        return self.prepared.reveal(hidden)

    def name(self, hidden: str) -> str:
        """A section or task name: `<br>` breaks become newlines, each line trimmed."""
        lines = [self.reveal(part).strip() for part in BREAK.split(hidden.strip())]
        return "\n".join(lines)

    def skip_line(self) -> None:
        """Recover after a problem: go on at the next line."""
        while self.index < len(self.tokens) and self.tokens[self.index].kind is not Kind.NEWLINE:
            self.index += 1

    def _ignored(self, every: list[Token]) -> None:
        """One warning for each comment Mermaid's lexer makes of text that looks meant."""
        for token in every:
            if token.kind is not Kind.COMMENT:
                continue
            shown = self.prepared.value(token.start, token.end)
            if shown.startswith("%") and not shown.startswith("%%"):
                message = "Mermaid ignores this line: a `%` at the start of a line starts a comment"
                hint = "write `%%` before a comment, or `#37;` for a `%` that starts a name"
            elif len(shown) > 2 and shown[1:3] == "%%" and not shown[0].isspace():
                message = f"Mermaid ignores this line: `{shown[0]}%%` starts a comment"
                hint = "write `#37;` for each `%` of `%%` in a name"
            else:
                continue
            self.diagnostics.warning("W802", message, self.location(token.start, token.end), hint)

    # -- statements -------------------------------------------------------------------

    def read(self) -> MermaidJourney | None:
        if not self.prepared.text.lstrip(_JS_SPACE).startswith("journey"):
            self._not_a_journey()
            return None
        while self.index < len(self.tokens) and self.tokens[self.index].kind is Kind.NEWLINE:
            self.index += 1
        if self.index >= len(self.tokens) or self.tokens[self.index].kind is not Kind.JOURNEY:
            token = self.tokens[self.index]
            # Not yet known to be a Mermaid journey: name the file, quote nothing of it.
            self.diagnostics.error(
                "E801",
                f"`{self.file}` is not a Mermaid journey diagram: its first word is not "
                "`journey`; its text is not shown",
                Location(self.file),
                "the diagram starts with the line `journey`",
            )
            return None
        self.index += 1
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            self._statement(token)
        sections = tuple(
            MermaidSection(s.name, s.line, tuple(s.tasks))
            for i, s in enumerate(self.sections)
            if s.tasks or i not in self.absorbed
        )
        return MermaidJourney(self.title, self.acc_title, self.acc_descr, sections)

    def _not_a_journey(self) -> None:
        """One error naming the file, quoting nothing: a file that is not a Mermaid journey
        may be anything (a key a pull request links to), so no text of it is shown."""
        text = self.prepared.text
        empty = not text.strip(_JS_SPACE)
        self.diagnostics.error(
            "E801",
            "no Mermaid diagram here: the text is empty"
            if empty
            else f"`{self.file}` is not a Mermaid journey diagram: it does not start with "
            "`journey`; its text is not shown",
            Location(self.file),
            "journeymap imports Mermaid's `journey` diagrams only (the word is lower case, "
            "first in the file after blank lines, comments and front matter)",
        )

    def _statement(self, token: Token) -> None:
        kind = token.kind
        if kind is Kind.NEWLINE:
            return
        if kind is Kind.TITLE:
            self.title = self.reveal(self.raw(token, 6)).strip() or None
        elif kind in (Kind.ACC_TITLE, Kind.ACC_DESCR):
            after = self.tokens[self.index]
            self.index += 1
            if after.kind is Kind.UNCLOSED:
                keyword = self.raw(token).split(":")[0].strip()
                self.error(
                    "E802",
                    f"`{keyword}:` has no text after it",
                    token.start,
                    token.end,
                    f"write the text on the same line: `{keyword}: …`",
                )
                return
            value = self.reveal(self.raw(after)).strip()
            if kind is Kind.ACC_TITLE:
                self.acc_title = value or None
            else:
                self.acc_descr = value or None
        elif kind is Kind.ACC_DESCR_BLOCK:
            self._description_block(token)
        elif kind is Kind.SECTION:
            raw = self.raw(token, 8)
            self.sections.append(_Section(self.name(raw), raw, self.line_of(token.start), []))
        elif kind is Kind.TASK_NAME:
            self._task(token)
        else:
            self._stray(token)

    def _description_block(self, opener: Token) -> None:
        value = self.tokens[self.index]
        closer = self.tokens[self.index + 1]
        self.index += 2
        if closer.kind is Kind.UNCLOSED:
            self.error(
                "E802",
                "`accDescr {` is never closed",
                opener.start,
                opener.end,
                "end the description with `}`",
            )
            return
        # Mermaid trims the block, then drops the indentation of every line.
        text = re.sub(r"\n\s+", "\n", self.reveal(self.raw(value)).strip())
        self.acc_descr = "\n".join(line.rstrip() for line in text.split("\n")) or None

    def _stray(self, token: Token) -> None:
        shown = self.prepared.value(token.start, token.end)
        if token.kind is Kind.JOURNEY:
            message, hint = "`journey` may only start the diagram", "remove this line"
        elif token.kind is Kind.INVALID and shown == ";":
            message = "Mermaid cannot read `;` in a journey"
            hint = "write `#59;` for a semicolon in a name"
        elif token.kind is Kind.TASK_DATA:
            message = f"`{shown.strip()}` has no task name before it"
            hint = "a task is `Task name: score: actor, actor`; a section name cannot hold `:`"
        elif token.kind is Kind.COLON:
            message, hint = "`:` with no score after it", "write the score: `Task name: 5`"
        else:
            message, hint = f"Mermaid cannot read `{shown}` here", None
        self.error("E802", message, token.start, token.end, hint)
        self.skip_line()

    def _task(self, token: Token) -> None:
        data = self.tokens[self.index] if self.index < len(self.tokens) else None
        name = self.name(self.raw(token))
        if data is None or data.kind is not Kind.TASK_DATA:
            self.error(
                "E802",
                f"task `{name}` has no score",
                token.start,
                token.end,
                f"a task is `{name}: 5: Actor` (score 1 to 5, actors optional)",
            )
            self.skip_line()
            return
        self.index += 1
        pieces = self.raw(data, 1).split(":")
        score = self._score(pieces[0], data.start + 1)
        actors: list[str] = []
        if len(pieces) > 1:
            for piece in pieces[1].split(","):
                actor = self.reveal(piece).strip()
                if actor and actor not in actors:
                    actors.append(actor)
        if len(pieces) > 2:
            start = data.start + 1 + len(pieces[0]) + 1 + len(pieces[1])
            self.diagnostics.warning(
                "W801",
                "Mermaid ignores the text after the actors, and so does the import",
                self.location(start, data.end),
                "write `#58;` for a `:` inside an actor's name",
            )
        if not self.sections:
            self.sections.append(_Section(None, None, self.line_of(token.start), []))
        task = MermaidTask(name, score, tuple(actors), self.line_of(token.start))
        current = len(self.sections) - 1
        drawn = self.drawn
        if drawn is not None and self.sections[drawn].key == self.sections[current].key:
            self.absorbed.add(current)
            current = drawn  # Mermaid draws it in the section drawn just before
        self.sections[current].tasks.append(task)
        self.drawn = current

    def _score(self, hidden: str, start: int) -> Fraction | None:
        text = self.reveal(hidden).strip()
        lead = len(hidden) - len(hidden.lstrip())
        begin, end = start + lead, start + lead + max(1, len(hidden.strip()))
        if not hidden.strip(_JS_SPACE):
            self.diagnostics.warning(
                "W803",
                "task score is missing: the step gets no emotion",
                self.location(begin, end),
                "give a score from 1 (unhappy) to 5 (happy): `Task: 5`; Mermaid reads a "
                "missing score as 0",
            )
            return None
        # Mermaid hands the raw text to `Number()`: an entity code there is no digit.
        value = js_number(hidden) if self.prepared.is_plain(hidden) else None
        if value is None:
            self.diagnostics.warning(
                "W803",
                f"task score `{text}` is not a number: the step gets no emotion",
                self.location(begin, end),
                "give a score from 1 (unhappy) to 5 (happy); Mermaid draws this task "
                "without a place on its scale",
            )
        return value


def parse_mermaid(
    text: str, file: str, diagnostics: Collector, first_line: int = 1
) -> MermaidJourney | None:
    """Read one Mermaid diagram; None when it is not a journey.

    `text` starts at line `first_line` of `file` (a Markdown fence's content
    starts below the fence), so diagnostics point at the user's lines.
    """
    return _Reader(text, prepare(text), file, first_line, diagnostics).read()


def is_journey(text: str) -> bool:
    """Whether Mermaid text is a `journey` diagram, as Mermaid detects one: after front
    matter, directives and comments, it starts with `journey` (lower case)."""
    return prepare(text).text.lstrip(_JS_SPACE).startswith("journey")
