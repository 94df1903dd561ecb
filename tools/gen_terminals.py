"""Generate src/journeymap/language/terminal_patterns.py from grammar/journey.lark.

Usage:

    python tools/gen_terminals.py            # rewrite the module
    python tools/gen_terminals.py --check    # exit 1 if the module is stale

The parser's fast path builds its line expression from the patterns of a few
of the grammar's terminals, as Lark compiles them. Taking them from Lark on
every run would mean building the LALR tables on every run; committing them
as a plain Python module means a valid file is read without Lark. The grammar
stays the one source of truth: tests/language/test_terminal_patterns.py fails
when the committed module differs from what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.language.parser import FAST_TERMINALS, build_lark

REPO = Path(__file__).resolve().parents[1]
GRAMMAR = REPO / "grammar" / "journey.lark"
OUTPUT = REPO / "src" / "journeymap" / "language" / "terminal_patterns.py"

HEADER = '''"""The grammar's terminal patterns that the parser's fast path is built from.

Generated from grammar/journey.lark by `python tools/gen_terminals.py`
(`make generated`): do not edit. Each is the terminal's regular expression as
Lark compiles it; tests/language/test_terminal_patterns.py fails when this
file is stale against the grammar.
"""
'''


def _literal(text: str) -> str:
    """A Python literal for `text`, quoted as `ruff format` would quote it."""
    shown = repr(text)
    if shown.startswith("'") and '"' not in text:
        # repr() chose single quotes only because of none; the formatter prefers double.
        shown = '"' + shown[1:-1].replace("\\'", "'") + '"'
    return shown


def module_text(grammar: str) -> str:
    """The text of the generated module for the grammar text `grammar`."""
    parser = build_lark(grammar)
    lines = [HEADER]
    for name in FAST_TERMINALS:
        pattern = parser.get_terminal(name).pattern.to_regexp()
        lines.append(f"{name} = {_literal(pattern)}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the module is stale")
    args = parser.parse_args(argv)
    text = module_text(GRAMMAR.read_text(encoding="utf-8"))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(REPO)} is stale: run python tools/gen_terminals.py")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
