"""Every SVG the project ships or checks in (goldens, docs, gallery) is inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.inert import svg_problems

REPO = Path(__file__).resolve().parents[2]
SVGS = sorted(
    path
    for folder in ("tests", "docs", "gallery")
    for path in (REPO / folder).rglob("*.svg")
    if ".got." not in path.name
)


def test_there_are_svgs_to_check() -> None:
    assert len(SVGS) > 10


@pytest.mark.parametrize("path", SVGS, ids=[str(p.relative_to(REPO)) for p in SVGS])
def test_svg_is_inert(path: Path) -> None:
    assert svg_problems(path.read_text(encoding="utf-8")) == []
