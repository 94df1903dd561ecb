"""The canonical formatter: a `.journey` syntax tree written back in one fixed style.

It works on the syntax tree, not the model, so every comment survives. The
canonical form (docs/review.md):

- two spaces of indentation per block depth: document statements, flows,
  includes and block openers (`persona`, `channel`, `team`, `stage`) at 0,
  their properties at 1; a `step` at 1 inside a stage (0 before any stage),
  its properties one deeper;
- `keyword id: value [attributes] # comment`, one space at each joint;
- a value is quoted only where LANGUAGE.md section 2 requires it; an
  attribute value only when it is not an identifier, a number with a unit or
  a `#rrggbb` colour;
- attributes in the order the keyword table lists them, then the ones kept
  as free data (touchpoint `frequency`… `score` and unknown keys) in source
  order, so the compiled model is unchanged to the last tuple;
- an own-line comment is indented like the statement it belongs to: of the
  statement before it and the one after it, the one whose indentation its own
  is nearer (the one after it on a tie), so a comment that follows a property
  at the property's indentation stays there, and one above a step at the
  step's indentation stays with the step;
- runs of blank lines collapsed to one, none at the start or end, LF endings
  and one final newline.

Before handing text back, `format_source` parses its own output and checks
that no statement, attribute or comment was lost or changed
(`content_problems`); it refuses with `FormatError` if one ever was.
"""

import re
from collections import Counter
from typing import NamedTuple

from journeymap.language.journey_source import NOT_A_SOURCE_HINT, is_journey_source
from journeymap.language.keywords import KEYWORDS
from journeymap.language.parser import parse
from journeymap.language.source import decode
from journeymap.language.syntax import (
    Attribute,
    BlankLine,
    CommentLine,
    SourceFile,
    Statement,
    StatementKind,
)
from journeymap.language.values import is_plain_attribute_value
from journeymap.model.diagnostics import Collector, Diagnostic, Location

INDENT = "  "

_TOP_OPENERS = ("persona", "channel", "team", "stage")
_DOCUMENT = ("journey", "description", "scenario", "expectation", "theme", "include", "data")
# Known touchpoint attributes that the compiler keeps as free data, in source
# order (compiler/walker.py `_step_property`); moving them would reorder the
# model's `attributes` tuple.
_KEPT_AS_DATA = {"touchpoint": ("frequency", "duration", "location", "time", "score")}

# A `#` with white space (or the line's edge) on both sides starts a comment.
_COMMENT_HASH = re.compile(r"(?:^|(?<=\s))#(?=\s|$)")


class FormatError(Exception):
    """The formatter's output would not say what its input said (a bug, never written)."""


class Formatted(NamedTuple):
    """The result of formatting one input: canonical text, or None and the reasons."""

    path: str
    text: str | None
    changed: bool
    diagnostics: list[Diagnostic]


# -- quoting -------------------------------------------------------------------------


def quote(text: str) -> str:
    """`text` as a quoted string, with the three escapes of LANGUAGE.md section 2."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def value_needs_quotes(value: str) -> bool:
    """Whether a statement value must be quoted to read back as the same text.

    >>> value_needs_quotes("Issue #42 open"), value_needs_quotes("Slow # really")
    (False, True)
    """
    return (
        value == ""
        or value[0].isspace()
        or value[-1].isspace()
        or any(char in value for char in '[]"\n')
        or _COMMENT_HASH.search(value) is not None
    )


def _value_text(value: str) -> str:
    return quote(value) if value_needs_quotes(value) else value


def _attribute_text(attr: Attribute) -> str:
    if attr.value is None:
        return attr.key
    if attr.quoted and (attr.value == "" or not is_plain_attribute_value(attr.value)):
        return f"{attr.key}={quote(attr.value)}"
    # An unquoted value that is not plain is an error the compiler reports; it
    # stays as written, since quoting it would silently change its meaning.
    return f"{attr.key}={attr.value}"


def ordered_attributes(st: Statement) -> tuple[Attribute, ...]:
    """The statement's attributes in canonical order (a stable sort)."""
    spec = KEYWORDS.get(st.keyword) if st.kind is StatementKind.DECLARATION else None
    if spec is None:
        return st.attributes
    as_data = _KEPT_AS_DATA.get(spec.name, ())
    rank = {key: i for i, key in enumerate(k for k in spec.attributes if k not in as_data)}
    return tuple(sorted(st.attributes, key=lambda a: rank.get(a.key, len(rank))))


def statement_text(st: Statement) -> str:
    """One statement in canonical form, without indentation."""
    if st.kind is StatementKind.FLOW:
        head = f"{st.keyword} {st.arrow} {st.name}"
    elif st.kind is StatementKind.INCLUDE:
        head = f"{st.keyword} {quote(st.value or '')}"
    else:
        head = st.keyword if st.name is None else f"{st.keyword} {st.name}"
    if st.kind is not StatementKind.INCLUDE and st.has_colon:
        head += ":" if st.value is None else f": {_value_text(st.value)}"
    if st.attributes:
        head += " [" + ", ".join(_attribute_text(a) for a in ordered_attributes(st)) + "]"
    if st.comment is not None:
        head += f" {st.comment}"
    return head


# -- depth -----------------------------------------------------------------------------


