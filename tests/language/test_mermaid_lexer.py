"""Mermaid's preprocessing, rewritten without its patterns' backtracking, does what they do.

Mermaid 11 cleans a diagram with regular expressions that backtrack badly on
hostile text (`/style.*:\\S*#.*;/g` is cubic in a line's length, `^\\s*%%…` with
`m` quadratic in the number of blank lines, `<(\\w+)([^>]*)>` quadratic in the
`<`s no `>` closes). The lexer does the same work in linear time; these tests
check, on many generated texts, that the result is exactly that of Mermaid's
own patterns (copied from mermaid 11.17.2), and, with sizes that the patterns
would take minutes on, that the linear versions finish at all.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.language.mermaid_lexer import (
    _comment_spans,
    _quirk_spans,
    _single_quoted,
    prepare,
)

_JS_DOT = r"[^\n\r\u2028\u2029]"
MERMAID_COMMENT = re.compile(r"^\s*%%(?!\{)[^\n]+\n?", re.MULTILINE)
MERMAID_TAG = re.compile(r"<(\w+)([^>]*)>", re.ASCII)


def mermaid_quirk(text: str, word: str) -> list[tuple[int, int]]:
    pattern = re.compile(word + _JS_DOT + r"*:\S*#" + _JS_DOT + r"*;")
    return [(m.end() - 1, m.end()) for m in pattern.finditer(text)]


def mermaid_tags(text: str) -> str:
    return MERMAID_TAG.sub(
        lambda m: "<" + m.group(1) + re.sub(r'="([^"]*)"', r"='\1'", m.group(2)) + ">", text
    )


def texts(*alphabet: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(alphabet), max_size=16).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=texts("style", "classDef", "sty", ":", "#", ";", " ", "\t", "x", "\n", ":#", "\u2028"))
def test_the_entity_encoder_quirk_matches_mermaids_pattern(text: str) -> None:
    for word in ("style", "classDef"):
        assert _quirk_spans(text, word) == mermaid_quirk(text, word)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=texts("\n", " ", "\t", "%%", "%", "a", "{", "%%{", "\n\n", " %% c", "\r"))
def test_comment_lines_match_mermaids_pattern(text: str) -> None:
    assert _comment_spans(text) == [m.span() for m in MERMAID_COMMENT.finditer(text)]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=texts("<", ">", "a", "=", '"', " ", "<b", '="x"', "\n", "_", "é"))
def test_tag_attributes_match_mermaids_pattern(text: str) -> None:
    assert _single_quoted(text) == mermaid_tags(text)


def test_hostile_sizes_finish() -> None:
    # Each of these keeps Mermaid's own pattern busy for minutes (cubic or quadratic
    # backtracking); the linear versions read them as Mermaid would.
    line = "style" + ":#" * 20_000 + ";"
    assert prepare(line).text == line[:-1]
    blank = "journey\n" + "\n" * 40_000 + "x\n%% comment\n"
    assert prepare(blank).text == "journey\n" + "\n" * 40_000 + "x\n"
    tags = "journey\n" + "<a " * 30_000
    assert prepare(tags).text == tags
