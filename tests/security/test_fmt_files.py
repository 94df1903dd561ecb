"""`fmt` respects the files it rewrites (issue 20): links, hard links, mode, owner,
read-only files, a full disk and signals mid-write.

Failures are injected into `os.write` (a disk that fills up half-way), the
call every byte of a rewrite goes through. Signals are sent to a real `fmt`
process held inside its write (tests/security/fmt_child.py).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from journeymap.cli.app import cli
from journeymap.language.format import format_bytes
from tests.conftest import REPO

SOURCE = "journey: T\nstep a:   A\n    pain: slow   # keep this comment\n"
FORMATTED = format_bytes(SOURCE.encode("utf-8"), "map.journey").text
assert FORMATTED is not None and FORMATTED != SOURCE


def _fmt(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["fmt", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _temps(*directories: Path) -> list[str]:
    return sorted(p.name for d in directories for p in d.iterdir() if p.name.endswith(".tmp"))


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return root


def _full_disk(monkeypatch: pytest.MonkeyPatch, let_through: int = 0) -> list[int]:
    """Let `let_through` writes pass, then write half of the next and report a full disk;
    later writes (putting the original back) pass again. Returns the calls."""
    real_write = os.write
    calls: list[int] = []

    def write(fd: int, data: bytes | memoryview) -> int:
        calls.append(fd)
        if len(calls) != let_through + 1:
            return real_write(fd, data)
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    return calls


def test_the_formatter_changes_the_sample(tmp_path: Path) -> None:
    # The premise of every test here: SOURCE is rewritten to FORMATTED.
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    assert _fmt(str(path)) == (0, "1 of 1 file(s) reformatted\n")
    assert path.read_text(encoding="utf-8") == FORMATTED


def test_a_link_into_the_root_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "shared").mkdir()
    target = root / "shared" / "map.journey"
    target.write_text(SOURCE, encoding="utf-8")
    link = root / "map.journey"
    link.symlink_to("shared/map.journey")
    code, output = _fmt("--root", str(root), str(link))
    assert code == 0, output
    assert link.is_symlink() and os.readlink(link) == "shared/map.journey"
    assert target.read_text(encoding="utf-8") == FORMATTED
    assert _temps(root, root / "shared") == []


def test_a_link_in_a_directory_argument_may_lead_anywhere_inside_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "b" / "real.journey").write_text(SOURCE, encoding="utf-8")
    (root / "a" / "map.journey").symlink_to("../b/real.journey")
    code, output = _fmt(str(root / "a" / "map.journey"))
    assert code == 1 and "outside the root" in output  # named alone, its root is a/
    code, output = _fmt(str(root))
    assert code == 0, output
    assert (root / "a" / "map.journey").is_symlink()
    assert (root / "b" / "real.journey").read_text(encoding="utf-8") == FORMATTED


def test_a_link_out_of_the_root_is_skipped_and_named(tmp_path: Path) -> None:
    root = _project(tmp_path)
    outside = tmp_path / "elsewhere.journey"
    outside.write_text(SOURCE, encoding="utf-8")
    link = root / "map.journey"
    link.symlink_to(outside)
    code, output = _fmt(str(link))
    assert code == 1
    assert f"{link}: error[E701]: skipped: a symbolic link to `{outside}`" in output
    assert "outside the root" in output
    assert outside.read_text(encoding="utf-8") == SOURCE
    assert link.is_symlink()
    # Nothing of the target is read, so nothing of it can be quoted.
    assert "pain" not in output and "slow" not in output


def test_a_link_out_of_a_directory_argument_is_skipped(tmp_path: Path) -> None:
    root = _project(tmp_path)
    outside = tmp_path / "secret.journey"
    outside.write_text(SOURCE, encoding="utf-8")
    (root / "ok.journey").write_text(SOURCE, encoding="utf-8")
    (root / "evil.journey").symlink_to(outside)
    code, output = _fmt(str(root))
    # Directory mode's walker names the link and goes on: the files the folder holds
    # are formatted (exit 0), a link explicitly named on the command line is an error.
    assert code == 0
    assert "evil.journey: skipped: a symbolic link to outside the folder" in output
    assert outside.read_text(encoding="utf-8") == SOURCE
    assert (root / "ok.journey").read_text(encoding="utf-8") == FORMATTED


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    first = tmp_path / "map.journey"
    first.write_text(SOURCE, encoding="utf-8")
    second = tmp_path / "same.journey"
    os.link(first, second)
    inode = first.stat().st_ino
    code, output = _fmt(str(first))
    assert code == 0, output
    assert first.stat().st_ino == second.stat().st_ino == inode
    assert first.stat().st_nlink == 2
    assert second.read_text(encoding="utf-8") == FORMATTED
    assert _temps(tmp_path) == []


def test_a_hard_linked_file_gets_its_original_back_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "map.journey"
    first.write_text(SOURCE, encoding="utf-8")
    os.link(first, tmp_path / "same.journey")
    # The synced copy of the original is written first, then the file itself fails half-way.
    calls = _full_disk(monkeypatch, let_through=1)
    code, output = _fmt(str(first))
    assert len(calls) >= 3  # the copy, the failed write, the original written back
    assert code == 1
    assert "E701" in output and "No space left on device" in output
    assert "0 of 1 file(s) reformatted" in output
    assert first.read_text(encoding="utf-8") == SOURCE
    assert first.stat().st_nlink == 2
    assert _temps(tmp_path) == []


def test_a_hard_linked_file_is_first_copied_beside_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "map.journey"
    first.write_text(SOURCE, encoding="utf-8")
    os.link(first, tmp_path / "same.journey")
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        seen.append(_temps(tmp_path))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert _fmt(str(first))[0] == 0
    assert seen and len(seen[0]) == 1  # the synced copy exists while the file is rewritten
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o755])
def test_the_mode_is_kept(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    path.chmod(mode)
    assert _fmt(str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert path.stat().st_mode & 0o7777 == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
@pytest.mark.parametrize("links", [1, 2])
def test_the_owner_is_kept(tmp_path: Path, links: int) -> None:
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    if links == 2:
        os.link(path, tmp_path / "same.journey")
    os.chown(path, 12345, 23456)
    assert _fmt(str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_read_only_file_is_refused_and_left_untouched(tmp_path: Path, mode: int) -> None:
    # Checked by the mode bits: as root (CI containers), the write itself would succeed.
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    path.chmod(mode)
    before = path.stat()
    code, output = _fmt(str(path))
    assert code == 1
    assert "E701" in output and "read-only" in output
    assert "0 of 1 file(s) reformatted" in output
    after = path.stat()
    assert path.read_text(encoding="utf-8") == SOURCE
    assert (after.st_ino, after.st_mtime_ns, after.st_mode) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_mode,
    )
    # --check only reads, so a read-only file may still be checked.
    assert _fmt("--check", str(path)) == (
        1,
        f"would reformat {path}\n1 of 1 file(s) would be reformatted\n",
    )


@pytest.mark.parametrize("links", [1, 2])
def test_a_full_disk_is_exit_1_and_never_reported_as_reformatted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: int
) -> None:
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    if links == 2:
        os.link(path, tmp_path / "same.journey")
    _full_disk(monkeypatch)
    code, output = _fmt(str(path))
    assert code == 1
    assert f"{path}: error[E701]: cannot write the file: No space left on device" in output
    assert "0 of 1 file(s) reformatted" in output
    assert path.read_text(encoding="utf-8") == SOURCE
    assert _temps(tmp_path) == []


def test_one_failed_file_does_not_stop_or_miscount_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = tmp_path / "a.journey", tmp_path / "b.journey"
    good.write_text(SOURCE, encoding="utf-8")
    bad.write_text(SOURCE, encoding="utf-8")
    bad.chmod(0o444)
    code, output = _fmt(str(good), str(bad))
    assert code == 1
    assert "1 of 2 file(s) reformatted" in output
    assert good.read_text(encoding="utf-8") == FORMATTED
    assert bad.read_text(encoding="utf-8") == SOURCE


CHILD = REPO / "tests" / "security" / "fmt_child.py"


@pytest.mark.parametrize("links", [1, 2])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_mid_write_leaves_a_whole_file_and_no_temporary_file(
    tmp_path: Path, links: int, signum: int
) -> None:
    path = tmp_path / "map.journey"
    path.write_text(SOURCE, encoding="utf-8")
    if links == 2:
        os.link(path, tmp_path / "same.journey")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline() == b"writing\n"  # held inside the first fsync
        assert _temps(tmp_path)  # the temporary file exists now
        child.send_signal(signum)
        child.stdin.write(b"go on\n")
        child.stdin.flush()
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    # The signal still ends the process, once the file is whole again.
    assert child.returncode in (-signum, 1, 130), err
    assert b"Traceback" not in err
    assert path.read_text(encoding="utf-8") in (SOURCE, FORMATTED)
    assert path.stat().st_nlink == links
    assert _temps(tmp_path) == []
