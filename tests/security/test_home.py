"""The command line needs no home directory and writes nothing to HOME, XDG_CACHE_HOME or TMPDIR.

Every command of a smoke set runs as the real program (`python -m journeymap`)
in a fresh process: with HOME unset, with HOME naming a directory that does not
exist, with read-only HOME, XDG_CACHE_HOME and TMPDIR, and as a user with no
passwd entry. The directories are listed before and after each run, since
tests often run as root, whom permission bits do not stop.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

PACKAGE = REPO / "src" / "journeymap"
BAD = 'journey: Broken\nstage s: Start\n  step a: "Walks in\n'
NO_PASSWD_UID = 54321

# (arguments, expected exit code); run in order in one working directory.
SMOKE: list[tuple[list[str], int]] = [
    (["new", "map.journey"], 0),
    (["check", "map.journey"], 0),
    (["check", "bad.journey"], 1),  # an error: the line goes to Lark
    (["render", "map.journey", "-o", "map.svg"], 0),
    (["render", "map.journey", "--format", "png", "-o", "map.png"], 0),
    (["render", "map.journey", "--view", "blueprint", "-o", "blueprint.svg"], 0),
    (["fmt", "--check", "map.journey"], 0),
    (["report", "map.journey"], 0),
    (["diff", "map.journey", "other.journey"], 1),  # 1: there are changes
    (["themes"], 0),
]


def _environment(**changes: str) -> dict[str, str]:
    """This process's environment without HOME, the XDG directories, TMPDIR or JOURNEYMAP_*."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HOME", "TMPDIR", "TMP", "TEMP")
        and not key.startswith(("XDG_", "JOURNEYMAP_", "PYTEST_"))
    }
    # The interpreter itself writes no bytecode anywhere either.
    return {**env, "PYTHONDONTWRITEBYTECODE": "1", **changes}


def _run_smoke(
    work: Path, env: dict[str, str], preexec: Callable[[], None] | None = None
) -> list[str]:
    """Every smoke command, in `work`; the problems found (none when all went well)."""
    (work / "bad.journey").write_text(BAD, encoding="utf-8")
    problems = []
    for args, expected in SMOKE:
        if args[0] == "diff":
            text = (work / "map.journey").read_text(encoding="utf-8")
            (work / "other.journey").write_text(text.replace("journey: ", "journey: New ", 1))
        done = subprocess.run(
            [sys.executable, "-m", "journeymap", *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            preexec_fn=preexec,
        )
        if done.returncode != expected or "Traceback" in done.stderr:
            problems.append(f"{' '.join(args)} -> {done.returncode}: {done.stderr[-600:]}")
    if not problems:
        assert (work / "map.png").read_bytes().startswith(b"\x89PNG")
    return problems


def _listing(root: Path) -> list[tuple[str, int, int, int]]:
    """Every entry below `root` with its mode, size and time: a write changes some of it."""
    entries = []
    for path in [root, *sorted(root.rglob("*"))]:
        info = path.lstat()
        size = 0 if stat.S_ISDIR(info.st_mode) else info.st_size
        entries.append((path.relative_to(root).as_posix(), info.st_mode, size, info.st_mtime_ns))
    return entries


def test_with_home_unset(tmp_path: Path) -> None:
    assert _run_smoke(tmp_path, _environment()) == []


def test_with_home_naming_a_directory_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "home"
    work = tmp_path / "work"
    work.mkdir()
    assert _run_smoke(work, _environment(HOME=str(missing))) == []
    assert not (tmp_path / "no").exists()


def test_read_only_home_cache_and_temporary_directories_are_left_as_found(
    tmp_path: Path,
) -> None:
    places = {name: tmp_path / name.lower() for name in ("HOME", "XDG_CACHE_HOME", "TMPDIR")}
    for directory in places.values():
        (directory / ".cache").mkdir(parents=True)
        (directory / "kept.txt").write_text("as found\n", encoding="utf-8")
    for directory in places.values():
        for path in [*directory.rglob("*"), directory]:
            if path.is_dir():
                path.chmod(0o555)
    before = {name: _listing(directory) for name, directory in places.items()}
    work = tmp_path / "work"
    work.mkdir()
    env = _environment(**{name: str(directory) for name, directory in places.items()})
    try:
        assert _run_smoke(work, env) == []
        assert {name: _listing(directory) for name, directory in places.items()} == before
    finally:
        for directory in places.values():
            for path in [directory, *directory.rglob("*")]:
                if path.is_dir():
                    path.chmod(0o755)


def _world_can_run(path: Path) -> bool:
    """Whether a user with no rights of its own can reach and read `path`."""
    for part in [*reversed(path.parents), path]:
        mode = part.stat().st_mode
        if not mode & (stat.S_IXOTH if part.is_dir() else stat.S_IROTH):
            return False
    return True


def _as_user_without_passwd_entry() -> Callable[[], None]:
    """A preexec function that makes the child a user with no passwd entry.

    The user is fully unprivileged when it can reach this interpreter and the
    package. Otherwise (an interpreter under /root, say) only the real user
    changes: `Path.home()` looks up the real user's passwd entry, while file
    access goes by the effective one, which stays root.
    """
    reachable = all(
        _world_can_run(Path(p).resolve())
        for p in (sys.executable, sys.prefix, os.__file__, PACKAGE / "__init__.py")
    )

    def drop() -> None:
        if reachable:
            os.setgroups([])
            os.setgid(NO_PASSWD_UID)
            os.setuid(NO_PASSWD_UID)
        else:
            os.setreuid(NO_PASSWD_UID, 0)

    return drop


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can become another user"
)
def test_a_user_with_no_passwd_entry_and_no_home(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        pwd.getpwuid(NO_PASSWD_UID)
    os.chown(tmp_path, NO_PASSWD_UID, NO_PASSWD_UID)
    env = _environment()
    drop = _as_user_without_passwd_entry()
    # The setting is real: Python itself cannot find this user's home.
    probe = subprocess.run(
        [sys.executable, "-c", "import pathlib; pathlib.Path.home()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=drop,
    )
    assert probe.returncode != 0 and "home directory" in probe.stderr, probe.stderr
    assert _run_smoke(tmp_path, env, drop) == []


def test_the_package_never_asks_for_the_home_directory() -> None:
    asking = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "Path.home" in line or "expanduser" in line or "XDG_CACHE_HOME" in line
    ]
    assert asking == []
