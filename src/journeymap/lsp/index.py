"""Where each ID of a journey is declared and used, across its includes, with positions.

The compiled model knows lines only, and nothing at all when the text has
errors; an editor needs columns, and needs them while the text is half typed.
So the index is read from the syntax tree of each file (the parser keeps
every statement it can read), walking includes as the compiler does, and
giving stages and steps without an ID the automatic ID the compiler would.
"""

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from journeymap.language.keywords import KEYWORDS, AttrType
from journeymap.language.parser import parse
from journeymap.language.syntax import Statement, StatementKind
from journeymap.language.values import slug, split_names
from journeymap.model.diagnostics import Collector
from journeymap.model.journey import LANES

MAX_DEPTH = 16
"""Includes deeper than this are not followed (the compiler's limit)."""

DECLARING = ("persona", "channel", "team", "stage", "step", "touchpoint", *LANES)
"""The keywords whose ID (written or automatic) is a declaration."""

FLOW_ENDS = ("step", "touchpoint", *LANES)
"""What a flow may join: steps, touchpoints and lane items."""


class Span(NamedTuple):
    """A stretch of one line: the file's path, 1-based line and column, length in characters."""

    file: str
    line: int
    column: int
    length: int


class Declaration(NamedTuple):
    """One declared ID: its kind (a keyword), its name or text, where, and what holds it."""

    id: str
    kind: str
    name: str
    at: Span
    parent: str | None  # a step's stage; a touchpoint's or lane item's step
    attributes: tuple[tuple[str, str | None], ...]


class Index(NamedTuple):
    """Every declaration and every use of an ID, in the main file and its includes."""

    declarations: dict[str, Declaration]
    references: dict[str, list[Span]]
    files: tuple[str, ...]  # the main file first, then each include as walked

    def id_at(self, file: str, line: int, column: int) -> str | None:
        """The ID declared or used at 1-based `line` and `column` of `file`, if any."""
        for ident, declaration in self.declarations.items():
            if _covers(declaration.at, file, line, column):
                return ident
        for ident, spans in self.references.items():
            if any(_covers(span, file, line, column) for span in spans):
                return ident
        return None


def _covers(span: Span, file: str, line: int, column: int) -> bool:
    return (
        span.file == file
        and span.line == line
        and span.column <= column <= span.column + span.length
    )


class _Walk:
    """The state of one index build: what is declared and used so far."""

    def __init__(self, root: Path, read: Callable[[str], str | None]) -> None:
        self.root = root.resolve()
        self.read = read
        self.declarations: dict[str, Declaration] = {}
        self.references: dict[str, list[Span]] = {}
        self.files: list[str] = []
        self.pending: list[tuple[str, str, Span, str | None, Statement]] = []
        self.stage: str | None = None
        self.step: str | None = None
        self.pending_stage: int | None = None  # index into `pending` of the open stage

    def file(self, file: str, text: str, depth: int) -> None:
        if file in self.files or depth > MAX_DEPTH:
            return
        self.files.append(file)
        lines = text.split("\n")
        for st in parse(text, file, Collector()).statements:
            if st.kind is StatementKind.INCLUDE:
                self.include(file, st, depth)
            elif st.kind is StatementKind.FLOW:
                self.use(st.keyword, Span(file, st.line, st.keyword_column, len(st.keyword)))
                if st.name:
                    self.use(st.name, Span(file, st.line, st.name_column, len(st.name)))
            else:
                self.statement(file, st, lines)

    def include(self, file: str, st: Statement, depth: int) -> None:
        target = st.value or ""
        if not target or os.path.isabs(target):
            return
        try:
            real = (Path(file).parent / target).resolve()
        except (OSError, RuntimeError):
            return
        if self.root not in real.parents:
            return
        text = self.read(str(real))
        if text is not None:
            self.file(str(real), text, depth + 1)

    def statement(self, file: str, st: Statement, lines: list[str]) -> None:
        spec = KEYWORDS.get(st.keyword)
        if spec is None:
            return
        for attr in st.attributes:
            rule = spec.attributes.get(attr.key)
            if rule is None or attr.value is None:
                continue
            if rule.type == AttrType.REF:
                self.use(attr.value, Span(file, st.line, attr.value_column, len(attr.value)))
            elif rule.type == AttrType.REFS:
                line = lines[st.line - 1] if st.line <= len(lines) else ""
                start = attr.value_column - 1
                for name in split_names(attr.value):
                    found = line.find(name, start)
                    if found >= 0:
                        self.use(name, Span(file, st.line, found + 1, len(name)))
                        start = found + len(name)
        if st.keyword not in DECLARING:
            return
        parent = {"stage": None, "step": self.stage}.get(st.keyword, self.step)
        attrs = tuple((a.key, a.value) for a in st.attributes)
        if st.name:
            at = Span(file, st.line, st.name_column, len(st.name))
            self.declare(Declaration(st.name, st.keyword, st.value or "", at, parent, attrs))
            ident: str | None = st.name
        elif st.keyword in ("stage", "step"):
            at = Span(file, st.line, st.keyword_column, len(st.keyword))
            self.pending.append((st.keyword, st.value or "", at, parent, st))
            ident = f"\0{len(self.pending) - 1}"  # named once the automatic IDs are known
        else:
            ident = None
        if st.keyword == "stage":
            self.stage, self.step = ident, None
        elif st.keyword == "step":
            self.step = ident

    def declare(self, declaration: Declaration) -> None:
        self.declarations.setdefault(declaration.id, declaration)

    def use(self, ident: str, span: Span) -> None:
        self.references.setdefault(ident, []).append(span)

    def finish(self) -> Index:
        """Give stages and steps without an ID theirs, as the compiler does, then the index."""
        names: dict[str, str] = {}
        for n, (kind, name, at, parent, st) in enumerate(self.pending):
            base = slug(name, kind)
            candidate, count = base, 1
            while candidate in self.declarations:
                count += 1
                candidate = f"{base}-{count}"
            names[f"\0{n}"] = candidate
            attrs = tuple((a.key, a.value) for a in st.attributes)
            self.declarations[candidate] = Declaration(
                candidate, kind, name, at, names.get(parent or "", parent), attrs
            )
        for ident, declaration in list(self.declarations.items()):
            if declaration.parent is not None and declaration.parent.startswith("\0"):
                parent = names.get(declaration.parent)
                self.declarations[ident] = declaration._replace(parent=parent)
        return Index(self.declarations, self.references, tuple(self.files))


def build(file: str, text: str, root: Path, read: Callable[[str], str | None]) -> Index:
    """The index of the journey whose main file `file` holds `text`.

    Includes resolve from the including file's directory and must stay below
    `root`; `read` gives a file's text (the editor's buffer when it is open,
    else the disk's), or None when it cannot be read.
    """
    walk = _Walk(root, read)
    walk.file(file, text, 0)
    return walk.finish()


def read_disk(path: str) -> str | None:
    """A file's text from the disk, or None when it cannot be read as UTF-8."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
