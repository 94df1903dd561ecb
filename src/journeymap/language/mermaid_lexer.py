"""Mermaid's `journey` lexer, rule for rule, so that import reads text as Mermaid does.

The rules and their order copy Mermaid 11's `journey.jison` (mermaid-js/mermaid,
MIT), as its build compiles them: its lexer takes the *first* rule that
matches, not the longest, which is why `Title of the day: 5` is a title, a
line starting with `%` a comment (`% note`), `A%%: 3` a comment too (any
character then `%%`), while `Get 20% back: 5` is a task (the task name rule
reads past the `%`), and `}title X` right after an `accDescr { … }` block a
title. Patterns ending in a word character get a word boundary, as jison adds
it (JavaScript's: ASCII word characters). Before lexing, Mermaid itself
removes front matter, directives and `%%` comment lines and hides entity
codes (`#58;`); `prepare` does the same and keeps the way back to every
offset, so positions in diagnostics stay those of the user's file.
"""

import html
import re
from bisect import bisect_right
from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from journeymap.language.mermaid_text import decode_entity, is_control


class Kind(StrEnum):
    COMMENT = "comment"
    NEWLINE = "newline"
    SPACE = "space"
    JOURNEY = "journey"
    TITLE = "title"
    ACC_TITLE = "accTitle"
    ACC_DESCR = "accDescr"
    ACC_DESCR_BLOCK = "accDescr {"
    ACC_VALUE = "value"
    ACC_BLOCK_END = "}"
    SECTION = "section"
    TASK_NAME = "task name"
    TASK_DATA = "task data"
    COLON = ":"
    INVALID = "invalid"
    UNCLOSED = "unclosed"


_I = re.IGNORECASE
_B = r"(?![A-Za-z0-9_])"
"""JavaScript's `\\b` after a word character: the next one is not an ASCII word character."""
_INITIAL: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.COMMENT, re.compile(r"%(?!\{)[^\n]*")),
    (Kind.COMMENT, re.compile(r"[^}]%%[^\n]*")),
    (Kind.NEWLINE, re.compile(r"\n+")),
    (Kind.SPACE, re.compile(r"\s+")),
    (Kind.COMMENT, re.compile(r"#[^\n]*")),
    (Kind.JOURNEY, re.compile(r"journey" + _B, _I)),
    (Kind.TITLE, re.compile(r"title\s[^#\n;]+", _I)),
    (Kind.ACC_TITLE, re.compile(r"accTitle\s*:\s*", _I)),
    (Kind.ACC_DESCR, re.compile(r"accDescr\s*:\s*", _I)),
    (Kind.ACC_DESCR_BLOCK, re.compile(r"accDescr\s*\{\s*", _I)),
    (Kind.SECTION, re.compile(r"section\s[^#:\n;]+", _I)),
    (Kind.TASK_NAME, re.compile(r"[^#:\n;]+")),
    (Kind.TASK_DATA, re.compile(r":[^#\n;]+")),
    (Kind.COLON, re.compile(r":")),
    (Kind.INVALID, re.compile(r".", re.DOTALL)),
)
_LINE_VALUE = re.compile(r"[^\n]*")
_BLOCK_VALUE = re.compile(r"[^}]*")


