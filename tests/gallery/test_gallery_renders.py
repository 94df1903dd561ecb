"""The committed gallery renders are what the current code draws, and the gallery is complete.

Regenerate with `make gallery` (tools/render_gallery.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from journeymap.analysis import check_file
from tests.conftest import GALLERY, REPO
from tests.tool_scripts import load_tool

FIX = "run `make gallery` (python tools/render_gallery.py) to regenerate"


tool = load_tool("render_gallery")
PLANNED = list(tool.planned())
SOURCES = sorted(GALLERY.glob("*.journey"))


def test_gallery_has_at_least_eight_journeys() -> None:
    assert len(SOURCES) >= 8, [p.name for p in SOURCES]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_gallery_file_passes_strict_check(source: Path) -> None:
    result = check_file(source)
    assert [d.format() for d in result.diagnostics] == []


@pytest.mark.parametrize("item", PLANNED, ids=lambda r: r.target.name)
def test_committed_render_is_fresh(item: Any) -> None:
    target: Path = item.target
    shown = target.relative_to(REPO).as_posix()
    assert target.exists(), f"{shown} is missing: {FIX}"
    assert target.read_bytes() == tool.draw(item), f"{shown} is stale: {FIX}"


def test_no_stray_renders() -> None:
    expected = {item.target for item in PLANNED}
    stray = [
        p.relative_to(REPO).as_posix()
        for p in sorted(tool.RENDERS.iterdir())
        if p.is_file() and p not in expected
    ]
    assert stray == [], f"renders with no gallery source: {stray}; {FIX} (it deletes them)"


def test_plan_covers_views() -> None:
    names = {item.target.name for item in PLANNED}
    for source in SOURCES:
        assert f"{source.stem}.map.svg" in names
    assert sum(1 for n in names if n.endswith(".blueprint.svg")) >= 4
    assert len([n for n in names if n.endswith(".dark.svg")]) == 1


def test_planned_render_matches_the_cli(tmp_path: Path) -> None:
    """`tool.draw` writes what `journeymap render` writes, byte for byte."""
    from click.testing import CliRunner

    from journeymap.cli.app import cli

    item = next(i for i in PLANNED if i.theme == "dark")
    out = tmp_path / "out.svg"
    args = ["render", str(item.source), "--theme", "dark", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == tool.draw(item)


def test_stale_and_stray_renders_are_reported(tmp_path: Path) -> None:
    renders = tmp_path / "renders"
    renders.mkdir()
    first = PLANNED[0]
    (renders / first.target.name).write_bytes(b"<svg/>")
    (renders / "gone.map.svg").write_text("<svg/>", encoding="utf-8")
    found = tool.problems(renders)
    assert any(line.startswith("stale: ") and first.target.name in line for line in found)
    assert any(line.startswith("stray: ") and "gone.map.svg" in line for line in found)
    assert sum(line.startswith("missing: ") for line in found) == len(PLANNED) - 1


def test_readme_shows_every_render_and_source() -> None:
    readme = (GALLERY / "README.md").read_text(encoding="utf-8")
    images = set(re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", readme))
    for item in PLANNED:
        link = item.target.relative_to(GALLERY).as_posix()
        assert link in images, f"gallery/README.md does not show {link}"
    for source in SOURCES:
        assert f"]({source.name})" in readme, f"gallery/README.md does not link {source.name}"
