"""The code registry and docs/errors.md cover every code the source emits, and the examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import journeymap
from journeymap.model.codes import CODES, render_markdown
from journeymap.model.diagnostics import Severity
from tests.conftest import REPO

SRC = REPO / "src" / "journeymap"
DOCS = REPO / "docs" / "errors.md"
_CODE = re.compile(r"\b([EW]\d{3})\b")


def _emitted_codes() -> set[str]:
    """Every code written in the source, outside the registry itself."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name == "codes.py":
            continue
        found |= set(_CODE.findall(path.read_text(encoding="utf-8")))
    return found


def _doc_sections() -> dict[str, str]:
    """docs/errors.md cut at its `### CODE` headings: code -> section text."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^### ([EW]\d{3})\b.*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _examples(section: str) -> list[tuple[str, str]]:
    return re.findall(r"^```(journey|json)\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)


def test_source_emits_codes() -> None:
    assert {"E001", "E101", "E302", "E501", "W101"} <= _emitted_codes()


def test_every_emitted_code_is_registered() -> None:
    missing = sorted(_emitted_codes() - set(CODES))
    assert missing == [], f"add these codes to src/journeymap/codes.py: {missing}"


def test_every_registered_code_is_emitted() -> None:
    stale = sorted(set(CODES) - _emitted_codes())
    assert stale == [], f"codes.py lists codes nothing emits: {stale}"


def test_registry_entries_are_complete() -> None:
    for code, entry in CODES.items():
        assert entry.code == code
        assert entry.severity is (Severity.WARNING if code.startswith("W") else Severity.ERROR)
        assert entry.title and entry.title == entry.title.strip()
        assert entry.title[0].islower() or entry.title[0] == "`", f"{code}: title is lower-case"
        assert entry.fix.endswith("."), f"{code}: the fix is a sentence"
        assert entry.example is not None or entry.note, f"{code}: needs an example or a cause"


def test_theme_codes_match_the_theme_module() -> None:
    themes = pytest.importorskip("journeymap.layout.themes")
    theme_codes = {c for c in CODES if c.startswith("E6")}
    assert theme_codes == set(themes.CODES)


def test_docs_are_generated_from_the_registry() -> None:
    expected = render_markdown()
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/errors.md is stale: run `python -m journeymap.model.codes > docs/errors.md`"
    )


def test_docs_list_every_code_once() -> None:
    text = DOCS.read_text(encoding="utf-8")
    headings = re.findall(r"^### ([EW]\d{3}): (.+)$", text, flags=re.MULTILINE)
    assert [code for code, _ in headings] == list(CODES)
    for code, title in headings:
        assert title == CODES[code].title
        section = _doc_sections()[code]
        assert "Fix: " in section


def _compile_example(
    text: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> set[str]:
    # Includes in an example resolve below a fresh directory (E402 needs a parent too).
    root = tmp_path / "project" / "docs"
    root.mkdir(parents=True)
    monkeypatch.chdir(root)
    name = "example.json" if fmt == "json" else "example.journey"
    result = journeymap.compile_string(text, name=name, root=root)
    return {d.code for d in result.diagnostics}


DOC_EXAMPLES = [
    (code, fmt, text)
    for code, section in _doc_sections().items()
    if not code.startswith("E6")
    for fmt, text in _examples(section)
]


def test_docs_have_examples_for_most_codes() -> None:
    assert len({code for code, _, _ in DOC_EXAMPLES}) >= 30


@pytest.mark.parametrize(("code", "fmt", "text"), DOC_EXAMPLES, ids=[c for c, _, _ in DOC_EXAMPLES])
def test_doc_example_produces_its_code(
    code: str, fmt: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    produced = _compile_example(text, fmt, tmp_path, monkeypatch)
    assert code in produced, f"the example under {code} produced {sorted(produced)}"


@pytest.mark.parametrize("code", [c for c, e in CODES.items() if e.example is not None])
def test_registry_example_produces_only_its_code(
    code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = CODES[code]
    assert entry.example is not None
    produced = _compile_example(entry.example, entry.example_format, tmp_path, monkeypatch)
    assert produced == {code}
