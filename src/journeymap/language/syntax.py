"""The syntax tree: what each line of a `.journey` file says, with positions.

The parser produces these and nothing else; they carry no meaning beyond the
text (the compiler gives them that), and they keep everything the formatter
needs to write the file back: indentation, quoting, comments, blank lines.
Columns are 1-based and counted in characters. The types are NamedTuples:
immutable, and cheap to create for every line of a large file.
"""

from enum import StrEnum
from typing import NamedTuple


class StatementKind(StrEnum):
    DECLARATION = "declaration"  # KEYWORD [ID] [: VALUE] [ATTRIBUTES]
    FLOW = "flow"  # ID ARROW ID [: VALUE] [ATTRIBUTES]
    INCLUDE = "include"  # include "path"


class Attribute(NamedTuple):
    key: str
    value: str | None  # None for a bare flag
    quoted: bool
    column: int  # of the key
    value_column: int  # of the value (== column for a flag)


class Statement(NamedTuple):
    kind: StatementKind
    line: int
    indent: str
    keyword: str  # the keyword; for a flow, the source ID
    keyword_column: int
    name: str | None  # the declared ID; for a flow, the target ID
    name_column: int
    arrow: str | None  # "->" or "-->" for flows
    has_colon: bool
    value: str | None  # unescaped; None when absent
    value_quoted: bool
    value_column: int
    attributes: tuple[Attribute, ...]
    attributes_column: int  # of the "[", 0 when there is no list
    comment: str | None  # an end-of-line comment, from its "#"

    def attribute(self, key: str) -> Attribute | None:
        for attr in self.attributes:
            if attr.key == key:
                return attr
        return None


class CommentLine(NamedTuple):
    line: int
    indent: str
    text: str  # from the "#"


class BlankLine(NamedTuple):
    line: int


Line = Statement | CommentLine | BlankLine


class BrokenLine(NamedTuple):
    """A line that could not be read (its error is reported), as far as it can be guessed.

    The compiler uses it to recover: a broken block opener still opens a block
    its properties are quietly kept in, and its ID still answers the flows that
    name it, so one mistake gives one message.
    """

    line: int
    word: str | None  # the first word, perhaps a keyword
    name: str | None  # the word after it, perhaps an ID


class SourceFile(NamedTuple):
    """A parsed file: every line, in order (statements, comments, blanks)."""

    path: str
    lines: tuple[Line, ...]
    broken: tuple[BrokenLine, ...] = ()
    """The lines that could not be read, in order (see `BrokenLine`)."""

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple([item for item in self.lines if isinstance(item, Statement)])
