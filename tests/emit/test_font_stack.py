"""The SVG names fonts for every script; `check` never touches fonts."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import journeymap
from journeymap.emit.svg import FALLBACK_FONTS, font_stack
from journeymap.emit.views import render_blueprint_svg, render_map_svg
from journeymap.language.resources import theme_names
from journeymap.layout.themes import load_theme
from tests.conftest import GALLERY, REPO


@pytest.mark.parametrize("theme_name", theme_names())
def test_the_svg_names_a_fallback_stack_by_script_after_the_theme_families(
    theme_name: str,
) -> None:
    theme = load_theme(theme_name)
    journey = journeymap.load(GALLERY / "clinic-visit.journey")
    for svg in (render_map_svg(journey, theme), render_blueprint_svg(journey, theme)):
        found = re.search(r'<svg\b[^>]*\bfont-family="([^"]*)"', svg)
        assert found is not None
        families = [f.strip() for f in found.group(1).split(",")]
        named = [f.strip() for f in theme.typography.font_family.split(",")]
        assert families[: len(named) - 1] == named[:-1]  # the theme's own, first
        for script, wanted in FALLBACK_FONTS:
            assert any(f in families for f in wanted), script
        assert "Noto Sans CJK JP" in families and "Noto Color Emoji" in families
        assert families.index("Noto Sans CJK JP") > families.index(named[0])
        assert families[-1] == "sans-serif"  # the generic family closes the list


def test_a_theme_without_a_generic_family_still_ends_with_one() -> None:
    assert font_stack("Inter").endswith(", sans-serif")
    assert font_stack("Inter, serif").startswith("Inter, DejaVu Sans")
    assert font_stack("Inter, serif").endswith(", serif")


def test_check_never_loads_the_rasteriser_or_fonts() -> None:
    source = REPO / "tests" / "browser" / "fixtures" / "five-personas.journey"
    code = (
        "import sys\n"
        f"sys.argv = ['journeymap', 'check', {str(source)!r}]\n"
        "from journeymap.cli.console import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'resvg_py' not in sys.modules, 'check loaded resvg'\n"
        "assert 'journeymap.emit.png' not in sys.modules, 'check loaded the PNG writer'\n"
        "assert 'journeymap.emit.font_cover' not in sys.modules, 'check read the fonts'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
