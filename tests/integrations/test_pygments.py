"""The Pygments lexer, found the way MkDocs and Sphinx find it: by the name `journey`."""

from __future__ import annotations

import pytest

from journeymap.language.keywords import KEYWORDS
from tests.conftest import REPO

pygments_lexers = pytest.importorskip("pygments.lexers")
from pygments.token import (  # noqa: E402
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    _TokenType,
)

from journeymap.integrations.pygments_lexer import OPENERS, PROPERTIES  # noqa: E402

SPEC = (REPO / "tests/language/spec_example.journey").read_text(encoding="utf-8")


def lex(text: str) -> list[tuple[_TokenType, str]]:
    lexer = pygments_lexers.get_lexer_by_name("journey")
    return [(kind, value) for kind, value in lexer.get_tokens(text) if value.strip()]


def test_registered_under_the_entry_point() -> None:
    lexer = pygments_lexers.get_lexer_by_name("journey")
    assert type(lexer).__name__ == "JourneyLexer"
    assert type(pygments_lexers.get_lexer_for_filename("map.journey")) is type(lexer)


def test_knows_every_keyword_of_the_compiler() -> None:
    assert {*OPENERS, *PROPERTIES, "include", "data"} == set(KEYWORDS)


def test_spec_example_has_no_error_tokens_and_every_keyword() -> None:
    tokens = lex(SPEC)
    assert [v for k, v in tokens if k in Error] == []
    keywords = {v for k, v in tokens if k in Keyword}
    statement_words = {line.split()[0].rstrip(":") for line in SPEC.splitlines() if line.strip()}
    assert keywords == statement_words & set(KEYWORDS)
    assert (Keyword.Declaration, "persona") in tokens
    assert (Name.Variable, "see_ad") in tokens
    assert (Name.Builtin, "moment-of-truth") in tokens
    assert (Number.Integer, "12000") in tokens
    assert (Number.Integer, "+1") in tokens
    assert (
        Comment.Single,
        "# Opening a savings account: journey map and service blueprint",
    ) in tokens


def test_comment_rule_of_language_section_2() -> None:
    tokens = lex("pain: Issue #42 open # too slow\n")
    assert tokens[-1] == (Comment.Single, "# too slow")
    assert "".join(v for k, v in tokens if k in Text) == "Issue #42 open "
    quoted = lex('pain: "not # a comment" [note="# nor this"]\n')
    assert not any(k in Comment for k, _ in quoted)


def test_strings_attributes_and_flows() -> None:
    tokens = lex('  step a: "Say \\"hi\\"\\n" [persona="maya, leo", c=#aabbcc, d=2m, assumption]\n')
    assert (String.Escape, '\\"') in tokens and (String.Escape, "\\n") in tokens
    assert (Name.Attribute, "persona") in tokens
    assert (String.Double, "maya, leo") in tokens
    assert (Number.Hex, "#aabbcc") in tokens
    assert (Number, "2m") in tokens
    assert (Name.Builtin, "assumption") in tokens
    assert lex("kyc --> bureau: Result\n")[:3] == [
        (Name.Variable, "kyc"),
        (Operator, "-->"),
        (Name.Variable, "bureau"),
    ]
    assert (Punctuation, ":") in lex("step step: X\n")
    assert lex("step step: X\n")[:2] == [(Keyword.Declaration, "step"), (Name.Variable, "step")]


def test_bad_escapes_and_unknown_keywords_are_marked() -> None:
    assert (Error, "\\t") in lex('step: "C:\\temp"\n')
    assert lex("pian: Slow\n")[0] == (Error, "pian")