class Token(NamedTuple):
    kind: Kind
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Every token of prepared diagram text, comments and white space included."""
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        if out and out[-1].kind in (Kind.ACC_TITLE, Kind.ACC_DESCR):
            end = _LINE_VALUE.match(text, pos)
            assert end is not None  # `[^\n]*` always matches
            out.append(Token(Kind.ACC_VALUE, pos, end.end()))
            pos = end.end()
            continue
        if out and out[-1].kind is Kind.ACC_DESCR_BLOCK:
            value = _BLOCK_VALUE.match(text, pos)
            assert value is not None
            out.append(Token(Kind.ACC_VALUE, pos, value.end()))
            if value.end() >= len(text):
                out.append(Token(Kind.UNCLOSED, out[-2].start, out[-2].end))
                return out
            out.append(Token(Kind.ACC_BLOCK_END, value.end(), value.end() + 1))
            pos = value.end() + 1
            continue
        for kind, pattern in _INITIAL:
            match = pattern.match(text, pos)
            if match and match.end() > pos:
                out.append(Token(kind, pos, match.end()))
                pos = match.end()
                break
    if out and out[-1].kind in (Kind.ACC_TITLE, Kind.ACC_DESCR):
        # Mermaid's lexer finds no value at the end of the text, only the end.
        out.append(Token(Kind.UNCLOSED, out[-1].start, out[-1].end))
    elif out and out[-1].kind is Kind.ACC_DESCR_BLOCK:
        opener = out[-1]
        out.append(Token(Kind.ACC_VALUE, len(text), len(text)))
        out.append(Token(Kind.UNCLOSED, opener.start, opener.end))
    return out


# -- preparation: what Mermaid does to the text before its lexer runs -------------------
# Mermaid 11's `preprocessDiagram` and `encodeEntities`, in their order, each
# pattern as Mermaid writes it (JavaScript's `.` is "not a line break", its
# `\w` ASCII).

_JS_DOT = r"[^\n\r\u2028\u2029]"
_FRONT_MATTER = re.compile(r"\A([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+", re.DOTALL)
_DIRECTIVE = re.compile(
    r"%{2}\{\s*(?:(\w+)\s*:|(\w+))\s*"
    r"(?:(\w+)|((?:(?!\}%{2})" + _JS_DOT + r"|\r?\n)*))?\s*(?:\}%{2})?",
    re.IGNORECASE | re.ASCII,
)
_COMMENT_LINE = re.compile(r"^[^\S\n]*%%(?!\{)[^\n]+\n?", re.MULTILINE)
"""A `%%` comment line; Mermaid's pattern is `^\\s*%%(?!{)[^\\n]+\\n?`, whose `\\s*` also
takes the blank lines before it (`_comment_spans` adds them without its quadratic cost)."""
_TAG_START = re.compile(r"<\w", re.ASCII)
_DOUBLE_QUOTED_ATTRIBUTE = re.compile(r'="([^"]*)"')
_QUIRK_WORDS = ("style", "classDef")
"""Mermaid's entity encoder runs `/style.*:\\S*#.*;/g`, then the same with `classDef`,
dropping the last character of each match (`_quirk_spans` finds it in linear time)."""
_JS_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_ENTITY_CODE = re.compile(r"#(\w+);", re.ASCII)
_PRIVATE = re.compile(r"[\ue000\U000F0000-\U0010FFFF]")
_HIDDEN = re.compile(r"[\ue000\U000F0000-\U0010FFFF]")

_PAD = "\ue000"
_HIDE_PLANES = (0xF0000, 0x100000)
_PLANE_SIZE = 0xFFFE
"""Hidden value i is chr(plane + i) in one of two private-use planes, padded with _PAD."""


class _Cuts(NamedTuple):
    """Where one pass removed text: for each cut, its offset in the pass's output and the
    length removed up to and including it."""

    at: tuple[int, ...]
    removed: tuple[int, ...]

    def origin(self, offset: int) -> int:
        index = bisect_right(self.at, offset)
        return offset + (self.removed[index - 1] if index else 0)


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, _Cuts | None]:
    """`text` without the spans (as Mermaid removes them), and how to find offsets back."""
    spans = [(start, end) for start, end in spans if end > start]
    if not spans:
        return text, None
    out: list[str] = []
    at: list[int] = []
    removed: list[int] = []
    last = total = length = 0
    for start, end in spans:
        out.append(text[last:start])
        length += start - last
        total += end - start
        at.append(length)
        removed.append(total)
        last = end
    out.append(text[last:])
    return "".join(out), _Cuts(tuple(at), tuple(removed))


class Prepared(NamedTuple):
    """Diagram text ready for `tokens`, as Mermaid's parser gets it (entity codes hidden
    and padded to their length), and the way back to offsets in the user's text."""

    text: str
    front_title: str | None
    entities: tuple[str, ...]
    cuts: tuple[_Cuts, ...] = ()
    """The removals of each pass, first to last."""

    def origin(self, offset: int) -> int:
        """The offset in the user's text of `offset` in `text`."""
        for cuts in reversed(self.cuts):
            offset = cuts.origin(offset)
        return offset

    def value(self, start: int, end: int) -> str:
        """The raw text of [start, end) with entity codes still hidden."""
        return self.text[start:end]

    def reveal(self, hidden: str) -> str:
        """Text taken from `value` with each hidden entity code decoded."""
        if not _HIDDEN.search(hidden):
            return hidden
        out: list[str] = []
        for char in hidden:
            if char == _PAD:
                continue
            code = ord(char)
            plane = _HIDE_PLANES[0] if code < _HIDE_PLANES[1] else _HIDE_PLANES[1]
            index = code - plane + (0 if plane == _HIDE_PLANES[0] else _PLANE_SIZE)
            known = code >= _HIDE_PLANES[0] and index < len(self.entities)
            out.append(self.entities[index] if known else char)
        return "".join(out)

    def is_plain(self, hidden: str) -> bool:
        """Whether `hidden` holds no entity code (and nothing else hidden)."""
        return not _HIDDEN.search(hidden)


