"""`--annotate`: what is marked, and the marks added to the map's Scene."""

from __future__ import annotations

import journeymap
from journeymap.analysis.annotate import LEGEND_TEXT, annotate_map, hot_spots
from journeymap.analysis.report import build_report
from journeymap.layout.map import layout_map
from journeymap.layout.scene import Circle, Group, Rect, Text, walk
from journeymap.layout.themes import default_theme

SOURCE = """journey: Shop
stage a: A
  count: 100
  step x: X
    emotion: -2 Angry
    pain: Slow
  step y: Y
    emotion: +1 Fine
    pain: Dull
    opportunity: Music
stage b: B
  count: 20
  step z: Z
    emotion: +2 Happy
"""


def test_hot_spots_from_the_report() -> None:
    journey = journeymap.loads(SOURCE)
    spots = hot_spots(journey, build_report(journey))
    assert spots.lowest == (("x", -2),)
    assert spots.biggest_drop == "b"
    assert spots.unanswered_pains == ("x",)


def test_annotate_adds_marks_and_a_legend_line() -> None:
    journey = journeymap.loads(SOURCE)
    theme = default_theme()
    scene = layout_map(journey, theme)
    marked = annotate_map(scene, hot_spots(journey, build_report(journey)), theme)
    assert marked.height > scene.height
    assert marked.items[: len(scene.items)] == scene.items
    added = walk(marked.items[len(scene.items) :])
    rings = [s for s in added if isinstance(s, Circle)]
    outlines = [s for s in added if isinstance(s, Rect)]
    assert len(rings) == 2 and len(outlines) == 1  # the low point, the legend's ring; the pain
    assert all(s.stroke == theme.palette.fail for s in [*rings, *outlines])
    assert any(isinstance(s, Text) and s.lines == (LEGEND_TEXT,) for s in added)
    ids = [item.id for item in marked.items if isinstance(item, Group)]
    assert ids[-2:] == ["jm-hotspots", "jm-hotspots-legend"]


def test_nothing_to_mark_leaves_the_scene_alone() -> None:
    journey = journeymap.loads("journey: Calm\nstage a: A\n  step x: X\n    emotion: +1 Fine\n")
    theme = default_theme()
    scene = layout_map(journey, theme)
    assert annotate_map(scene, hot_spots(journey, build_report(journey)), theme) is scene
