"""Pictures committed to the repository are what the current code draws (none is stale)."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from journeymap.emit.pipeline import render
from tests.conftest import GALLERY, REPO

# (committed file, source it is drawn from, view)
COMMITTED = [
    (REPO / "docs/images/savings-account.svg", GALLERY / "savings-account.journey", "map"),
    (
        REPO / "docs/images/online-return-blueprint.svg",
        GALLERY / "online-return.journey",
        "blueprint",
    ),
]


@pytest.mark.parametrize("picture,source,view", COMMITTED, ids=[c[0].name for c in COMMITTED])
def test_committed_render_is_fresh(picture: Path, source: Path, view: str) -> None:
    fresh = render(journeymap.load(source), view=view, main_file=str(source.relative_to(REPO)))
    assert picture.read_text(encoding="utf-8") == fresh, (
        f"{picture.relative_to(REPO)} is stale: run "
        f"`journeymap render {source.relative_to(REPO)} --view {view} "
        f"-o {picture.relative_to(REPO)}`"
    )
