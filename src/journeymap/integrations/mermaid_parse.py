"""Mermaid `journey` text -> `MermaidJourney`: what Mermaid's own parser makes of it.

The statements and their meaning follow Mermaid's grammar and `journeyDb`
(`addTask` splits the text after the task name at `:`, then the actors at
`,`, and trims each). Unlike Mermaid, scores are checked: a journey emotion
needs a whole number from 1 to 5. Every problem is a located diagnostic.
"""

import re
from typing import NamedTuple

from journeymap.language.mermaid_lexer import Kind, Prepared, Token, prepare, tokens
from journeymap.language.mermaid_text import BREAK
from journeymap.model.diagnostics import Collector, Location

SCORES = range(1, 6)
_WHOLE = re.compile(r"\+?[0-9]+")
_SKIPPED = (Kind.COMMENT, Kind.SPACE)


class MermaidTask(NamedTuple):
    name: str
    """Decoded; `<br>` breaks are `\\n`."""
    score: int
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
        self.tokens = [t for t in tokens(prepared.text) if t.kind not in _SKIPPED]
        self.index = 0
        # What has been read so far; `read` makes the MermaidJourney of it.
        self.title = prepared.front_title
        self.acc_title: str | None = None
        self.acc_descr: str | None = None
        self.sections: list[tuple[str | None, int, list[MermaidTask]]] = []

    # -- positions and problems --------------------------------------------------------

    def line_of(self, offset: int) -> int:
        return self.first_line + self.text.count("\n", 0, offset)

    def location(self, start: int, end: int | None = None) -> Location:
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", start)
        stop = min(end if end is not None else start + 1, len(self.text))
        if line_end != -1:
            stop = min(stop, line_end)
        return Location(
            self.file, self.line_of(start), start - line_start + 1, max(1, stop - start)
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

    # -- statements -------------------------------------------------------------------

    def read(self) -> MermaidJourney | None:
        while self.index < len(self.tokens) and self.tokens[self.index].kind is Kind.NEWLINE:
            self.index += 1
        if self.index >= len(self.tokens) or self.tokens[self.index].kind is not Kind.JOURNEY:
            self._not_a_journey()
            return None
        self.index += 1
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            self._statement(token)
        sections = tuple(MermaidSection(n, line, tuple(tasks)) for n, line, tasks in self.sections)
        return MermaidJourney(self.title, self.acc_title, self.acc_descr, sections)

    def _not_a_journey(self) -> None:
        if self.index >= len(self.tokens):
            self.diagnostics.error(
                "E801",
                "no Mermaid diagram here: the text is empty",
                Location(self.file, self.first_line),
                "a Mermaid journey starts with the line `journey`",
            )
            return
        token = self.tokens[self.index]
        first = self.prepared.value(token.start, token.end).split()
        word = first[0] if first else self.prepared.value(token.start, token.end)
        self.error(
            "E801",
            f"not a Mermaid journey diagram: it starts with `{word}`, not `journey`",
            token.start,
            token.start + len(word),
            "journeymap imports Mermaid's `journey` diagrams only",
        )

    def _statement(self, token: Token) -> None:
        kind = token.kind
        if kind is Kind.NEWLINE:
            return
        if kind is Kind.TITLE:
            self.title = self.reveal(self.raw(token, 6)).strip() or None
        elif kind in (Kind.ACC_TITLE, Kind.ACC_DESCR):
            value = self.reveal(self.raw(self.tokens[self.index])).strip()
            self.index += 1
            if kind is Kind.ACC_TITLE:
                self.acc_title = value or None
            else:
                self.acc_descr = value or None
        elif kind is Kind.ACC_DESCR_BLOCK:
            self._description_block(token)
        elif kind is Kind.SECTION:
            name = self.name(self.raw(token, 8))
            self.sections.append((name, self.line_of(token.start), []))
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
        if score is None:
            return
        if not self.sections:
            self.sections.append((None, self.line_of(token.start), []))
        task = MermaidTask(name, score, tuple(actors), self.line_of(token.start))
        self.sections[-1][2].append(task)

    def _score(self, hidden: str, start: int) -> int | None:
        text = self.reveal(hidden).strip()
        lead = len(hidden) - len(hidden.lstrip())
        begin, end = start + lead, start + lead + max(1, len(hidden.strip()))
        if not text:
            self.error(
                "E803", "task score is missing", begin, end, "give a score from 1 to 5: `Task: 5`"
            )
            return None
        if not _WHOLE.fullmatch(text):
            self.error(
                "E803",
                f"task score `{text}` is not a whole number",
                begin,
                end,
                "give a score from 1 (unhappy) to 5 (happy)",
            )
            return None
        score = int(text)
        if score not in SCORES:
            self.error(
                "E803",
                f"task score {score} is outside 1 to 5",
                begin,
                end,
                "Mermaid's scores run from 1 (unhappy) to 5 (happy); they become emotions -2 to +2",
            )
            return None
        return score


def parse_mermaid(
    text: str, file: str, diagnostics: Collector, first_line: int = 1
) -> MermaidJourney | None:
    """Read one Mermaid diagram; None when it is not a journey.

    `text` starts at line `first_line` of `file` (a Markdown fence's content
    starts below the fence), so diagnostics point at the user's lines.
    """
    return _Reader(text, prepare(text), file, first_line, diagnostics).read()


def is_journey(text: str) -> bool:
    """Whether Mermaid text is a `journey` diagram (its first token is `journey`)."""
    for token in tokens(prepare(text).text):
        if token.kind in (*_SKIPPED, Kind.NEWLINE):
            continue
        return token.kind is Kind.JOURNEY
    return False
