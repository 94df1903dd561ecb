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
codes (`#58;`); `prepare` does the same while keeping every offset, so
positions in diagnostics stay those of the user's file.
"""

import html
import re
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
        out.append(Token(Kind.ACC_VALUE, len(text), len(text)))
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
_COMMENT_LINE = re.compile(r"^\s*%%(?!\{)[^\n]+\n?", re.MULTILINE)
_TAG = re.compile(r"<(\w+)([^>]*)>", re.ASCII)
_DOUBLE_QUOTED_ATTRIBUTE = re.compile(r'="([^"]*)"')
_STYLE_QUIRKS = tuple(
    re.compile(word + _JS_DOT + r"*:\S*#" + _JS_DOT + r"*;") for word in ("style", "classDef")
)
_ENTITY_CODE = re.compile(r"#(\w+);", re.ASCII)
_PRIVATE = re.compile(r"[\ue000\U000F0000-\U0010FFFF]")
_HIDDEN = re.compile(r"[\ue000\U000F0000-\U0010FFFF]")

_PAD = "\ue000"
_HIDE_PLANES = (0xF0000, 0x100000)
_PLANE_SIZE = 0xFFFE
"""Hidden value i is chr(plane + i) in one of two private-use planes, padded with _PAD."""


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span turned to spaces, newlines kept, so offsets stay put."""
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    out.append(text[last:])
    return "".join(out)


class Prepared(NamedTuple):
    """Diagram text ready for `tokens`: same length and line breaks as the original."""

    text: str
    front_title: str | None
    entities: tuple[str, ...]

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
    """Mermaid's preprocessing, keeping every offset: front matter, directives and `%%`
    comment lines blanked, tags' double-quoted attributes single-quoted, the
    `style …:…#…;` quirk of its entity encoder, and entity codes hidden."""
    entities = _Hider()
    if _PRIVATE.search(text):
        # The user's own private-use characters are hidden too, standing for themselves,
        # so that none of them is read as a hidden entity code.
        text = entities.hide(_PRIVATE, text, lambda m: m.group())
    front_title = None
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
        text = _blank(text, [front.span()])
    text = _blank(text, [m.span() for m in _DIRECTIVE.finditer(text)])
    text = _blank(text, [m.span() for m in _COMMENT_LINE.finditer(text)])
    if "<" in text:
        text = _TAG.sub(
            lambda m: "<" + m.group(1) + _DOUBLE_QUOTED_ATTRIBUTE.sub(r"='\1'", m.group(2)) + ">",
            text,
        )
    for quirk in _STYLE_QUIRKS:
        # Mermaid drops the last character of such a match; a pad keeps the offsets.
        if quirk.pattern[:5] in text:
            text = quirk.sub(lambda m: m.group()[:-1] + _PAD, text)
    hidden = entities.hide(_ENTITY_CODE, text, lambda m: shown_entity(m.group(1)))
    return Prepared(hidden, front_title, tuple(entities.values))


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
