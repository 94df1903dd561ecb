"""Parse checked source text into a `SourceFile` of statements and comments.

`grammar/journey.lark` defines the language (Lark, LALR). Its line grammar is
regular, so most lines are read by one regular expression assembled from the
grammar's own terminal patterns (`_FastLine`), which is several times faster
than driving the LALR parser token by token. Any line that expression does
not accept (an error, or a form it does not cover) is parsed by Lark, and a
Lark error becomes a diagnostic in the user's terms. A property test checks
that both paths read every line alike.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from journeymap.language import resources, terminal_patterns
from journeymap.language import terminals as respelt
from journeymap.language.syntax import (
    Attribute,
    BlankLine,
    BrokenLine,
    CommentLine,
    Line,
    SourceFile,
    Statement,
    StatementKind,
)
from journeymap.model.diagnostics import Collector, Location

if TYPE_CHECKING:
    # Lark itself is imported only when a line needs it (see `lark_parser`):
    # a file the fast path reads whole never imports it.
    from lark import Lark, Token, Tree
    from lark.exceptions import UnexpectedInput

_LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "maybe_placeholders": True,
}

FAST_TERMINALS = ("ID", "STRING", "TEXT", "ATTR_WORD")
"""The grammar's terminals the fast path is built from (see `terminal_patterns`)."""


def build_lark(grammar: str) -> Lark:
    """The LALR parser for `grammar`, built in memory."""
    from lark import Lark  # lark: only for a line the fast path leaves to it

    return Lark(grammar, **_LARK_OPTIONS)


@cache
def lark_parser() -> Lark:
    """The LALR parser of the shipped grammar, built once per process when a line needs it.

    Valid files are read by the fast path alone; Lark explains errors and
    reads the rare forms the fast path leaves to it.
    """
    return build_lark(resources.grammar_path().read_text(encoding="utf-8"))


def _terminal_patterns() -> dict[str, str]:
    """The regular expressions of the terminals the fast path is built from.

    Taken from `journeymap.language.terminal_patterns`, which is generated
    from the grammar (`python tools/gen_terminals.py`) and committed, so that
    a file with no errors is read without building the LALR tables at all.
    """
    return {name: getattr(terminal_patterns, name) for name in FAST_TERMINALS}


def _optional(pattern: str) -> str:
    """`(?:pattern)?`, spelt as a choice between it and nothing: the same matches.

    `re` runs an optional group as a repeat, and each try of a repeat saves
    every capture group set so far, so that it can put them back; a choice
    outside any repeat keeps only two numbers. The line expression has a dozen
    groups and several optional parts, so this saves much of its work.
    """
    return f"(?:{pattern}|)"


class _FastLine:
    """One regular expression for a whole statement line, from the grammar's terminals."""

    def __init__(self) -> None:
        terminals = _terminal_patterns()
        # Respelt for `re` (see `journeymap.language.terminals`), matching the same text.
        ident, string = respelt.ident(terminals["ID"]), respelt.string(terminals["STRING"])
        text, word = respelt.text(terminals["TEXT"]), terminals["ATTR_WORD"]
        # Possessive: nothing that may follow a run of blanks starts with one
        # (the comment's look-behind only reads the blank before its `#`), so
        # giving blanks back could never help a match; it only cost time when
        # a line failed one branch and the engine retried every split.
        ws = r"[ \t]*+"
        # Atomic groups mirror the lexer: a token, once matched, is not re-split.
        attr = rf"(?>{ident})(?:{ws}={ws}(?>{string}|{word}))?"
        # The strict form of an attribute list, checked once per distinct list
        # (see `_LineReader._from_match`).
        attribute_list = rf"\[{ws}(?:{attr}(?:{ws},{ws}{attr})*)?{ws}\]"
        # In the line, a loose form that ends where the strict one would: at the
        # first `]` outside a quoted string, which is cheaper to match than the
        # strict form spelt out in the line. A list the loose form
        # takes but the strict one refuses is sent to Lark, which is where the
        # strict form would have sent the whole line.
        # (Spelt with the grammar's STRING: its loop is possessive already.)
        loose_list = rf"\[(?>[^\]\"\n]+|{terminals['STRING']})*+\]"

        def value(prefix: str) -> str:
            text_value = _optional(rf"(?P<{prefix}value>(?>{string}|{text}))")
            return _optional(rf"{ws}(?P<{prefix}colon>:){ws}{text_value}")

        name = _optional(rf"[ \t]+(?P<name>(?>{ident}))")
        line = (
            rf"(?P<indent>{ws})(?P<kw>(?>{ident}))"
            rf"(?:{name}{value('')}"
            rf"|{ws}(?P<arrow>-->|->){ws}(?P<target>(?>{ident})){value('f')}"
            rf"|{ws}(?P<path>(?>{string})))"
            + _optional(rf"{ws}(?P<attrs>{loose_list})")
            + _optional(rf"{ws}(?P<comment>(?<=[ \t])#(?=[ \t]|$).*)")
            + ws
        )
        key_value = rf"(?P<key>{ident})(?:{ws}={ws}(?P<value>(?>{string}|{word})))?"
        self.line = re.compile(line)
        self.attribute_list = re.compile(attribute_list)
        self.attr = re.compile(key_value)
        # `_from_match` reads the groups by position (one `groups()` call per line).
        index = self.line.groupindex
        if tuple(sorted(index, key=index.__getitem__)) != _LINE_GROUPS:
            raise RuntimeError(f"the line expression's groups moved: {dict(index)}")

    def statement_match(self, text: str) -> re.Match[str] | None:
        """The match of a line the fast path reads, or None for one it leaves to Lark."""
        match = self.line.fullmatch(text)
        if match is None:
            return None
        attributes = match.group("attrs")
        if attributes is not None and self.attribute_list.fullmatch(attributes) is None:
            return None
        return match


