"""`render --format png` names every character no font has, once, with its step and line."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.emit import font_cover
from journeymap.emit.font_cover import (
    bundled_ranges,
    font_ranges,
    missing_chars,
    missing_fonts_warning,
)
from journeymap.emit.png import bundled_fonts
from journeymap.emit.render_file import RenderOptions, render_file

SOURCE = """journey: Booking
stage s: Book
  step call: Calls the clinic
    touchpoint: Phone line [channel=phone]
    emotion: -1 不安
  step visit: Visits — café at the entrance
    touchpoint: Desk [channel=desk]
    pain: 待ち時間が長い
"""


@pytest.fixture
def no_installed_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A machine with no fonts installed: only the bundled ones count."""
    monkeypatch.setattr(font_cover, "font_dirs", lambda: [tmp_path / "no-fonts"])
    font_cover.installed_ranges.cache_clear()
    yield
    font_cover.installed_ranges.cache_clear()


def test_the_bundled_font_map_is_read() -> None:
    ranges = font_ranges(bundled_fonts()[0])
    assert any(lo <= ord("A") <= hi for lo, hi in ranges)
    assert any(lo <= ord("é") <= hi for lo, hi in ranges)
    assert not any(lo <= ord("不") <= hi for lo, hi in ranges)
    assert bundled_ranges()[0]  # merged, non-empty


@pytest.mark.usefixtures("no_installed_fonts")
def test_each_uncovered_character_is_named_once_with_its_step_and_line() -> None:
    journey = journeymap.loads(SOURCE, name="booking.journey")
    missing = missing_chars(journey)
    assert [m.char for m in missing] == ["不", "安", "待", "ち", "時", "間", "が", "長", "い"]
    first = missing[0]
    assert first.where == "step `call`" and first.origin is not None and first.origin.line == 5
    assert missing[2].where == "step `visit`"
    warning = missing_fonts_warning(journey, "booking.journey")
    assert warning is not None and warning.code == "W701"
    assert "`不` (U+4E0D, step `call`, line 5)" in warning.message
    assert "café" not in warning.message and "—" not in warning.message  # bundled covers them
    assert warning.location.line == 5


def test_a_character_an_installed_font_has_is_not_named(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    (fonts / "sub").mkdir(parents=True)
    # A stand-in "installed" font: found by walking the folders, its map read.
    (fonts / "sub" / "stand-in.ttf").write_bytes(Path(bundled_fonts()[0]).read_bytes())
    real = font_cover.installed_ranges
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(font_cover, "font_dirs", lambda: [fonts])
        real.cache_clear()
        try:
            assert real() == bundled_ranges()
            # Only a CJK font would cover these; pretend one is installed.
            patch.setattr(font_cover, "installed_ranges", lambda: ((0x4E00,), (0x9FFF,)))
            journey = journeymap.loads(SOURCE, name="booking.journey")
            assert [m.char for m in missing_chars(journey)] == ["ち", "が", "い"]
        finally:
            real.cache_clear()


@pytest.mark.usefixtures("no_installed_fonts")
def test_render_png_warns_once_and_svg_and_check_never(tmp_path: Path) -> None:
    source = tmp_path / "booking.journey"
    source.write_text(SOURCE, encoding="utf-8")
    data, problems = render_file(source, RenderOptions(fmt="png"))
    assert data is not None and data.startswith(b"\x89PNG")
    assert [p.code for p in problems if p.code == "W701"] == ["W701"]
    _, problems = render_file(source, RenderOptions(fmt="svg"))
    assert "W701" not in [p.code for p in problems]
    result = journeymap.compiler.load.compile_file(source)
    assert "W701" not in [d.code for d in result.diagnostics]
