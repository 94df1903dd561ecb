"""Nothing written is lost: each fact of tests/browser/fixtures/every-fact.journey is drawn."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.emit.views import render_blueprint_svg, render_map_svg
from journeymap.layout.blueprint import layout_blueprint
from journeymap.layout.map import layout_map
from journeymap.layout.matrix_model import build_matrix
from journeymap.layout.scene import Group, Item, Rect, Scene, Text, walk
from journeymap.layout.themes import load_theme
from journeymap.model.journey import Touchpoint
from tests.conftest import REPO

FACTS = REPO / "tests" / "browser" / "fixtures" / "every-fact.journey"


def _texts(items: tuple[Item, ...]) -> list[str]:
    return [" ".join(s.lines) for s in walk(items) if isinstance(s, Text)]


def _group(items: tuple[Item, ...], wanted: str) -> Group:
    for item in items:
        if isinstance(item, Group):
            if item.id == wanted:
                return item
            try:
                return _group(item.items, wanted)
            except KeyError:
                pass
    raise KeyError(wanted)


def _scenes() -> tuple[Scene, Scene]:
    journey = journeymap.load(FACTS)
    theme = load_theme("default")
    return layout_map(journey, theme), layout_blueprint(journey, theme)


def test_stage_notes_are_drawn_under_the_stage_header_in_map_and_blueprint() -> None:
    for scene in _scenes():
        band = _group(scene.items, "jm-stage-notify")
        assert "Only for parcels under 5 kg" in _texts(band.items)


def test_channel_notes_are_drawn_in_the_map_legend() -> None:
    map_scene, _ = _scenes()
    notes = _group(map_scene.items, "jm-channel-notes")
    assert _texts(notes.items) == ["Courier app: Push notices are off by default"]


def test_step_metrics_are_drawn_in_the_blueprint_too() -> None:
    map_scene, blueprint = _scenes()
    assert "open_rate: 64%" in _texts(_group(map_scene.items, "jm-metrics-notice").items)
    assert "open_rate: 64%" in _texts(blueprint.items)


def test_lane_durations_and_waits_are_drawn_in_the_map_too() -> None:
    map_scene, blueprint = _scenes()
    assert "Sends the code: takes 2s" in _texts(_group(map_scene.items, "jm-metrics-notice").items)
    assert "Types the code: wait 1m" in _texts(_group(map_scene.items, "jm-metrics-open").items)
    bp = " ".join(_texts(blueprint.items))
    assert "takes 2s" in bp and "wait 1m" in bp


def test_free_attributes_are_compact_lines_on_their_cards() -> None:
    map_scene, blueprint = _scenes()
    tp = _texts(_group(map_scene.items, "jm-row-touchpoints").items)
    assert "cost 0.02 EUR" in tp and "vendor Lockr" in tp
    lanes = " ".join(_texts(blueprint.items))
    assert "queue notices" in lanes and "version 4.2" in lanes


def test_a_valid_http_url_makes_its_card_a_link_instead_of_a_line() -> None:
    # The only link journeymap writes (tests/security/test_links.py has the refusals).
    journey = journeymap.load(FACTS)
    svg = render_map_svg(journey)
    assert svg.count("<a ") == 1
    assert '<a xlink:href="https://example.com/notice">\n<g id="jm-tp-' in svg
    map_scene, _ = _scenes()
    tp = _texts(_group(map_scene.items, "jm-row-touchpoints").items)
    assert "cost 0.02 EUR" in tp and not any("example.com" in t for t in tp)
    # The blueprint does not draw touchpoints: no link there.
    assert "<a " not in render_blueprint_svg(journey)


def test_a_persona_with_nothing_but_a_name_gets_a_name_tag() -> None:
    map_scene, _ = _scenes()
    theme = load_theme("default")
    tag = _group(map_scene.items, "jm-persona-kim")
    frame = next(s for s in tag.items if isinstance(s, Rect))
    assert frame.width < theme.spacing.persona_card_width / 2
    assert frame.height < 3 * theme.typography.card_title_size
    # A persona with card lines keeps its full card.
    clinic = layout_map(journeymap.load(REPO / "gallery" / "clinic-visit.journey"), theme)
    card = next(s for s in _group(clinic.items, "jm-persona-tomas").items if isinstance(s, Rect))
    assert card.width == theme.spacing.persona_card_width


def _matrix_rows(*touchpoints: Touchpoint) -> list[str]:
    journey = journeymap.loads("journey: M\nstage s: S\n  step a: A\n  step b: B\n")
    stage = journey.stages[0]
    steps = tuple(
        step._replace(touchpoints=(tp,)) for step, tp in zip(stage.steps, touchpoints, strict=True)
    )
    journey = journey._replace(stages=(stage._replace(steps=steps),))
    return [row.label for g in build_matrix(journey).groups for row in g.rows]


@pytest.mark.parametrize(
    ("second", "rows"),
    [
        (Touchpoint(None, "Help", "web"), 1),  # same label, channel, attributes: one
        (Touchpoint(None, "Help", "web", tier="primary"), 1),  # a tier is per use
        (Touchpoint(None, "Help", "web", attributes=(("cost", "2"),)), 2),
        (Touchpoint(None, "Help", "web", owner="ops"), 2),
        (Touchpoint(None, "Help", "phone"), 2),
    ],
)
def test_the_matrix_keeps_different_touchpoints_apart(second: Touchpoint, rows: int) -> None:
    assert len(_matrix_rows(Touchpoint(None, "Help", "web"), second)) == rows


def test_the_matrix_joins_touchpoints_that_share_an_id() -> None:
    one = Touchpoint("help", "Help", "web")
    other = Touchpoint("help", "Help desk", "web", attributes=(("cost", "2"),))
    assert _matrix_rows(one, other) == ["Help"]
    assert len(_matrix_rows(one, Touchpoint("help2", "Help", "web"))) == 2
