"""The measured figures on the map: touchpoint cards show theirs compactly, inside the card."""

import pytest

import journeymap
from journeymap.layout.blueprint import layout_blueprint
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.scene import Circle, Group, Polygon, Rect, Shape, Text, walk
from journeymap.layout.text import text_width
from journeymap.layout.themes import load_theme
from tests.conftest import REPO

SOURCE = REPO / "tests" / "browser" / "fixtures" / "data-targets.journey"
THEMES = ("default", "dark", "high-contrast", "print")

NBSP = "\u00a0"


def _texts(theme: str) -> tuple[list[Text], list[Rect]]:
    scene = layout_map(journeymap.load(SOURCE), load_theme(theme), MapOptions())
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


def _group(theme: str, key: str) -> tuple[Shape, ...]:
    scene = layout_map(journeymap.load(SOURCE), load_theme(theme), MapOptions())
    found = [i for i in walk_groups(scene.items) if i.id.endswith(key)]
    assert found, key
    return tuple(walk(found[0].items))


def walk_groups(items: tuple[object, ...]) -> list[Group]:
    out: list[Group] = []
    for item in items:
        if isinstance(item, Group):
            out.append(item)
            out.extend(walk_groups(item.items))
    return out


def _words(shapes: tuple[Shape, ...]) -> str:
    return " ".join(" ".join(s.lines) for s in shapes if isinstance(s, Text))


@pytest.mark.parametrize("theme", THEMES)
def test_targets_sit_by_their_stage_and_step_told_by_shape_and_word(theme: str) -> None:
    met = _group(theme, "targets-s1")  # count 12,000 >= 10,000
    missed = _group(theme, "targets-s2")  # count 3,000 (from the CSV) < 5,000
    no_data = _group(theme, "targets-b")  # no nps anywhere
    assert "count ≥ 10,000 · 12,000 · met" in _words(met)
    assert "count ≥ 5,000 · 3,000 · missed" in _words(missed)
    assert "nps ≥ 50 · no data" in _words(no_data)
    # Shapes, not only colours: a filled circle; a filled 3-point triangle; a hollow square.
    assert any(isinstance(s, Circle) and s.fill for s in met)
    assert any(isinstance(s, Polygon) and len(s.points) == 3 and s.fill for s in missed)
    assert any(isinstance(s, Polygon) and len(s.points) == 4 and s.fill is None for s in no_data)
    assert not any(isinstance(s, Polygon) and len(s.points) == 3 for s in met)
    assert not any(isinstance(s, Circle) for s in missed + no_data)


def test_legend_names_each_verdict_shown() -> None:
    scene = layout_map(journeymap.load(SOURCE), load_theme("default"), MapOptions())
    legend = [g for g in walk_groups(scene.items) if g.id.endswith("legend")]
    assert legend
    words = _words(tuple(walk(legend[0].items)))
    assert "target met" in words and "target missed" in words and "target no data" in words


def test_no_targets_row_without_targets() -> None:
    scene = layout_map(
        journeymap.load(REPO / "gallery" / "hotel-stay.journey"),
        load_theme("default"),
        MapOptions(),
    )
    assert not any("-targets" in g.id for g in walk_groups(scene.items))


@pytest.mark.parametrize("theme", THEMES)
def test_blueprint_marks_targets_beside_stages_and_steps_with_legend(theme: str) -> None:
    scene = layout_blueprint(journeymap.load(SOURCE), load_theme(theme))
    groups = {g.id: g for g in walk_groups(scene.items)}
    by_key = {
        key: [g for i, g in groups.items() if i.endswith(key)]
        for key in ("targets-s1", "targets-s2", "targets-b", "legend")
    }
    assert all(by_key.values()), by_key.keys()
    assert "· met" in _words(tuple(walk(by_key["targets-s1"][0].items)))
    missed = tuple(walk(by_key["targets-s2"][0].items))
    assert "· missed" in _words(missed)
    assert any(isinstance(s, Polygon) and len(s.points) == 3 and s.fill for s in missed)
    assert "no data" in _words(tuple(walk(by_key["targets-b"][0].items)))
    legend = _words(tuple(walk(by_key["legend"][0].items)))
    assert "target met" in legend and "target missed" in legend and "target no data" in legend


def test_funnel_bars_share_a_height_widths_follow_counts_words_say_the_rest() -> None:
    scene = layout_map(journeymap.load(SOURCE), load_theme("default"), MapOptions())
    groups = {g.id: g for g in walk_groups(scene.items)}
    bars = {}
    words = {}
    for stage in ("s1", "s2", "s3"):
        group = next(g for i, g in groups.items() if i.endswith(f"funnel-{stage}"))
        shapes = tuple(walk(group.items))
        bars[stage] = next(s for s in shapes if isinstance(s, Rect))
        words[stage] = _words(shapes)
    assert len({b.height for b in bars.values()}) == 1
    # 12,000 : 3,000 : 3,300
    assert bars["s2"].width / bars["s1"].width == pytest.approx(0.25)
    assert bars["s3"].width / bars["s1"].width == pytest.approx(0.275)
    assert words["s1"] == "12,000"
    assert "3,000" in words["s2"] and "25% of previous" in words["s2"]
    assert "biggest drop-off" in words["s2"]
    assert "110% of previous" in words["s3"] and "re-entry" in words["s3"]
