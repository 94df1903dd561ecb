"""Pictures committed to the repository are what the current code draws (none is stale)."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.api import render
from tests.conftest import GALLERY, REPO

# (committed file, source it is drawn from)
COMMITTED = [
    (REPO / "docs" / "images" / "savings-account.svg", GALLERY / "savings-account.journey"),
]


@pytest.mark.parametrize("picture,source", COMMITTED, ids=lambda p: p.name)
def test_committed_render_is_fresh(picture: Path, source: Path) -> None:
    fresh = render(journeymap.load(source), main_file=str(source.relative_to(REPO)))
    assert picture.read_text(encoding="utf-8") == fresh, (
        f"{picture.relative_to(REPO)} is stale: run "
        f"`journeymap render {source.relative_to(REPO)} -o {picture.relative_to(REPO)}`"
    )
