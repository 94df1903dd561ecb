"""The committed terminal patterns of the fast path are those the grammar makes today."""

from __future__ import annotations

from journeymap.language import terminal_patterns
from journeymap.language.parser import FAST_TERMINALS, _terminal_patterns, lark_parser
from tests.conftest import REPO
from tests.tool_scripts import load_tool

GRAMMAR = REPO / "grammar" / "journey.lark"
MODULE = REPO / "src" / "journeymap" / "language" / "terminal_patterns.py"


def test_the_committed_module_is_what_the_generator_writes_from_the_grammar() -> None:
    generated = load_tool("gen_terminals").module_text(GRAMMAR.read_text(encoding="utf-8"))
    assert MODULE.read_text(encoding="utf-8") == generated, (
        "src/journeymap/language/terminal_patterns.py is stale: "
        "run `python tools/gen_terminals.py` (make generated)"
    )


def test_a_changed_terminal_in_the_grammar_changes_the_module() -> None:
    grammar = GRAMMAR.read_text(encoding="utf-8")
    changed = grammar.replace(r"ID: /[^\W\d](?:[\w-]*\w)?/", r"ID: /[a-z_][a-z0-9_-]*/", 1)
    assert changed != grammar
    generated = load_tool("gen_terminals").module_text(changed)
    assert 'ID = "[a-z_][a-z0-9_-]*"' in generated
    assert generated != MODULE.read_text(encoding="utf-8")


def test_the_fast_path_uses_the_patterns_lark_compiles_from_the_shipped_grammar() -> None:
    parser = lark_parser()
    expected = {name: parser.get_terminal(name).pattern.to_regexp() for name in FAST_TERMINALS}
    assert _terminal_patterns() == expected
    assert all(isinstance(getattr(terminal_patterns, name), str) for name in FAST_TERMINALS)