def shown_entity(inner: str) -> str:
    """What Mermaid shows for `#inner;`: the HTML character reference `&inner;` as a
    browser reads it (`&foo;`, not being one, stays as typed); control characters,
    which a `.journey` file cannot hold, become U+FFFD as HTML makes of `&#0;`."""
    decoded = decode_entity(inner)
    if decoded is not None:
        return decoded
    numeric = inner.lstrip("+")
    shown = html.unescape(f"&#{numeric};" if numeric.isdigit() else f"&{inner};")
    return "".join("\ufffd" if is_control(c) else c for c in shown)


def _yaml_scalar(body: str) -> str | None:
    """The top-level `title:` of front matter, as js-yaml reads the usual one-line
    forms (plain, 'single', "double" quoted) and `|` / `>` blocks; None when absent
    or empty (Mermaid ignores a false title: empty, `null`, `~`, `false`, `0`)."""
    lines = body.split("\n")
    for number, line in enumerate(lines):
        found = re.match(r"title[ \t]*:(?:[ \t]+|$)(.*)$", line)
        if not found:
            continue
        raw = found.group(1).rstrip()
        if raw[:1] in "|>" and re.fullmatch(r"[|>][+-]?[0-9]?(?:\s+#.*)?", raw):
            block: list[str] = []
            for more in lines[number + 1 :]:
                if more.strip() and not more[:1].isspace():
                    break
                block.append(more.strip())
            while block and not block[-1]:
                block.pop()
            value = ("\n" if raw[0] == "|" else " ").join(block)
        elif raw.startswith('"'):
            end = re.match(r'"((?:[^"\\]|\\.)*)"', raw)
            value = _YAML_ESCAPE.sub(_yaml_escape, end.group(1) if end else raw[1:])
        elif raw.startswith("'"):
            end = re.match(r"'((?:[^']|'')*)'", raw)
            value = (end.group(1) if end else raw[1:]).replace("''", "'")
        else:
            value = re.sub(r"\s+#.*$", "", raw).strip()
            if value in ("", "~", "false", "False", "FALSE", "0") or value.lower() == "null":
                return None
        return value or None
    return None


_YAML_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)")
_YAML_ESCAPES = {"n": "\n", "t": "\t", "0": "\ufffd", "r": "\n"}


def _yaml_escape(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) > 1:
        char = chr(int(code[1:], 16))
        return "\ufffd" if is_control(char) else char
    return _YAML_ESCAPES.get(code, code)


