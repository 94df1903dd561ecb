"""Every gallery file compiles cleanly and survives the JSON round trip."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize("path", GALLERY_FILES, ids=lambda p: p.name)
def test_gallery_json_round_trip(path: Path) -> None:
    journey = journeymap.load(path)
    first = journeymap.to_json(journey, str(path))
    again = journeymap.loads(first, name=str(path))
    assert again == journey
    assert journeymap.to_json(again, str(path)) == first
    assert json.loads(first)["version"] == 1
