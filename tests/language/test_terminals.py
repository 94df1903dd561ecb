"""The respelt terminal patterns match exactly what the grammar's own do."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.language import terminals
from journeymap.language.parser import _terminal_patterns

SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
# Characters that matter to the terminals, and a few that do not.
WORDS = st.text(st.sampled_from('ab_-9é中 \t"\\#[]=,:n\n'), max_size=14)


def _same_matches(grammar: str, respelt: str, text: str) -> None:
    """At every start: the same match alone, atomic (as the line uses them) and anchored."""
    for form in ("{}", "(?>{})", "(?:{})$", "(?>{})$"):
        ours = re.compile(form.format(respelt))
        theirs = re.compile(form.format(grammar))
        for start in range(len(text) + 1):
            found, expected = ours.match(text, start), theirs.match(text, start)
            assert (found and found.span()) == (expected and expected.span()), (form, text, start)


@SETTINGS
@given(WORDS)
def test_ident(text: str) -> None:
    grammar = _terminal_patterns()["ID"]
    assert terminals.ident(grammar) != grammar  # the grammar's spelling is recognised
    _same_matches(grammar, terminals.ident(grammar), text)


@SETTINGS
@given(WORDS)
def test_string(text: str) -> None:
    grammar = _terminal_patterns()["STRING"]
    assert terminals.string(grammar) != grammar
    _same_matches(grammar, terminals.string(grammar), '"' + text)


@SETTINGS
@given(WORDS)
def test_text_as_the_line_uses_it(text: str) -> None:
    """TEXT is always matched as an atomic group, which is what makes `*+` the same."""
    grammar = _terminal_patterns()["TEXT"]
    respelt = terminals.text(grammar)
    assert respelt != grammar
    for start in range(len(text) + 1):
        for form in ("(?>{})", "(?>{})$"):
            found = re.compile(form.format(respelt)).match(text, start)
            expected = re.compile(form.format(grammar)).match(text, start)
            assert (found and found.span()) == (expected and expected.span()), (text, start)


def test_a_pattern_spelt_otherwise_is_kept() -> None:
    for respell in (terminals.ident, terminals.string, terminals.text):
        assert respell("[a-z]+") == "[a-z]+"