def prepare(text: str) -> Prepared:
    """Mermaid's preprocessing: tags' double-quoted attributes single-quoted, front matter,
    directives and `%%` comment lines removed, the `style …:…#…;` quirk of its entity
    encoder, and entity codes hidden; `Prepared.origin` finds the user's offsets."""
    entities = _Hider()
    if _PRIVATE.search(text):
        # The user's own private-use characters are hidden too, standing for themselves,
        # so that none of them is read as a hidden entity code.
        text = entities.hide(_PRIVATE, text, lambda m: m.group())
    if "<" in text and ">" in text:  # same length: offsets stay put
        text = _single_quoted(text)
    front_title = None
    passes: list[_Cuts | None] = []
    front = _FRONT_MATTER.match(text)
    if front:
        indent = front.group(1)
        body = front.group(2)
        if indent:
            body = "\n".join(
                line[len(indent) :] if line.startswith(indent) else line
                for line in body.split("\n")
            )
        front_title = _yaml_scalar(body)
        text, cuts = _cut(text, [front.span()])
        passes.append(cuts)
    if "%%" in text:
        text, cuts = _cut(text, [m.span() for m in _DIRECTIVE.finditer(text)])
        passes.append(cuts)
    if "%%" in text:
        text, cuts = _cut(text, _comment_spans(text))
        passes.append(cuts)
    for word in _QUIRK_WORDS:
        if word in text:
            text, cuts = _cut(text, _quirk_spans(text, word))
            passes.append(cuts)
    hidden = entities.hide(_ENTITY_CODE, text, lambda m: shown_entity(m.group(1)))
    kept = tuple(cuts for cuts in passes if cuts is not None)
    return Prepared(hidden, front_title, tuple(entities.values), kept)


def _single_quoted(text: str) -> str:
    """Mermaid's `cleanupText`: in each `<tag …>`, `="…"` becomes `='…'`.

    Its pattern `<(\\w+)([^>]*)>` runs from the first `<` and a word character
    before a `>` to that `>`; cutting the text at each `>` finds the same tags
    without rescanning the text after a `<` that no `>` closes.
    """
    pieces = text.split(">")
    for index, piece in enumerate(pieces[:-1]):
        found = _TAG_START.search(piece)
        if found and '="' in piece[found.start() :]:
            start = found.start()
            pieces[index] = piece[:start] + _DOUBLE_QUOTED_ATTRIBUTE.sub(r"='\1'", piece[start:])
    return ">".join(pieces)


def _quirk_spans(text: str, word: str) -> list[tuple[int, int]]:
    """The `;` that `/WORD.*:\\S*#.*;/g` drops from each line (its last `;`), found
    without the pattern's cubic backtracking: a line matches when, after its first
    `WORD`, a `:` is followed by a run of non-space characters holding a `#`, and a
    `;` comes after that `#`."""
    spans: list[tuple[int, int]] = []
    for line in _JS_LINE.finditer(text):
        begin = text.find(word, line.start(), line.end())
        if begin == -1:
            continue
        last = text.rfind(";", begin, line.end())
        if last == -1:
            continue
        armed = False
        for index in range(begin + len(word), last):
            char = text[index]
            if char == ":":
                armed = True
            elif char.isspace() or char == "\ufeff":
                armed = False
            elif char == "#" and armed:
                spans.append((last, last + 1))
                break
    return spans


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """What Mermaid's `cleanupComments` removes: each `%%` comment line with the blank
    lines before it (back to the first line start after other text or an earlier one)."""
    spans: list[tuple[int, int]] = []
    done = 0
    for match in _COMMENT_LINE.finditer(text):
        start = match.start()
        while start > done and text[start - 1].isspace():
            start -= 1
        if start > 0 and text[start - 1] != "\n":
            newline = text.find("\n", start, match.start())
            start = match.start() if newline == -1 else newline + 1
        spans.append((start, match.end()))
        done = match.end()
    return spans


class _Hider:
    """Hidden values, each stood for by one private-use character (padded to length)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.index_of: dict[str, int] = {}

    def hide(
        self, pattern: re.Pattern[str], text: str, value: Callable[[re.Match[str]], str]
    ) -> str:
        def one(match: re.Match[str]) -> str:
            shown = value(match)
            index = self.index_of.get(shown)
            if index is None:
                if len(self.values) >= 2 * _PLANE_SIZE:
                    return "\ufffd" * len(match.group())  # pragma: no cover - 130,000 kinds
                index = self.index_of[shown] = len(self.values)
                self.values.append(shown)
            plane = _HIDE_PLANES[0] if index < _PLANE_SIZE else _HIDE_PLANES[1] - _PLANE_SIZE
            return chr(plane + index) + _PAD * (len(match.group()) - 1)

        return pattern.sub(one, text)
