"""The LALR tables are built once and then loaded from a cache; a bad cache is rebuilt."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

SNIPPET = (
    "import journeymap.language.parser as p\np.lark_parser()\nprint(p._terminal_patterns()['ID'])\n"
)


def _run(cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JOURNEYMAP_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, check=False
    )


def test_first_run_writes_the_cache_and_later_runs_read_it(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first.returncode == 0, first.stderr
    tables = sorted(cache.glob("parser-*.lark"))
    terminals = sorted(cache.glob("terminals-*.marshal"))
    assert len(tables) == 1 and len(terminals) == 1
    stamp = tables[0].stat().st_mtime_ns
    second = _run(cache)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert tables[0].stat().st_mtime_ns == stamp  # read, not rewritten
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]


def test_a_damaged_cache_is_rebuilt_silently(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _run(cache).returncode == 0
    for path in cache.iterdir():
        path.write_bytes(b"\x80not a cache")
    again = _run(cache)
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""  # no traceback, no warning: the user never sees the cache
    assert (cache / next(p.name for p in cache.glob("parser-*.lark"))).read_bytes()[
        :4
    ] != b"\x80not"


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x", encoding="utf-8")
    result = _run(blocked / "cache")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_terminals_cache_written_for_another_grammar_is_not_trusted(tmp_path: Path) -> None:
    # The terminals file is named by a cheap checksum, so it carries the grammar
    # identity it was built from; a file whose identity differs is rebuilt.
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first.returncode == 0, first.stderr
    (terminals,) = cache.glob("terminals-*.marshal")
    wrong = marshal.loads(terminals.read_bytes())
    wrong["identity"] = "some other grammar"
    wrong["ID"] = "x"
    terminals.write_bytes(marshal.dumps(wrong))
    again = _run(cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout  # the real ID pattern, not the planted "x"
    assert marshal.loads(terminals.read_bytes())["identity"] != "some other grammar"
