"""The pictures in docs/language.md are drawn from the snippets above them, and are fresh.

Regenerate with `make gallery` (tools/render_doc_images.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.tool_scripts import load_tool

tool = load_tool("render_doc_images")
PICTURES = tool.pictures()
FIX = "run `make gallery` (python tools/render_doc_images.py) to regenerate"


def test_the_guide_has_pictures_of_each_view() -> None:
    views = [p.view for p in PICTURES]
    assert len(PICTURES) >= 4
    assert {"map", "blueprint"} <= set(views)


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.target.name)
def test_picture_is_fresh(picture: Any) -> None:
    shown = picture.target.relative_to(REPO).as_posix()
    assert picture.target.exists(), f"{shown} is missing: {FIX}"
    assert picture.target.read_bytes() == tool.draw(picture), f"{shown} is stale: {FIX}"


def test_no_stray_pictures() -> None:
    assert tool.problems() == [], FIX


def test_picture_is_drawn_from_the_snippet_above_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```journey\njourney: A\n```\n\n```journey\njourney: B\nstage s: S\n  step x: X\n```\n\n"
        "```sh\nnot journey\n```\n![b](images/language/b.blueprint.svg)\n",
        encoding="utf-8",
    )
    (picture,) = tool.pictures(page, tmp_path / "images")
    assert picture.snippet.startswith("journey: B\n")
    assert picture.view == "blueprint"
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "old.svg").write_text("<svg/>", encoding="utf-8")
    found = tool.problems(page, tmp_path / "images")
    assert [line.split(":")[0] for line in found] == ["missing", "stray"]
