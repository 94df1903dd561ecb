"""Mermaid's `journey` lexer, rule for rule, so that import reads text as Mermaid does.

The rules and their order copy Mermaid's `journey.jison` (mermaid-js/mermaid,
MIT): its lexer takes the *first* rule that matches, not the longest, which
is why `Title of the day: 5` is a title, `5% off: 3` a comment, and `}title
X` right after an `accDescr { … }` block a title. Patterns ending in a word
character get `\\b`, as jison adds it. Before lexing, Mermaid itself removes
front matter, `%%` comment lines and directives and hides entity codes
(`#58;`); `prepare` does the same while keeping every offset, so positions
in diagnostics stay those of the user's file.
"""

import re
from enum import StrEnum
from typing import NamedTuple

from journeymap.language.mermaid_text import ENTITY, decode_entity


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
_INITIAL: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.COMMENT, re.compile(r"%%[^\n]*")),
    (Kind.COMMENT, re.compile(r"[^}]%+[^\n]*")),
    (Kind.NEWLINE, re.compile(r"\n+")),
    (Kind.SPACE, re.compile(r"\s+")),
    (Kind.COMMENT, re.compile(r"#[^\n]*")),
    (Kind.JOURNEY, re.compile(r"journey\b", _I)),
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

_FRONT_MATTER = re.compile(r"\A(\s*)---[ \t]*\n(.*?)\n---[ \t]*(?=\n|\Z)", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_COMMENT_LINE = re.compile(r"^[ \t]*%%(?!\{)[^\n]*", re.MULTILINE)
_DIRECTIVE = re.compile(r"%%\{.*?\}%%", re.DOTALL)

_PAD = "\ue000"
_ENTITY_BASE = 0xF0000
"""Entity number i is hidden as chr(_ENTITY_BASE + i), padded with _PAD to its length."""


def _blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) turned to spaces, newlines kept, so offsets stay put."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


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
        out: list[str] = []
        for char in hidden:
            if char == _PAD:
                continue
            index = ord(char) - _ENTITY_BASE
            out.append(self.entities[index] if 0 <= index < len(self.entities) else char)
        return "".join(out)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def prepare(text: str) -> Prepared:
    """Remove front matter, comment lines and directives; hide entity codes."""
    front_title = None
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_TITLE.search(front.group(2))
        front_title = _unquote(found.group(1)).strip() or None if found else None
        text = _blank(text, front.start(), front.end())
    for pattern in (_DIRECTIVE, _COMMENT_LINE):
        for match in list(pattern.finditer(text)):
            text = _blank(text, match.start(), match.end())
    entities: list[str] = []

    def hide(match: re.Match[str]) -> str:
        decoded = decode_entity(match.group(1))
        if decoded is None or len(entities) >= 0xFFFD:
            return match.group()
        entities.append(decoded)
        return chr(_ENTITY_BASE + len(entities) - 1) + _PAD * (len(match.group()) - 1)

    return Prepared(ENTITY.sub(hide, text), front_title, tuple(entities))
