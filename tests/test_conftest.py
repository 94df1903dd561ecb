"""tests/conftest.py seals every test: home, XDG directories and cwd live in its tmp_path (#19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, files_below

_XDG = ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


def test_home_xdg_and_cwd_are_fresh_folders_in_tmp_path(tmp_path: Path) -> None:
    places = [Path.home(), Path("~").expanduser(), Path.cwd(), *(Path(os.environ[x]) for x in _XDG)]
    for place in places:
        assert place.is_dir() and place.is_relative_to(tmp_path), place
        assert list(place.iterdir()) == [], f"{place} is not empty"
    assert len({Path.home(), Path.cwd(), *(Path(os.environ[x]) for x in _XDG)}) == 6
    assert not Path.cwd().is_relative_to(REPO)


def test_a_relative_path_into_the_repository_is_not_found() -> None:
    assert (REPO / "gallery").is_dir()
    assert not Path("gallery").exists()
    assert not Path("tests/conftest.py").exists()


def test_subprocesses_inherit_the_sealed_home_and_cwd(tmp_path: Path) -> None:
    probe = "import os, pathlib; print(pathlib.Path.home()); print(os.getcwd())"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [str(Path.home()), str(Path.cwd())]
    assert Path(done.stdout.splitlines()[0]).is_relative_to(tmp_path)


def test_hypothesis_keeps_its_storage_in_a_folder_of_this_run(
    pytestconfig: pytest.Config,
) -> None:
    storage = Path(os.environ["HYPOTHESIS_STORAGE_DIRECTORY"])
    assert storage.is_dir() and storage.name.startswith("journeymap-hypothesis-")
    assert not storage.is_relative_to(REPO)
    assert storage != pytestconfig.invocation_params.dir / ".hypothesis"


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_with_an_empty_home(turn: str, tmp_path: Path) -> None:
    # Both turns write the same file; the second would find the first's without a fresh home.
    assert Path.home().is_relative_to(tmp_path)  # checked first: never write to a real home
    marker = Path.home() / ".marker"
    assert not marker.exists()
    marker.write_text(turn, encoding="utf-8")
    assert Path("~/.marker").expanduser().read_text(encoding="utf-8") == turn


def test_files_below_skips_the_empty_sealed_folders_but_not_a_stray_file(tmp_path: Path) -> None:
    (tmp_path / "kept.journey").write_text("journey: T\n", encoding="utf-8")
    assert files_below(tmp_path) == ["kept.journey"]
    assert Path.home().is_relative_to(tmp_path) and Path.cwd().is_relative_to(tmp_path)
    Path("stray.svg").write_text("<svg/>", encoding="utf-8")
    (Path.home() / ".cache-file").write_text("x", encoding="utf-8")
    assert files_below(tmp_path) == ["_env/cwd/stray.svg", "_env/home/.cache-file", "kept.journey"]
