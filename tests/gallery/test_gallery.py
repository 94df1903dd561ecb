"""Every gallery file compiles cleanly (the JSON round trip is in tests/compiler/test_json.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from tests.conftest import GALLERY

GALLERY_FILES = sorted(GALLERY.glob("*.journey"))


def test_gallery_is_not_empty() -> None:
    assert len(GALLERY_FILES) >= 2


@pytest.mark.parametrize("path", GALLERY_FILES, ids=lambda p: p.name)
def test_gallery_file_checks_clean(path: Path) -> None:
    result = journeymap.compile_file(path)
    assert result.diagnostics == []
    assert result.journey is not None
    assert result.journey.title