# The named groups of `_FastLine.line`, in the order `Match.groups()` returns them.
_LINE_GROUPS = (
    "indent",
    "kw",
    "name",
    "colon",
    "value",
    "arrow",
    "target",
    "fcolon",
    "fvalue",
    "path",
    "attrs",
    "comment",
)
_NAME, _VALUE, _TARGET, _FLOW_VALUE, _PATH, _ATTRS = 3, 5, 7, 9, 10, 11


@cache
def _fast_line() -> _FastLine:
    return _FastLine()


_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n"}


# Read on every line: an enum member read through its class goes through the
# metaclass's lookup; a module-level name does not.
_DECLARATION, _FLOW, _INCLUDE = StatementKind.DECLARATION, StatementKind.FLOW, StatementKind.INCLUDE

_AttributeShape = tuple[str, str | None, bool, int, int]
"""An attribute as read, with its columns counted from the list's `[` (0-based)."""


class _LineReader:
    """Reads the lines of one file, reporting problems to `diagnostics`."""

    def __init__(self, path: str, diagnostics: Collector) -> None:
        self.path = path
        self.diagnostics = diagnostics
        self.fast = _fast_line()
        # Attribute lists read without a problem, by their text: real files
        # repeat `[owner=ops]` or `[persona=maya]` on line after line, and only
        # the columns differ. Only lists the grammar accepts are kept, and not
        # one with a bad escape, so each occurrence of that is reported.
        self._attribute_lists: dict[str, tuple[_AttributeShape, ...]] = {}
        # The same lists as `Attribute`s, by their text and column: lines of
        # one kind often put the same list at the same column, and an
        # immutable tuple of them can be shared by those statements.
        self._placed_lists: dict[tuple[str, int], tuple[Attribute, ...]] = {}

    def _error(
        self,
        code: str,
        message: str,
        line: int,
        column: int,
        length: int = 1,
        hint: str | None = None,
    ) -> None:
        self.diagnostics.error(code, message, Location(self.path, line, column, length), hint)

    def unquote(self, token: str, line: int, column: int) -> str | None:
        """The text of a quoted string, or None after reporting a bad escape."""
        body = token[1:-1]
        if "\\" not in body:
            return body
        bad = [m for m in _ESCAPE.finditer(body) if m.group(1) not in _ESCAPES]
        for match in bad:
            self._error(
                "E012",
                f"unknown escape `\\{match.group(1)}` in a quoted string",
                line,
                column + 1 + match.start(),
                2,
                'the escapes are \\" (quote), \\\\ (backslash) and \\n (line break)',
            )
        if bad:
            return None
        return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], body)

    def value(self, token: str, line: int, column: int) -> tuple[str | None, bool]:
        if token.startswith('"'):
            return self.unquote(token, line, column), True
        return token.rstrip(" \t"), False

    def read(self, number: int, text: str) -> Line | None:
        # Most lines are statements, so the fast expression is tried first. It
        # never accepts a blank or comment line (a statement starts with an
        # ID, which is neither white space nor `#`), so those are told apart
        # only when it fails, and the result is the same as testing them first.
        match = self.fast.line.fullmatch(text)
        if match is not None:
            return self._from_match(number, match)
        return self._read_other(number, text)

    def _read_other(self, number: int, text: str) -> Line | None:
        """A line the fast expression did not accept: blank, a comment, or one for Lark."""
        stripped = text.lstrip(" \t")
        if not stripped:
            return BlankLine(number)
        if stripped.startswith("#"):
            return CommentLine(number, text[: len(text) - len(stripped)], stripped.rstrip(" \t"))
        return self._slow(number, text)

    def _from_match(self, number: int, m: re.Match[str]) -> Statement | None:
        # One call for every group, in `_LINE_GROUPS` order: cheaper than a
        # lookup per group on hot lines.
        (
            indent,
            kw,
            name,
            colon,
            value_raw,
            arrow,
            target,
            flow_colon,
            flow_raw,
            path,
            attrs_raw,
            comment,
        ) = m.groups()
        if arrow is not None:
            kind, name, name_col = _FLOW, target, m.start(_TARGET) + 1
            raw, raw_group = flow_raw, _FLOW_VALUE
        elif path is not None:
            kind, name_col = _INCLUDE, 0
            raw, raw_group = path, _PATH
        else:
            kind = _DECLARATION
            name_col = m.start(_NAME) + 1 if name is not None else 0
            raw, raw_group = value_raw, _VALUE
        placed: tuple[Attribute, ...] | None = None
        shapes: tuple[_AttributeShape, ...] | None = None
        attrs_col = 0
        if attrs_raw is not None:
            attrs_col = m.start(_ATTRS) + 1
            # A list met at this column before was read without a problem.
            placed = self._placed_lists.get((attrs_raw, attrs_col))
            if placed is None:
                # The line expression takes any bracketed list; a list the
                # grammar refuses sends the whole line to Lark, before any
                # problem with the line's value is reported.
                shapes = self._attribute_lists.get(attrs_raw)
                if shapes is None and self.fast.attribute_list.fullmatch(attrs_raw) is None:
                    return self._slow(number, m.string)
        value: str | None = None
        quoted = False
        raw_col = 0
        if raw is not None:  # never empty: a value is at least one character
            raw_col = m.start(raw_group) + 1
            if raw[0] == '"':
                value, quoted = self.unquote(raw, number, raw_col), True
                if value is None:
                    return None
            else:
                value = raw.rstrip(" \t")
        attrs: tuple[Attribute, ...] = ()
        if attrs_raw is not None:
            if placed is not None:
                attrs = placed
            else:
                if shapes is None:
                    shapes = self._read_attributes(attrs_raw, number, attrs_col)
                    if shapes is None:
                        return None
                    self._attribute_lists[attrs_raw] = shapes
                # The offsets in `shapes` count from the list's `[`.
                attrs = tuple(
                    [
                        Attribute(key, text, is_quoted, attrs_col + key_at, attrs_col + text_at)
                        for key, text, is_quoted, key_at, text_at in shapes
                    ]
                )
                self._placed_lists[(attrs_raw, attrs_col)] = attrs
        return Statement(
            kind,
            number,
            indent,
            kw,
            len(indent) + 1,
            name,
            name_col,
            arrow,
            colon is not None or flow_colon is not None,
            value,
            quoted,
            raw_col,
            attrs,
            attrs_col,
            comment.rstrip(" \t") if comment is not None else None,
        )

    def _read_attributes(
        self, text: str, line: int, column: int
    ) -> tuple[_AttributeShape, ...] | None:
        """The attributes of the list `text` (from `[` to `]`), or None after a bad escape."""
        result: list[_AttributeShape] = []
        for am in self.fast.attr.finditer(text, 1):
            key, raw = am.groups()
            key_at = am.start(1)
            if raw is None:
                result.append((key, None, False, key_at, key_at))
                continue
            value_at = am.start(2)
            if raw.startswith('"'):
                value = self.unquote(raw, line, column + value_at)
                if value is None:
                    return None
                result.append((key, value, True, key_at, value_at))
            else:
                result.append((key, raw, False, key_at, value_at))
        return tuple(result)

    # -- the Lark path -------------------------------------------------------

    def _slow(self, number: int, text: str) -> Statement | None:
        from lark.exceptions import UnexpectedInput  # lark: only on the slow path

        try:
            tree = lark_parser().parse(text + "\n")
        except UnexpectedInput as exc:
            self._explain(number, text, exc)
            return None
        items = [c for c in tree.find_data("item")]
        if not items:  # a comment-only line never reaches here; be safe anyway
            return None
        return self._from_tree(number, text, items[0])

    def _from_tree(self, number: int, text: str, item: Tree[Token]) -> Statement | None:
        from lark import Token, Tree  # lark: only on the slow path

        statement, comment = item.children
        assert isinstance(statement, Tree)
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        children = statement.children
        kw = children[0]
        assert isinstance(kw, Token)
        arrow: str | None = None
        if statement.data == "flow":
            _, arrow_tok, name_node, raw_tree, attrs_tree = children
            arrow = str(arrow_tok)
            kind = StatementKind.FLOW
        elif statement.data == "include":
            _, raw_tree, attrs_tree = children
            name_node, kind = None, StatementKind.INCLUDE
        else:
            _, name_node, raw_tree, attrs_tree = children
            kind = StatementKind.DECLARATION
        name = name_node if isinstance(name_node, Token) else None
        raw = raw_tree.children[0] if isinstance(raw_tree, Tree) else raw_tree
        assert raw is None or isinstance(raw, Token)
        value: str | None = None
        quoted = False
        raw_col = 0
        if raw is not None:
            raw_col = raw.column or 0
            value, quoted = self.value(str(raw), number, raw_col)
            if value is None:
                return None
        head_end = (name.end_column or 0) - 1 if name is not None else (kw.end_column or 0) - 1
        # Only white space stands between the head and a `:` (the grammar ignores it).
        has_colon = kind is not StatementKind.INCLUDE and (
            raw is not None or text[head_end:].lstrip(" \t").startswith(":")
        )
        attrs: tuple[Attribute, ...] = ()
        attrs_col = 0
        if isinstance(attrs_tree, Tree):
            # The list starts after the value: a quoted value may contain a `[` of its own.
            value_end = (raw.end_column or 0) - 1 if raw is not None else head_end
            attrs_col = text.index("[", value_end) + 1
            collected: list[Attribute] = []
            for attr in attrs_tree.find_data("attr"):
                key, value_tree = attr.children
                assert isinstance(key, Token)
                key_col = key.column or 0
                if value_tree is None:
                    collected.append(Attribute(str(key), None, False, key_col, key_col))
                    continue
                assert isinstance(value_tree, Tree)
                tok = value_tree.children[0]
                assert isinstance(tok, Token)
                if tok.type == "STRING":
                    text_value = self.unquote(str(tok), number, tok.column or 0)
                    if text_value is None:
                        return None
                    collected.append(
                        Attribute(str(key), text_value, True, key_col, tok.column or 0)
                    )
                else:
                    collected.append(Attribute(str(key), str(tok), False, key_col, tok.column or 0))
            attrs = tuple(collected)
        return Statement(
            kind,
            number,
            indent,
            str(kw),
            kw.column or 0,
            str(name) if name is not None else None,
            (name.column or 0) if name is not None else 0,
            arrow,
            has_colon,
            value,
            quoted,
            raw_col,
            attrs,
            attrs_col,
            str(comment).rstrip(" \t") if comment is not None else None,
        )

    def _explain(self, number: int, text: str, exc: UnexpectedInput) -> None:
        """Say what is wrong with a line in the user's terms, never Lark's."""
        from lark.exceptions import UnexpectedEOF, UnexpectedToken  # lark: errors only

        column = getattr(exc, "column", None) or len(text) + 1
        if isinstance(exc, UnexpectedEOF):
            column = len(text) + 1
        char = text[column - 1] if 0 < column <= len(text) else ""
        before = text[: column - 1]
        shown = _snippet(text, column)
        in_attrs = _open_bracket(before)
        token_type = exc.token.type if isinstance(exc, UnexpectedToken) else None
        if char == '"' and _unterminated(text, column - 1):
            self._error(
                "E011",
                'unterminated string: the closing `"` is missing',
                number,
                column,
                len(text) - column + 1,
                'end the string with `"` on the same line; use `\\n` for a line break',
            )
        elif (bare := _UNQUOTED_INCLUDE.match(text)) and not in_attrs:
            self._error(
                "E103",
                "`include` needs a quoted path",
                number,
                bare.start("path") + 1,
                len(bare.group("path")),
                f'write `include "{bare.group("path")}"`',
            )
        elif in_attrs and (char == "" or token_type in ("$END", "_NL")):
            self._error(
                "E014", "the attribute list is not closed", number, column, hint="end it with `]`"
            )
        elif in_attrs and char not in ",]=":
            self._error(
                "E014",
                f"unexpected {shown} in the attribute list",
                number,
                column,
                hint="attributes look like `[key=value, flag]`; quote values with "
                'spaces or commas: `key="two words"`',
            )
        elif in_attrs:
            self._error(
                "E014",
                f"unexpected {shown} in the attribute list",
                number,
                column,
                hint="attributes look like `[key=value, flag]`",
            )
        elif char in '"[]' and ":" in before:
            after_attrs = before.rstrip().endswith("]")
            if after_attrs:
                self._error(
                    "E015",
                    f"unexpected {shown} after the attribute list",
                    number,
                    column,
                    hint="the attribute list comes last on the line",
                )
            else:
                self._error(
                    "E013",
                    f"unquoted text may not contain {shown}",
                    number,
                    column,
                    hint='quote the whole value: `key: "text with [brackets] or \\"quotes\\""`',
                )
        elif before.rstrip().endswith("]"):
            self._error(
                "E015",
                f"unexpected {shown} after the attribute list",
                number,
                column,
                hint="the attribute list comes last on the line; put text before it",
            )
        elif not before.strip():
            self._error(
                "E010",
                f"a statement cannot start with {shown}",
                number,
                column,
                hint="a statement looks like `keyword [id]: value [attributes]`, "
                '`a -> b: label` or `include "file.journey"`',
            )
        elif (two := _TWO_WORDS.fullmatch(before)) and (char.isalnum() or char == "_"):
            word = shown.strip("`")
            self._error(
                "E010",
                f"unexpected {shown} after the ID `{two.group(2)}`: an ID is one word",
                number,
                column,
                len(word),
                hint=f"join the words (`{two.group(1)} {two.group(2)}_{word}: …`), "
                "or put a `:` before the text",
            )
        else:
            self._error(
                "E010",
                f"unexpected {shown}",
                number,
                column,
                hint="a statement looks like `keyword [id]: value [attributes]`, "
                '`a -> b: label` or `include "file.journey"`; an ID is letters, '
                "digits, `_` and `-`",
            )


