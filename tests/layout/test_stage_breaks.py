"""`--stages` with stages that are not adjacent: a visible break; nothing joins across it."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.layout.blueprint import BlueprintOptions, layout_blueprint
from journeymap.layout.map import MapOptions, layout_map
from journeymap.layout.map_model import narrow
from journeymap.layout.scene import Curve, Group, Item, Line, Polyline, Scene, walk
from journeymap.layout.themes import load_theme
from tests.conftest import GALLERY

CLINIC = GALLERY / "clinic-visit.journey"


def _groups(items: tuple[Item, ...], prefix: str) -> list[Group]:
    out = []
    for item in items:
        if isinstance(item, Group):
            if item.id and item.id.startswith(prefix):
                out.append(item)
            out.extend(_groups(item.items, prefix))
    return out


def _gap(scene: Scene) -> tuple[float, float]:
    (mark,) = _groups(scene.items, "jm-break-")
    zig = next(s for s in mark.items if isinstance(s, Polyline))
    xs = [x for x, _ in zig.points]
    return min(xs), max(xs)


def _spans(shape: object) -> tuple[float, float] | None:
    if isinstance(shape, Curve):
        xs = [shape.start[0], *(seg[2][0] for seg in shape.segments)]
        return min(xs), max(xs)
    if isinstance(shape, Line):
        return min(shape.x1, shape.x2), max(shape.x1, shape.x2)
    return None


def test_only_stages_left_out_between_drawn_ones_make_a_break() -> None:
    journey = journeymap.load(CLINIC)
    assert narrow(journey, None, ("book", "after")).breaks == (1,)
    assert narrow(journey, None, ("book", "visit")).breaks == ()
    assert narrow(journey, None, ("visit", "after")).breaks == ()
    assert narrow(journey, None, None).breaks == ()


@pytest.mark.parametrize("theme", ["default", "dark", "high-contrast", "print"])
def test_the_map_breaks_and_no_curve_crosses_the_break(theme: str) -> None:
    journey = journeymap.load(CLINIC)
    scene = layout_map(journey, load_theme(theme), MapOptions(stages=("book", "after")))
    left, right = _gap(scene)
    curves = _groups(scene.items, "jm-curve-")
    assert curves
    for group in curves:
        for shape in group.items:
            span = _spans(shape)
            if span is not None:
                assert not (span[0] < left and span[1] > right), group.id
    assert "Stages left out between Book and After." in scene.description
    assert "stages left out" in [
        " ".join(t.lines) for t in walk(scene.items) if hasattr(t, "lines")
    ]


def test_adjacent_stages_have_no_break() -> None:
    journey = journeymap.load(CLINIC)
    for options in (MapOptions(stages=("book", "visit")), MapOptions()):
        scene = layout_map(journey, load_theme("default"), options)
        assert _groups(scene.items, "jm-break-") == []


def test_the_blueprint_breaks_and_no_customer_arrow_crosses_the_break() -> None:
    journey = journeymap.load(CLINIC)
    scene = layout_blueprint(
        journey, load_theme("default"), BlueprintOptions(stages=("book", "after"))
    )
    left, right = _gap(scene)
    (seq,) = _groups(scene.items, "jm-sequence")
    lines = [s for s in seq.items if isinstance(s, Line)]
    assert len(lines) == 2  # book: call -> confirm; after: pay -> physio; none across
    for line in lines:
        span = _spans(line)
        assert span is not None and not (span[0] < left and span[1] > right)
    whole = layout_blueprint(journey, load_theme("default"))
    (seq,) = _groups(whole.items, "jm-sequence")
    assert len([s for s in seq.items if isinstance(s, Line)]) == 6
