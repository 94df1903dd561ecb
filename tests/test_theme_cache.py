"""Parsed theme files are cached (marshal), and the cache answers only for the exact text."""

from __future__ import annotations

import marshal
import tomllib
from pathlib import Path

import pytest

from journeymap.language import resources
from journeymap.layout.themes import parse_toml
from journeymap.model.disk_cache import cache_dir, cheap_key

TEXT = """
name = "x"
[palette]
background = "#ffffff"
series = ["#000000", "#111111"]
[spacing]
gap = 8
ratio = 1.5
big = inf
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path / "cache"))
    return cache_dir()


def _cache_file(cache: Path, text: str) -> Path:
    return cache / f"toml-{cheap_key(text)}.marshal"


def test_a_cached_parse_equals_tomllib_s_with_its_types(cache: Path) -> None:
    first = parse_toml(TEXT)
    assert _cache_file(cache, TEXT).is_file()
    again = parse_toml(TEXT)  # read back from the cache
    assert first == again == tomllib.loads(TEXT)
    spacing = again["spacing"]
    assert [type(spacing[k]) for k in ("gap", "ratio", "big")] == [int, float, float]


def test_every_shipped_theme_reads_back_as_tomllib_reads_it(cache: Path) -> None:
    for name in resources.theme_names():
        path = resources.theme_path(name)
        assert path is not None
        text = path.read_text(encoding="utf-8")
        parse_toml(text)
        assert parse_toml(text) == tomllib.loads(text), name


def test_a_cache_file_for_other_text_or_damaged_is_not_believed(cache: Path) -> None:
    target = _cache_file(cache, TEXT)
    target.parent.mkdir(parents=True)
    # Another text under the same name (as a crc32 collision would give).
    target.write_bytes(marshal.dumps({"text": "other", "data": {"name": "wrong"}}))
    assert parse_toml(TEXT)["name"] == "x"
    for damaged in (b"", b"\xff not marshal", marshal.dumps(["a list"])):
        target.write_bytes(damaged)
        assert parse_toml(TEXT)["name"] == "x"


def test_bad_toml_is_still_an_error_and_dates_are_not_cached(cache: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml("name = ")
    dated = "when = 2026-11-23\n"
    assert str(parse_toml(dated)["when"]) == "2026-11-23"
    assert not _cache_file(cache, dated).exists()
