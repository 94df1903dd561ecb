"""The grammar's terminal patterns respelt for `re`: the same matches, less backtracking.

The parser's fast path (`journeymap.language.parser._FastLine`) builds one regular
expression per line from the patterns of the grammar's terminals. Python's
engine backtracks character by character, and some of those patterns, as
written for Lark, make it retry work it has already done. Each function here
recognises one pattern as the grammar spells it today and returns a spelling
that matches exactly the same text; a grammar that spells it otherwise gets
its own pattern back, unchanged. A property test checks the fast path against
Lark line by line (tests/language/test_parser_paths.py).
"""

from __future__ import annotations

# The grammar's ID: a letter or `_`, then letters, digits, `_` and `-`, not ending in `-`.
_ID = r"[^\W\d](?:[\w-]*\w)?"
# The same: the run is taken whole and given back only while it ends in `-`.
# As written, `[\w-]*` always ran to the end of the word and then gave back
# its last character for the final `\w`, on every ID of every line.
_ID_LOOKING_BACK = r"[^\W\d][\w-]*(?<!-)"

# The grammar's STRING, with its loop taking one character per round.
_STRING = '"(?:[^"\\\\\n]|\\\\.)*"'
# The same, a run of plain characters per round and no giving back: the two
# branches start with different characters (a backslash or not) and neither
# takes a bare `"`, so the loop can only stop at the closing quote.
_STRING_IN_RUNS = '"(?:[^"\\\\\n]+|\\\\.)*+"'

# The loop of the grammar's TEXT: one plain character, or a `#` that may stand in text.
# (The grammar's pattern holds a real line feed, as these do.)
_TEXT_LOOP = '(?:[^\n\\[\\]"#]|'
_TEXT_LOOP_IN_RUNS = '(?:[^\n\\[\\]"#]+|'


def ident(pattern: str) -> str:
    """ID without giving back the last character of every word."""
    return _ID_LOOKING_BACK if pattern == _ID else pattern


def string(pattern: str) -> str:
    """STRING taking runs of plain characters, possessively."""
    return _STRING_IN_RUNS if pattern == _STRING else pattern


def text(pattern: str) -> str:
    """TEXT with its loop taking a run of plain characters per round, possessively.

    As written, the regular expression engine goes round TEXT's loop once per
    character, which made reading a value a large share of the line's match.
    Each branch of the loop takes one character and TEXT is matched as an
    atomic group, so the loop stops at the same place whichever way it is
    taken: the first character no branch accepts. For the same reason the
    loop need not keep the places to come back to (`*+`): nothing after it in
    TEXT could use them, and the atomic group drops them anyway.
    """
    if _TEXT_LOOP not in pattern or not pattern.endswith(")*"):
        return pattern
    return pattern.replace(_TEXT_LOOP, _TEXT_LOOP_IN_RUNS, 1) + "+"
