"""Expressions compiled from the cache behave as `re.compile`'s; a bad cache is only a miss."""

from __future__ import annotations

import marshal
import re
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

from journeymap.language import parser, regex_cache, values

_SAMPLES = (
    "  step a: Sees the ad [persona=ana, fail-point]  # why",
    'f0 --> b0: "Hands over" ',
    'include "other.journey"',
    "    touchpoint: x [tier=primary",
    "é_x-1 -> y",
    "",
    "-2 Very\nbad",
    "62%",
    "#a0b1c2",
    "12000",
    "sees-an-ad",
)


def _patterns() -> tuple[str, ...]:
    """The expressions journeymap compiles through the cache."""
    fast = parser._fast_line()
    found = values._expressions()
    return (
        fast.line.pattern,
        fast.attribute_list.pattern,
        fast.attr.pattern,
        *(getattr(found, name).pattern for name in vars(found)),
    )


def test_the_program_is_what_re_compile_gives_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    sre = import_module("_sre")
    engine_compile = sre.compile
    seen: list[tuple[Any, ...]] = []

    def spy(*args: Any) -> Any:
        seen.append(args)
        return engine_compile(*args)

    monkeypatch.setattr(sre, "compile", spy)
    for pattern in _patterns():
        re.purge()
        re.compile(pattern)
        pattern_given, *rest = seen.pop()
        flags, code, groups, groupindex, indexgroup = regex_cache.program(pattern)
        assert [pattern_given, *rest] == [
            pattern,
            flags,
            code,
            groups,
            groupindex,
            tuple(indexgroup),
        ]


def _same(cached: re.Pattern[str], fresh: re.Pattern[str]) -> None:
    assert (cached.pattern, cached.flags, cached.groups, cached.groupindex) == (
        fresh.pattern,
        fresh.flags,
        fresh.groups,
        fresh.groupindex,
    )
    for sample in _SAMPLES:
        found, expected = cached.fullmatch(sample), fresh.fullmatch(sample)
        assert (found and (found.groups(), found.regs)) == (
            expected and (expected.groups(), expected.regs)
        )


def test_a_second_run_reads_what_the_first_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path))
    patterns = _patterns()
    first = regex_cache.compile_all(patterns)
    assert len(list(tmp_path.glob("regex-*.marshal"))) == 1
    monkeypatch.setattr(re, "compile", None)  # a second run may not need it
    second = regex_cache.compile_all(patterns)
    monkeypatch.undo()
    for cached, fresh, pattern in zip(second, first, patterns, strict=True):
        _same(cached, fresh)
        _same(cached, re.compile(pattern))


@pytest.mark.parametrize(
    "damage",
    [b"\x80not marshal", marshal.dumps({"identity": 1}), marshal.dumps({}), marshal.dumps([1])],
)
def test_a_damaged_cache_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path))
    patterns = _patterns()
    regex_cache.compile_all(patterns)
    (cache_file,) = tmp_path.glob("regex-*.marshal")
    cache_file.write_bytes(damage)
    for cached, pattern in zip(regex_cache.compile_all(patterns), patterns, strict=True):
        _same(cached, re.compile(pattern))


def test_a_program_the_engine_refuses_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNEYMAP_CACHE_DIR", str(tmp_path))
    patterns = _patterns()
    regex_cache.compile_all(patterns)
    (cache_file,) = tmp_path.glob("regex-*.marshal")
    cached = marshal.loads(cache_file.read_bytes())
    cached["programs"][0] = [0, [999999], 0, {}, []]  # an opcode that does not exist
    cache_file.write_bytes(marshal.dumps(cached))
    for cached, pattern in zip(regex_cache.compile_all(patterns), patterns, strict=True):
        _same(cached, re.compile(pattern))
