"""Shared fixtures: paths, and a helper that compiles source text in a temp dir."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import journeymap
import journeymap.emit.svg
from journeymap.compiler.load import Compiled
from journeymap.layout.scene import Scene
from tests.security.inert import svg_problems

REPO = Path(__file__).resolve().parents[1]
GALLERY = REPO / "gallery"


@pytest.fixture(autouse=True, scope="session")
def _every_svg_is_inert() -> Iterator[None]:
    """Check every SVG any test draws in this process for active content (issue #10).

    The emitter is wrapped for the whole session, so a map, blueprint, matrix
    or diff picture drawn by any test (goldens, layout, CLI in-process) is
    parsed with defusedxml and held to tests/security/inert.py.
    """
    draw = journeymap.emit.svg.to_svg

    def checked(scene: Scene) -> str:
        svg = draw(scene)
        problems = svg_problems(svg)
        assert problems == [], f"the SVG of {scene.title!r} is not inert: {problems[:5]}"
        return svg

    with pytest.MonkeyPatch.context() as patch:
        # The one render path (emit.pipeline.draw) looks the name up when it draws.
        patch.setattr(journeymap.emit.svg, "to_svg", checked)
        yield


@pytest.fixture
def compile_source(tmp_path: Path) -> Callable[..., Compiled]:
    """Write `text` (and any extra files) below a temp dir and compile the main file."""

    def run(text: str, name: str = "main.journey", **files: str) -> Compiled:
        for extra, content in files.items():
            target = tmp_path / extra.replace("__", "/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        main = tmp_path / name
        main.write_text(text, encoding="utf-8")
        return journeymap.compile_file(main)

    return run
