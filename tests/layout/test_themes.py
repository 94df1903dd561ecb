"""Themes: shipped themes load, `extends` merges, bad files give located errors, WCAG contrast."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.language import resources
from journeymap.layout.blueprint import layout_blueprint
from journeymap.layout.map import layout_map
from journeymap.layout.matrix import layout_matrix
from journeymap.layout.scene import (
    Circle,
    Curve,
    Line,
    Polygon,
    Polyline,
    Rect,
    Scene,
    Shape,
    Text,
    walk,
)
from journeymap.layout.themes import (
    CODES,
    SCHEMA,
    Theme,
    contrast_ratio,
    find_key,
    load_theme,
    parse_colour,
    read_theme,
)
from journeymap.model.diagnostics import Collector, JourneyError
from tests.conftest import GALLERY
from tests.map_fixtures import outpatient

SHIPPED = ("default", "dark", "high-contrast", "print")


def errors(tmp_path: Path, text: str, name: str = "t.toml") -> list[tuple[str, int, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    collector = Collector()
    assert read_theme(path, collector) is None
    return [(d.code, d.location.line, d.message) for d in collector.sorted()]


def test_shipped_themes_are_found() -> None:
    assert set(SHIPPED) <= set(resources.theme_names())


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_theme_loads(name: str) -> None:
    theme = load_theme(name)
    assert theme.name == name
    assert theme.typography.font_family.startswith("Liberation Sans, Arial, Helvetica")
    assert theme.typography.title_size == 24
    assert theme.spacing.min_column <= theme.spacing.max_column


def test_schema_matches_the_theme_records() -> None:
    theme = load_theme("default")
    for section, keys in SCHEMA.items():
        assert tuple(keys) == getattr(theme, section)._fields


def test_extends_by_name_overrides_and_inherits(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('extends = "default"\n[palette]\ntext = "#000"\n', encoding="utf-8")
    theme = load_theme(path)
    base = load_theme("default")
    assert theme.palette.text == "#000000"
    assert theme.palette.background == base.palette.background
    assert theme.spacing == base.spacing
    assert theme.name == "mine"


def test_extends_by_relative_path_chains(tmp_path: Path) -> None:
    (tmp_path / "base.toml").write_text(
        'extends = "dark"\n[spacing]\ngutter = 20\n', encoding="utf-8"
    )
    (tmp_path / "child.toml").write_text(
        'name = "child"\nextends = "base.toml"\n[typography]\ncard_size = 13\n', encoding="utf-8"
    )
    theme = load_theme(tmp_path / "child.toml")
    assert (theme.name, theme.spacing.gutter, theme.typography.card_size) == ("child", 20, 13)
    assert theme.palette == load_theme("dark").palette


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('\nextends = "a.toml"\n', encoding="utf-8")
    collector = Collector()
    assert read_theme(tmp_path / "a.toml", collector) is None
    found = [(d.code, d.location.line, d.message) for d in collector.sorted()]
    assert found[0][:2] == ("E606", 2)
    assert "a.toml -> b.toml -> a.toml" in found[0][2]


def test_unknown_keys_wrong_types_and_bad_colours_are_located(tmp_path: Path) -> None:
    text = (
        'extends = "default"\n'
        "[palette]\n"
        'text = "#12345"\n'
        "muted = 3\n"
        'backgrund = "#fff"\n'
        "[spacing]\n"
        'gutter = "wide"\n'
        "padding = -1\n"
        "[curves]\n"
        'markers = ["circle", "blob"]\n'
        "[colours]\n"
    )
    found = errors(tmp_path, text)
    assert [(code, line) for code, line, _ in found] == [
        ("E605", 3),
        ("E604", 4),
        ("E603", 5),
        ("E604", 7),
        ("E608", 8),
        ("E608", 10),
        ("E603", 11),
    ]
    assert "`palette.text` is not a colour: write #rgb" in found[0][2]
    assert "#12345" not in found[0][2]
    assert "unknown key `backgrund` in [palette]" in found[2][2]


def test_diagnostics_show_file_line_and_key_but_no_source(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('extends = "default"\n[palette]\n  pain = "redd"\n', encoding="utf-8")
    with pytest.raises(JourneyError) as caught:
        load_theme(path)
    shown = caught.value.diagnostics[0].format()
    assert shown.startswith(f"{path}:3:3: error[E605]: `palette.pain` is not a colour: write")
    assert "redd" not in shown and " | " not in shown


def test_missing_keys_without_extends(tmp_path: Path) -> None:
    found = errors(tmp_path, '[palette]\ntext = "#000"\n')
    assert {code for code, _, _ in found} == {"E607"}
    assert any("[palette] is missing" in message for _, _, message in found)


def test_toml_syntax_error_has_position(tmp_path: Path) -> None:
    assert errors(tmp_path, 'extends = "default"\n[palette\n')[0][:2] == ("E602", 2)


def test_unknown_theme_names_the_shipped_ones(tmp_path: Path) -> None:
    with pytest.raises(JourneyError, match="E601"):
        load_theme("no-such-theme")
    found = errors(tmp_path, 'extends = "nope"\n')
    assert found[0][:2] == ("E601", 1)


def test_min_column_above_max_is_an_error(tmp_path: Path) -> None:
    found = errors(tmp_path, 'extends = "default"\n[spacing]\nmin_column = 400\n')
    assert found[0][0] == "E608"


def test_codes_are_documented() -> None:
    assert all(code.startswith("E6") and meaning for code, meaning in CODES.items())


def test_find_key_scans_tables() -> None:
    text = 'name = "x"\n[palette]\n  "text" = "#000"\n[lines]\ntext = 1\n'
    assert find_key(text, "palette", "text") == (3, 4)
    assert find_key(text, "lines", "text") == (5, 1)
    assert find_key(text, "spacing", "gutter") == (0, 1)


def test_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#fff") == pytest.approx(1.0)


def test_print_theme_is_greyscale() -> None:
    theme = load_theme("print")
    colours: list[str] = []
    for section in (theme.palette, theme.curves):
        for value in section:
            if isinstance(value, str) and value.startswith("#"):
                colours.append(value)
            elif isinstance(value, tuple):
                colours.extend(v for v in value if isinstance(v, str) and v.startswith("#"))
    for colour in colours:
        r, g, b = parse_colour(colour) or (0, 1, 2)
        assert r == g == b, colour


# --- WCAG: measured on what the layout actually draws ------------------------------------


def _rects_under(scene: Scene) -> list[tuple[int, Rect]]:
    return [(i, s) for i, s in enumerate(walk(scene.items)) if isinstance(s, Rect) and s.fill]


def _background(scene: Scene, index: int, x: float, y: float) -> str:
    """The fill painted last before shape `index` at (x, y)."""
    colour = scene.background
    for i, rect in _rects_under(scene):
        if i >= index:
            break
        if rect.x <= x <= rect.right and rect.y <= y <= rect.bottom:
            colour = rect.fill or colour
    return colour


def _anchor(shape: Shape) -> tuple[float, float] | None:
    if isinstance(shape, Text):
        dx = {"start": 2.0, "middle": 0.0, "end": -2.0}[shape.anchor]
        return shape.x + dx, shape.y - shape.size / 3
    if isinstance(shape, Circle):
        return shape.cx, shape.cy
    if isinstance(shape, Polygon | Polyline):
        xs, ys = zip(*shape.points, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    if isinstance(shape, Curve):
        return shape.segments[0][2]
    if isinstance(shape, Line):
        return (shape.x1 + shape.x2) / 2, (shape.y1 + shape.y2) / 2
    return None


def _meaningful_colours(shape: Shape, theme: Theme) -> list[str]:
    """The colours of a shape that carry meaning (lines, glyphs, accents, tier outlines)."""
    palette = theme.palette
    if isinstance(shape, Rect):
        accents = {palette.pain, palette.delight, palette.opportunity}
        out = [shape.fill] if shape.fill in accents else []
        return out + ([shape.stroke] if shape.stroke == palette.strong_border else [])
    if isinstance(shape, Line) and shape.stroke == palette.grid:
        return []  # row rules and faint chart levels are decoration
    if isinstance(shape, Line | Polyline | Curve):
        return [shape.stroke]
    if isinstance(shape, Polygon | Circle):
        return [c for c in (shape.fill, shape.stroke) if c]
    return []


@pytest.mark.parametrize("view", ["map", "blueprint", "matrix"])
@pytest.mark.parametrize("name", SHIPPED)
def test_text_and_shapes_meet_wcag(name: str, view: str) -> None:
    theme = load_theme(name)
    if view == "map":
        scene = layout_map(outpatient(), theme)
    elif view == "matrix":  # every tier, an assumption, channel rows and glyphs
        scene = layout_matrix(journeymap.load(GALLERY / "clinic-visit.journey"), theme)
    else:  # the gallery's blueprint-heavy file: every lane, flow kind and mark
        scene = layout_blueprint(journeymap.load(GALLERY / "online-return.journey"), theme)
    shapes = walk(scene.items)
    checked = 0
    for index, shape in enumerate(shapes):
        point = _anchor(shape) if not isinstance(shape, Rect) else (shape.x + 1, shape.y + 1)
        if point is None:
            continue
        bg = _background(scene, index, *point)
        if isinstance(shape, Text):
            assert contrast_ratio(shape.fill, bg) >= 4.5, (shape.lines, shape.fill, bg)
            checked += 1
            continue
        for colour in _meaningful_colours(shape, theme):
            if colour == bg or isinstance(shape, Rect):
                # Knock-outs inside a glyph match what they sit on; accent strips
                # and outlines are checked against the page around the card.
                bg = scene.background if isinstance(shape, Rect) else bg
                if colour == bg:
                    continue
            assert contrast_ratio(colour, bg) >= 3.0, (type(shape).__name__, colour, bg)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("name", SHIPPED)
def test_hatching_stays_behind_text(name: str) -> None:
    theme = load_theme(name)
    assert contrast_ratio(theme.palette.text, theme.palette.hatch) >= 4.5


@pytest.mark.parametrize("name", SHIPPED)
def test_blueprint_colours_contrast_with_every_lane(name: str) -> None:
    """Flows, the named lines and lane labels stay legible on every lane tint."""
    theme = load_theme(name)
    palette = theme.palette
    grounds = (palette.background, palette.surface, *palette.lane_tints)
    for ground in grounds:
        assert contrast_ratio(palette.text, ground) >= 4.5, ground
        for shape in (palette.flow, palette.blueprint_line, palette.sequence):
            assert contrast_ratio(shape, ground) >= 3.0, (shape, ground)
    assert len(palette.lane_tints) >= 1
