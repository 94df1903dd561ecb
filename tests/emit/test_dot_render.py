"""Graphviz itself: every DOT golden renders without a warning, and the grid lines up.

These need the `dot` program (CI installs Graphviz); without it they skip.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

import journeymap
from journeymap.emit.dot import journey_to_dot
from journeymap.emit.graphviz import GraphvizFailed, render_dot, run_dot
from journeymap.layout.themes import default_theme
from tests.emit.test_dot import GALLERY, GOLDENS, nasty_journey

pytestmark = [
    pytest.mark.needs_dot,
    pytest.mark.skipif(
        shutil.which("dot") is None,
        reason="Graphviz's `dot` is not installed "
        "(apt-get install graphviz / brew install graphviz; CI installs it)",
    ),
]

GOLDEN_FILES = sorted(GOLDENS.glob("*.dot"))


def test_there_are_goldens_to_render() -> None:
    names = {path.name for path in GOLDEN_FILES}
    assert "savings-account-blueprint.dot" in names and "minimal-map.dot" in names
    assert not any(name.endswith(".got.dot") for name in names), "stale *.got.dot beside goldens"


@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda path: path.stem)
def test_golden_renders_without_warnings(golden: Path) -> None:
    result = run_dot(golden.read_text(encoding="utf-8"), "svg")
    assert result.warnings == "", f"dot warned on {golden.name}:\n{result.warnings}"
    assert result.output.lstrip().startswith(b"<?xml")


@pytest.mark.parametrize("view", ["map", "blueprint"])
def test_hostile_text_renders_verbatim_without_warnings(view: str) -> None:
    result = run_dot(journey_to_dot(nasty_journey(), view=view), "svg")
    assert result.warnings == ""
    svg = result.output.decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; ]]&gt;" in svg
    assert "<script" not in svg


@pytest.mark.parametrize("name", ["savings-account", "clinic-visit"])
def test_blueprint_lines_are_straight_across_all_columns(name: str) -> None:
    """Each line is drawn once per node: every piece must lie at one height, or rows drifted."""
    journey = journeymap.load(GALLERY / f"{name}.journey")
    svg = render_dot(journey_to_dot(journey, view="blueprint"), "svg").decode("utf-8")
    palette = default_theme().palette
    pieces: Counter[tuple[str, str]] = Counter()
    polygons = r'<polygon fill="(#[0-9a-f]{6})" stroke="transparent" points="([^"]+)"'
    for fill, points in re.findall(polygons, svg):
        ys = sorted({float(p.split(",")[1]) for p in points.split()})
        if fill in (palette.neutral_line, palette.text) and len(ys) == 2 and ys[1] - ys[0] < 3:
            pieces[(fill, f"{ys[0]:.1f}")] += 1
    nodes = 1 + 2 * len(journey.steps())  # the label column, then a column and a gutter per step
    # Interaction and internal interaction share a colour; visibility is the strong one.
    assert sorted(pieces.values()) == [nodes, nodes, nodes]
    assert sorted(fill for fill, _ in pieces) == sorted(
        [palette.neutral_line, palette.neutral_line, palette.text]
    )


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_render_dot_makes_png_and_pdf(fmt: str, magic: bytes) -> None:
    source = (GOLDENS / "minimal-blueprint.dot").read_text(encoding="utf-8")
    assert render_dot(source, fmt).startswith(magic)


def test_broken_source_is_graphviz_failed_with_dots_message() -> None:
    with pytest.raises(GraphvizFailed) as caught:
        render_dot("digraph { a -> }", "svg")
    assert "\n" not in str(caught.value)
    assert "syntax error" in caught.value.stderr


def test_a_run_that_takes_too_long_is_stopped() -> None:
    source = (GOLDENS / "savings-account-blueprint.dot").read_text(encoding="utf-8")
    with pytest.raises(GraphvizFailed, match="took longer than"):
        run_dot(source, "svg", timeout=0.001)