_TWO_WORDS = re.compile(r"[ \t]*(\S+)[ \t]+([^\s:\[\]\"#]+)[ \t]+")
_UNQUOTED_INCLUDE = re.compile(r'[ \t]*include[ \t]+(?P<path>[^\s"\[:][^\s"\[]*)[ \t]*$')


def _snippet(text: str, column: int) -> str:
    if column > len(text):
        return "end of line"
    rest = text[column - 1 :]
    word = re.match(r"\w[\w-]*|\S", rest)
    return f"`{word.group() if word else rest[:1]}`"


def _open_bracket(text: str) -> bool:
    """Whether `text` ends inside an attribute list (brackets in quotes don't count)."""
    depth, quoted, escaped = 0, False, False
    for char in text:
        if escaped:
            escaped = False
        elif quoted:
            escaped = char == "\\"
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
    return depth > 0


def _unterminated(text: str, index: int) -> bool:
    """Whether the string opening at `index` has no closing quote on its line."""
    i = index + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return False
        i += 1
    return True


def parse(text: str, path: str, diagnostics: Collector) -> SourceFile:
    """Every line of `text` (checked by `journeymap.language.source`), problems reported."""
    reader = _LineReader(path, diagnostics)
    lines: list[Line] = []
    # `reader.read`, with its first step here: most lines are statements the
    # fast expression reads, and this saves a call for each.
    match_line, from_match, other = (
        reader.fast.line.fullmatch,
        reader._from_match,
        reader._read_other,
    )
    broken: list[BrokenLine] = []
    for number, line_text in enumerate(diagnostics.lines(path, text), start=1):
        match = match_line(line_text)
        item = from_match(number, match) if match is not None else other(number, line_text)
        if item is not None:
            lines.append(item)
        else:
            words = _FIRST_WORDS.match(line_text)
            if words is not None:
                broken.append(BrokenLine(number, words.group(1), words.group(2)))
    if lines and isinstance(lines[-1], BlankLine) and text.endswith("\n"):
        lines.pop()  # the final newline does not open another line
    return SourceFile(path, tuple(lines), tuple(broken))


_FIRST_WORDS = re.compile(r"[ \t]*([A-Za-z][\w-]*)(?:[ \t]+([\w][\w-]*))?")
"""A broken line's first word and the word after it: its keyword and ID, if it has them."""