def statement_depths(statements: tuple[Statement, ...]) -> list[int]:
    """The block depth of each statement, from the openers before it (syntax only)."""
    depths: list[int] = []
    block_depth: int | None = None  # depth of the open block's opener; None at the top
    in_stage = False
    for st in statements:
        keyword = st.keyword if st.kind is StatementKind.DECLARATION else None
        if keyword is None or keyword in _DOCUMENT:
            depth = 0
        elif keyword in _TOP_OPENERS:
            depth, block_depth = 0, 0
            in_stage = in_stage or keyword == "stage"
        elif keyword == "step":
            depth = 1 if in_stage else 0
            block_depth = depth
        else:
            depth = 0 if block_depth is None else block_depth + 1
        depths.append(depth)
    return depths


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _comment_depth(
    width: int, before: tuple[int, int] | None, after: tuple[int, int] | None
) -> int:
    """Depth of an own-line comment from its neighbours' (depth, original width)."""
    prev = before or (0, 0)
    nxt = after or (0, 0)
    # Ties go to the following statement; after formatting the chosen neighbour
    # is at distance 0, so a second run picks it again (idempotence).
    return prev[0] if abs(width - prev[1]) < abs(width - nxt[1]) else nxt[0]


# -- the formatter -------------------------------------------------------------------------


def render(source: SourceFile) -> str:
    """The canonical text of a parsed file (no checks; see `format_source`)."""
    lines = source.lines
    # Statements are values (equal ones may repeat), so depths go by position.
    depth_of = {
        index: depth
        for index, depth in zip(
            (i for i, item in enumerate(lines) if isinstance(item, Statement)),
            statement_depths(source.statements),
            strict=True,
        )
    }
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for index, item in enumerate(lines):
        if isinstance(item, BlankLine):
            if out and out[-1] != "":
                out.append("")
            continue
        if isinstance(item, Statement):
            depth = depth_of[index]
            out.append(INDENT * depth + statement_text(item))
            previous = (depth, _width(item.indent))
            continue
        following = _next_statement(lines, index)
        after = None
        if following is not None:
            statement = lines[following]
            assert isinstance(statement, Statement)
            after = (depth_of[following], _width(statement.indent))
        depth = _comment_depth(_width(item.indent), previous, after)
        out.append(INDENT * depth + item.text)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _next_statement(
    lines: tuple[Statement | CommentLine | BlankLine, ...], index: int
) -> int | None:
    """The position of the next statement after line `index`, if there is one."""
    for position in range(index + 1, len(lines)):
        if isinstance(lines[position], Statement):
            return position
    return None


def content(source: SourceFile) -> tuple[list[tuple[object, ...]], Counter[str]]:
    """What formatting must keep: each statement's parts, in order, and every comment.

    Attributes are compared sorted by key (a stable sort, so repeated keys keep
    their order): the formatter reorders keys on purpose, and nothing else.
    """
    statements: list[tuple[object, ...]] = []
    comments: Counter[str] = Counter()
    for st in source.statements:
        attrs = tuple((a.key, a.value) for a in sorted(st.attributes, key=lambda a: a.key))
        has_colon = st.has_colon and st.kind is not StatementKind.INCLUDE
        statements.append(
            (st.kind, st.keyword, st.name, st.arrow, has_colon, st.value, attrs, st.comment)
        )
        if st.comment is not None:
            comments[st.comment] += 1
    for item in source.lines:
        if isinstance(item, CommentLine):
            comments[item.text] += 1
    return statements, comments


def content_problems(before: SourceFile, after: SourceFile) -> list[str]:
    """How `after` differs in content from `before`; empty when nothing was lost."""
    old_statements, old_comments = content(before)
    new_statements, new_comments = content(after)
    problems: list[str] = []
    if len(old_statements) != len(new_statements):
        problems.append(f"{len(old_statements)} statements became {len(new_statements)}")
    for old, new in zip(old_statements, new_statements, strict=False):
        if old != new:
            problems.append(f"statement {old!r} became {new!r}")
            break
    lost = old_comments - new_comments
    gained = new_comments - old_comments
    if lost or gained:
        problems.append(f"comments lost {sorted(lost)} or gained {sorted(gained)}")
    return problems


def format_source(source: SourceFile) -> str:
    """The canonical text of `source`, checked to keep every statement and comment."""
    text = render(source)
    check = Collector()
    reparsed = parse(text, source.path, check)
    problems = [d.message for d in check.items if d.is_error]
    problems += content_problems(source, reparsed)
    if problems:
        raise FormatError("; ".join(problems))
    return text


def format_bytes(data: bytes, path: str, *, file: bool = False) -> Formatted:
    """Format a file's raw bytes; on syntax errors, no text and the diagnostics.

    With `file` (bytes read from a path, not standard input), a file that is
    not a journey source gets one error naming it, and none of its text.
    """
    diagnostics = Collector()
    if file and not is_journey_source(data):
        diagnostics.error(
            "E008", f"`{path}` is not a journey source", Location(path), NOT_A_SOURCE_HINT
        )
        return Formatted(path, None, False, diagnostics.sorted())
    text = decode(data, path, diagnostics)
    if text is None:
        return Formatted(path, None, False, diagnostics.sorted())
    source = parse(text, path, diagnostics)
    if diagnostics.has_errors:
        return Formatted(path, None, False, diagnostics.sorted())
    formatted = format_source(source)
    return Formatted(path, formatted, formatted.encode("utf-8") != data, diagnostics.sorted())


def format_text(text: str, path: str = "<string>") -> str:
    """The canonical form of `text`; raises `ValueError` when it has syntax errors."""
    result = format_bytes(text.encode("utf-8", "surrogatepass"), path)
    if result.text is None:
        raise ValueError("; ".join(d.format() for d in result.diagnostics))
    return result.text
