"""The touchpoint matrix as a Markdown table: goldens for the gallery, marks, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.emit.markdown import escape, matrix_markdown
from tests.conftest import GALLERY
from tests.golden import check_golden
from tests.layout.test_matrix import permit

GOLDENS = Path(__file__).resolve().parent / "goldens" / "markdown"


def _cells(line: str) -> list[str]:
    """A table line's cells, honouring escaped pipes."""
    cells, current, escaped = [], "", False
    for char in line.strip()[1:-1]:
        if char == "|" and not escaped:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    return [*cells, current.strip()]


def test_table_rows_marks_and_coverage() -> None:
    text = matrix_markdown(permit())
    lines = text.splitlines()
    table = [line for line in lines if line.startswith("|")]
    widths = {len(_cells(line)) for line in table}
    assert widths == {6}  # label, four steps, coverage: every row has every cell
    rows = {_cells(line)[0]: _cells(line)[1:] for line in table}
    assert rows["Channel / touchpoint"] == [
        "Gets a renewal letter",
        "Reads the rules online",
        "Pays the fee",
        "Waits for the permit",
        "Steps",
    ]
    assert rows["*Stage*"] == ["**Find out**", "", "**Renew**", "", ""]
    assert rows["**Phone line** (human)"] == ["✓", "✓", "✓", "", "**3/4**"]
    assert rows["Help line"] == ["○?", "•", "●", "", "3/4"]
    assert rows["Renewal letter"] == ["◐", "", "", "", "1/4"]
    assert rows["**Letters** (physical)"] == ["", "", "", "", "**0/4**"]
    assert rows["**No channel**"] == ["", "", "", "", ""]
    assert rows["**Touchpoints used**"] == ["2", "2", "2", "1", ""]
    assert rows["**Channels used**"] == ["2", "2", "2", "0", ""]
    legend = lines[-1]
    for words in ("● primary", "◐ secondary", "○ tertiary", "• tier not given", "? assumption"):
        assert words in legend


def test_narrowing_drops_columns() -> None:
    text = matrix_markdown(permit(), stages=("renew",))
    header = _cells(text.splitlines()[2])
    assert header == ["Channel / touchpoint", "Pays the fee", "Waits for the permit", "Steps"]


def test_user_text_cannot_break_the_table_or_add_markup() -> None:
    journey = journeymap.loads(
        'journey: A | B\nstep: Pay *now* | later\n  touchpoint: "[link](x) <b>_x_ `c` \\\\ ~s~"\n'
    )
    text = matrix_markdown(journey)
    assert text.startswith("**A \\| B**")
    header = text.splitlines()[2]
    assert "Pay \\*now\\* \\| later" in header and len(_cells(header)) == 3
    row = next(line for line in text.splitlines() if "link" in line)
    assert row.startswith("| \\[link\\](x) \\<b\\>\\_x\\_ \\`c\\` \\\\ \\~s\\~ |")
    assert escape("line\nbreak") == "line break"


def test_no_steps() -> None:
    journey = journeymap.loads("journey: Empty\nchannel web: Web\n")
    assert "No steps to show." in matrix_markdown(journey)


@pytest.mark.parametrize("name", sorted(p.stem for p in GALLERY.glob("*.journey")))
def test_gallery_golden(name: str) -> None:
    journey = journeymap.load(GALLERY / f"{name}.journey")
    check_golden(GOLDENS / f"{name}.md", matrix_markdown(journey))
