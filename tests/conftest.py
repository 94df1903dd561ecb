"""Shared fixtures: paths, and a helper that compiles source text in a temp dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import journeymap
from journeymap.api import Compiled

REPO = Path(__file__).resolve().parents[1]
GALLERY = REPO / "gallery"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the parser-table cache out of the user's home directory."""
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


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
