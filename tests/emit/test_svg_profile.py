"""Every SVG we write is valid SVG 1.1 Full, by svgwrite's own profile tables.

The emitter writes SVG text directly (building svgwrite objects for tens of
thousands of elements cost more than the layout), so svgwrite checks the
result here instead: each element name, each attribute name and value, and
each parent/child pair, for every view of every gallery journey in two
themes. The only attributes SVG 1.1 lacks are the accessibility ones SVG 2
and WAI-ARIA added (`role`, `aria-labelledby`, `aria-describedby`).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from svgwrite.validator2 import get_validator  # type: ignore[import-untyped]

from journeymap.compiler import load
from journeymap.emit import pipeline
from journeymap.layout.themes import load_theme

REPO = Path(__file__).resolve().parents[2]
GALLERY = sorted((REPO / "gallery").glob("*.journey"))
SVG = "{http://www.w3.org/2000/svg}"
NAMESPACES = {
    "{http://www.w3.org/XML/1998/namespace}": "xml:",
    "{http://www.w3.org/1999/xlink}": "xlink:",
}
ARIA = {"role", "aria-labelledby", "aria-describedby"}


def profile_errors(svg: str) -> list[str]:
    """What svgwrite's SVG 1.1 Full validator rejects in `svg`, one line each."""
    validator = get_validator("full", debug=True)
    errors: list[str] = []
    for element in ElementTree.fromstring(svg).iter():
        name = element.tag.removeprefix(SVG)
        if not validator.is_valid_elementname(name):
            errors.append(f"element <{name}>")
            continue
        for key, value in element.attrib.items():
            for uri, prefix in NAMESPACES.items():
                key = key.replace(uri, prefix)
            if key in ARIA and name == "svg":
                continue
            if not validator.is_valid_svg_attribute(name, key):
                errors.append(f"<{name}> attribute {key}")
                continue
            try:
                validator.check_svg_attribute_value(name, key, value)
            except (TypeError, ValueError) as exc:
                errors.append(f"<{name} {key}={value!r}>: {exc}")
        errors += [
            f"<{child.tag.removeprefix(SVG)}> inside <{name}>"
            for child in element
            if not validator.is_valid_children(name, child.tag.removeprefix(SVG))
        ]
    return sorted(set(errors))


@pytest.mark.parametrize("theme", ["default", "dark"])
@pytest.mark.parametrize("path", GALLERY, ids=[p.stem for p in GALLERY])
def test_gallery_views_are_valid_svg_11(path: Path, theme: str) -> None:
    journey = load.load(path)
    for view in ("map", "blueprint", "matrix"):
        svg = pipeline.render(journey, view=view, theme=load_theme(theme))
        assert isinstance(svg, str)
        assert profile_errors(svg) == [], f"{path.name} {view} ({theme})"


def test_the_check_can_fail() -> None:
    bad = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<text x="1" y="1" font-colour="red"><rect /></text>'
        '<circle cx="1" cy="1" r="wide" /><blink /></svg>'
    )
    errors = profile_errors(bad)
    assert "<rect> inside <text>" in errors
    assert "<text> attribute font-colour" in errors
    assert "element <blink>" in errors
    assert any(e.startswith("<circle r='wide'>") for e in errors)
