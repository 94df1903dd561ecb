"""The measured figures on the map: touchpoint cards show theirs compactly, inside the card."""

from pathlib import Path

import pytest

from journeymap.compiler.load import loads
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.scene import Rect, Text, walk
from journeymap.layout.text import text_width
from journeymap.layout.themes import load_theme

SOURCE = (Path(__file__).resolve().parent / "data_demo.journey").read_text(encoding="utf-8")
THEMES = ("default", "dark", "high-contrast", "print")
NBSP = "\u00a0"


def _texts(theme: str) -> tuple[list[Text], list[Rect]]:
    scene = layout_map(loads(SOURCE), load_theme(theme), MapOptions())
    shapes = walk(scene.items)
    return [s for s in shapes if isinstance(s, Text)], [s for s in shapes if isinstance(s, Rect)]


def test_touchpoint_figures_are_one_compact_line_with_units() -> None:
    texts, _ = _texts("default")
    words = " ".join(" ".join(t.lines) for t in texts).replace(NBSP, " ")
    assert "12k uses" in words and "takes 3m 20s" in words and "score 4.1" in words
    assert "at 9-11am" in words and "in home" in words
    # Not also drawn as raw `key value` lines.
    assert "duration 200s" not in words and "frequency 12000" not in words


@pytest.mark.parametrize("theme", THEMES)
def test_touchpoint_figures_stay_inside_their_card(theme: str) -> None:
    texts, rects = _texts(theme)
    figure_texts = [t for t in texts if any("takes" in line for line in t.lines)]
    assert figure_texts
    for text in figure_texts:
        card = min(
            (r for r in rects if r.x <= text.x <= r.right and r.y <= text.y <= r.bottom),
            key=lambda r: r.width * r.height,
        )
        for line in text.lines:
            assert text.x + text_width(line, text.size) <= card.right + 0.01, (line, card)
            # A figure is never split over two lines.
            assert not line.startswith(("3m", "20s", "4.1", "uses"))
