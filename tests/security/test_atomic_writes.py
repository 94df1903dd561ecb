"""Nothing lost: `render` and `fmt` write atomically; a failure mid-write keeps the old file.

The failure is injected into the write path (the write itself, and the final
rename) of the real CLI commands, run in-process through click's runner.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli

OLD = b"<svg>the old picture</svg>\n"
SOURCE = "journey: T\nstep a:   A\n    pain: slow   # keep this comment\n"


class Boom(OSError):
    """The injected failure: a disk that fills up half-way."""


def _fail_replace(src: object, dst: object) -> None:
    raise Boom(28, "No space left on device")


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def _fail_mid_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the temp file's write stop half-way with an error (every byte goes through os.write)."""
    real_write = os.write

    def half_write(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise Boom(28, "No space left on device")

    monkeypatch.setattr(os, "write", half_write)


@pytest.mark.parametrize("failure", ["rename", "write"])
def test_render_keeps_the_old_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    source = tmp_path / "map.journey"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "map.svg"
    target.write_bytes(OLD)
    if failure == "rename":
        monkeypatch.setattr(os, "replace", _fail_replace)
    else:
        _fail_mid_write(monkeypatch)
    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", ["rename", "write"])
def test_fmt_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    source = tmp_path / "map.journey"
    source.write_text(SOURCE, encoding="utf-8")
    if failure == "rename":
        monkeypatch.setattr(os, "replace", _fail_replace)
    else:
        _fail_mid_write(monkeypatch)
    result = CliRunner().invoke(cli, ["fmt", str(source)])
    assert result.exit_code == 1
    assert "E701" in result.output
    assert source.read_text(encoding="utf-8") == SOURCE
    assert _leftovers(tmp_path) == []


def test_a_successful_write_replaces_the_file(tmp_path: Path) -> None:
    source = tmp_path / "map.journey"
    source.write_text(SOURCE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(source)])
    assert result.exit_code == 0, result.output
    text = source.read_text(encoding="utf-8")
    assert "# keep this comment" in text and "pain: slow" in text
    assert _leftovers(tmp_path) == []


def test_write_atomic_gives_a_new_file_the_umask_mode_and_keeps_an_old_files_mode(
    tmp_path: Path,
) -> None:
    from journeymap.emit.output import write_atomic

    fresh = tmp_path / "fresh.svg"
    old_umask = os.umask(0o027)
    try:
        write_atomic(fresh, b"<svg/>")
    finally:
        os.umask(old_umask)
    assert fresh.read_bytes() == b"<svg/>"
    assert fresh.stat().st_mode & 0o777 == 0o640  # not the temp file's private 0600
    kept = tmp_path / "kept.svg"
    kept.write_bytes(b"old")
    kept.chmod(0o604)
    write_atomic(kept, b"new")
    assert kept.read_bytes() == b"new" and kept.stat().st_mode & 0o777 == 0o604
    assert _leftovers(tmp_path) == []


def test_write_atomic_steps_past_a_temp_name_already_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeymap.emit.output as output

    names = iter([b"\x00" * 6, b"\x00" * 6, b"\x01" * 6])
    monkeypatch.setattr(output.os, "urandom", lambda n: next(names))
    taken = tmp_path / f".out.svg.{'00' * 6}.tmp"
    taken.write_bytes(b"someone else's")
    output.write_atomic(tmp_path / "out.svg", b"mine")
    assert (tmp_path / "out.svg").read_bytes() == b"mine"
    assert taken.read_bytes() == b"someone else's"  # never opened, never removed
