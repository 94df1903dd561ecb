"""One mistake, one message: every bad input reports its real error first, and at most two.

The corpus is `bad_inputs/`: each file starts with `# expect: CODE`, the
code of the mistake it makes, and `journeymap check` (the compiler and the
linter) must report it first. After a misspelt keyword, persona or lane, a
duplicate ID or a line that cannot be read, the parser and compiler recover
(the block it opened swallows its properties, the ID it meant answers the
flows and references that name it), so nothing else is reported for it. The
examples of docs/errors.md are bad inputs too, and are held to the same rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.analysis import check_file
from journeymap.model.codes import CODES
from journeymap.model.diagnostics import format_all

CORPUS = Path(__file__).parent / "bad_inputs"
FILES = sorted(CORPUS.glob("*.journey"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name}: start with `# expect: CODE`"
    return first.removeprefix("# expect: ").strip()


def test_the_corpus_covers_each_kind_of_mistake() -> None:
    codes = {_expected(path) for path in FILES}
    assert {"E101", "E301", "E010", "E011", "E104", "E103", "W101", "E209", "E210"} <= codes
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_bad_input_reports_its_error_first_and_at_most_two(path: Path) -> None:
    found = journeymap.compile_file(path).diagnostics
    assert found, f"{path.name} gave no diagnostic"
    assert found[0].code == _expected(path), format_all(found)
    assert len(found) <= 2, format_all(found)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_check_with_the_linter_says_no_more(path: Path) -> None:
    found = check_file(path).diagnostics
    assert found, f"{path.name} gave no diagnostic"
    assert found[0].code == _expected(path), format_all(found)
    assert len(found) <= 2, format_all(found)


def test_the_misspellings_and_duplicates_give_exactly_one_message() -> None:
    one = [p for p in FILES if p.stem.startswith(("misspelt_", "duplicate_", "unterminated_"))]
    assert len(one) >= 10
    for path in one:
        found = check_file(path).diagnostics
        assert len(found) == 1, f"{path.name}:\n{format_all(found)}"


EXAMPLES = [(code, entry) for code, entry in CODES.items() if entry.example is not None]


@pytest.mark.parametrize(("code", "entry"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_each_documented_example_reports_its_code_first(
    code: str, entry: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "project" / "docs"
    root.mkdir(parents=True)
    monkeypatch.chdir(root)
    example = CODES[code]
    assert example.example is not None
    name = "example.json" if example.example_format == "json" else "example.journey"
    found = journeymap.compile_string(example.example, name=name, root=root).diagnostics
    assert found and found[0].code == code, format_all(found)
    assert len(found) <= 2, format_all(found)
