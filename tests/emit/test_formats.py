"""The one table of views and formats: suffixes both ways, what each format carries, engines."""

from __future__ import annotations

import shutil

import pytest

import journeymap
from journeymap.emit import formats
from journeymap.emit.pipeline import DrawOptions, draw

SOURCE = "journey: Visit\nstage s: Arrive\n  step a: Walks in\n    emotion: +1 Fine\n"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        ("svg", ".svg"),
        ("png", ".png"),
        ("pdf", ".pdf"),
        ("json", ".json"),
        ("dot", ".dot"),
        ("mermaid", ".mmd"),
        ("markdown", ".md"),
    ],
)
def test_each_format_has_one_suffix_and_the_suffix_names_it(fmt: str, suffix: str) -> None:
    assert formats.suffix_of(fmt) == suffix
    assert formats.format_for(None, f"out/x{suffix}") == fmt
    assert formats.format_for(None, f"X{suffix.upper()}") == fmt
    assert formats.format_for(fmt, f"x{suffix}") == fmt  # given and agreeing


def test_without_o_or_with_o_dash_the_format_option_decides() -> None:
    assert formats.format_for(None, None) == "svg"
    assert formats.format_for(None, "-") == "svg"
    assert formats.format_for("png", "-") == "png"
    assert formats.format_for("json", None) == "json"


def test_an_unknown_suffix_names_the_known_ones() -> None:
    for target in ("x.txt", "x"):
        with pytest.raises(ValueError, match=r"\.svg, \.png, \.json, \.dot, \.pdf, \.mmd, \.md"):
            formats.format_for(None, target)
    with pytest.raises(ValueError, match="names no format"):
        formats.format_for("json", "out.txt")


def test_a_suffix_that_disagrees_with_the_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"--format png and -o x\.svg disagree"):
        formats.format_for("png", "x.svg")


def test_pdf_is_drawn_by_graphviz_unless_another_engine_is_asked_for() -> None:
    assert formats.engine_for("map", "pdf", None) == "graphviz"
    assert formats.engine_for("blueprint", "svg", None) == "native"
    with pytest.raises(ValueError, match="pdf is drawn by Graphviz"):
        formats.engine_for("map", "pdf", "native")


@pytest.mark.parametrize(
    ("view", "fmt", "engine", "message"),
    [
        ("map", "markdown", None, "markdown is the touchpoint matrix's table"),
        ("matrix", "dot", None, "the touchpoint matrix is drawn by journeymap itself"),
        ("matrix", "pdf", None, "the touchpoint matrix is drawn by journeymap itself"),
        ("matrix", "svg", "graphviz", "the touchpoint matrix is drawn by journeymap itself"),
        ("grid", "svg", None, "unknown view `grid`"),
        ("map", "gif", None, "unknown format `gif`"),
        ("map", "svg", "neato", "unknown engine `neato`"),
    ],
)
def test_combinations_that_cannot_be_drawn_say_why(
    view: str, fmt: str, engine: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        formats.engine_for(view, fmt, engine)


def test_model_dumps_take_any_view_and_ignore_the_engine() -> None:
    for fmt in ("json", "mermaid"):
        assert all(formats.engine_for(view, fmt, None) == "native" for view in formats.VIEWS)


def test_options_apply_where_the_table_says() -> None:
    assert formats.applies("scale", "map", "png") and not formats.applies("scale", "map", "svg")
    assert formats.applies("lanes", "blueprint", "svg")
    assert not formats.applies("lanes", "map", "svg")
    assert formats.applies("annotate", "map", "png")
    assert not formats.applies("annotate", "blueprint", "svg")
    assert formats.applies("engine", "map", "pdf") and not formats.applies("engine", "map", "json")
    assert formats.applies("personas", "matrix", "markdown")  # not in the table: everywhere


def test_draw_returns_bytes_and_render_returns_text_for_text_formats() -> None:
    journey = journeymap.loads(SOURCE)
    for fmt in ("svg", "json", "dot", "mermaid"):
        data = draw(journey, "map", fmt)
        assert isinstance(data, bytes)
        assert journeymap.render(journey, format=fmt) == data.decode("utf-8")
    png = journeymap.render(journey, format="png")
    assert isinstance(png, bytes) and png.startswith(PNG_SIGNATURE)


@pytest.mark.needs_dot
def test_the_graphviz_engine_gives_text_for_svg_and_bytes_for_pdf() -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's `dot` is not installed")
    journey = journeymap.loads(SOURCE)
    svg = journeymap.render(journey, format="svg", engine="graphviz")
    assert isinstance(svg, str) and "<svg" in svg
    pdf = journeymap.render(journey, format="pdf", engine="graphviz")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert draw(journey, "map", "svg", None, DrawOptions(engine="graphviz")) == svg.encode()


def test_the_diff_picture_is_a_view_of_draw() -> None:
    old = journeymap.loads(SOURCE)
    new = journeymap.loads(SOURCE.replace("Walks in", "Strolls in"))
    svg = draw(new, "map", "svg", None, DrawOptions(diff_from=old)).decode("utf-8")
    assert 'id="jm-diff-legend"' in svg and "was: Walks in" in svg
    png = draw(new, "blueprint", "png", None, DrawOptions(diff_from=old))
    assert png.startswith(PNG_SIGNATURE)
    with pytest.raises(ValueError, match="diff picture"):
        draw(new, "map", "dot", None, DrawOptions(diff_from=old))
