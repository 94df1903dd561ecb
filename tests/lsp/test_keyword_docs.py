"""The hover meanings: generated from docs/language.md, never stale, one for every keyword."""

from __future__ import annotations

from journeymap.language.keywords import KEYWORDS
from journeymap.lsp import keyword_docs
from tests.conftest import REPO
from tests.tool_scripts import load_tool

MODULE = REPO / "src" / "journeymap" / "lsp" / "keyword_docs.py"
LANGUAGE = REPO / "docs" / "language.md"


def test_the_committed_table_is_what_the_generator_writes_from_the_docs() -> None:
    tool = load_tool("gen_keyword_docs")
    assert MODULE.read_text(encoding="utf-8") == tool.module_text(
        LANGUAGE.read_text(encoding="utf-8")
    ), "src/journeymap/lsp/keyword_docs.py is stale: run `python tools/gen_keyword_docs.py`"


def test_a_changed_meaning_in_the_docs_makes_the_table_stale() -> None:
    tool = load_tool("gen_keyword_docs")
    text = LANGUAGE.read_text(encoding="utf-8").replace(
        "| `pain` | a pain point at a step |", "| `pain` | something that hurts |"
    )
    assert tool.meanings(text)["pain"] == "something that hurts"
    assert tool.module_text(text) != MODULE.read_text(encoding="utf-8")


def test_every_keyword_of_the_language_has_a_meaning_and_no_other() -> None:
    assert set(keyword_docs.MEANINGS) == set(KEYWORDS)
    assert all(keyword_docs.MEANINGS.values())
