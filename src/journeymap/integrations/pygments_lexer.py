"""A Pygments lexer for `.journey` files, so MkDocs and Sphinx highlight ```journey blocks.

Registered under the `pygments.lexers` entry point (pyproject.toml) as
`journey`. It follows LANGUAGE.md sections 2 and 3: a `#` starts a comment
at the start of a line or after white space when white space or the line's
end follows (so `Issue #42` is text), never inside quotes or `[...]`;
keywords are recognised at the start of a statement only (they are not
reserved), then an optional ID, `:` and the value, and a trailing attribute
list of keys, values and flags.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups, default  # type: ignore[import-untyped, unused-ignore]
from pygments.token import (  # type: ignore[import-untyped, unused-ignore]
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

OPENERS = ("persona", "channel", "team", "stage", "step")
PROPERTIES = (
    "journey",
    "description",
    "scenario",
    "expectation",
    "theme",
    "role",
    "goal",
    "need",
    "frustration",
    "quote",
    "touchpoint",
    "think",
    "emotion",
    "pain",
    "delight",
    "opportunity",
    "count",
    "metric",
    "target",
    "evidence",
    "customer",
    "frontstage",
    "backstage",
    "support",
    "policy",
    "note",
)
"""Every keyword but `include`, `data` and the block openers (a test compares with the compiler)."""

_ID = r"[^\W\d](?:[\w-]*\w)?"
_END_OF_WORD = r"(?![\w-])"
_COMMENT = r"(?:(?<=[ \t])|^)#(?=[ \t]|$).*?$"


def _words(words: tuple[str, ...]) -> str:
    return "(" + "|".join(words) + ")" + _END_OF_WORD


# RegexLexer is untyped (Pygments ships no stubs); the subclass is what Pygments loads.
class JourneyLexer(RegexLexer):  # type: ignore[misc, unused-ignore]
    """Lexer for journeymap's `.journey` language."""

    name = "Journey"
    aliases: ClassVar[list[str]] = ["journey", "journeymap"]
    filenames: ClassVar[list[str]] = ["*.journey"]
    mimetypes: ClassVar[list[str]] = ["text/x-journey"]
    url = "https://github.com/journeymap/journeymap"

    tokens: ClassVar[dict[str, list[object]]] = {
        "root": [
            (r"^([ \t]*)(#.*?)$", bygroups(Whitespace, Comment.Single)),
            (r"[ \t]*\n", Whitespace),
            (
                r"^([ \t]*)(include|data)" + _END_OF_WORD,
                bygroups(Whitespace, Keyword.Namespace),
                "head",
            ),
            (
                rf"^([ \t]*)({_ID})([ \t]*)(-->|->)([ \t]*)({_ID})",
                bygroups(
                    Whitespace, Name.Variable, Whitespace, Operator, Whitespace, Name.Variable
                ),
                "head",
            ),
            (
                r"^([ \t]*)(emotion|count)([ \t]*)(:)([ \t]*)([+-]?[0-9]+)(?=[ \t]|$)",
                bygroups(Whitespace, Keyword, Whitespace, Punctuation, Whitespace, Number.Integer),
                "value",
            ),
            (r"^([ \t]*)" + _words(OPENERS), bygroups(Whitespace, Keyword.Declaration), "head"),
            (r"^([ \t]*)" + _words(PROPERTIES), bygroups(Whitespace, Keyword), "head"),
            (rf"^([ \t]*)({_ID})", bygroups(Whitespace, Error), "head"),
            (r"[^\n]+", Error),
        ],
        # After the keyword: an optional ID, then `:` and the value, or attributes.
        "head": [
            (r"[ \t]+", Whitespace),
            (_COMMENT, Comment.Single),
            (r":", Punctuation, ("#pop", "value")),
            (r'"', String.Double, "string"),
            (r"\[", Punctuation, "attributes"),
            (_ID, Name.Variable),
            (r"\n", Whitespace, "#pop"),
            (r"[^\n]", Error),
        ],
        "value": [
            (r"[ \t]+", Whitespace),
            (_COMMENT, Comment.Single),
            (r'"', String.Double, "string"),
            (r"\[", Punctuation, "attributes"),
            (r"\]", Error),
            (r'[^"\[\]\n#]+|#', Text),
            (r"\n", Whitespace, "#pop"),
        ],
        "string": [
            (r'\\[\\"n]', String.Escape),
            (r"\\.?", Error),
            (r'"', String.Double, "#pop"),
            (r'[^"\\\n]+', String.Double),
            default("#pop"),  # unterminated: the line's end closes it
        ],
        "attributes": [
            (r"[ \t]+", Whitespace),
            (r",", Punctuation),
            (r"\]", Punctuation, "#pop"),
            (rf"({_ID})([ \t]*)(=)", bygroups(Name.Attribute, Whitespace, Operator), "attr-value"),
            (_ID, Name.Builtin),  # a flag: a key without a value
            (r"[^\]\n,]", Error),
            default("#pop"),  # unclosed at the line's end
        ],
        "attr-value": [
            (r"[ \t]+", Whitespace),
            (r'"', String.Double, ("#pop", "string")),
            (r"#[0-9a-fA-F]{6}(?![\w-])", Number.Hex, "#pop"),
            (r"[+-]?[0-9]+(?:\.[0-9]+)?[^\W\d_]*%?", Number, "#pop"),
            (_ID, Name.Constant, "#pop"),
            default("#pop"),
        ],
    }
