"""The emotion row tells the truth: every label drawn once, whose it is, legible in every theme."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.map_emotion import LABEL_LINES
from journeymap.layout.scene import Curve, Group, Item, Scene, Text, walk
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Journey
from tests.conftest import GALLERY, REPO

THEMES = ("default", "dark", "high-contrast", "print")
FIVE = REPO / "tests" / "browser" / "fixtures" / "five-personas.journey"


def _group(items: tuple[Item, ...], wanted: str) -> Group | None:
    for item in items:
        if isinstance(item, Group):
            if item.id == wanted:
                return item
            found = _group(item.items, wanted)
            if found is not None:
                return found
    return None


def _emotion_texts(scene: Scene) -> list[Text]:
    row = _group(scene.items, "jm-row-emotion")
    assert row is not None
    curves = {item.id for item in row.items if isinstance(item, Group)}
    assert curves
    # The row's own label, then the scale (numbers), then the point labels.
    return [s for s in walk(row.items) if isinstance(s, Text)][1 + 5 :]


def _joined(texts: list[Text]) -> list[str]:
    return [" ".join(t.lines) for t in texts]


def _load(path: Path) -> Journey:
    return journeymap.load(path)


def luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    out = []
    for i in (0, 2, 4):
        c = int(colour[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_a_label_several_personas_share_is_drawn_once_in_a_neutral_colour() -> None:
    theme = load_theme("default")
    scene = layout_map(_load(GALLERY / "clinic-visit.journey"), theme)
    texts = _emotion_texts(scene)
    relieved = [t for t in texts if " ".join(t.lines) == "Relieved"]
    # Four curves (two personas, two variants) meet at +1 Relieved: one label.
    assert len(relieved) == 1
    assert relieved[0].fill == theme.palette.text


def test_a_label_of_one_persona_is_drawn_in_its_curve_colour() -> None:
    theme = load_theme("default")
    scene = layout_map(_load(GALLERY / "clinic-visit.journey"), theme)
    fills = {" ".join(t.lines): t.fill for t in _emotion_texts(scene)}
    tomas, ingrid = theme.curves.colours[:2]
    assert fills["Impatient"] == tomas
    assert fills["Understood"] == tomas  # both Tomas's variants: still his colour
    assert fills["Uncomfortable"] == ingrid


@pytest.mark.parametrize("theme_name", THEMES)
def test_no_emotion_label_is_dropped(theme_name: str) -> None:
    journey = _load(FIVE)
    scene = layout_map(journey, load_theme(theme_name))
    drawn = _joined(_emotion_texts(scene))
    wanted = {(step.id, e.label, e.score) for step in journey.steps() for e in step.emotions}
    labels = sorted({label for _, label, _ in wanted if label})
    for label in labels:
        assert label in drawn, f"{label!r} is not drawn"
    # Five labels at security and the long one at bags cannot sit by their points:
    # each is a numbered callout whose key repeats it below the chart.
    numbers = [t for t in _emotion_texts(scene) if t.bold]
    assert len(numbers) >= 2 and len(numbers) % 2 == 0
    assert sorted({" ".join(n.lines) for n in numbers}) == [
        str(i) for i in range(1, len(numbers) // 2 + 1)
    ]


def test_a_label_too_long_to_sit_by_its_point_becomes_a_callout() -> None:
    journey = _load(FIVE)
    theme = load_theme("default")
    long_label = "x " * 80
    step = journey.stages[0].steps[0]
    emotions = (step.emotions[0]._replace(label=long_label.strip()), *step.emotions[1:])
    stages = list(journey.stages)
    steps = (step._replace(emotions=emotions), *stages[0].steps[1:])
    stages[0] = stages[0]._replace(steps=steps)
    scene = layout_map(journey._replace(stages=tuple(stages)), theme)
    drawn = _joined(_emotion_texts(scene))
    assert long_label.strip() in drawn  # whole, in the key below the chart
    key = [t for t in _emotion_texts(scene) if " ".join(t.lines) == long_label.strip()]
    assert len(key[0].lines) > LABEL_LINES or key[0].x < scene.width / 4
    assert "1" in [" ".join(t.lines) for t in _emotion_texts(scene) if t.bold]


@pytest.mark.parametrize("theme_name", THEMES)
def test_each_curve_has_its_own_colour_and_dash(theme_name: str) -> None:
    theme = load_theme(theme_name)
    for path in (FIVE, GALLERY / "clinic-visit.journey"):
        scene = layout_map(_load(path), theme)
        row = _group(scene.items, "jm-row-emotion")
        assert row is not None
        curves = [g for g in row.items if isinstance(g, Group)]
        styles = set()
        for group in curves:
            shapes = [s for s in group.items if isinstance(s, Curve)]
            styles.update({s.dash for s in shapes})
        assert len(styles) == len(curves), f"{path.name}: two curves share a dash"
    row = _group(layout_map(_load(FIVE), theme).items, "jm-row-emotion")
    assert row is not None
    colours = {
        s.stroke for g in row.items if isinstance(g, Group) for s in g.items if isinstance(s, Curve)
    }
    if theme_name != "print":  # print's greys repeat by design: dash and marker carry it
        assert len(colours) == 5


def test_a_persona_curve_passes_over_steps_without_that_persona() -> None:
    scene = layout_map(_load(GALLERY / "clinic-visit.journey"), load_theme("default"))
    # Ingrid is not at the consultation: her curves go on across it, unbroken.
    for variant in ("as-is", "to-be"):
        curve = _group(scene.items, f"jm-curve-ingrid.{variant}")
        assert curve is not None
        assert len([s for s in curve.items if isinstance(s, Curve)]) == 1


@pytest.mark.parametrize("theme_name", THEMES)
def test_every_emotion_label_colour_meets_aa_on_the_chart(theme_name: str) -> None:
    theme = load_theme(theme_name)
    for colour in (*theme.curves.colours, theme.palette.text):
        assert contrast(colour, theme.palette.chart_fill) >= 4.5, colour
    for path in (FIVE, GALLERY / "clinic-visit.journey"):
        scene = layout_map(_load(path), theme, MapOptions())
        for text in _emotion_texts(scene):
            assert contrast(text.fill, theme.palette.chart_fill) >= 4.5, text
