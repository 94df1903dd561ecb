"""The docs integrations' cache of drawn SVGs: a file is served only when it checks out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from journeymap.integrations import diagrams
from journeymap.integrations.diagrams import DiagramCache

KEY = "ab" * 32
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>é</title></svg>\n'


def test_a_drawing_is_read_back_by_a_later_build(tmp_path: Path) -> None:
    DiagramCache(tmp_path).put(KEY, SVG)
    later = DiagramCache(tmp_path)
    assert later.get(KEY) == SVG
    assert later.get("cd" * 32) is None
    assert (later.hits, later.misses) == (1, 0)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda data: data.replace(b"<title>", b"<title>planted "),  # the bytes
        lambda data: data.replace(b"ab" * 32, b"cd" * 32, 1),  # the key in the file
        lambda data: data.split(b"\n", 1)[1],  # no header at all
        lambda data: data[:-5],  # truncated
        lambda data: b"",
    ],
)
def test_a_file_that_does_not_check_out_is_not_served(
    tmp_path: Path, tamper: Callable[[bytes], bytes]
) -> None:
    DiagramCache(tmp_path).put(KEY, SVG)
    path = tmp_path / f"{KEY}.diagram"
    path.write_bytes(tamper(path.read_bytes()))
    assert DiagramCache(tmp_path).get(KEY) is None


def test_a_file_under_another_key_s_name_is_not_served(tmp_path: Path) -> None:
    DiagramCache(tmp_path).put(KEY, SVG)
    other = "cd" * 32
    (tmp_path / f"{KEY}.diagram").rename(tmp_path / f"{other}.diagram")
    assert DiagramCache(tmp_path).get(other) is None


def test_without_a_directory_the_cache_is_memory_only_and_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(diagrams, "_MEMORY_LIMIT", 2)
    cache = DiagramCache(None)
    for key in ("a", "b", "c"):
        cache.put(key, f"<svg>{key}</svg>")
    assert cache.get("a") is None  # the oldest went
    assert cache.get("c") == "<svg>c</svg>"


def test_a_directory_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    cache = DiagramCache(blocked / "cache")
    cache.put(KEY, SVG)
    assert cache.get(KEY) == SVG  # from memory
    assert DiagramCache(blocked / "cache").get(KEY) is None
