"""Shared fixtures: paths, a sealed home and cwd per test, and a helper that compiles text."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import journeymap
import journeymap.emit.svg
from journeymap.compiler.load import Compiled
from journeymap.layout.scene import Scene
from tests.security.inert import svg_problems

REPO = Path(__file__).resolve().parents[1]
GALLERY = REPO / "gallery"

# Where a process may look for per-user state; each test gets its own empty one.
_USER_DIRS = ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


_HYPOTHESIS_STORAGE = pytest.StashKey[tuple[Path, str | None]]()


def pytest_configure(config: pytest.Config) -> None:
    """Give Hypothesis a storage folder of this run's own, removed when the run ends.

    By default it keeps its example database and caches in `.hypothesis/` below
    the directory pytest started in, and replays old runs' examples from it.
    Its plugin first reads HYPOTHESIS_STORAGE_DIRECTORY while collecting, before
    any fixture runs, so the folder is made here rather than in _sealed_session.
    """
    storage = Path(tempfile.mkdtemp(prefix="journeymap-hypothesis-"))
    config.stash[_HYPOTHESIS_STORAGE] = (storage, os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"))
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(storage)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the run's Hypothesis folder and put the variable back as it was."""
    storage, before = config.stash[_HYPOTHESIS_STORAGE]
    shutil.rmtree(storage, ignore_errors=True)
    if before is None:
        os.environ.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)
    else:
        os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = before


def _seal(folder: Path, patch: pytest.MonkeyPatch) -> None:
    """Point HOME and the XDG directories at empty folders below `folder`, and chdir there."""
    sealed = folder / "_env"
    for name in _USER_DIRS:
        (sealed / name.lower()).mkdir(parents=True)
        patch.setenv(name, str(sealed / name.lower()))
    (sealed / "cwd").mkdir()
    patch.chdir(sealed / "cwd")


@pytest.fixture(autouse=True, scope="session")
def _sealed_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Seal module- and session-scoped fixtures too (a wheel build, a git repo for pre-commit).

    They are set up before any test's own fixtures, so without this they would
    run with the real home (pip's cache, ~/.gitconfig) and pytest's cwd.
    """
    with pytest.MonkeyPatch.context() as patch:
        _seal(tmp_path_factory.mktemp("session"), patch)
        yield


@pytest.fixture(autouse=True)
def _sealed_home_and_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give every test a fresh home, XDG directories and working directory below its tmp_path.

    Issue #19: no test may depend on state outside its temporary directory. A
    test that reads `Path("gallery/...")` relative to wherever pytest was
    started, or that leaves files in ~ or ~/.cache, now fails instead of
    passing by luck; tests reach the repository through REPO and GALLERY.
    Subprocesses inherit the same environment and cwd, so tools they run
    (Chromium, Graphviz, git, pip, pre-commit) are sealed in too.
    """
    _seal(tmp_path, monkeypatch)


def files_below(folder: Path) -> list[str]:
    """Every file below `folder`, as sorted relative POSIX paths.

    Tests that prove a command wrote nothing stray list their tmp_path with
    this: the sealed home and cwd are empty folders, so they add nothing, yet a
    file written into either shows up (as `_env/cwd/...`) and fails the test.
    """
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(autouse=True, scope="session")
def _every_svg_is_inert() -> Iterator[None]:
    """Check every SVG any test draws in this process for active content (issue #10).

    The emitter is wrapped for the whole session, so a map, blueprint, matrix
    or diff picture drawn by any test (goldens, layout, CLI in-process) is
    parsed with defusedxml and held to tests/security/inert.py.
    """
    draw = journeymap.emit.svg.to_svg

    def checked(scene: Scene) -> str:
        svg = draw(scene)
        problems = svg_problems(svg)
        assert problems == [], f"the SVG of {scene.title!r} is not inert: {problems[:5]}"
        return svg

    with pytest.MonkeyPatch.context() as patch:
        # The one render path (emit.pipeline.draw) looks the name up when it draws.
        patch.setattr(journeymap.emit.svg, "to_svg", checked)
        yield


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
